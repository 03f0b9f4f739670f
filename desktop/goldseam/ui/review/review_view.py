"""The look back: every moment, searched and filtered as the person types, read and corrected
in place; what has grown over time; their own phrases; their history taken along."""

from __future__ import annotations

from datetime import datetime
from typing import Callable

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QLabel, QLineEdit, QListView, QMenu, QPushButton,
                               QSplitter, QTabWidget, QVBoxLayout, QWidget)

from ...core import clock
from ...core.journal_change import LOOK_BACK
from ...core.repository import MomentRepository
from ...i18n import _, ngettext
from ..widgets.accessible import make_heading, say, set_text
from ..widgets.keyboard import press_on_enter
from ..widgets.flow_layout import FlowLayout
from ..widgets.local_format import in_order, number
from ...storage.errors import StorageError
from ..widgets.storage_messages import explain
from .detail_pane import DetailPane
from .filter_bar import FilterBar
from .journal_loader import JournalLoader
from .moment_delegate import MomentDelegate
from .moment_model import MomentFilterModel, MomentListModel
from .narrow_reading import NarrowReading
from .pending_deletes import PendingDeletes
from .undo_bar import UndoBar

ANNOUNCE_AFTER_MS = 700       # the count is said once typing rests, not at every key


class ReviewView(QWidget):
    back_requested = Signal()

    def __init__(self, repository: MomentRepository, now: Callable[[], datetime] = clock.now,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._repository = repository
        self._now = now
        self._open_at: str | None = None
        self.source = MomentListModel(self)
        self.model = MomentFilterModel(self.source, self)
        self.loader = JournalLoader(repository, self)
        self.pending = PendingDeletes(repository, self.source, parent=self)

        heading = make_heading(QLabel(_("Look back"), objectName="PageTitle"))
        self.home_button = QPushButton(_("Back &home"))
        self.home_button.setAccessibleName(_("Back home from the look back"))
        self.home_button.clicked.connect(self.leave)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(self.home_button)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(_("Look back"))
        self.tabs.addTab(self._moments_tab(), _("&Moments"))
        self._insights = None
        self._insights_asked = 0        # which request for the "What has grown" picture is newest
        self._phrases = None
        self._insights_tab = QWidget()
        self._phrases_tab = QWidget()
        QVBoxLayout(self._insights_tab).setContentsMargins(0, 0, 0, 0)
        QVBoxLayout(self._phrases_tab).setContentsMargins(0, 0, 0, 0)
        self.tabs.addTab(self._insights_tab, _("What has &grown"))
        self.tabs.addTab(self._phrases_tab, _("Your &phrases"))
        self.tabs.currentChanged.connect(self._tab_shown)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 12)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        press_on_enter(self)

        self.loader.month_loaded.connect(self._month_loaded)
        self.loader.finished.connect(self._loaded)
        self.loader.failed.connect(self._load_failed)
        self.model.counts_changed.connect(self._show_count)
        self.pending.pending_changed.connect(self._pending_changed)
        self.pending.failed.connect(self._delete_failed)
        self.detail.saved.connect(self._saved)
        self.detail.delete_requested.connect(self.delete)
        self._announce = QTimer(self, singleShot=True, interval=ANNOUNCE_AFTER_MS)
        self._announce.timeout.connect(self._say_count)
        self._said = ""

    # -- building --------------------------------------------------------------------

    def _moments_tab(self) -> QWidget:
        tab = QWidget()
        self.search = QLineEdit(placeholderText=_("Search your moments (Ctrl+F)"))
        self.search.setAccessibleName(_("Search your moments"))
        self.search.setAccessibleDescription(_("Finds words in every answer, with or without accents."))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._refilter)
        self.filters_button = QPushButton(_("&Filters"))
        self.filters_button.setCheckable(True)
        self.filters_button.setAccessibleName(_("Show filters"))
        self.count = QLabel(objectName="Quiet")
        self.count.setWordWrap(True)            # "None of your 3 moments fits …" in a narrow column
        self.filter_bar = FilterBar(today=lambda: self._now().astimezone().date())
        self.filter_bar.setVisible(False)
        self.filters_button.toggled.connect(self._toggle_filters)
        self.filter_bar.changed.connect(self._refilter)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.filters_button)
        search_row.addWidget(self.filter_bar.clear_button)
        self.filter_bar.clear_button.setVisible(False)

        self.list = QListView()
        self.list.setAccessibleName(_("Your moments, newest first"))
        self.list.setModel(self.model)
        self.list.setItemDelegate(MomentDelegate(self.model.query, self.list))
        self.list.setUniformItemSizes(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)    # rows elide to fit
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._context_menu)
        self.list.selectionModel().currentChanged.connect(self._current_changed)
        self.empty = QLabel(_("Nothing to look back on yet. Each repair you finish, and each pause you take, "
                              "is kept here, privately, like a gold seam in a mended bowl.") + "\n\n"
                            + _("Moments kept on another computer can come in with \u201cBring in an export\u201d "
                                "below."), objectName="Hint")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.empty.setVisible(False)
        self.undo_bar = UndoBar()
        self.undo_bar.undo_requested.connect(self.undo)

        left = QWidget()
        left_column = QVBoxLayout(left)
        left_column.setContentsMargins(0, 0, 0, 0)
        left_column.addWidget(self.count)
        left_column.addWidget(self.empty, 1)
        left_column.addWidget(self.list, 1)
        self.detail = DetailPane(self._repository)     # after the list: read and reached after it
        self.splitter = QSplitter()
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.reflow = NarrowReading(tab, left, self.detail, self.list, self.splitter.handleWidth())
        search_row.insertWidget(0, self.reflow.back_button)     # shown on a narrow window, reading a moment

        self.export_button = QPushButton(_("&Export or print\u2026"))
        self.export_button.setAccessibleName(_("Export or print"))
        self.export_button.clicked.connect(self._export_menu)
        self.merge_button = QPushButton(_("Bring in an e&xport\u2026"))
        self.merge_button.setAccessibleName(_("Bring in an export from another computer"))
        self.merge_button.clicked.connect(self._merge)
        self.note = QLabel(objectName="Quiet")
        self.note.setWordWrap(True)
        self._exports = None
        buttons = QWidget()
        buttons_flow = FlowLayout(buttons)      # side by side, or one under the other where the words are long
        buttons_flow.addWidget(self.export_button)
        buttons_flow.addWidget(self.merge_button)
        bottom = QHBoxLayout()
        bottom.addWidget(buttons, 1)
        bottom.addWidget(self.note)             # what the last export said, beside its button

        column = QVBoxLayout(tab)
        column.setContentsMargins(8, 8, 8, 8)
        column.addLayout(search_row)
        column.addWidget(self.filter_bar)
        column.addWidget(self.splitter, 1)
        column.addWidget(self.undo_bar)        # the whole width: one line even beside a wide detail pane
        column.addLayout(bottom)

        QShortcut(QKeySequence.StandardKey.Find, self, self._focus_search)
        QShortcut(QKeySequence.StandardKey.Undo, self.undo_bar, self.undo,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.list.installEventFilter(self)      # Delete and Ctrl+Z on the list (a QShortcut loses Ctrl+Z to it)
        self.search.installEventFilter(self)    # and Ctrl+Z there while a delete can be undone
        self.list.viewport().installEventFilter(self)   # the list grows or shrinks: the moment read stays in view
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, lambda: self.reflow.back_to_list() or self.leave(),
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        return tab

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt naming
        if watched is self.list.viewport() and event.type() == QEvent.Type.Resize:
            if self.list.currentIndex().isValid():
                QTimer.singleShot(0, self.list, lambda: self.list.scrollTo(self.list.currentIndex()))
            return False
        if watched is self.search and self.pending.count() and event.type() in (
                QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride) and event.matches(QKeySequence.StandardKey.Undo):
            # While a delete can be undone, Ctrl+Z in the search box brings the moment back: it undid
            # the typing instead, and the moment was gone when the ten seconds ran out.
            event.accept()
            if event.type() == QEvent.Type.KeyPress:
                self.undo()
            return True
        if watched is self.list and event.type() in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            for keys, act in ((QKeySequence.StandardKey.Undo, self.undo),
                              (QKeySequence.StandardKey.Delete, self._delete_selected)):
                if event.matches(keys):
                    event.accept()
                    if event.type() == QEvent.Type.KeyPress:
                        act()
                    return True
        return super().eventFilter(watched, event)

    # -- opening and leaving ---------------------------------------------------------------

    def open(self, moment_id: str | None = None) -> None:
        """Read the journal afresh (it may have grown since) and show `moment_id` when it comes."""
        self.detail.save_now()
        if moment_id is not None and self._narrowed():
            # A moment chosen on home is shown, whatever was searched for here before.
            self._forget_search_and_filters()
            self.model.set_filter(self.filter_bar.filter())
        self.reflow.back_to_list()
        self._open_at = moment_id
        self._said = ""
        self.note.clear()       # what the last export said belongs to that visit
        self.detail.show_moment(None)
        self.source.clear()
        set_text(self.count, _("Reading your journal\u2026"))
        self.loader.start()
        self.tabs.setCurrentIndex(0)
        (self.list if moment_id else self.search).setFocus()

    def leave(self) -> None:
        self.detail.save_now()
        self.back_requested.emit()

    def flush(self) -> None:
        """Before the window closes: what was typed is saved, deletes reach the disk, reading stops."""
        self.detail.save_now()
        self.pending.flush()
        self.loader.wait()

    def journal_changed(self, change) -> None:
        """The window's one journal-changed event: what changed elsewhere (a restore or an import
        in the settings over this screen) is read again while the look back is shown; its own
        edits and deletes it shows already, and a hidden look back reads afresh when opened."""
        if change.origin == LOOK_BACK or not self.isVisible():
            return
        tab = self.tabs.currentIndex()
        self.open(self.detail.moment.id if self.detail.moment else None)
        if tab != self.tabs.currentIndex():
            self.tabs.setCurrentIndex(tab)      # insights or phrases stay in view, drawn afresh

    def shutdown(self) -> None:
        """Quitting: edits and due deletes are written, and no read is left running."""
        self.loader.cancel()
        self.flush()

    def hidden_ids(self) -> set[str]:
        """Moments deleted but still undoable: on disk, but not to be shown anywhere."""
        return self.pending.ids()

    # -- loading ------------------------------------------------------------------------------

    def _month_loaded(self, entries: list) -> None:
        self.source.add_entries(entries)
        if self._open_at is not None and self.model.row_of(self._open_at) >= 0:
            self.select(self._open_at)
            self._open_at = None
            self.reflow.read()          # a narrow window: the moment chosen on home, not the list
        elif self.list.currentIndex().row() < 0 and self._open_at is None and self.model.rowCount():
            self.list.setCurrentIndex(self.model.index(0))

    def _loaded(self) -> None:
        self._open_at = None
        moments = self.all_moments()
        self.filter_bar.set_choices(in_order({t for m in moments for t in m.tags}),
                                    in_order({f for m in moments for f in m.notice.feelings}))
        self._show_count(*self.model.counts())
        if self._insights is not None and self.tabs.currentWidget() is self._insights_tab:
            self._show_insights()

    def _load_failed(self, error) -> None:
        set_text(self.count, explain(error).body, announce=True)

    def select(self, moment_id: str) -> None:
        row = self.model.row_of(moment_id)
        if row >= 0:
            index = self.model.index(row)
            self.list.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.list.scrollTo(index)

    # -- searching --------------------------------------------------------------------------------

    def _focus_search(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.reflow.back_to_list()
        self.search.setFocus()
        self.search.selectAll()

    def _toggle_filters(self, on: bool) -> None:
        self.filter_bar.setVisible(on)
        self.filter_bar.clear_button.setVisible(on)
        self.filters_button.setText(_("Hide &filters") if on else _("&Filters"))
        self.filters_button.setAccessibleName(_("Hide filters") if on else _("Show filters"))
        if on:
            self.filter_bar.date_from.setFocus()
        else:
            self.filter_bar.clear()
        QTimer.singleShot(0, lambda: self.list.scrollTo(self.list.currentIndex()))    # the list changed height

    def _narrowed(self) -> bool:
        return not self.filter_bar.filter(self.search.text()).is_empty()

    def _forget_search_and_filters(self) -> None:
        """Search and filters back to "everything", quietly: the caller filters once, after."""
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.filter_bar.blockSignals(True)
        self.filter_bar.clear()
        self.filter_bar.blockSignals(False)

    def _refilter(self) -> None:
        current = self.detail.moment.id if self.detail.moment else None
        self.model.set_filter(self.filter_bar.filter(self.search.text()))
        if current is not None and self.model.row_of(current) >= 0:
            self.select(current)
        elif self.model.rowCount():         # the moment read before is filtered out: the first one found
            self.list.selectionModel().setCurrentIndex(self.model.index(0),
                                                       QItemSelectionModel.SelectionFlag.ClearAndSelect)
        else:
            self.list.selectionModel().clearCurrentIndex()
            self.detail.show_moment(None)
        self.list.viewport().update()       # rows that stay still mark the new words
        self.detail.mark(self.search.text())
        self._announce.start()
        # The moment read stays in view, also once the view has laid out its new rows.
        QTimer.singleShot(0, lambda: self.list.scrollTo(self.list.currentIndex()))

    def _show_count(self, shown: int, total: int) -> None:
        loading = self.loader.loading
        self.empty.setVisible(total == 0 and not loading)
        self.list.setVisible(total > 0 or loading)
        self.reflow.show_moments(total > 0 or loading)      # an empty journal: the kind words, the whole width
        self.export_button.setEnabled(total > 0)
        if total == 0:
            set_text(self.count, _("Reading your journal\u2026") if loading else "")
        elif shown == total:
            set_text(self.count, ngettext("{n} moment", "{n} moments", total).format(n=number(total)))
        elif shown == 0:
            nothing = (ngettext("None of your {n} moment fits this search.",
                                "None of your {n} moments fits this search.", total) if self.search.text().strip()
                       else ngettext("None of your {n} moment fits these filters.",
                                     "None of your {n} moments fits these filters.", total))
            set_text(self.count, nothing.format(n=number(total))
                     + (" " + _("Older months are still being read.") if loading else ""))
        else:
            set_text(self.count, ngettext("{shown} of {n} moment", "{shown} of {n} moments", total).format(
                shown=number(shown), n=number(total)))

    def _say_count(self) -> None:
        """Once per change of what the list holds, not at every key nor for a change that shows the same."""
        if self.count.text() != self._said:
            self._said = self.count.text()
            say(self.count, self._said)

    # -- the selected moment -------------------------------------------------------------------------

    def _current_changed(self, current, _previous) -> None:
        entry = self.model.entry(current.row()) if current.isValid() else None
        self.detail.show_moment(entry.moment if entry else None)
        self.detail.mark(self.search.text())

    def all_moments(self) -> list:
        return [entry.moment for entry in self.source.entries()]

    def _saved(self, moment) -> None:
        self.source.replace(moment)
        self.select(moment.id)

    def _selected_ids(self) -> list[str]:
        rows = sorted(index.row() for index in self.list.selectionModel().selectedIndexes())
        return [self.model.entry(row).id for row in rows]

    def selected_moments(self) -> list:
        rows = sorted(index.row() for index in self.list.selectionModel().selectedIndexes())
        return [self.model.entry(row).moment for row in rows]

    # -- deleting ----------------------------------------------------------------------------------------

    def delete(self, moment_id: str) -> None:
        row = self.model.row_of(moment_id)
        if self.detail.moment is not None and self.detail.moment.id == moment_id:
            self.detail.dirty = False
            self.detail.show_moment(None)
        if self.pending.delete(moment_id):
            if self.model.rowCount():
                self.list.setCurrentIndex(self.model.index(min(max(row, 0), self.model.rowCount() - 1)))
            self.list.setFocus()

    def _delete_selected(self) -> None:
        for moment_id in self._selected_ids():
            self.delete(moment_id)

    def undo(self) -> None:
        entry = self.pending.undo()
        if entry is None:
            return
        hidden = self.model.row_of(entry.id) < 0 and self._narrowed()
        if hidden:          # the search or a filter changed since the delete: what comes back is seen
            self._forget_search_and_filters()
            self._refilter()
        self.select(entry.id)
        self.list.setFocus()
        news = _("Moment put back.")
        if hidden:
            cleared = _("The search and filters are cleared so that you can see it.")
            set_text(self.count, f"{self.count.text()} \u2014 {cleared}")
            self._said = self.count.text()
            news = f"{news} {cleared}"
        say(self.list, news)

    def _pending_changed(self, count: int) -> None:
        self.undo_bar.show_pending(count, self.pending.undo_seconds)

    def _delete_failed(self, error) -> None:
        set_text(self.count, _("A moment could not be deleted, so it is back in the list. {reason}").format(
            reason=explain(error).body), announce=True)

    # -- menus ---------------------------------------------------------------------------------------------

    def _context_menu(self, position) -> None:
        index = self.list.indexAt(position)
        if not index.isValid():
            return
        menu = QMenu(self)
        menu.addAction(_("Delete"), self._delete_selected)
        menu.addAction(_("Export as PDF\u2026"), lambda: self._export(self.selected_moments(), "pdf"))
        menu.addAction(_("Print\u2026"), lambda: self._print(self.selected_moments()))
        menu.popup(self.list.viewport().mapToGlobal(position))

    def _export_menu(self) -> None:
        menu = QMenu(self)
        selected = self.selected_moments()
        every = self.all_moments()
        for label, moments in ((_("The selected moments"), selected), (_("All your moments"), every)):
            section = menu.addSection(label)
            section.setEnabled(bool(moments))
            for fmt, text in (("markdown", _("as Markdown\u2026")), ("json", _("as a Goldseam export (JSON)\u2026")),
                              ("pdf", _("as PDF\u2026"))):
                action = menu.addAction(f"{label}: {text}",
                                        lambda m=moments, f=fmt, e=moments is every: self._export(m, f, e))
                action.setEnabled(bool(moments) and not (fmt == "json" and moments is every and self.loader.loading))
            action = menu.addAction(f"{label}: " + _("print\u2026"), lambda m=moments: self._print(m))
            action.setEnabled(bool(moments))
        menu.popup(self.export_button.mapToGlobal(self.export_button.rect().bottomLeft()))
        self._menu = menu

    @property
    def exports(self):
        if self._exports is None:
            from .export_actions import ExportActions

            self._exports = ExportActions(self)
            self._exports.reported.connect(lambda text: set_text(self.note, text))
        return self._exports

    def _export(self, moments: list, fmt: str, everything: bool = False) -> None:
        """A JSON export of all the moments carries the own phrases too, as `goldseam export` does."""
        phrases = self._repository.own_phrases() if everything and fmt == "json" else None
        self.exports.export(moments, fmt, phrases)

    def _print(self, moments: list) -> None:
        self.exports.print_moments(moments)

    def _merge(self) -> None:
        from .merge_action import merge_from_file

        self.detail.save_now()
        if merge_from_file(self, self._repository) is not None:
            self.open(self.detail.moment.id if self.detail.moment else None)

    # -- the other tabs ---------------------------------------------------------------------------------------

    def _tab_shown(self, index: int) -> None:
        widget = self.tabs.widget(index)
        if widget is self._insights_tab:
            self._show_insights()
        elif widget is self._phrases_tab:
            if self._phrases is None:
                from .phrases_view import PhrasesView

                self._phrases = PhrasesView(self._repository)
                self._phrases_tab.layout().addWidget(self._phrases)
            self._phrases.refresh()

    def _show_insights(self) -> None:
        if self._insights is None:
            from .insights_view import InsightsView

            self._insights = InsightsView()
            self._insights_tab.layout().addWidget(self._insights)
        from ...core import insights
        from ..application.background import start_in_background

        moments, reading, repository = self.all_moments(), self.loader.loading, self._repository
        # Asked again before an earlier picture is drawn (a read began, then ended), the earlier
        # one may be done last on the thread pool: only the newest is shown (the older one, of
        # no moments while reading, stayed on screen in 1 run in 15 under load).
        self._insights_asked += 1
        asked = self._insights_asked

        def work():         # 50,000 moments take a few hundred milliseconds: not on the GUI thread
            try:
                phrases = repository.own_phrases()
            except StorageError:    # a damaged phrases file is explained on home; the picture still shows
                phrases = []
            return insights.compute(moments, phrases)

        def done(found, error) -> None:
            if error is not None:
                raise error
            if asked == self._insights_asked:
                self._insights.show_found(found, still_reading=reading)

        start_in_background(self, work, done)
