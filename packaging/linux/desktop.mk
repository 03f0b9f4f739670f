# Desktop integration for the current user: install-desktop, uninstall-desktop, icons.
