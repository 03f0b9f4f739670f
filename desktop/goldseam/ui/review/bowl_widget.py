"""The bowl: a plain ceramic bowl mended with gold, the more the more repairs. It only paints
what core.insights derived from the journal, so the same journal always shows the same bowl."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QLinearGradient, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ...core.insights import Seam
from ...i18n import _
from ..widgets.look import at_night

CLAY_LIGHT = QColor("#f1ebe1")
CLAY_DARK = QColor("#d9cfbf")
INSIDE = QColor("#e2d8c8")
EDGE = QColor("#a89a84")
# By night a dark stoneware bowl: a pale one glared on the dark ground, and the gold shows better on it.
NIGHT_CLAY = (QColor("#574c42"), QColor("#3d352e"), QColor("#4a4139"), QColor("#857767"))
GOLD = QColor("#c9992f")
GOLD_LIGHT = QColor("#f0cf7a")


class BowlWidget(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.seams: list[Seam] = []
        self.setMinimumSize(220, 180)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setAccessibleName(_("Your bowl"))

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt naming
        return QSize(360, 300)

    def show_seams(self, seams: list[Seam], description: str) -> None:
        self.seams = seams
        self.setAccessibleDescription(description)
        self.update()

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt naming
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        side = min(self.width(), self.height() * 1.2)
        box = QRectF((self.width() - side) / 2, (self.height() - side / 1.2) / 2, side, side / 1.2)

        def at(x: float, y: float) -> QPointF:
            return QPointF(box.x() + x * box.width(), box.y() + y * box.height())

        body = QPainterPath(at(0.06, 0.32))
        body.cubicTo(at(0.08, 0.78), at(0.3, 0.94), at(0.5, 0.94))
        body.cubicTo(at(0.7, 0.94), at(0.92, 0.78), at(0.94, 0.32))
        body.arcTo(QRectF(at(0.06, 0.25), at(0.94, 0.39)), 0, -180)
        body.closeSubpath()
        foot = QPainterPath(at(0.38, 0.93))
        foot.lineTo(at(0.62, 0.93))
        foot.lineTo(at(0.6, 0.98))
        foot.lineTo(at(0.4, 0.98))
        foot.closeSubpath()
        clay_light, clay_dark, inside, edge = NIGHT_CLAY if at_night() else (CLAY_LIGHT, CLAY_DARK, INSIDE, EDGE)
        painter.setPen(QPen(edge, max(1.0, side / 300)))
        painter.setBrush(clay_dark)
        painter.drawPath(foot)
        shade = QLinearGradient(at(0.06, 0.3), at(0.94, 0.9))
        shade.setColorAt(0.0, clay_light)
        shade.setColorAt(1.0, clay_dark)
        painter.setBrush(QBrush(shade))
        painter.drawPath(body)
        painter.setBrush(inside)
        painter.drawEllipse(QRectF(at(0.06, 0.25), at(0.94, 0.39)))

        painter.save()
        painter.setClipPath(body)
        base = max(1.0, side / 260)
        for seam in self.seams:
            if seam.filled:
                shard = QPainterPath(at(*seam.points[0]))
                for point in seam.points[1:]:
                    shard.lineTo(at(*point))
                shard.closeSubpath()
                painter.setPen(QPen(GOLD, base * 0.8))
                painter.setBrush(GOLD_LIGHT)
                painter.drawPath(shard)
                continue
            path = _smooth([at(*point) for point in seam.points])
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(GOLD, base * seam.width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                                Qt.PenJoinStyle.RoundJoin))
            painter.drawPath(path)
            painter.setPen(QPen(GOLD_LIGHT, base * seam.width * 0.35, Qt.PenStyle.SolidLine,
                                Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
            painter.drawPath(path)
        painter.restore()
        painter.end()


def _smooth(points: list[QPointF]) -> QPainterPath:
    """A line through `points` that bends instead of turning at corners: cracks in glaze run
    in curves (straight runs read as straw)."""
    path = QPainterPath(points[0])
    if len(points) < 3:
        for point in points[1:]:
            path.lineTo(point)
        return path
    for here, after in zip(points[1:-1], points[2:]):
        path.quadTo(here, (here + after) / 2)
    path.lineTo(points[-1])
    return path
