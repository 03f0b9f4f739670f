"""Shared test setup. The one place that makes Qt headless."""

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"

import pytest  # noqa: E402

from goldseam.core.moment import RepairMoment  # noqa: E402
from pytestqt.qtbot import QtBot  # noqa: E402

# Waiting for a condition is never a tolerance: every limit of pytest-qt's waits (5 s by default,
# a few seconds where a test named one) is at least a minute, so a test holds on a busy machine
# (two suites side by side on two cores, and a busy loop on each); a test that passes does not
# wait longer, and none expects a wait to run out (speed is measured in benchmarks, not in tests).
PATIENCE_MS = 60_000


def _patient(wait):
    def patient(self, *args, timeout: int = PATIENCE_MS, **kwargs):
        return wait(self, *args, timeout=max(timeout, PATIENCE_MS), **kwargs)
    patient.__doc__ = wait.__doc__
    return patient


for _name in ("waitUntil", "waitSignal", "waitSignals", "waitExposed", "waitActive", "waitCallback"):
    if hasattr(QtBot, _name):
        setattr(QtBot, _name, _patient(getattr(QtBot, _name)))


@pytest.fixture
def data_dir(tmp_path):
    return tmp_path / "data"


@pytest.fixture
def sample_moment():
    def make(**notice) -> RepairMoment:
        moment = RepairMoment()
        moment.notice.what_happened = notice.get("what", "We argued about the dishes")
        moment.notice.intensity = notice.get("intensity", 7)
        moment.notice.feelings = ["hurt", "sad"]
        moment.acknowledge.text = "I can see how that felt dismissive."
        moment.reach_back.phrase = "Can we start over?"
        moment.reach_back.category = "reset"
        moment.reach_back.when = "now"
        moment.accept.offered = "A hug"
        moment.accept.how_it_landed = "Softer"
        moment.accept.intensity = 3
        moment.completed = True
        return moment

    return make
