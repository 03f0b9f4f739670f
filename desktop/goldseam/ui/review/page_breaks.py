"""On paper a heading stays with what it heads: a moment's date, a label such as "What I
acknowledged", never alone at the foot of a page with its words on the next.

Qt's text layout knows no "keep with next", so the pages are laid out as QTextDocument.print_
will lay them out for this device (a copy of the document on the device, 2 cm margins), and a
page break is set before each run of headings that would end a page without its text."""

from __future__ import annotations

from PySide6.QtCore import QSizeF
from PySide6.QtGui import QFont, QGuiApplication, QPagedPaintDevice, QTextBlock, QTextBlockFormat, QTextCursor, QTextDocument

CM_PER_INCH = 2.54
PRINT_MARGIN_CM = 2.0           # what print_() keeps around its pages (QTextDocument::print)
MAX_BREAKS = 10_000             # in one pass: a bound, never reached
MAX_ROUNDS = 6                  # passes over the pages; two are usual


def keep_headings_with_their_text(document: QTextDocument, device: QPagedPaintDevice) -> None:
    """Set page breaks in `document` so that, printed on `device`, no heading, note or label
    ends a page apart from the block after it. A break moves every later page, and Qt lays
    out what follows a change lazily, so the pages are laid out afresh until none is left."""
    for _round in range(MAX_ROUNDS):
        if not _one_pass(document, device):
            return


def _one_pass(document: QTextDocument, device: QPagedPaintDevice) -> int:
    """Breaks set in one pass over a fresh layout of the pages."""
    layout_copy = _as_printed(document, device)
    page = float(device.height())
    layout = layout_copy.documentLayout()
    block, original = layout_copy.begin(), document.begin()
    breaks = 0
    while block.isValid() and breaks < MAX_BREAKS:
        following = block.next()
        if following.isValid() and _leads(block) and _page(layout, block, last=True, page=page) \
                != _page(layout, following, last=False, page=page):
            start, start_original = _run_start(block, original)
            if _break_before(start) or _tops_a_page(layout, start, page):
                block, original = following, original.next()      # the run is taller than a page
                continue
            _set_break(start_original)
            breaks += 1
            block, original = following, original.next()
            continue
        block, original = following, original.next()
    return breaks


def _as_printed(document: QTextDocument, device: QPagedPaintDevice) -> QTextDocument:
    """A copy laid out as print_() lays out a document without a page size of its own."""
    copy = document.clone()
    copy.documentLayout().setPaintDevice(device)
    screen = QGuiApplication.primaryScreen()
    dpi_x = screen.logicalDotsPerInchX() if screen is not None else 96.0
    dpi_y = screen.logicalDotsPerInchY() if screen is not None else 96.0
    frame = copy.rootFrame().frameFormat()
    across, down = int(PRINT_MARGIN_CM / CM_PER_INCH * dpi_x), int(PRINT_MARGIN_CM / CM_PER_INCH * dpi_y)
    frame.setLeftMargin(across)
    frame.setRightMargin(across)
    frame.setTopMargin(down)
    frame.setBottomMargin(down)
    copy.rootFrame().setFrameFormat(frame)
    copy.setPageSize(QSizeF(device.width(), device.height()))
    return copy


def _leads(block: QTextBlock) -> bool:
    """A heading, the quiet note under a moment's heading, or a label: text that introduces
    what follows it."""
    if block.blockFormat().headingLevel() > 0:
        return True
    first = block.begin()
    if first.atEnd():
        return False
    style = first.fragment().charFormat()
    return style.fontItalic() or style.fontWeight() >= QFont.Weight.DemiBold.value


def _page(layout, block: QTextBlock, last: bool, page: float) -> int:
    lines = block.layout().lineCount()
    if lines == 0:
        return int(layout.blockBoundingRect(block).top() // page)
    line = block.layout().lineAt(lines - 1 if last else 0)
    return int((layout.blockBoundingRect(block).top() + line.y()) // page)


def _run_start(block: QTextBlock, original: QTextBlock) -> tuple[QTextBlock, QTextBlock]:
    """The first of the headings that lead, one after the other, to `block`'s text."""
    while block.previous().isValid() and _leads(block.previous()) and not _break_before(block):
        block, original = block.previous(), original.previous()
    return block, original


def _tops_a_page(layout, block: QTextBlock, page: float) -> bool:
    """First on the document or on its page: a break before it would only leave a page empty."""
    before = block.previous()
    return not before.isValid() or _page(layout, before, last=True, page=page) != _page(layout, block, last=False, page=page)


def _break_before(block: QTextBlock) -> bool:
    return bool(block.blockFormat().pageBreakPolicy() & QTextBlockFormat.PageBreakFlag.PageBreak_AlwaysBefore)


def _set_break(block: QTextBlock) -> None:
    style = block.blockFormat()
    style.setPageBreakPolicy(style.pageBreakPolicy() | QTextBlockFormat.PageBreakFlag.PageBreak_AlwaysBefore)
    QTextCursor(block).setBlockFormat(style)
