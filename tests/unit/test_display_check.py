"""The one line a person sees when no window can open."""

from goldseam.display_check import display_problem


def test_display_check_names_the_fix():
    assert "xvfb-run" in display_problem({})
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}) is None
    assert display_problem({"WAYLAND_DISPLAY": "wayland-0"}) is None
