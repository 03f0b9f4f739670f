"""What has grown: the bowl, the same story in plain words beside it (what a screen reader
reads), the months, and the phrases that land. Computed by core.insights; drawn here."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ...core import insights
from ...core.moment import RepairMoment
from ...core.phrases import group_by_key
from ...core.repository import OwnPhrase
from ...i18n import _, ngettext
from ..widgets import local_format
from ..widgets.accessible import make_heading, set_text
from ..widgets.scrolling import vertical_scroll
from .bowl_widget import BowlWidget
from .month_chart import MonthChart


def summary_lines(found: insights.Insights) -> list[str]:
    """The figures as a few calm sentences: counts and feelings, never a grade."""
    if found.moments == 0:
        return [_("Your bowl is whole and waiting. When you finish a repair, its first gold seam appears here.")]
    lines = [ngettext("You have mended {n} moment so far.", "You have mended {n} moments so far.",
                      found.repairs).format(n=found.repairs) if found.repairs else
             _("No repair finished yet; every one you finish adds a gold seam.")]
    if found.eased_count:
        average = round(found.eased_average or 0, 1)
        if average > 0:
            lines.append(ngettext(
                "Where you noted how it felt, the feeling eased by about {d} of 10 between noticing and "
                "accepting ({n} repair).",
                "Where you noted how it felt, the feeling eased by about {d} of 10 between noticing and "
                "accepting ({n} repairs).", found.eased_count).format(d=local_format.decimal(average),
                                                                      n=found.eased_count))
        else:
            lines.append(_("Where you noted how it felt, the feeling stayed about the same. That happens; "
                           "coming back to each other still counts."))
    if found.repair_minutes_median is not None:
        lines.append(_("A repair took you about {time} from noticing to accepting (the middle value).")
                     .format(time=_duration(found.repair_minutes_median)))
    if found.pauses:
        lines.append(ngettext("You took {n} pause.", "You took {n} pauses.", found.pauses).format(n=found.pauses)
                     + " " + _("In {b} of them you came back when you said you would, or came back to ask for "
                               "more time.").format(b=found.came_back))
        if found.came_back_later:
            lines.append(ngettext("Once you came back later than planned, and you still came back.",
                                  "{n} times you came back later than planned, and you still came back.",
                                  found.came_back_later).format(n=found.came_back_later))
    if found.phrase_groups:
        key, times = found.phrase_groups[0]
        group = group_by_key(key)
        title = _(group.title) if group else _("your own words")
        lines.append(_("The words you reached for most often: “{group}”.").format(group=title.rstrip(" …")))
    if found.own_landing:
        lines.append(ngettext("One phrase of your own lands well between you.",
                              "{n} phrases of your own land well between you.", len(found.own_landing))
                     .format(n=len(found.own_landing)))
    return lines


def _duration(minutes: float) -> str:
    if minutes < 90:
        n = max(1, round(minutes))
        return ngettext("{n} minute", "{n} minutes", n).format(n=n)
    if minutes < 48 * 60:
        n = round(minutes / 60)
        return ngettext("{n} hour", "{n} hours", n).format(n=n)
    n = round(minutes / (24 * 60))
    return ngettext("{n} day", "{n} days", n).format(n=n)


class InsightsView(QWidget):
    def __init__(self, parent: QWidget | None = None, now=datetime.now):
        super().__init__(parent)
        self._now = now
        self.bowl = BowlWidget()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setObjectName("Question")
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                             | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.summary.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.summary.setAccessibleName(_("What has grown, in words"))
        self.reading = QLabel(objectName="Quiet")
        chart_title = make_heading(QLabel(_("Moments in the last twelve months"), objectName="ClosureTitle"))
        self.chart = MonthChart()
        self.landing_title = make_heading(QLabel(_("Your phrases that land well"), objectName="ClosureTitle"))
        self.landing = QLabel()
        self.landing.setWordWrap(True)
        self.landing.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        top = QHBoxLayout()
        top.addWidget(self.bowl, 1, Qt.AlignmentFlag.AlignTop)    # in view as the tab opens, beside long words
        words = QVBoxLayout()
        words.addWidget(self.summary)
        words.addWidget(self.reading)
        words.addStretch(1)
        top.addLayout(words, 1)
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(16, 12, 16, 12)
        column.setSpacing(12)
        column.addLayout(top)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        column.addWidget(line)
        column.addWidget(chart_title)
        column.addWidget(self.chart)
        column.addWidget(self.landing_title)
        column.addWidget(self.landing)
        column.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(vertical_scroll(content))

    def show_moments(self, moments: list[RepairMoment], phrases: list[OwnPhrase], still_reading: bool = False) -> None:
        self.show_found(insights.compute(moments, phrases), still_reading)

    def show_found(self, found: insights.Insights, still_reading: bool = False) -> None:
        """What core.insights found (computed off the GUI thread for a long journal)."""
        text = "\n\n".join(summary_lines(found))
        set_text(self.summary, text)
        set_text(self.reading, _("Still reading older months; this grows as they come.") if still_reading else "")
        self.bowl.show_seams(found.seams, ngettext(
            "A bowl mended with gold, for {n} repair.", "A bowl mended with gold, for {n} repairs.",
            found.repairs).format(n=found.repairs) if found.repairs else _("A whole bowl, waiting."))
        now = self._now()
        self.chart.show_months(insights.last_months(found.per_month, f"{now.year:04d}-{now.month:02d}"))
        self.landing_title.setVisible(bool(found.own_landing))
        self.landing.setVisible(bool(found.own_landing))
        set_text(self.landing, "\n".join(f"“{p}”" for p in found.own_landing))
        self.found = found
