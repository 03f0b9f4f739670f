"""RepairMoment: one pass through the five steps, as plain data.

The dict form is what storage keeps and what export writes; `from_dict`
validates everything so a bad file never becomes a half-valid moment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
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
        """The stored form. Written out key by key (not with dataclasses.fields, six times slower):
        import and the look back make tens of thousands of these."""
        n, p, r, c = self.notice, self.pause, self.reach_back, self.accept
        record: dict[str, Any] = {
            "schema": SCHEMA,
            "id": self.id,
            "kind": self.kind,
            "completed": self.completed,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "step": self.step,
            "notice": {"what_happened": n.what_happened, "intensity": n.intensity, "feelings": _copy(n.feelings),
                       "flooded": n.flooded, "flood_signs": _copy(n.flood_signs), "pulse_bpm": n.pulse_bpm},
            "pause": {"minutes_planned": p.minutes_planned, "started_at": p.started_at, "return_at": p.return_at,
                      "returned_at": p.returned_at, "outcome": p.outcome},
            "acknowledge": {"text": self.acknowledge.text},
            "reach_back": {"phrase": r.phrase, "category": r.category, "when": r.when, "remind_at": r.remind_at},
            "accept": {"offered": c.offered, "how_it_landed": c.how_it_landed, "intensity": c.intensity},
            "tags": list(self.tags),
        }
        if self.finished_at is not None:    # only when known: moments of earlier versions stay as they were
            record["finished_at"] = self.finished_at
        return record

    @classmethod
    def from_dict(cls, data: Any) -> "RepairMoment":
        """The moment `data` holds, every field checked (MomentFormatError names the first bad one).
        A dict in exactly the form to_dict writes takes a quicker way to the same moment (is_plain);
        anything else is read field by field."""
        if is_plain(data):
            return _from_plain(data)
        return _MomentReader(data).read()

    @classmethod
    def from_plain(cls, record: dict[str, Any]) -> "RepairMoment":
        """The moment of a record already found plain (is_plain) on its way out of the journal:
        built without checking it a second time. Anything not checked so goes through from_dict."""
        return _from_plain(record)


def _copy(value: Any) -> Any:
    return list(value) if isinstance(value, list) else value


# -- the quick way for dicts in the form to_dict writes ------------------------------------
#
# Reading a moment field by field costs about 12 µs, and an import, an export or the look back
# reads tens of thousands. A dict that is exactly what to_dict writes (every key, no other, each
# value of the type written) needs only the reader's rules confirmed value by value: is_plain
# does that, and it is true only when the reader would accept the dict and read the same moment
# from it (tests/unit/test_plain_records.py checks it against _MomentReader). Anything else, however
# slightly different, takes the reader's way, which names the first bad field.

_BASE_KEYS = 12         # id, kind, completed, two times, step, five sections, tags ("schema", "finished_at" besides)
_SECTION_KEYS = (6, 5, 1, 4, 3)     # notice, pause, acknowledge, reach_back, accept: every key is read below
_STEPS = frozenset(range(5))
_INTENSITIES = frozenset(range(11))
_PULSES = frozenset(range(1, 301))
_MINUTES = frozenset(range(1, MAX_PAUSE_MINUTES + 1))
_OUTCOMES = (None, *OUTCOMES)
_WHEN = (None, *WHEN_CHOICES)
_SHORT = 200        # the reader's limit for list items and the phrase group
_from_iso = clock.from_iso       # the reader's rule for times: ValueError, or TypeError for what is not text
_LOWER_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}").fullmatch


def is_plain(r: Any, schema: bool | None = None) -> bool:
    """True when `r` is exactly the dict to_dict writes for a moment the reader accepts, give or take
    its "schema" (`schema`: True, it must be there and be SCHEMA; False, absent, as in an export;
    None, either, its value unread, as the reader does). Every expected key is read and the sizes
    compared, so the keys are exactly the expected ones."""
    if not isinstance(r, dict):
        return False
    try:
        has_schema = "schema" in r
        finished = r.get("finished_at")
        if len(r) != _BASE_KEYS + has_schema + ("finished_at" in r) or (schema is not None and has_schema != schema):
            return False
        if schema and not (type(r["schema"]) is int and r["schema"] == SCHEMA):
            return False
        notice, pause, ack, reach, accept = r["notice"], r["pause"], r["acknowledge"], r["reach_back"], r["accept"]
        if (len(notice), len(pause), len(ack), len(reach), len(accept)) != _SECTION_KEYS:
            return False
        texts = (notice["what_happened"], ack["text"], reach["phrase"], accept["offered"], accept["how_it_landed"])
        lists = (notice["feelings"], notice["flood_signs"], r["tags"])
        moment_id, step = r["id"], r["step"]
        category, flooded, pulse = reach["category"], notice["flooded"], notice["pulse_bpm"]
        minutes, before, after = pause["minutes_planned"], notice["intensity"], accept["intensity"]
        if not (type(moment_id) is str and _LOWER_UUID(moment_id)
                and r["kind"] in KINDS and type(r["completed"]) is bool and type(step) is int and step in _STEPS
                and (before is None or type(before) is int and before in _INTENSITIES)
                and (after is None or type(after) is int and after in _INTENSITIES)
                and (flooded is None or type(flooded) is bool)
                and (pulse is None or type(pulse) is int and pulse in _PULSES)
                and (minutes is None or type(minutes) is int and minutes in _MINUTES)
                and pause["outcome"] in _OUTCOMES and reach["when"] in _WHEN
                and (category is None or type(category) is str)
                and type(lists[0]) is list and type(lists[1]) is list and type(lists[2]) is list
                and len(lists[0]) <= MAX_TAGS and len(lists[1]) <= MAX_TAGS and len(lists[2]) <= MAX_TAGS
                and _from_iso(r["created_at"])                            # ValueError unless times
                and (r["updated_at"] == r["created_at"] or _from_iso(r["updated_at"]))    # never changed: one time
                and (pause["started_at"] is None or _from_iso(pause["started_at"]))
                and (pause["return_at"] is None or _from_iso(pause["return_at"]))
                and (pause["returned_at"] is None or _from_iso(pause["returned_at"]))
                and (reach["remind_at"] is None or _from_iso(reach["remind_at"]))
                and ("finished_at" not in r or _from_iso(finished))):   # written only when known: never null
            return False
        words = "".join(texts)                                  # TypeError unless all of them are text
        short = "".join(lists[0]) + "".join(lists[1]) + "".join(lists[2]) + (category or "")
    except (KeyError, TypeError, ValueError):   # a key missing, a section that is no object, no text or no time
        return False
    if len(words) > MAX_TEXT and any(len(text) > MAX_TEXT for text in texts):
        return False
    if len(short) > _SHORT and any(len(item) > _SHORT for item in (*lists[0], *lists[1], *lists[2], category or "")):
        return False
    try:    # text the reader refuses: halves of a surrogate pair, which cannot be written as UTF-8
        (words + short).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _from_plain(r: dict[str, Any]) -> RepairMoment:
    """The moment of a dict is_plain accepted: built as the reader builds it, nothing checked again."""
    n, p, a, b, c = r["notice"], r["pause"], r["acknowledge"], r["reach_back"], r["accept"]
    return RepairMoment(
        r["id"], r["kind"], r["completed"], r["created_at"], r["updated_at"], r["step"],
        Notice(n["what_happened"], n["intensity"], list(n["feelings"]), n["flooded"], list(n["flood_signs"]),
               n["pulse_bpm"]),
        Pause(p["minutes_planned"], p["started_at"], p["return_at"], p["returned_at"], p["outcome"]),
        Acknowledge(a["text"]),
        ReachBack(b["phrase"], b["category"], b["when"], b["remind_at"]),
        Accept(c["offered"], c["how_it_landed"], c["intensity"]),
        list(r["tags"]), r.get("finished_at"))


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
