# The standalone program: bundle (PyInstaller one-folder) and deb (dpkg-deb from the bundle).
