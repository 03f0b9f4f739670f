"""Speed where the history is long (issue 24): start-up, the bulk import and the exports, and the
look back, each against its plain baseline measured in the same run, in one table.

The rows come from start_bench.py (first paint and peak memory at 0 / 10,000 / 50,000 moments
against a bare QMainWindow with a QLabel), transfer_bench.py (`goldseam import` of an export and
`goldseam export` as JSON and Markdown against `json.load` of the same data) and
lookback_bench.py (the look back's full load and its first open); each file says how it measures.
Run alone: `python tests/benchmarks/speed_bench.py` (`make bench-speed`); `run_benchmarks.py`
prints the same table first.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import lookback_bench  # noqa: E402
import start_bench  # noqa: E402
import transfer_bench  # noqa: E402
from run_benchmarks import compile_bytecode  # noqa: E402


def rows(log=lambda text: print(text, file=sys.stderr, flush=True)) -> list[str]:
    out = ["| issue 24: where the history is long | baseline | Goldseam | ratio | target | load (1 min) before → after |",
           "|---|---:|---:|---:|---|---|"]
    notes: list[str] = []
    for bench in (start_bench, transfer_bench, lookback_bench):
        lines = bench.rows(log)
        out += [line for line in lines[2:] if line.startswith("|")]     # each one's own header left out
        notes += [line for line in lines[2:] if line and not line.startswith("|")]
    return out + ([""] + notes if notes else [])


def main() -> int:
    compile_bytecode()
    for line in rows():
        print(line)
    print(f"\n{sys.platform}, Python {sys.version.split()[0]}, {os.cpu_count()} cores, load average at the end "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
