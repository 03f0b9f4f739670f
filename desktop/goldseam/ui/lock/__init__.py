"""The passphrase lock in the window: the lock screen, unlocking, the quick hide, the lock settings."""
