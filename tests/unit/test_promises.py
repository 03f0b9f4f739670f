"""promises.json: a pause taken alone and the reminders survive a restart, one write each."""

import json
import os
import stat
from datetime import datetime, timezone

import pytest

from goldseam.core import pause as rules
from goldseam.core.moment import RepairMoment
from goldseam.storage.data_folder import DataFolder
from goldseam.storage.health_check import check_folder
from goldseam.storage.promises import Reminder

T0 = datetime(2026, 11, 28, 20, 0, tzinfo=timezone.utc)
ID_A = "0f2b3c4d-0000-4000-8000-00000000000a"
ID_B = "0f2b3c4d-0000-4000-8000-00000000000b"


def a_pause(minutes=20) -> RepairMoment:
    moment = RepairMoment(kind="pause")
    rules.start(moment.pause, minutes, T0)
    return moment


def test_a_running_pause_survives_a_restart(data_dir):
    moment = a_pause()
    with DataFolder.open(data_dir) as data:
        data.promises.keep_pause(moment)
    with DataFolder.open(data_dir) as data:
        kept = data.promises.pause()
        assert kept is not None and kept.id == moment.id and kept.kind == "pause"
        assert kept.pause.return_at == "2026-11-28T20:20:00+00:00"
        data.promises.drop_pause()
    with DataFolder.open(data_dir) as data:
        assert data.promises.pause() is None
    assert stat.S_IMODE(os.stat(data_dir / "promises.json").st_mode) == 0o600


def test_reminders_come_soonest_first_and_one_per_moment(data_dir):
    with DataFolder.open(data_dir) as data:
        data.promises.remind(Reminder(ID_A, "2026-11-28T22:00:00+00:00"))
        data.promises.remind(Reminder(ID_B, "2026-11-28T21:30:00+01:00"))    # 20:30 UTC: sooner
        data.promises.remind(Reminder(ID_A, "2026-11-29T08:00:00+00:00"))    # moved, not added
    with DataFolder.open(data_dir) as data:
        assert data.promises.reminders() == [Reminder(ID_B, "2026-11-28T21:30:00+01:00"),
                                             Reminder(ID_A, "2026-11-29T08:00:00+00:00")]
        data.promises.forget_reminder(ID_B)
        assert [r.moment_id for r in data.promises.reminders()] == [ID_A]


def test_a_reminder_without_a_proper_time_is_never_written(data_dir):
    with DataFolder.open(data_dir) as data:
        with pytest.raises(ValueError):
            data.promises.remind(Reminder(ID_A, "tomorrow evening"))
        assert data.promises.reminders() == []


def test_a_stored_record_it_cannot_read_is_left_alone(data_dir):
    with DataFolder.open(data_dir) as data:
        data.promises.remind(Reminder(ID_A, "2026-11-28T22:00:00+00:00"))
        data.promises.keep_pause(a_pause())
    path = data_dir / "promises.json"
    document = json.loads(path.read_text())
    document["data"]["reminders"]["2"] = {"moment_id": ID_B, "due_at": 42}
    document["data"]["pause"]["1"]["kind"] = "a kind from the future"
    del document["crc32"]
    path.write_text(json.dumps(document))
    with DataFolder.open(data_dir) as data:
        assert data.promises.pause() is None
        assert [r.moment_id for r in data.promises.reminders()] == [ID_A]
        data.promises.forget_reminder(ID_A)
    assert json.loads(path.read_text())["data"]["reminders"] == {"2": {"moment_id": ID_B, "due_at": 42}}


def test_check_counts_what_is_promised(data_dir):
    with DataFolder.open(data_dir) as data:
        data.promises.keep_pause(a_pause())
        data.promises.remind(Reminder(ID_A, "2026-11-28T22:00:00+00:00"))
    report = check_folder(data_dir)
    assert report.healthy
    assert any("1 pause running" in fact for fact in report.facts)
    assert any("1 reminder to come" in fact for fact in report.facts)
