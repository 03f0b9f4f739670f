"""The export document (format "goldseam-export", version 1): build and read.

Reading validates the whole document before anyone changes anything, and
names the first bad field, with its line where that can be found.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

from . import clock
from .moment import SCHEMA, MomentFormatError, RepairMoment, is_plain
from .repository import OwnPhrase
from ..i18n import _

FORMAT_NAME = "goldseam-export"
FORMAT_VERSION = 1
# Above the largest journal Goldseam stores (256 MiB), so every export it writes can be imported.
MAX_IMPORT_BYTES = 512 * 1024 * 1024


class TransferFormatError(ValueError):
    """The document cannot be imported. The message is safe to show: it names
    fields and lines, never the person's text."""

    def __init__(self, message: str, field: str | None = None, line: int | None = None):
        where = []
        if field:
            where.append(field)
        if line:
            where.append(_("line {number}").format(number=line))
        place = _("{field} at {line}").format(field=where[0], line=where[1]) if len(where) == 2 else "".join(where)
        super().__init__(_("{place}: {problem}").format(place=place, problem=message) if where else message)
        self.field = field
        self.line = line


class CheckedRecords(list):
    """The moments of a document read by parse, each in the form RepairMoment.to_dict() writes and
    every value accepted by the reader: an import takes them as they are (made only by parse)."""


@dataclass
class ExportDocument:
    exported_at: str
    records: CheckedRecords
    phrases: list[OwnPhrase] = field(default_factory=list)     # the person's own phrases (optional section)
    _moments: list[RepairMoment] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def moments(self) -> list[RepairMoment]:
        """The moments themselves, oldest first as the file holds them (built when first asked for)."""
        if self._moments is None:
            self._moments = [RepairMoment.from_plain(record) for record in self.records]
        return self._moments


# The C encoder (indent= would switch to the pure-Python one, five times slower), compact,
# with each moment on a line of its own.
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False)
_STORED_START = _ENCODER.encode({"schema": SCHEMA, "id": ""})[:-3]      # '{"schema":1,"id":'


def dumps(moments: list[RepairMoment], phrases: list[OwnPhrase] | None = None) -> str:
    """The whole document for `moments` (oldest first), with the own phrases where given."""
    return "".join(document_pieces([moment_line(m.to_dict()) for m in moments],
                                   (lambda: phrases) if phrases else None))


def document(lines: list[str]) -> str:
    """The export document around moments already written by moment_line (oldest first)."""
    return "".join(document_pieces(lines))


def document_pieces(lines: Iterable[str], phrases: Callable[[], list[OwnPhrase]] | None = None) -> Iterator[str]:
    """The same document, a piece at a time, for lines that arrive a month at a time. `phrases`,
    asked once the moments are written, gives the own phrases: a "phrases" section after the
    moments when there are any (readers of version 1 that do not know it ignore it)."""
    head = _ENCODER.encode({"format": FORMAT_NAME, "version": FORMAT_VERSION, "exported_at": clock.to_iso(clock.now())})
    yield f'{head[:-1]},"moments":['
    separator = "\n"
    for line in lines:
        yield separator + line
        separator = ",\n"
    yield ("\n" if separator != "\n" else "") + "]"
    kept = writable_phrases(phrases()) if phrases is not None else []
    if kept:
        yield ',"phrases":[\n' + ",\n".join(_ENCODER.encode(phrase_record(p)) for p in kept) + "\n]"
    yield "}\n"


def phrase_record(phrase: OwnPhrase) -> dict[str, Any]:
    """One own phrase as the export holds it."""
    record: dict[str, Any] = {"text": phrase.text, "category": phrase.category, "lands_well": phrase.lands_well}
    if phrase.updated_at is not None:
        record["updated_at"] = phrase.updated_at
    return record


def moment_line(record: dict[str, Any], stored: str | None = None) -> str:
    """One moment of the export: `record` (the RepairMoment.to_dict() form) as compact JSON without
    its "schema" (the document has its own version). `stored`, the JSON text the journal holds for
    this very record, is reused as it is when it begins the way to_dict() orders a record."""
    if stored is not None and stored.startswith(_STORED_START):
        return '{"id":' + stored[len(_STORED_START):]
    record = dict(record)
    record.pop("schema", None)
    return _ENCODER.encode(record)


def parse(text: str) -> ExportDocument:
    """Validate a whole export document; raise TransferFormatError on the first problem."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise TransferFormatError(_("this is not valid JSON ({detail})").format(detail=err.msg), line=err.lineno) from None
    except RecursionError:
        raise TransferFormatError(_("the file is nested far too deeply to be a Goldseam export")) from None
    except MemoryError:
        raise TransferFormatError(_("there is not enough memory to read this file")) from None
    except ValueError:      # Python's limit on the digits of a whole number (4300), in any field
        raise TransferFormatError(_("a number in the file has far too many digits to be a Goldseam value"),
                                  line=_line_of_long_number(text)) from None
    if not isinstance(data, dict):
        raise TransferFormatError(_("the file must hold one JSON object"), line=1)
    if data.get("format") != FORMAT_NAME:
        raise TransferFormatError(_("this is not a Goldseam export (expected \"{name}\")").format(name=FORMAT_NAME),
                                  field="format")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise TransferFormatError(_("must be a whole number"), field="version")
    if version > FORMAT_VERSION:
        raise TransferFormatError(
            _("the file comes from a newer Goldseam (format {version}; this version reads up to "
              "{readable}). Update Goldseam to import it.").format(version=version if version < 10**9 else "…",
                                                                    readable=FORMAT_VERSION),
            field="version",
        )
    exported_at = data.get("exported_at") or ""
    raw_moments = data.get("moments", [])
    if not isinstance(raw_moments, list):
        raise TransferFormatError(_("must be a list"), field="moments", line=_line_of(text, '"moments"'))
    records = CheckedRecords()
    seen: set[str] = set()
    for index, raw in enumerate(raw_moments):
        raw_moments[index] = None   # each record is let go once read: one copy less at the peak
        record = _as_written(raw)
        if record is None:          # any other form: read field by field, and written the reader's way
            try:
                record = RepairMoment.from_dict(raw).to_dict()
            except MomentFormatError as err:
                line = _line_of(text, raw.get("id")) if isinstance(raw, dict) and isinstance(raw.get("id"), str) else None
                raise TransferFormatError(err.problem, field=f"moments[{index}].{err.field}", line=line) from None
        if record["id"] in seen:
            raise TransferFormatError(_("this id appears twice in the file"), field=f"moments[{index}].id",
                                      line=_line_of(text, record["id"], nth=2))
        seen.add(record["id"])
        records.append(record)
    return ExportDocument(exported_at=str(exported_at), records=records, phrases=_phrases(data, text))


_TO_DICT = RepairMoment(id="").to_dict()
_ORDER = tuple(_TO_DICT)[1:]                     # the keys of a moment as export writes them (no "schema")
_ORDER_FINISHED = (*_ORDER, "finished_at")
_NOTICE, _PAUSE, _ACKNOWLEDGE, _REACH_BACK, _ACCEPT = (
    tuple(_TO_DICT[name]) for name in ("notice", "pause", "acknowledge", "reach_back", "accept"))


def _as_written(raw: Any) -> dict[str, Any] | None:
    """A moment as Goldseam's export writes it (to_dict's keys in to_dict's order, without "schema"),
    every value accepted by the reader (core.moment.is_plain): the stored form, with its "schema",
    built around the same values. None for anything else, which the reader reads field by field."""
    if not is_plain(raw, schema=False):
        return None
    keys = tuple(raw)
    if not ((keys == _ORDER or keys == _ORDER_FINISHED) and tuple(raw["notice"]) == _NOTICE
            and tuple(raw["pause"]) == _PAUSE and tuple(raw["acknowledge"]) == _ACKNOWLEDGE
            and tuple(raw["reach_back"]) == _REACH_BACK and tuple(raw["accept"]) == _ACCEPT):
        return None
    return {"schema": SCHEMA, **raw}


def _phrases(data: dict[str, Any], text: str) -> list[OwnPhrase]:
    """The optional "phrases" section, checked whole; of one phrase given twice, the later change."""
    raw_phrases = data.get("phrases")
    if raw_phrases is None:
        return []
    if not isinstance(raw_phrases, list):
        raise TransferFormatError(_("must be a list"), field="phrases", line=_line_of(text, '"phrases"'))
    found: dict[str, OwnPhrase] = {}
    for index, raw in enumerate(raw_phrases):
        try:
            phrase = read_phrase(raw)
        except MomentFormatError as err:
            words = raw.get("text") if isinstance(raw, dict) and isinstance(raw.get("text"), str) else None
            raise TransferFormatError(err.problem, field=f"phrases[{index}]{err.field}",
                                      line=_line_of(text, words)) from None
        earlier = found.get(phrase.text)
        if earlier is None or _later(phrase.updated_at, earlier.updated_at):
            found[phrase.text] = phrase
    return list(found.values())


def read_phrase(raw: Any) -> OwnPhrase:
    """One phrase of the section, by the moment reader's own rules for a text, a short text and a time;
    MomentFormatError naming the field (".text", ...) otherwise. The export writes only phrases it accepts."""
    if not isinstance(raw, dict):
        raise MomentFormatError("", _("must be an object"))
    words, category, lands_well, updated_at = (raw.get("text"), raw.get("category"), raw.get("lands_well", False),
                                               raw.get("updated_at"))
    if not isinstance(words, str) or not words:
        raise MomentFormatError(".text", _("must be text"))
    if not isinstance(lands_well, bool):
        raise MomentFormatError(".lands_well", _("must be true or false"))
    try:
        RepairMoment.from_dict({"id": "00000000-0000-0000-0000-000000000000",
                                "created_at": updated_at if updated_at is not None else "2000-01-01T00:00:00+00:00",
                                "reach_back": {"phrase": words, "category": category}})
    except MomentFormatError as err:
        raise MomentFormatError("." + {"reach_back.phrase": "text", "reach_back.category": "category",
                                       "created_at": "updated_at"}.get(err.field, err.field), err.problem) from None
    return OwnPhrase(words, category, lands_well, updated_at)


def writable_phrases(phrases: Iterable[OwnPhrase]) -> list[OwnPhrase]:
    """The phrases an export may hold: those the reader accepts (what it refuses is never written)."""
    kept = []
    for phrase in phrases:
        try:
            kept.append(read_phrase(phrase_record(phrase)))
        except MomentFormatError:
            continue
    return kept


def _later(one: str | None, other: str | None) -> bool:
    if one is None:
        return False
    return other is None or clock.from_iso(one) > clock.from_iso(other)


def _line_of_long_number(text: str) -> int | None:
    """The line of the first number (a value after ':', '[' or ',') longer than Python reads."""
    import re
    import sys

    found = re.search(r"[:\[,]\s*-?[0-9]{%d}" % (sys.get_int_max_str_digits() + 1), text)
    return text.count("\n", 0, found.end()) + 1 if found else None


def _line_of(text: str, needle: str | None, nth: int = 1) -> int | None:
    """The 1-based line of the nth occurrence of `needle` as a JSON string."""
    if not needle:
        return None
    quoted = needle if needle.startswith('"') else json.dumps(needle)
    position = -1
    for _time in range(nth):
        position = text.find(quoted, position + 1)
        if position < 0:
            return None
    return text.count("\n", 0, position) + 1
