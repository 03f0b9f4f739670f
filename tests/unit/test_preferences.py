"""The app-wide choices read from settings.json: each key on its own, anything strange falls back."""

from goldseam.core import preferences
from goldseam.core.preferences import Preferences


def test_nothing_stored_gives_the_defaults():
    assert Preferences.from_settings(lambda key, default: default) == Preferences()


def test_each_strange_value_falls_back_alone():
    stored = {"theme": "dark", "motion": "sideways", "language": "de", "pause_minutes": True, "notify": "yes"}
    chosen = Preferences.from_settings(lambda key, default: stored.get(key, default))
    assert chosen == Preferences(theme="dark", language="de")
    stored = {"theme": ["dark"], "language": "../../etc" , "pause_minutes": 10 ** 9}
    assert Preferences.from_settings(lambda key, default: stored.get(key, default)) == Preferences()


def test_a_round_trip_through_settings():
    chosen = Preferences(theme="light", motion="still", language="de", pause_minutes=45, notify=False)
    stored = chosen.to_settings()
    assert Preferences.from_settings(lambda key, default: stored.get(key, default)) == chosen


def test_still_follows_the_system_only_when_asked_to():
    assert preferences.still("system", True) and not preferences.still("system", False)
    assert preferences.still("still", False) and not preferences.still("moving", True)
