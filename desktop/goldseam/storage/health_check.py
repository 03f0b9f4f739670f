"""`goldseam check`: read every file of a data folder without changing anything."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from .key_file import SEALED, read_key_file
from .lock_setup import require_unlocked
from .data_folder import STORES
from .errors import CorruptFile, ForeignFile, NotAFolder, NotYourFolder, ReadFailed, StorageError
from .folder_safety import SNAPSHOT_FOLDER, check_owner, is_ours, refuse_foreign_files
from ..i18n import N_, N_plural, _, ngettext
from .drafts import DRAFT
from .journal import MOMENTS, PHRASES, part_storage, phrases_storage
from .journal_migration import BUILDING, SINGLE_FILE, single_file_storage
from .journal_index import stamp_of
from .journal_parts import (JOURNAL_FOLDER, PHRASES_FILE, UNDATED, check_journal_folder, is_journal_file, list_parts,
                            names_in, set_aside_without_backup, strays)
from .journal_transaction import PENDING_FOLDER, committed_files
from .moment_records import unreadable_count
from .safe_storage import CHANGED, INTACT, UNDERSTOOD, UNREADABLE, SafeStorage
from .settings import SETTINGS
from .snapshots import list_snapshots
from .transfer import read_import_file
from ..core.transfer_format import TransferFormatError
from .promises import PAUSE, REMINDERS


class CannotRead(StorageError):
    """The folder or one of its files cannot be read at all."""


@dataclass
class HealthReport:
    facts: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    journal_folder: Path | None = None      # files in it are named with their folder: journal/2026-11-1.json

    @property
    def healthy(self) -> bool:
        return not self.problems


def check_folder(folder: Path) -> HealthReport:
    folder = Path(folder)
    if not folder.exists() and not folder.is_symlink():
        # A fresh installation: nothing to check, nothing wrong (and nothing made by looking).
        report = HealthReport()
        report.facts.append(_("data folder: {folder}").format(folder=folder))
        report.facts.append(_("nothing stored yet: Goldseam makes this folder the first time it opens"))
        return report
    if not folder.is_dir():
        raise CannotRead(_("{folder} is not a folder").format(folder=folder))
    try:
        check_owner(folder)
    except NotYourFolder as err:
        raise CannotRead(str(err)) from None
    require_unlocked(folder)        # JournalLocked: the command asks for the passphrase first
    report = HealthReport(journal_folder=folder / JOURNAL_FOLDER)
    report.facts.append(_("data folder: {folder}").format(folder=folder))
    lock = read_key_file(folder)
    if lock is not None:
        report.facts.append(_("the lock is on: the journal, its backups and the draft are sealed") if lock.state == SEALED
                            else _("the lock was being turned on or off; Goldseam finishes that the next time it opens"))
    if os.name == "posix":
        mode = folder.stat().st_mode & 0o777
        shared = any(not is_ours(name) for name in os.listdir(folder))
        if mode & 0o022:
            report.problems.append(_("other users can change what is in the data folder (mode {mode}); "
                                     "Goldseam will not write there").format(mode=f"{mode:o}"))
        elif mode & 0o077 and shared:
            report.facts.append(_("the data folder holds other things and can be read by other users (mode {mode}); "
                                  "Goldseam's own files in it are private").format(mode=f"{mode:o}"))
        elif mode & 0o077:
            report.problems.append(_("the data folder can be read by other users (mode {mode}; expected 700)")
                                   .format(mode=f"{mode:o}"))
        try:
            refuse_foreign_files(folder, every_place=True)
        except ForeignFile as err:
            report.problems.append(_("{file} belongs to another user; Goldseam will not read or use it")
                                   .format(file=_shown(report, err.path)))
    single = single_file_storage(folder, read_only=True)
    if (folder / SINGLE_FILE).exists() or os.path.islink(folder / SINGLE_FILE):
        report.facts.append(_("{file} is the journal of an earlier version; Goldseam moves it into {folder}/ "
                              "the next time it opens").format(file=SINGLE_FILE, folder=JOURNAL_FOLDER))
        _check_file(report, single)
    elif single.backups.all_newest_first() or single.backups.held():
        report.facts.append(_("backups of {file}, the journal of an earlier version, are kept and checked too")
                            .format(file=SINGLE_FILE))
        _check_backups(report, single)
    try:
        check_journal_folder(folder / JOURNAL_FOLDER)
    except NotAFolder as err:
        raise CannotRead(str(err)) from None
    if (folder / BUILDING).exists():
        report.facts.append(_("the move of journal.json into {folder}/ was cut short; Goldseam completes it at "
                              "the next start (journal.json is still the journal)").format(folder=JOURNAL_FOLDER))
    _check_journal_at_one_moment(report, folder / JOURNAL_FOLDER)
    _check_strays(report, folder / JOURNAL_FOLDER)
    for spec in STORES:
        _check_file(report, spec.storage(folder, read_only=True))
    _check_snapshots(report, folder / SNAPSHOT_FOLDER)
    journal_folder = folder / JOURNAL_FOLDER
    for aside in sorted(folder.glob("*.corrupt-*")) + sorted(folder.glob("*.unreadable-*")):
        report.facts.append(_("set aside earlier (kept, never read): {file}").format(file=_shown(report, aside)))
    for aside in set_aside_without_backup(journal_folder):
        report.problems.append(_("{file} was set aside because it could not be read, and no backup of it was found: "
                                 "its moments are not in your journal. Goldseam keeps the file untouched")
                               .format(file=_shown(report, aside)))
    report.problems = list(dict.fromkeys(report.problems))     # a file refused up front is not named twice
    return report


CHECK_ATTEMPTS = 4


def _check_journal_at_one_moment(report: HealthReport, journal_folder: Path) -> None:
    """The journal as it is at one moment: read again while the window (or a command) changes it meanwhile,
    said when it keeps changing. An import cut short is said too (the next open settles it)."""
    if committed_files(journal_folder) is not None:     # what is read below is not yet the whole journal
        report.problems.append(_("an import into the journal was cut short after it was complete; Goldseam puts it "
                                 "in place the next time it opens (the counts below are from before it)"))
    elif os.path.lexists(journal_folder / PENDING_FOLDER):
        report.facts.append(_("an import into the journal was cut short before it was complete; Goldseam takes "
                              "back what it had begun the next time it opens (the journal is as it was)"))
    for attempt in range(CHECK_ATTEMPTS):
        before = _stamps(journal_folder)
        found = HealthReport(journal_folder=report.journal_folder)
        _check_journal(found, journal_folder)
        if _stamps(journal_folder) == before:
            break
        time.sleep(0.2 * (attempt + 1))
    else:
        found.problems.append(_("the journal changed while it was being checked (Goldseam was saving); "
                                "run goldseam check again"))
    report.facts += found.facts
    report.problems += found.problems


def _stamps(journal_folder: Path) -> dict[str, tuple | None]:
    """Size, time and inode of every file of the journal: equal before and after, nothing was replaced between."""
    return {name: stamp_of(journal_folder / name) for name in names_in(journal_folder) if is_journal_file(name)}


def _check_journal(report: HealthReport, journal_folder: Path) -> None:
    """Every part read to its end, reported a month at a time (its moments, and any part of it that
    cannot be understood); the own phrases; every backup; and whether the index agrees with the parts."""
    parts = list_parts(journal_folder)
    if not parts and not (journal_folder / PHRASES_FILE).exists():
        report.facts.append(_("journal: no moments yet"))
        return
    months: dict[str, list[int]] = {}
    tally: dict[str, int] = {INTACT: 0, UNDERSTOOD: 0, CHANGED: 0, UNREADABLE: 0}
    for part in parts:
        counts = months.setdefault(part.month, [0, 0])
        data = _check_file(report, part_storage(journal_folder / part.file, read_only=True), tally=tally)
        if data is not None:
            records = list((data.get(MOMENTS) or {}).values())
            counts[0] += len(records)
            counts[1] += unreadable_count(records)
    for month, (moments, unreadable) in sorted(months.items(), key=lambda item: item[0] == UNDATED):
        report.facts.append(ngettext("journal, {month}: {n} moment", "journal, {month}: {n} moments", moments)
                            .format(month=month_words(month), n=moments))
        if unreadable:
            report.problems.append(ngettext(
                "journal, {month}: {n} moment this version cannot read (kept in the file)",
                "journal, {month}: {n} moments this version cannot read (kept in the file)",
                unreadable).format(month=month_words(month), n=unreadable))
    total = sum(moments for moments, _unreadable in months.values())
    files = ngettext("{n} file", "{n} files", len(parts)).format(n=len(parts))
    report.facts.append(ngettext("journal: {n} moment in {files}", "journal: {n} moments in {files}", total)
                        .format(n=total, files=files))
    backups = sum(tally.values())
    if backups:
        report.facts.append(ngettext("journal: {n} backup of its months", "journal: {n} backups of its months",
                                     backups).format(n=backups))
    for state, (singular, plural) in _HOW_BACKUPS_WERE_CHECKED.items():
        if tally[state]:
            report.facts.append(ngettext(singular, plural, tally[state]).format(file=_("journal"), n=tally[state]))
    _check_file(report, phrases_storage(journal_folder / PHRASES_FILE, read_only=True))


def _check_strays(report: HealthReport, journal_folder: Path) -> None:
    """Whatever sits in the journal folder under a name Goldseam does not write is never read as the
    journal (a part named by an earlier version after a year of fewer than four digits, a copy made
    by hand or by a sync tool): named, so the moments in it are not lost from sight."""
    for name in strays(journal_folder):
        report.problems.append(_("{file} is not a file Goldseam keeps in {folder}/: what it holds is not part of "
                                 "your journal (it is left as it is)")
                               .format(file=_shown(report, journal_folder / name), folder=JOURNAL_FOLDER))


def _check_snapshots(report: HealthReport, snapshot_folder: Path) -> None:
    """Every backup made with Back up now, read to its end and checked as an import would check it."""
    snapshots = list_snapshots(snapshot_folder)
    read = 0
    for snapshot in snapshots:
        name = f"{SNAPSHOT_FOLDER}/{snapshot.path.name}"
        try:
            read_import_file(snapshot.path)
        except TransferFormatError as err:
            report.problems.append(_("backup {file} cannot be restored: {reason}").format(file=name, reason=err))
        except StorageError as err:
            report.problems.append(_("backup {file} cannot be read: {reason}").format(file=name, reason=err))
        else:
            read += 1
    if snapshots:
        report.facts.append(ngettext("snapshots: {n} backup read in full", "snapshots: {n} backups read in full",
                                     read).format(n=read))


# Month names through the catalogue (strftime's %B is the C locale's English; storage has no QLocale).
MONTH_NAMES = (N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"), N_("July"),
               N_("August"), N_("September"), N_("October"), N_("November"), N_("December"))


def month_words(month: str) -> str:
    """"November 2026" for "2026-11"; the undated parts in words too."""
    if month == UNDATED:
        return _("without a readable date")
    year, number = map(int, month.split("-"))
    return _("{month} {year}").format(month=_(MONTH_NAMES[number - 1]), year=year)


def _shown(report: HealthReport, path: Path) -> str:
    """A file as a line of the report names it: with its folder inside the journal folder."""
    folder = report.journal_folder
    if folder is not None and folder in path.parents:
        return os.path.relpath(path, folder.parent)
    return path.name


def _check_file(report: HealthReport, storage: SafeStorage, tally: dict[str, int] | None = None) -> dict | None:
    """Read one file and its backups. `tally`: a part of the journal, whose contents and backups are said
    for the whole journal by the caller (problems are still reported here, each naming the file)."""
    quiet = tally is not None
    name = _shown(report, storage.path)
    try:
        data = storage.read()
    except CorruptFile as err:
        hint = (_("; newest good backup: {backup}").format(backup=_shown(report, err.backup)) if err.backup
                else _("; no good backup found"))
        report.problems.append(_("{file} cannot be understood: {reason}").format(file=name, reason=_(err.reason)) + hint)
        data = None
    except ForeignFile:
        report.problems.append(_("{file} belongs to another user; Goldseam will not read or use it").format(file=name))
        return None
    except ReadFailed as err:
        raise CannotRead(_("{file} cannot be read: {reason}").format(file=name, reason=err.reason)) from None
    if data is None and storage.path.exists() is False:
        report.facts.append(_("{file}: not created yet").format(file=name))
    elif data is not None:
        counts = ", ".join(_table_count(table, len(rows)) for table, rows in sorted(data.items())) or _("empty")
        if not quiet:
            report.facts.append(f"{name}: {counts}")
        unreadable = 0 if quiet else unreadable_count(data.get(MOMENTS, {}).values())
        if unreadable:
            report.problems.append(ngettext("{file}: {n} moment this version cannot read (kept in the file)",
                                            "{file}: {n} moments this version cannot read (kept in the file)",
                                            unreadable).format(file=name, n=unreadable))
        if storage.newer_schema is not None:
            report.problems.append(_("{file} was written by a newer Goldseam (schema {schema}); this version only "
                                     "reads it").format(file=name, schema=storage.newer_schema))
        if os.name == "posix" and storage.path.lstat().st_mode & 0o077:
            report.problems.append(_("{file} can be read by other users (expected mode 600)").format(file=name))
    _check_backups(report, storage, tally)
    newest_held = storage.newest_good_held()
    if newest_held is not None:
        held = len(storage.backups.held())
        report.problems.append(ngettext(
            "{file} was set aside because it could not be read; {n} earlier backup is kept until you choose "
            "(newest good: {backup}). Open Goldseam to restore it or let it go",
            "{file} was set aside because it could not be read; {n} earlier backups are kept until you choose "
            "(newest good: {backup}). Open Goldseam to restore it or let it go",
            held).format(file=name, n=held, backup=_shown(report, newest_held)))
    return data


def _check_backups(report: HealthReport, storage: SafeStorage, tally: dict[str, int] | None = None) -> None:
    """Every backup is read to its last byte. One that matches the checksum Goldseam wrote in it is
    the file Goldseam wrote, byte for byte, so it needs no parsing; one without a checksum (from an
    earlier version) is parsed in full. A day's copy that is the same file as a per-save backup
    (a hard link) is read once."""
    name = _shown(report, storage.path)
    backups = storage.backups.all_newest_first()
    found: dict[str, list[str]] = {INTACT: [], UNDERSTOOD: [], CHANGED: [], UNREADABLE: []}
    seen: dict[tuple[int, int], str] = {}
    for backup in backups:
        try:
            info = backup.lstat()
            same = (info.st_dev, info.st_ino)
        except OSError:
            same = None
        state = seen.get(same) if same is not None else None
        if state is None:
            state = storage.examine(backup)
            if same is not None:
                seen[same] = state
        found[state].append(_shown(report, backup))
    n = len(backups)
    if tally is not None:       # a part of the journal: the caller says it for the whole journal
        for state, names in found.items():
            tally[state] += len(names)
    else:
        report.facts.append(ngettext("{file}: {n} backup", "{file}: {n} backups", n).format(file=name, n=n))
    for state, (singular, plural) in _HOW_BACKUPS_WERE_CHECKED.items():
        if found[state] and tally is None:
            k = len(found[state])
            report.facts.append(ngettext(singular, plural, k).format(file=name, n=k))
    for changed in found[CHANGED]:
        report.problems.append(_("backup {file} has changed since Goldseam wrote it (its checksum no longer "
                                 "matches), though it can still be read").format(file=changed))
    for bad in found[UNREADABLE]:
        report.problems.append(_("backup {file} cannot be understood").format(file=bad))


def _table_count(table: str, n: int) -> str:
    """"3 moments", "1 phrase of your own": what a table of a data file holds, in words."""
    singular, plural = _TABLE_WORDS.get(table, _OTHER_TABLE)
    return ngettext(singular, plural, n).format(n=n, table=table)


_HOW_BACKUPS_WERE_CHECKED = {
    INTACT: N_plural("{file}: {n} backup read to its last byte matches the checksum Goldseam wrote in it",
                     "{file}: {n} backups read to their last byte match the checksum Goldseam wrote in each"),
    UNDERSTOOD: N_plural("{file}: {n} backup from an earlier version has no checksum; it was read in full and "
                         "understood",
                         "{file}: {n} backups from an earlier version have no checksum; they were read in full "
                         "and understood"),
}
_OTHER_TABLE = N_plural("{n} record in {table}", "{n} records in {table}")
_TABLE_WORDS = {
    MOMENTS: N_plural("{n} moment", "{n} moments"),
    PHRASES: N_plural("{n} phrase of your own", "{n} phrases of your own"),
    DRAFT: N_plural("{n} unfinished repair", "{n} unfinished repairs"),
    SETTINGS: N_plural("{n} set of preferences", "{n} sets of preferences"),
    PAUSE: N_plural("{n} pause running", "{n} pauses running"),
    REMINDERS: N_plural("{n} reminder to come", "{n} reminders to come"),
}
