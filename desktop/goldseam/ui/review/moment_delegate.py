"""Paints one row of the look back: when and what kind, the first words with the searched words
marked in gold, and a quiet line of feeling, pause and tags. Every row has the same height,
so the list lays out 50,000 rows without measuring them."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QTextCharFormat, QTextLayout
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ...core.moment_search import match_spans
from ..widgets.look import tone
from . import moment_words
from .moment_model import MOMENT_ROLE

PADDING = 10
# The sheet's tones, named by their light value; look.tone() gives them as the window shows now
# (by night: light gold words, and a deep gold tint under light words where a search matched).
GOLD_INK = "#85601e"
MARK = "#efd9a6"        # the gold tint: its ink reads at 9.4:1 by day, 7.5:1 by night
MARK_INK = "#3d2f12"


class MomentDelegate(QStyledItemDelegate):
    def __init__(self, query=lambda: "", parent=None):
        super().__init__(parent)
        self._query = query

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802 - Qt naming
        line = option.fontMetrics.lineSpacing()
        return QSize(200, 3 * line + 2 * PADDING + 4)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        moment = index.data(MOMENT_ROLE)
        if moment is None:
            return
        painter.save()
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        text = palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        quiet = text if selected else palette.color(QPalette.ColorRole.PlaceholderText)
        rect = option.rect.adjusted(PADDING, PADDING, -PADDING, -PADDING)
        line = option.fontMetrics.lineSpacing()
        bold = QFont(option.font)
        bold.setWeight(QFont.Weight.DemiBold)
        painter.setFont(bold)
        painter.setPen(text)
        when = painter.fontMetrics().elidedText(moment_words.when(moment), Qt.TextElideMode.ElideRight,
                                                rect.width())    # a narrow list: "15 Sept 2…", not cut mid-digit
        painter.drawText(QRectF(rect.x(), rect.y(), rect.width(), line), Qt.AlignmentFlag.AlignLeft, when)
        offset = painter.fontMetrics().horizontalAdvance(when + "   ")
        painter.setFont(option.font)
        painter.setPen(text if selected else tone(GOLD_INK))
        kind = moment_words.kind_words(moment)          # whole or not at all ("Eine Rep…" said nothing)
        if option.fontMetrics.horizontalAdvance(kind) > rect.width() - offset:
            kind = ""
        painter.drawText(QRectF(rect.x() + offset, rect.y(), rect.width() - offset, line),
                         Qt.AlignmentFlag.AlignLeft, kind)
        headline = option.fontMetrics.elidedText(moment_words.headline(moment, 200), Qt.TextElideMode.ElideRight,
                                                 rect.width())
        self._marked(painter, option.font, headline, QPointF(rect.x(), rect.y() + line + 2), rect.width(), text)
        painter.setPen(quiet)
        details = _fitting(option.fontMetrics, moment_words.detail_parts(moment), rect.width())
        painter.drawText(QRectF(rect.x(), rect.y() + 2 * line + 4, rect.width(), line), Qt.AlignmentFlag.AlignLeft,
                         details)
        painter.restore()

    def _marked(self, painter: QPainter, font: QFont, text: str, at: QPointF, width: int, pen: QColor) -> None:
        """The first words, the searched words on a gold tint (a layout, so mixed scripts stay right)."""
        layout = QTextLayout(text, font)
        layout.beginLayout()
        line = layout.createLine()
        if line.isValid():
            line.setLineWidth(width)
        layout.endLayout()
        formats = []
        mark_colour, mark_ink = tone(MARK), tone(MARK_INK)
        for start, length in match_spans(text, self._query()):
            mark = QTextLayout.FormatRange()
            mark.start, mark.length = start, length
            fmt = QTextCharFormat()
            fmt.setBackground(mark_colour)
            fmt.setForeground(mark_ink)
            mark.format = fmt
            formats.append(mark)
        painter.setPen(pen)
        layout.draw(painter, at, formats)


def _fitting(metrics, parts: list[str], width: int) -> str:
    """The quiet line's parts joined as far as they fit: the feeling whole ("fühlte sich wie 8
    von 10 an, dann 2" lost its last number), what follows it cut with "…" where it ends."""
    shown = ""
    for part in parts:
        joined = f"{shown} \u00b7 {part}" if shown else part
        if metrics.horizontalAdvance(joined) <= width:
            shown = joined
            continue
        if not shown:
            return metrics.elidedText(joined, Qt.TextElideMode.ElideRight, width)
        more = shown + " \u00b7 \u2026"
        return more if metrics.horizontalAdvance(more) <= width else shown
    return shown
