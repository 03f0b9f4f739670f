"""The window reads a moment only when the journal is free: while another thread holds it (an
import, for seconds) the answer is BUSY at once (issue 19, item 5)."""

from __future__ import annotations

import threading

from goldseam.storage.data_folder import DataFolder
from goldseam.storage.journal_free import BUSY, get_if_free


def test_busy_while_another_thread_holds_the_journal_and_read_once_it_is_free(data_dir, sample_moment):
    moment = sample_moment()
    with DataFolder.open(data_dir) as data:
        data.journal.save(moment)
        held, release = threading.Event(), threading.Event()

        def hold() -> None:     # as an import holds it: every call of the journal takes this lock
            with data.journal._lock:
                held.set()
                release.wait(30)

        thread = threading.Thread(target=hold)
        thread.start()
        assert held.wait(30)
        try:
            assert get_if_free(data.journal, moment.id) is BUSY
        finally:
            release.set()
            thread.join(30)
        assert get_if_free(data.journal, moment.id).reach_back.phrase == moment.reach_back.phrase
        assert get_if_free(data.journal, "no-such-id") is None


def test_the_thread_holding_the_journal_reads_through(data_dir, sample_moment):
    moment = sample_moment()
    with DataFolder.open(data_dir) as data:
        data.journal.save(moment)
        with data.journal._lock:
            assert get_if_free(data.journal, moment.id).id == moment.id


def test_a_repository_without_the_journals_lock_is_simply_asked(sample_moment):
    moment = sample_moment()

    class Plain:
        def get(self, moment_id):
            return moment if moment_id == moment.id else None

    assert get_if_free(Plain(), moment.id) is moment
