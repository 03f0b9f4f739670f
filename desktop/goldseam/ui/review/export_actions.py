"""Export and print from the look back: the moments chosen, as Markdown, JSON or PDF, or on paper.

The documents come from core (review_document, transfer_format: the JSON is byte for byte
the format `goldseam export` writes); the PDF is laid out by QTextDocument into a QPdfWriter
over a QBuffer, so nothing touches the disk until storage/export_file.py writes it whole.
The PDF uses the computer's own fonts, falling back script by script (Arabic, CJK, emoji);
characters no font here can draw are named to the person, not left as silent boxes.
A refusal (a full disk, a folder that is not writable) is explained calmly, and the moments
are untouched: an export only reads them.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QObject, QStandardPaths, Qt, Signal
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QPageLayout, QPageSize, QPdfWriter, QRawFont, QTextDocument, QTextOption
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from ...core import clock, review_document, transfer_format
from ...core.moment import RepairMoment
from ...i18n import _, ngettext
from ...storage.errors import StorageError, WriteFailed
from ...storage.export_file import ExportTargetRefused, write_export
from ..widgets.accessible import say
from ..widgets.dialogs import tell
from ..widgets.local_format import date_and_time
from ..widgets.look import GOLD_INK
from ..widgets.storage_messages import Explanation
from .page_breaks import keep_headings_with_their_text
from ..application.background import run_in_background

FORMATS = {"markdown": ".md", "json": ".json", "pdf": ".pdf"}     # the suffix added to a name chosen without one
BODY_POINTS = 11


def _filters() -> dict[str, str]:
    return {
        "markdown": _("Markdown (*.md)"),
        "json": _("Goldseam export, JSON (*.json)"),
        "pdf": _("PDF (*.pdf)"),
    }


class ExportActions(QObject):
    """What the review screen's Export menu does. `reported` carries the calm line said after
    a finished export or print (the screen shows it; a screen reader hears it too)."""

    reported = Signal(str)

    def __init__(self, parent_widget: QWidget):
        super().__init__(parent_widget)
        self._parent = parent_widget
        self._folder: Path | None = None      # where the person last saved, for this session
        self.last_unprintable: list[str] = []

    # -- export ---------------------------------------------------------------------------

    def export(self, moments: list[RepairMoment], fmt: str, phrases: list | None = None) -> Path | None:
        """Ask where, write the moments there as `fmt`; the path written, or None. `phrases`: the own
        phrases, which a JSON export of everything carries (as `goldseam export` does)."""
        if fmt not in FORMATS:
            raise ValueError(f"unknown export format {fmt!r}")
        if not moments:
            self._report(_("There are no moments to export yet."))
            return None
        suffix = FORMATS[fmt]
        chosen, _filter = QFileDialog.getSaveFileName(
            self._parent, _("Export moments"), str(self._start_folder() / self._default_name(suffix)),
            _filters()[fmt])
        if not chosen:
            return None
        path = Path(chosen)
        if not path.suffix:
            path = path.with_name(path.name + suffix)
        font = document_font()
        try:
            unprintable = run_in_background(self._parent, lambda: self._write(moments, fmt, path, font, phrases))
        except StorageError as error:
            tell(self._parent, explain_export(error, path))
            return None
        except MemoryError:
            tell(self._parent, Explanation(_("Not exported"), _(
                "There is not enough memory to make this export. Your moments are untouched. "
                "Try exporting fewer at a time.")))
            return None
        self._folder = path.parent
        self.last_unprintable = unprintable
        line = ngettext("{n} moment exported to {file}.", "{n} moments exported to {file}.", len(moments)).format(
            n=len(moments), file=path.name)
        if unprintable:
            line += " " + unprintable_note(unprintable)
        self._report(line)
        return path

    @staticmethod
    def _write(moments: list[RepairMoment], fmt: str, path: Path, font: QFont, phrases: list | None = None) -> list[str]:
        """Make the document and write it (on a worker thread); the characters the PDF could not draw."""
        unprintable: list[str] = []
        if fmt == "json":
            # the documented transfer format, oldest first, as `goldseam export` writes it
            data = transfer_format.dumps(review_document.oldest_first(moments), phrases).encode("utf-8")
        elif fmt == "markdown":
            data = review_document.markdown(moments, when=date_and_time).encode("utf-8")
        else:
            document = printable_document(moments, font)
            data = pdf_bytes(document)
            unprintable = unprintable_characters(document)
        write_export(path, data)
        return unprintable

    # -- print ----------------------------------------------------------------------------

    def print_moments(self, moments: list[RepairMoment]) -> bool:
        """Qt's print dialog, then the same pages as the PDF; True if they went to the printer."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        if not moments:
            self._report(_("There are no moments to print yet."))
            return False
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(review_document.title())
        printer.setPageMargins(QMarginsF(18, 18, 18, 18), QPageLayout.Unit.Millimeter)
        dialog = QPrintDialog(printer, self._parent)
        dialog.setWindowTitle(_("Print moments"))
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return False
        document = printable_document(moments)
        QGuiApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        try:
            keep_headings_with_their_text(document, printer)
            document.print_(printer)
        finally:
            QGuiApplication.restoreOverrideCursor()
        line = ngettext("{n} moment sent to the printer.", "{n} moments sent to the printer.", len(moments)).format(
            n=len(moments))
        unprintable = unprintable_characters(document)
        if unprintable:
            line += " " + unprintable_note(unprintable, on_paper=True)
        self._report(line)
        return True

    # -- merge ----------------------------------------------------------------------------

    @staticmethod
    def merge_from_file(parent: QWidget, repository) -> object:
        """The same as merge_action.merge_from_file, for a screen that holds only this object."""
        from .merge_action import merge_from_file

        return merge_from_file(parent, repository)

    # -- helpers --------------------------------------------------------------------------

    def _report(self, line: str) -> None:
        say(self._parent, line)
        self.reported.emit(line)

    def _start_folder(self) -> Path:
        if self._folder is not None and self._folder.is_dir():
            return self._folder
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return Path(documents) if documents and Path(documents).is_dir() else Path.home()

    @staticmethod
    def _default_name(suffix: str) -> str:
        return f"goldseam-moments-{clock.now().astimezone().strftime('%Y-%m-%d')}{suffix}"


def document_font() -> QFont:
    """The app's own font at a size for paper (read on the GUI thread)."""
    font = QFont(QApplication.font())
    font.setPointSize(BODY_POINTS)
    _all_fonts()        # the font list is filled here, on the GUI thread, before a worker reads it
    return font


def printable_document(moments: list[RepairMoment], font: QFont | None = None) -> QTextDocument:
    """The moments laid out for paper, wrapping even a word with no spaces. Any thread may make one."""
    document = QTextDocument()
    document.setDefaultFont(font if font is not None else document_font())
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    document.setDefaultTextOption(option)
    document.setHtml(review_document.html(moments, when=date_and_time, accent=GOLD_INK.name()))
    document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, review_document.title())
    return document


def pdf_bytes(document: QTextDocument) -> bytes:
    """The document as a PDF (A4, page numbers), made in memory."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(review_document.title())
    writer.setCreator("Goldseam")
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(12, 12, 12, 12), QPageLayout.Unit.Millimeter)   # and print_() keeps 2 cm of its own
    writer.setResolution(300)
    keep_headings_with_their_text(document, writer)
    document.print_(writer)
    del writer          # the PDF is finished when its writer goes
    buffer.close()
    return bytes(data.data())


def unprintable_characters(document: QTextDocument, limit: int = 12) -> list[str]:
    """Characters in the document that no font on this computer has (they would print as empty
    boxes), at most `limit` of them, in the order first met."""
    seen: dict[str, None] = {}
    for char in document.toPlainText():
        if ord(char) >= 0x80 and char not in seen and not char.isspace() and unicodedata.category(char)[0] not in "CM":
            seen[char] = None
    fonts = _all_fonts()
    missing = [char for char in seen if not any(font.supportsCharacter(ord(char)) for font in fonts)]
    return missing[:limit]


_FONTS: list[QRawFont] = []


def _all_fonts() -> list[QRawFont]:
    """One face of each font family installed (looked up once a session)."""
    if not _FONTS:
        for family in QFontDatabase.families():
            raw = QRawFont.fromFont(QFont(family))
            if raw.isValid():
                _FONTS.append(raw)
    return _FONTS


def unprintable_note(chars: list[str], on_paper: bool = False) -> str:
    if on_paper:
        return _("Some characters ({chars}) have no font on this computer and print as empty boxes; "
                 "your moments keep them as written.").format(chars=" ".join(chars))
    return _("Some characters ({chars}) have no font on this computer and show as empty boxes in the PDF; "
             "the Markdown and JSON exports keep them as written.").format(chars=" ".join(chars))


def explain_export(error: StorageError, path: Path) -> Explanation:
    """Why an export was not written, calmly: nothing of the journal was touched."""
    safe = _("Your moments are untouched; nothing was left half-written.")
    if isinstance(error, ExportTargetRefused):
        return Explanation(_("Not exported"), _(
            "“{name}” is not a file Goldseam can replace (it is a folder or something else). {safe} "
            "Choose another name.").format(name=path.name, safe=safe))
    if isinstance(error, WriteFailed) and error.disk_full:
        return Explanation(_("Not exported"), _(
            "The disk is full, so the export could not be written. {safe} "
            "Free some space, or choose another disk, and export again.").format(safe=safe))
    if isinstance(error, WriteFailed) and error.not_allowed:
        return Explanation(_("Not exported"), _(
            "Goldseam may not write into {folder}. {safe} Choose another folder, such as your Documents.")
            .format(folder=path.parent, safe=safe))
    reason = getattr(error, "reason", None) or str(error)
    return Explanation(_("Not exported"), _(
        "The export could not be written to {folder} ({reason}). {safe} Choose another folder and try again.")
        .format(folder=path.parent, reason=reason, safe=safe))
