"""Work beside the window keeps Python's cycle collector off what lives long (issue 19, item 5):
what is alive when work begins and ends is frozen, no full collection starts while work runs, and
Python hands its lock between threads more often; all of it as it was once the last work ends."""

from __future__ import annotations

import gc
import sys
import threading
import weakref

from goldseam.ui.application.long_work import SWITCH_SECONDS, hand_back, long_work, running


class Node:
    pass


def test_while_work_runs_no_full_collection_starts_and_the_switch_is_shorter():
    before = gc.get_threshold(), sys.getswitchinterval()
    with long_work():
        threshold = gc.get_threshold()
        assert threshold[:2] == before[0][:2] and threshold[2] > 1_000_000
        assert sys.getswitchinterval() == SWITCH_SECONDS
    assert (gc.get_threshold(), sys.getswitchinterval()) == before


def test_what_lives_when_work_begins_is_frozen_and_still_freed_when_let_go():
    kept = Node()
    with long_work():
        assert gc.get_freeze_count() > 0
        assert not any(o is kept for o in gc.get_objects())     # the collector walks it no more
    ref = weakref.ref(kept)
    del kept
    assert ref() is None        # reference counting frees a frozen object as any other


def test_overlapping_works_on_two_threads_restore_the_settings_once_the_last_ends():
    before = gc.get_threshold(), sys.getswitchinterval()
    inside, leave = threading.Event(), threading.Event()

    def other() -> None:
        with long_work():
            inside.set()
            leave.wait(30)

    thread = threading.Thread(target=other)
    with long_work():
        thread.start()
        assert inside.wait(30)
        assert running() == 2
    assert sys.getswitchinterval() == SWITCH_SECONDS       # the other work still runs
    leave.set()
    thread.join(30)
    assert running() == 0 and (gc.get_threshold(), sys.getswitchinterval()) == before


def test_an_error_in_the_work_restores_the_settings():
    before = gc.get_threshold(), sys.getswitchinterval()
    try:
        with long_work():
            raise ValueError("the work failed")
    except ValueError:
        pass
    assert running() == 0 and (gc.get_threshold(), sys.getswitchinterval()) == before


def test_handed_back_a_frozen_cycle_is_collected_unless_work_runs():
    node = Node()
    node.itself = node
    ref = weakref.ref(node)
    with long_work():
        assert not hand_back()          # not while work runs: it would walk everything on its thread
    del node                            # a cycle, frozen: no collection frees it
    gc.collect()
    assert ref() is not None
    assert hand_back()
    assert ref() is None and gc.get_freeze_count() == 0
