"""What a passphrase for the lock must be: long enough to stand a guess, and typed the same twice.

Words, not a jumble: a few words are easier to keep in mind than eight random signs, and a
lost passphrase means lost notes. Said the same by the window and the command line.
"""

from __future__ import annotations

from ..i18n import _

MIN_LENGTH = 8


def problem(passphrase: str, again: str | None = None) -> str | None:
    """Why this passphrase cannot be used, in the person's words; None when it can."""
    if len(passphrase.strip()) < MIN_LENGTH:
        return _("A passphrase needs at least {n} characters. A few words you will remember work well.").format(
            n=MIN_LENGTH)
    if again is not None and again != passphrase:
        return _("The two passphrases are not the same. Type it once more, slowly.")
    return None


def wait_after(wrong_attempts: int) -> int:
    """Seconds to wait before the next try after so many wrong ones: none for the first two
    (a typo), then 2, 4, 8 … up to a minute. Nothing is ever deleted for a wrong passphrase."""
    if wrong_attempts < 3:
        return 0
    return min(60, 2 ** (wrong_attempts - 2))


def no_core_dumps() -> None:
    """A passphrase or a key in memory never lands in a core file Goldseam can prevent (called before
    one is asked for or used, in the window and on the command line)."""
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ImportError, ValueError, OSError):
        pass        # not on this system: nothing more Goldseam can do
