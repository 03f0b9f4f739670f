"""RepairMoment: one pass through the five steps, as plain data.

The dict form is what storage keeps and what export writes; `from_dict`
validates everything so a bad file never becomes a half-valid moment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from typing import Any

from . import clock
from ..i18n import _

SCHEMA = 1
MAX_TEXT = 100_000          # characters in one text field; documented in the README
MAX_TAGS = 50
KINDS = ("repair", "pause")
OUTCOMES = ("returned", "extended", "missed")
WHEN_CHOICES = ("now", "later")
MAX_PAUSE_MINUTES = 24 * 60


class MomentFormatError(ValueError):
    """A field of a moment is missing or wrong. `field` is a dotted path."""

    def __init__(self, field_path: str, problem: str):
        super().__init__(f"{field_path}: {problem}")
        self.field = field_path
        self.problem = problem


@dataclass(slots=True)
class Notice:
    what_happened: str = ""
    intensity: int | None = None
    feelings: list[str] = field(default_factory=list)
    flooded: bool | None = None
    flood_signs: list[str] = field(default_factory=list)
    pulse_bpm: int | None = None


@dataclass(slots=True)
class Pause:
    minutes_planned: int | None = None
    started_at: str | None = None
    return_at: str | None = None
    returned_at: str | None = None
    outcome: str | None = None


@dataclass(slots=True)
class Acknowledge:
    text: str = ""


@dataclass(slots=True)
class ReachBack:
    phrase: str = ""
    category: str | None = None
    when: str | None = None
    remind_at: str | None = None        # "I'll say it later": when to be reminded, if asked


@dataclass(slots=True)
class Accept:
    offered: str = ""
    how_it_landed: str = ""
    intensity: int | None = None


@dataclass(slots=True)
class RepairMoment:
    id: str = field(default_factory=lambda: _new_id())
    kind: str = "repair"
    completed: bool = False
    created_at: str = field(default_factory=lambda: clock.to_iso(clock.now()))
    updated_at: str = ""
    step: int = 0                       # where the wizard was; only meaningful for drafts
    notice: Notice = field(default_factory=Notice)
    pause: Pause = field(default_factory=Pause)
    acknowledge: Acknowledge = field(default_factory=Acknowledge)
    reach_back: ReachBack = field(default_factory=ReachBack)
    accept: Accept = field(default_factory=Accept)
    tags: list[str] = field(default_factory=list)
    finished_at: str | None = None      # when the person saved it as done; edits later change only updated_at

    def __post_init__(self) -> None:
        if not self.updated_at:
            self.updated_at = self.created_at

    def touch(self) -> None:
        self.updated_at = clock.to_precise_iso(clock.now())     # milliseconds: two edits in a second stay in order

    def first_words(self, limit: int = 60) -> str:
        """A short line for lists: what happened, else the phrase, else nothing."""
        for text in (self.notice.what_happened, self.acknowledge.text, self.reach_back.phrase):
            line = " ".join(text.split())
            if line:
                return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"
        return ""

    def is_blank(self) -> bool:
        """Nothing written, rated or chosen: every step was skipped."""
        texts = (self.notice.what_happened, self.acknowledge.text, self.reach_back.phrase,
                 self.accept.offered, self.accept.how_it_landed)
        return (not any(t.strip() for t in texts) and self.notice.intensity is None
                and self.accept.intensity is None and not self.notice.feelings and not self.notice.flood_signs)

    def to_dict(self) -> dict[str, Any]:
        def section(obj: Any) -> dict[str, Any]:
            return {f.name: _copy(getattr(obj, f.name)) for f in fields(obj)}

        record: dict[str, Any] = {
            "schema": SCHEMA,
            "id": self.id,
            "kind": self.kind,
            "completed": self.completed,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "step": self.step,
            "notice": section(self.notice),
            "pause": section(self.pause),
            "acknowledge": section(self.acknowledge),
            "reach_back": section(self.reach_back),
            "accept": section(self.accept),
            "tags": list(self.tags),
        }
        if self.finished_at is not None:    # only when known: moments of earlier versions stay as they were
            record["finished_at"] = self.finished_at
        return record

    @classmethod
    def from_dict(cls, data: Any) -> "RepairMoment":
        return _MomentReader(data).read()


def _copy(value: Any) -> Any:
    return list(value) if isinstance(value, list) else value


class _MomentReader:
    """Checks one moment dict field by field, naming the first bad one."""

    def __init__(self, data: Any):
        self.data = data

    def read(self) -> RepairMoment:
        d = self._mapping(self.data, "moment")
        moment_id = self._text(d, "id", "id", required=True, max_len=100)
        if not _is_uuid(moment_id):
            raise MomentFormatError("id", _("is not a UUID"))
        moment_id = moment_id.lower()   # one spelling of each id, whatever case an export used
        kind = d.get("kind", "repair")
        if kind not in KINDS:
            raise MomentFormatError("kind", _("must be one of {values}").format(values=", ".join(KINDS)))
        completed = d.get("completed", False)
        if not isinstance(completed, bool):
            raise MomentFormatError("completed", _("must be true or false"))
        created = self._timestamp(d, "created_at", required=True)
        updated = self._timestamp(d, "updated_at", required=False) or created
        step = d.get("step", 0)
        if not _is_int(step) or not 0 <= step <= 4:
            raise MomentFormatError("step", _("must be a whole number from {low} to {high}").format(low=0, high=4))
        n = self._section(d, "notice")
        p = self._section(d, "pause")
        a = self._section(d, "acknowledge")
        r = self._section(d, "reach_back")
        c = self._section(d, "accept")
        minutes = p.get("minutes_planned")
        if minutes is not None and (not _is_int(minutes) or not 0 < minutes <= MAX_PAUSE_MINUTES):
            raise MomentFormatError("pause.minutes_planned", _("must be a whole number from {low} to {high}").format(
                low=1, high=MAX_PAUSE_MINUTES))
        outcome = p.get("outcome")
        if outcome is not None and outcome not in OUTCOMES:
            raise MomentFormatError("pause.outcome", _("must be one of {values} or null").format(values=", ".join(OUTCOMES)))
        when = r.get("when")
        if when is not None and when not in WHEN_CHOICES:
            raise MomentFormatError("reach_back.when", _("must be now, later or null"))
        flooded = n.get("flooded")
        if flooded is not None and not isinstance(flooded, bool):
            raise MomentFormatError("notice.flooded", _("must be true, false or null"))
        return RepairMoment(
            id=moment_id,
            kind=kind,
            completed=completed,
            created_at=created,
            updated_at=updated,
            step=step,
            notice=Notice(
                what_happened=self._text(n, "what_happened", "notice.what_happened"),
                intensity=self._intensity(n, "notice.intensity"),
                feelings=self._text_list(n, "feelings", "notice.feelings"),
                flooded=flooded,
                flood_signs=self._text_list(n, "flood_signs", "notice.flood_signs"),
                pulse_bpm=self._pulse(n),
            ),
            pause=Pause(
                minutes_planned=minutes,
                started_at=self._timestamp(p, "started_at", required=False, prefix="pause."),
                return_at=self._timestamp(p, "return_at", required=False, prefix="pause."),
                returned_at=self._timestamp(p, "returned_at", required=False, prefix="pause."),
                outcome=outcome,
            ),
            acknowledge=Acknowledge(text=self._text(a, "text", "acknowledge.text")),
            reach_back=ReachBack(
                phrase=self._text(r, "phrase", "reach_back.phrase"),
                category=self._optional_text(r, "category", "reach_back.category"),
                when=when,
                remind_at=self._timestamp(r, "remind_at", required=False, prefix="reach_back."),
            ),
            accept=Accept(
                offered=self._text(c, "offered", "accept.offered"),
                how_it_landed=self._text(c, "how_it_landed", "accept.how_it_landed"),
                intensity=self._intensity(c, "accept.intensity"),
            ),
            tags=self._text_list(d, "tags", "tags"),
            finished_at=self._timestamp(d, "finished_at", required=False),
        )

    @staticmethod
    def _mapping(value: Any, path: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise MomentFormatError(path, _("must be an object"))
        return value

    def _section(self, d: dict[str, Any], name: str) -> dict[str, Any]:
        value = d.get(name)
        if value is None:
            return {}
        return self._mapping(value, name)

    @staticmethod
    def _text(d: dict[str, Any], key: str, path: str, required: bool = False, max_len: int = MAX_TEXT) -> str:
        if key not in d or d[key] is None:
            if required:
                raise MomentFormatError(path, _("is missing"))
            return ""
        value = d[key]
        if not isinstance(value, str):
            raise MomentFormatError(path, _("must be text"))
        if len(value) > max_len:
            raise MomentFormatError(path, _("is longer than the limit of {limit} characters").format(
                limit=f"{max_len:,}".replace(",", "\u202f")))     # 100 000: read alike in every language
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise MomentFormatError(path, _("holds characters that are not valid Unicode text")) from None
        return value

    def _optional_text(self, d: dict[str, Any], key: str, path: str) -> str | None:
        if d.get(key) is None:
            return None
        return self._text(d, key, path, max_len=200)

    def _text_list(self, d: dict[str, Any], key: str, path: str) -> list[str]:
        value = d.get(key)
        if value is None:
            return []
        if not isinstance(value, list) or len(value) > MAX_TAGS:
            raise MomentFormatError(path, _("must be a list of at most {limit} short texts").format(limit=MAX_TAGS))
        items = {str(i): v for i, v in enumerate(value)}
        return [self._text(items, str(i), f"{path}[{i}]", max_len=200) for i in range(len(value))]

    @staticmethod
    def _intensity(d: dict[str, Any], path: str) -> int | None:
        value = d.get("intensity")
        if value is None:
            return None
        if not _is_int(value) or not 0 <= value <= 10:
            raise MomentFormatError(path, _("must be a whole number from {low} to {high}, or null").format(low=0, high=10))
        return value

    @staticmethod
    def _pulse(d: dict[str, Any]) -> int | None:
        value = d.get("pulse_bpm")
        if value is None:
            return None
        if not _is_int(value) or not 1 <= value <= 300:
            raise MomentFormatError("notice.pulse_bpm", _("must be a whole number from {low} to {high}, or null").format(
                low=1, high=300))
        return value

    @staticmethod
    def _timestamp(d: dict[str, Any], key: str, required: bool, prefix: str = "") -> str | None:
        value = d.get(key)
        if value is None:
            if required:
                raise MomentFormatError(prefix + key, _("is missing"))
            return None
        if not isinstance(value, str):
            raise MomentFormatError(prefix + key, _("must be an ISO 8601 timestamp with a UTC offset"))
        try:
            clock.from_iso(value)
        except clock.OutOfRange:
            raise MomentFormatError(prefix + key, _("is outside the dates Goldseam keeps ({first} to {last}, in UTC)")
                                    .format(first=clock.EARLIEST.year, last=clock.END.year - 1)) from None
        except ValueError:
            raise MomentFormatError(prefix + key, _("must be an ISO 8601 date and time with a UTC offset of at most "
                                                    "±14:00, such as {example}").format(
                                                        example="2026-11-28T20:15:00+01:00")) from None
        return value


def _new_id() -> str:
    import uuid  # imported on first use: it pulls in `platform`, slow at start-up

    return str(uuid.uuid4())


_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def _is_uuid(text: str) -> bool:
    """The canonical 8-4-4-4-12 form that uuid4() writes."""
    return _UUID.fullmatch(text) is not None


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
