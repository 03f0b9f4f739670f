"""Small words a tired person reads (issue 21, item 9): months written alike ("Sep" as "Nov",
not "Sept"), tags in the order of the alphabet (accents beside their letter), and German that
says "lash out" without "zuschlagen"."""

from __future__ import annotations

from datetime import datetime, timezone

from goldseam import i18n
from goldseam.ui.review.month_chart import MonthChart
from goldseam.ui.widgets.local_format import date_and_time
from review_journal import moment, write


def test_every_short_month_has_three_letters_in_english():
    assert date_and_time(datetime(2026, 9, 3, 20, 0, tzinfo=timezone.utc)).startswith("3 Sep 2026")
    assert [MonthChart._name(f"2026-{m:02d}") for m in (6, 7, 9, 11)] == ["Jun", "Jul", "Sep", "Nov"]


def test_tags_are_listed_as_the_alphabet_orders_them(qtbot, open_window, data_dir):
    write(data_dir, [moment("one", "2026-11-20T20:00:00+00:00", tags=["work"]),
                     moment("two", "2026-11-19T20:00:00+00:00", tags=["été"]),
                     moment("three", "2026-11-18T20:00:00+00:00", tags=["Essen", "zoo"])])
    window, _ = open_window()
    window.look_back()
    review = window.review
    qtbot.waitUntil(lambda: not review.loader.loading and review.filter_bar.tag.count() > 1, timeout=5000)
    tags = [review.filter_bar.tag.itemText(i) for i in range(1, review.filter_bar.tag.count())]
    assert tags == ["#Essen", "#été", "#work", "#zoo"]


def test_the_german_sign_of_flooding_is_not_a_blow():
    i18n.use("de")
    try:
        said = i18n._("I want to lash out or get away")
    finally:
        i18n.use("en")
    assert "zuschlagen" not in said and said != "I want to lash out or get away"


def test_a_home_row_keeps_its_feeling_whole_and_shortens_the_words(qtbot, open_window, data_dir):
    """German home rows cut the numbers off ("fühlte sich wie 6 …"): the first words give way."""
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication

    from goldseam.ui.application import qt_language

    write(data_dir, [moment("Wir haben uns über den Abwasch gestritten, schon wieder, und keiner hat "
                            "nachgegeben, bis es spät war", "2026-11-20T20:00:00+00:00", before=6, after=3)])
    app = QApplication.instance()
    i18n.use("de")
    qt_language.apply(app, "de")
    try:
        window, _ = open_window()
        window.resize(max(760, window.minimumSizeHint().width()), 600)
        qtbot.waitUntil(lambda: window.home.recent.count() == 1)
        row = window.home.recent.item(0)
        qtbot.waitUntil(lambda: row.text().endswith("dann 3)"), timeout=2000)
        recent = window.home.recent
        assert recent.fontMetrics().horizontalAdvance(row.text()) <= recent.viewport().width()
        assert "Wir haben" in row.text() and "schon wieder" not in row.text()     # the words gave way
        assert "\u2026 (" in row.text()
        assert row.toolTip().endswith("dann 3)") and "schon wieder" in row.toolTip()
    finally:
        i18n.use("en")
        qt_language.apply(app, "en")
        QLocale.setDefault(QLocale.system())


def test_where_even_the_day_and_the_feeling_do_not_fit_a_home_row_wraps(qtbot, open_window, data_dir):
    """German at 200 %: "… (fühlte sich wie 8 von 10 an, dan…)". The row wraps instead."""
    from PySide6.QtCore import QLocale
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    from goldseam.ui.application import qt_language

    write(data_dir, [moment("Der Abwasch", "2026-11-20T20:00:00+00:00", before=8, after=2)])
    app = QApplication.instance()
    i18n.use("de")
    qt_language.apply(app, "de")
    try:
        window, _ = open_window()
        window.resize(window.minimumSizeHint().width(), 600)
        recent = window.home.recent
        qtbot.waitUntil(lambda: recent.count() == 1)
        font = QFont(recent.font())
        font.setPointSizeF(font.pointSizeF() * 2)
        recent.setFont(font)
        qtbot.wait(20)
        recent.fit_rows()
        row = recent.item(0)
        assert row.text().endswith("dann 2)")
        assert recent.fontMetrics().horizontalAdvance(row.text()) > recent.viewport().width()
        assert recent.visualItemRect(row).height() >= 2 * recent.fontMetrics().lineSpacing()   # wrapped, whole
    finally:
        i18n.use("en")
        qt_language.apply(app, "en")
        QLocale.setDefault(QLocale.system())


def test_the_look_back_rows_quiet_line_keeps_the_feeling_whole(qtbot):
    """In a narrow German list the quiet line ended "fühlte sich wie 8 von 10 an, dann…"."""
    from PySide6.QtGui import QFontMetrics
    from PySide6.QtWidgets import QApplication

    from goldseam.ui.review.moment_delegate import _fitting

    metrics = QFontMetrics(QApplication.font())
    felt = "fühlte sich wie 8 von 10 an, dann 2"
    parts = [felt, "eine Pause von 20 Minuten, du bist zurückgekommen", "#été"]
    room = metrics.horizontalAdvance(felt + " \u00b7 eine Pause")
    assert _fitting(metrics, parts, room) == felt + " \u00b7 \u2026"
    assert _fitting(metrics, parts, 10_000) == " \u00b7 ".join(parts)
    assert _fitting(metrics, parts, metrics.horizontalAdvance(felt)) == felt
