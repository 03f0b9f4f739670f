"""Qt widgets. They show and edit; they never open files themselves."""
