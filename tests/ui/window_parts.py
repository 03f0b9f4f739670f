"""The composition root's parts of each window a test opened, for the tests that reach the
calls, the promise keeper or the preferences (the window itself holds none of them)."""

_opened: dict[int, object] = {}


def remember(parts) -> None:
    _opened[id(parts.window)] = parts


def parts_of(window):
    return _opened[id(window)]
