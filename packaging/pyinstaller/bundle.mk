# The standalone program: bundle (PyInstaller one-folder) and deb (dpkg-deb from the bundle).
# Included by the Makefile (VENV, PY, STAMP and CATALOGS come from there; DESKTOP_ICONS and
# DESKTOP_ICONS_STAMP from packaging/linux/desktop.mk).
#
#   make bundle   dist/goldseam/, run as dist/goldseam/goldseam (about 160 MiB; see goldseam.spec)
#   make deb      dist/goldseam_VERSION_ARCH.deb from it (packaging/pyinstaller/make_deb.py)

# dpkg-deb's compression: its default, xz, makes the smallest package (about 44 MiB) in a minute
# or two; DEB_COMPRESSION="-Zzstd -z9" takes seconds for about 55 MiB.
DEB_COMPRESSION ?=

.PHONY: bundle deb

bundle: $(STAMP) $(CATALOGS)
	$(VENV)/bin/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
		packaging/pyinstaller/goldseam.spec

deb: bundle $(DESKTOP_ICONS_STAMP)
	$(PY) packaging/pyinstaller/make_deb.py --bundle dist/goldseam --icons $(DESKTOP_ICONS) --output dist \
		--work build/deb --compression='$(DEB_COMPRESSION)'
