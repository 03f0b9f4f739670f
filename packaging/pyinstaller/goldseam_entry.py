"""What the bundle's `goldseam` executable runs: the same main as the installed command."""

import sys

from goldseam.cli import main

sys.exit(main())
