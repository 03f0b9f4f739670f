"""Export, print and merge from the look back, as a person does them: choose a file (the dialog
is answered here), then read what was written, what the screen said, and what the journal holds."""

import errno
import os
import stat
import unicodedata

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
from PySide6.QtGui import QFontDatabase
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from goldseam.core import transfer_format
from goldseam.storage.data_folder import DataFolder
from goldseam.ui.review import export_actions
from goldseam.ui.review.export_actions import ExportActions
from goldseam.ui.review.merge_action import merge_from_file

ARABIC = "تحدثنا بهدوء بعد العشاء"
CHINESE = "我们一起散步了"
HINDI = "हमने बात की"
JAPANESE = "ごめんなさい"


@pytest.fixture
def screen(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def said(monkeypatch):
    """What the message boxes said: (title, body) each."""
    boxes = []
    monkeypatch.setattr(QMessageBox, "information",
                        staticmethod(lambda parent, title, body, *a: boxes.append((title, body))))
    return boxes


def choose_save(monkeypatch, path):
    asked = []

    def answer(parent, caption, start, filters, *args):
        asked.append((caption, start, filters))
        return (str(path), filters) if path else ("", "")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(answer))
    return asked


def choose_open(monkeypatch, path):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))


@pytest.fixture
def moments(sample_moment):
    made = []
    for n, (what, ack) in enumerate([("We argued about the dishes", "I raised my voice."),
                                     (ARABIC, CHINESE + " " + JAPANESE),
                                     (HINDI, "<script>alert(1)</script> stays words")]):
        moment = sample_moment(what=what)
        moment.acknowledge.text = ack
        moment.accept.offered = "A hug ❤ 😊"
        moment.created_at = moment.updated_at = f"2026-0{n + 3}-1{n}T20:3{n}:00+00:00"
        made.append(moment)
    return made


def pdf_text(data: bytes) -> str:
    holder = QByteArray(data)
    buffer = QBuffer(holder)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    pdf = QPdfDocument()
    pdf.load(buffer)
    assert pdf.status() == QPdfDocument.Status.Ready
    text = "\n".join(pdf.getAllText(page).text() for page in range(pdf.pageCount()))
    pdf.close()
    return unicodedata.normalize("NFKC", "".join(text.split()))     # the reader's guessed spaces left out


def words_of(text: str) -> str:
    return unicodedata.normalize("NFKC", "".join(text.split()))


def has_font_for(writing_system) -> bool:
    return bool(QFontDatabase.families(writing_system))


def test_pdf_holds_every_moment_in_its_own_script(screen, monkeypatch, tmp_path, moments, said):
    target = tmp_path / "moments.pdf"
    choose_save(monkeypatch, target)
    actions = ExportActions(screen)
    reported = []
    actions.reported.connect(reported.append)
    assert actions.export(moments, "pdf") == target
    data = target.read_bytes()
    assert data.startswith(b"%PDF-") and stat.S_IMODE(os.stat(target).st_mode) == 0o600
    text = pdf_text(data)
    for words in ("We argued about the dishes", "I raised my voice.", "<script>alert(1)</script> stays words",
                  "What happened", "How it landed", "❤"):
        assert words_of(words) in text
    if has_font_for(QFontDatabase.WritingSystem.Arabic):
        assert words_of(ARABIC) in text
    if has_font_for(QFontDatabase.WritingSystem.SimplifiedChinese) or has_font_for(QFontDatabase.WritingSystem.Japanese):
        assert words_of(CHINESE) in text and words_of(JAPANESE) in text
    # a script without a font here is named to the person, not left as silent boxes
    if has_font_for(QFontDatabase.WritingSystem.Devanagari):
        assert words_of(HINDI) in text and "ह" not in actions.last_unprintable
    else:       # named among the first few unprintable characters (on a machine with no CJK font either, those come first)
        assert "have no font on this computer" in reported[-1]
        assert "ह" in actions.last_unprintable or (len(actions.last_unprintable) == 12 and not has_font_for(
            QFontDatabase.WritingSystem.SimplifiedChinese))
    assert "😊" not in actions.last_unprintable or not any(
        f.supportsCharacter(0x1F60A) for f in export_actions._all_fonts())
    assert reported[-1].startswith("3 moments exported to moments.pdf.")
    assert not said


def test_a_page_of_the_pdf_renders(screen, monkeypatch, tmp_path, moments):
    target = tmp_path / "look.pdf"
    choose_save(monkeypatch, target)
    ExportActions(screen).export(moments, "pdf")
    pdf = QPdfDocument()
    pdf.load(str(target))
    image = pdf.render(0, QSize(827, 1169))
    image.save(str(tmp_path / "page.png"))
    if os.environ.get("GOLDSEAM_SHOTS"):
        image.save(os.path.join(os.environ["GOLDSEAM_SHOTS"], "review_pdf_page.png"))
    inked = sum(1 for y in range(0, image.height(), 4) for x in range(0, image.width(), 4)
                if image.pixelColor(x, y).lightness() < 128)
    assert inked > 500          # words are drawn, not an empty page
    pdf.close()


def test_markdown_file_holds_every_answer_and_is_private(screen, monkeypatch, tmp_path, moments):
    asked = choose_save(monkeypatch, tmp_path / "mine")         # no suffix given: .md is added
    written = ExportActions(screen).export(moments, "markdown")
    assert written == tmp_path / "mine.md"
    assert asked[0][1].endswith(".md") and "Markdown" in asked[0][2]
    assert stat.S_IMODE(os.stat(written).st_mode) == 0o600
    text = written.read_text(encoding="utf-8")
    assert text.startswith("# Goldseam: repair moments\n")
    assert text.index("We argued about the dishes") < text.index(ARABIC) < text.index(HINDI)
    for words in (CHINESE, JAPANESE, "A hug ❤ 😊", r"\<script\>alert(1)\</script\>", "Can we start over?", "Softer"):
        assert words in text
    assert "2026" in text.split("\n## ")[1].split("\n")[0]        # each heading is a date and time


def test_json_is_the_transfer_format_goldseam_import_reads(screen, monkeypatch, tmp_path, moments):
    target = tmp_path / "moments.json"
    choose_save(monkeypatch, target)
    ExportActions(screen).export(list(reversed(moments)), "json")
    text = target.read_text(encoding="utf-8")
    assert text.startswith('{"format":"goldseam-export","version":1,')
    assert transfer_format.parse(text).moments == moments        # oldest first, every field
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600


def test_a_link_at_the_chosen_name_is_replaced_never_written_through(screen, monkeypatch, tmp_path, moments):
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("someone else's file", encoding="utf-8")
    target = tmp_path / "moments.md"
    target.symlink_to(elsewhere)
    choose_save(monkeypatch, target)
    ExportActions(screen).export(moments, "markdown")
    assert not target.is_symlink() and "We argued" in target.read_text(encoding="utf-8")
    assert elsewhere.read_text(encoding="utf-8") == "someone else's file"


def test_cancelled_dialog_writes_nothing(screen, monkeypatch, tmp_path, moments):
    choose_save(monkeypatch, None)
    assert ExportActions(screen).export(moments, "pdf") is None
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("cause, words", [
    (errno.ENOSPC, "The disk is full"),
    (errno.EACCES, "may not write into"),
])
def test_a_refused_folder_is_explained_and_the_old_file_stays(screen, monkeypatch, tmp_path, moments, said,
                                                              cause, words):
    target = tmp_path / "out" / "moments.md"
    target.parent.mkdir()
    target.write_text("the earlier export", encoding="utf-8")
    choose_save(monkeypatch, target)
    real_write = os.write

    def refuse(fd, data):
        if fd > 2:
            raise OSError(cause, os.strerror(cause))
        return real_write(fd, data)

    monkeypatch.setattr("goldseam.storage.atomic_file.os.write", refuse)
    assert ExportActions(screen).export(moments, "markdown") is None
    (title, body), = said
    assert title == "Not exported" and words in body and "untouched" in body
    assert "Traceback" not in body and "Errno" not in body
    assert target.read_text(encoding="utf-8") == "the earlier export"
    assert sorted(p.name for p in target.parent.iterdir()) == ["moments.md"]       # no temp file left


def test_a_folder_that_is_not_there_or_a_name_that_is_a_folder(screen, monkeypatch, tmp_path, moments, said):
    choose_save(monkeypatch, tmp_path / "gone" / "moments.md")
    assert ExportActions(screen).export(moments, "markdown") is None
    (tmp_path / "taken.md").mkdir()
    choose_save(monkeypatch, tmp_path / "taken.md")
    assert ExportActions(screen).export(moments, "markdown") is None
    assert [title for title, _ in said] == ["Not exported", "Not exported"]
    assert "could not be written to" in said[0][1] and str(tmp_path / "gone") in said[0][1]
    assert "not a file Goldseam can replace" in said[1][1]
    assert not (tmp_path / "gone").exists() and list((tmp_path / "taken.md").iterdir()) == []


def test_print_sends_the_same_pages(screen, monkeypatch, tmp_path, moments):
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    paper = tmp_path / "printed.pdf"

    def accept(dialog):
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(paper))
        return QPrintDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    actions = ExportActions(screen)
    reported = []
    actions.reported.connect(reported.append)
    assert actions.print_moments(moments)
    assert words_of("We argued about the dishes") in pdf_text(paper.read_bytes())
    assert reported[-1].startswith("3 moments sent to the printer.")
    monkeypatch.setattr(QPrintDialog, "exec", lambda dialog: QPrintDialog.DialogCode.Rejected)
    assert not actions.print_moments(moments)


# -- merge --------------------------------------------------------------------------------------

def _export_of(moments, path):
    path.write_text(transfer_format.dumps(moments), encoding="utf-8")
    return path


def test_merge_adds_updates_and_keeps_and_says_so(screen, monkeypatch, tmp_path, data_dir, sample_moment, said):
    kept, older_there, newer_there = (sample_moment(what=w) for w in ("same", "we changed it here later", "old"))
    for moment in (kept, older_there, newer_there):
        moment.created_at = moment.updated_at = "2026-02-01T10:00:00+00:00"
    data = DataFolder.open(data_dir)
    for moment in (kept, older_there, newer_there):
        data.journal.save(moment)
    older_there.updated_at = "2026-02-05T10:00:00+00:00"         # ours is newer: kept
    data.journal.save(older_there)
    incoming = [transfer_format.parse(transfer_format.dumps([m])).moments[0] for m in (kept, older_there, newer_there)]
    incoming[1].notice.what_happened = "their older copy"
    incoming[1].updated_at = "2026-02-02T10:00:00+00:00"
    incoming[2].notice.what_happened = "changed on the other computer"
    incoming[2].updated_at = "2026-02-09T10:00:00+00:00"
    fresh = sample_moment(what="only on the other computer")
    choose_open(monkeypatch, _export_of(incoming + [fresh], tmp_path / "other.json"))
    try:
        result = merge_from_file(screen, data.journal)
    finally:
        data.close()
    assert (result.added, result.updated, result.unchanged) == (1, 1, 2)
    (title, body), = said
    assert title == "Merged" and body.startswith("1 moment added, 1 updated, 2 already here.")
    with DataFolder.open(data_dir, read_only=True) as disk:
        words = {m.id: m.notice.what_happened for m in disk.journal.all()}
    assert words == {kept.id: "same", older_there.id: "we changed it here later",
                     newer_there.id: "changed on the other computer", fresh.id: "only on the other computer"}


@pytest.mark.parametrize("content, words", [
    (b'{"name": "a shopping list"}', "is not a Goldseam export"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is not a Goldseam export"),
    (b'{"format":"goldseam-export","version":1,"moments":[{"id":"not-an-id","created_at":"2026-01-01T00:00:00+00:00"}]}',
     "is damaged"),
    (b'{"format":"goldseam-export","version":9,"moments":[]}', "newer version of Goldseam"),
])
def test_a_file_that_cannot_be_merged_is_explained_and_nothing_changes(screen, monkeypatch, tmp_path, data_dir,
                                                                       sample_moment, said, content, words):
    data = DataFolder.open(data_dir)
    data.journal.save(sample_moment())
    (tmp_path / "chosen.json").write_bytes(content)
    choose_open(monkeypatch, tmp_path / "chosen.json")
    try:
        assert merge_from_file(screen, data.journal) is None
    finally:
        data.close()
    (title, body), = said
    assert title == "Not merged" and words in body and "Nothing was changed." in body
    assert "Traceback" not in body and "Error" not in body
    with DataFolder.open(data_dir, read_only=True) as disk:
        assert len(disk.journal.all()) == 1


def test_a_file_too_large_is_not_read(screen, monkeypatch, tmp_path, data_dir, sample_moment, said):
    monkeypatch.setattr("goldseam.storage.transfer.MAX_IMPORT_BYTES", 1000)
    choose_open(monkeypatch, _export_of([sample_moment(what="x" * 2000)], tmp_path / "big.json"))
    with DataFolder.open(data_dir) as data:
        assert merge_from_file(screen, data.journal) is None
        assert data.journal.all() == []
    assert "larger than any export Goldseam writes" in said[0][1]


def test_a_full_disk_during_the_merge_leaves_the_journal_as_it_was(screen, monkeypatch, tmp_path, data_dir,
                                                                  sample_moment, said):
    from goldseam.storage.errors import WriteFailed

    choose_open(monkeypatch, _export_of([sample_moment(what="new")], tmp_path / "other.json"))
    with DataFolder.open(data_dir) as data:
        def full(moments, phrases=()):
            raise WriteFailed(data_dir / "journal" / "2026-11.json", OSError(errno.ENOSPC, "No space left"))
        monkeypatch.setattr(data.journal, "import_moments", full)
        assert merge_from_file(screen, data.journal) is None
    (title, body), = said
    assert title == "Not merged" and "The disk is full" in body and "exactly as it was" in body


def test_the_window_keeps_answering_while_a_merge_runs(screen, monkeypatch, tmp_path, data_dir, sample_moment, said):
    """The merge runs on the thread pool: the GUI thread is free (and the screen disabled) meanwhile."""
    import threading

    from goldseam.ui.review import merge_action

    threads = []
    choose_open(monkeypatch, _export_of([sample_moment()], tmp_path / "other.json"))
    with DataFolder.open(data_dir) as data:
        real = data.journal.import_moments

        def watched(moments, phrases=()):
            threads.append((threading.current_thread() is threading.main_thread(), screen.isEnabled()))
            return real(moments, phrases)

        monkeypatch.setattr(data.journal, "import_moments", watched)
        merge_action.merge_from_file(screen, data.journal)
    assert threads == [(False, False)] and screen.isEnabled()


def test_no_page_of_the_pdf_ends_with_a_heading_apart_from_its_text(screen, monkeypatch, tmp_path):
    """Qt's pages broke anywhere: "What I acknowledged" could end a page with its words on the
    next. Forty moments of many lengths give many page ends; none ends on a heading or label."""
    from goldseam.core import review_document
    from goldseam.core.moment import RepairMoment

    chosen = []
    for n in range(40):
        m = RepairMoment()
        m.created_at = m.updated_at = f"2026-{1 + n % 12:02d}-{1 + n % 27:02d}T20:00:00+00:00"
        m.notice.what_happened = " ".join(["We spoke past each other again"] * (1 + (n * 7) % 11))
        m.notice.intensity, m.accept.intensity = 7, 3
        m.acknowledge.text = " ".join(["I was tired and short with you"] * (1 + (n * 5) % 9))
        m.accept.offered = "A walk together" if n % 3 else ""
        m.completed = True
        chosen.append(m)
    labels = {label for moment in chosen for label, _text in review_document.answers(moment)}
    headings = {review_document.heading(moment) for moment in chosen}
    target = tmp_path / "long.pdf"
    choose_save(monkeypatch, target)
    ExportActions(screen).export(chosen, "pdf")
    pdf = QPdfDocument()
    pdf.load(str(target))
    assert pdf.pageCount() > 10
    endings = []
    for page in range(pdf.pageCount() - 1):
        lines = [line.strip() for line in pdf.getAllText(page).text().splitlines() if line.strip()]
        lines = [line for line in lines if not line.isdigit()]          # the page number
        endings.append(lines[-1])
    pdf.close()
    fold = lambda text: "".join(text.split())      # noqa: E731 - the reader's guessed spaces left out
    stranded = [end for end in endings if fold(end) in {fold(t) for t in labels | headings}]
    assert not stranded, stranded
