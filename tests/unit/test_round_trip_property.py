"""Any moment survives the journal, export and import unchanged."""

from datetime import datetime, timedelta, timezone

from hypothesis import HealthCheck, given, settings, strategies as st

from goldseam.core import transfer_format
from goldseam.core.moment import (Accept, Acknowledge, Notice, Pause, ReachBack, RepairMoment)
from goldseam.storage.data_folder import DataFolder

# Everything a keyboard or a paste can produce, CR/LF and combining marks included;
# lone surrogates cannot be typed or stored as UTF-8.
text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80)
intensity = st.none() | st.integers(0, 10)
stamp = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1),
                     timezones=st.sampled_from([timezone.utc, timezone(timedelta(hours=5, minutes=30)),
                                                timezone(timedelta(hours=-8))])).map(
    lambda d: d.replace(microsecond=0).isoformat())

moments = st.builds(
    RepairMoment,
    id=st.uuids().map(str),
    kind=st.sampled_from(["repair", "pause"]),
    completed=st.booleans(),
    created_at=stamp,
    updated_at=stamp,
    step=st.integers(0, 4),
    notice=st.builds(Notice, what_happened=text, intensity=intensity, feelings=st.lists(text, max_size=4),
                     flooded=st.none() | st.booleans(), flood_signs=st.lists(text, max_size=3),
                     pulse_bpm=st.none() | st.integers(1, 300)),
    pause=st.builds(Pause, minutes_planned=st.none() | st.integers(1, 1440), started_at=st.none() | stamp,
                    return_at=st.none() | stamp, returned_at=st.none() | stamp,
                    outcome=st.sampled_from([None, "returned", "extended", "missed"])),
    acknowledge=st.builds(Acknowledge, text=text),
    reach_back=st.builds(ReachBack, phrase=text, category=st.none() | st.sampled_from(["feel", "own"]),
                         when=st.sampled_from([None, "now", "later"])),
    accept=st.builds(Accept, offered=text, how_it_landed=text, intensity=intensity),
    tags=st.lists(text, max_size=3),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(batch=st.lists(moments, min_size=1, max_size=4, unique_by=lambda m: m.id))
def test_store_export_import_round_trip(tmp_path_factory, batch):
    first = tmp_path_factory.mktemp("a")
    with DataFolder.open(first) as data:
        for moment in batch:
            data.journal.save(moment)
    with DataFolder.open(first, read_only=True) as data:
        stored = {m.id: m for m in data.journal.all()}
    assert stored == {m.id: m for m in batch}
    document = transfer_format.parse(transfer_format.dumps(list(stored.values())))
    second = tmp_path_factory.mktemp("b")
    with DataFolder.open(second) as data:
        result = data.journal.import_moments(document.moments)
        assert (result.added, result.skipped) == (len(batch), 0)
        again = data.journal.import_moments(document.moments)
        assert (again.added, again.skipped) == (0, len(batch))
    with DataFolder.open(second) as data:
        assert {m.id: m for m in data.journal.all()} == {m.id: m for m in batch}


def test_special_text_round_trips(tmp_path, sample_moment):
    moment = sample_moment()
    moment.acknowledge.text = "🫶🏽 שלום עליכם e\u0301\u0301 line one\r\nline two\u200f"
    moment.notice.what_happened = "x" * 20_000
    with DataFolder.open(tmp_path) as data:
        data.journal.save(moment)
    doc = transfer_format.parse(transfer_format.dumps([moment]))
    assert doc.moments[0].acknowledge.text == moment.acknowledge.text
    assert doc.moments[0].notice.what_happened == moment.notice.what_happened
    with DataFolder.open(tmp_path) as data:
        assert data.journal.get(moment.id) == moment
