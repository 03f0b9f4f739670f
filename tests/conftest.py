"""Shared test setup. The one place that makes Qt headless."""

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"

import pytest  # noqa: E402

from goldseam.core.moment import RepairMoment  # noqa: E402


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
