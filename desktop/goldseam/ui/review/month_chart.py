"""A quiet bar for each of the last twelve months: how many moments it holds. No goal line,
no colour for "too few"; the numbers are written too, and the whole chart is said in words."""

from __future__ import annotations

from PySide6.QtCore import QDate, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from ...i18n import _, ngettext
from ..widgets.local_format import dates_locale, locale
from ..widgets.look import tone

BAR = "#a87b2c"     # the sheet's gold (3.3:1 on paper by day; look.tone gives 5.9:1 on the night ground)


BAR_ROOM = 120      # the tallest bar


class MonthChart(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.months: list[tuple[str, int]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(_("Moments per month"))

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt naming
        """Room for the bars and, above and below them, a line of text in the font in use: the
        month names were cut off at the bottom with a large text size."""
        return QSize(480, BAR_ROOM + 2 * self.fontMetrics().lineSpacing() + 14)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt naming
        return QSize(240, self.sizeHint().height())

    def show_months(self, months: list[tuple[str, int]]) -> None:
        self.months = months
        self.setAccessibleDescription(self.in_words())
        self.update()

    def in_words(self) -> str:
        if not any(n for _, n in self.months):
            return _("No moments in the last twelve months.")
        said = [ngettext("{month}: {n} moment", "{month}: {n} moments", n).format(month=self._name(key, True), n=n)
                for key, n in self.months]
        return "; ".join(said)

    @staticmethod
    def _name(key: str, long: bool = False) -> str:
        day = QDate(int(key[:4]), int(key[5:7]), 1)
        return dates_locale().toString(day, "MMMM yyyy" if long else "MMM")

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt naming
        if not self.months:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text_colour = self.palette().color(QPalette.ColorRole.Text)
        quiet = self.palette().color(QPalette.ColorRole.PlaceholderText)
        metrics = self.fontMetrics()
        line = metrics.lineSpacing()
        top, bottom = line + 4, self.height() - line - 6
        slot = self.width() / len(self.months)
        highest = max(n for _, n in self.months) or 1
        if not any(n for _, n in self.months):       # an empty chart says so, rather than standing bare
            painter.setPen(quiet)
            painter.drawText(QRectF(0, top, self.width(), bottom - top), Qt.AlignmentFlag.AlignCenter,
                             self.in_words())
        for i, (key, n) in enumerate(self.months):
            x = i * slot
            height = (bottom - top) * n / highest
            if n:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(tone(BAR))
                painter.drawRoundedRect(QRectF(x + slot * 0.2, bottom - height, slot * 0.6, height), 3, 3)
                painter.setPen(text_colour)
                painter.drawText(QRectF(x, bottom - height - line - 2, slot, line), Qt.AlignmentFlag.AlignCenter,
                                 locale().toString(n))
            painter.setPen(quiet)
            painter.drawText(QRectF(x, bottom + 4, slot, line), Qt.AlignmentFlag.AlignCenter,
                             metrics.elidedText(self._name(key), Qt.TextElideMode.ElideRight, int(slot)))
        painter.end()


