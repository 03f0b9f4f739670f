# Desktop integration for the current user: install-desktop, uninstall-desktop, icons.
# Included by the Makefile (PY, VENV and STAMP come from there). The work is done by
# packaging/linux/install_desktop.py (standard library only; its docstring lists every file
# and the system layout a package uses) and make_icons.py (renders the hicolor PNGs with Qt).

# The program the menu entry starts; a bundle's or a package's install passes its own path.
GOLDSEAM_EXEC ?= $(abspath $(VENV))/bin/goldseam
DESKTOP_ICONS := build/icons
DESKTOP_ICONS_STAMP := $(DESKTOP_ICONS)/.rendered

.PHONY: icons install-desktop uninstall-desktop

icons: $(DESKTOP_ICONS_STAMP)

$(DESKTOP_ICONS_STAMP): resources/icons/goldseam.svg resources/icons/io.github.goldseam.Goldseam-symbolic.svg \
                        packaging/linux/make_icons.py $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) packaging/linux/make_icons.py $(DESKTOP_ICONS) >/dev/null
	@touch $@

# Installs for the current user under $XDG_DATA_HOME (default ~/.local/share): menu entry,
# metainfo, icons, man page, bash/zsh/fish completions. Nothing of the person's data is touched.
install-desktop: $(DESKTOP_ICONS_STAMP)
	$(PY) packaging/linux/install_desktop.py install --exec '$(GOLDSEAM_EXEC)' --icons $(DESKTOP_ICONS)

# Removes exactly what install-desktop installed (and folders left empty); the data folder stays.
uninstall-desktop:
	$(PYTHON) packaging/linux/install_desktop.py uninstall
