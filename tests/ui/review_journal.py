"""A small journal for the look back's screen tests, written as Goldseam writes it."""

from __future__ import annotations

from goldseam.core.moment import RepairMoment
from goldseam.storage.data_folder import DataFolder


def moment(what: str, when: str, **fields) -> RepairMoment:
    m = RepairMoment()
    m.notice.what_happened = what
    m.created_at = m.updated_at = when
    m.notice.intensity = fields.get("before", 7)
    m.accept.intensity = fields.get("after", 3)
    m.notice.feelings = fields.get("feelings", ["hurt"])
    m.acknowledge.text = fields.get("ack", "I can see how that landed.")
    m.tags = fields.get("tags", [])
    m.completed = fields.get("completed", True)
    m.finished_at = fields.get("finished_at")
    if fields.get("kind") == "pause":
        m.kind = "pause"
        m.notice.what_happened = m.acknowledge.text = ""
        m.notice.intensity = m.accept.intensity = None
        m.notice.feelings = []
        m.pause.minutes_planned = 20
        m.pause.started_at = when
        m.pause.outcome = "returned"
    return m


SAMPLE = [
    moment("We argued about the dishes", "2026-11-20T20:00:00+00:00", tags=["home"]),
    moment("Un été difficile chez ses parents", "2026-07-14T18:30:00+00:00", tags=["family"], feelings=["lonely"]),
    moment("", "2026-05-02T09:00:00+00:00", kind="pause"),
    moment("The cold call about money", "2025-12-31T23:30:00+00:00", completed=False, tags=["money"]),
]


def write(data_dir, moments=SAMPLE) -> list[RepairMoment]:
    with DataFolder.open(data_dir) as data:
        for m in moments:
            data.journal.save(m)
    return list(moments)


def stored(data_dir) -> dict[str, RepairMoment]:
    with DataFolder.open(data_dir, read_only=True) as data:
        return {m.id: m for m in data.journal.all()}
