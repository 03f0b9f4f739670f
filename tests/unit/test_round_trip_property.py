"""Any moment survives the journal, export and import unchanged."""

from datetime import datetime, timezone
from unittest.mock import patch

from hypothesis import HealthCheck, given, settings, strategies as st

from goldseam.core import clock, transfer_format
from goldseam.storage import transfer
from goldseam.storage.data_folder import DataFolder
from moment_strategies import moments

EXPORTED_AT = datetime(2026, 11, 28, 21, 0, tzinfo=timezone.utc)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(batch=st.lists(moments, min_size=1, max_size=4, unique_by=lambda m: m.id))
def test_store_export_import_round_trip(tmp_path_factory, batch):
    first = tmp_path_factory.mktemp("a")
    with DataFolder.open(first) as data:
        for moment in batch:
            data.journal.save(moment)
    with DataFolder.open(first, read_only=True) as data:
        stored = {m.id: m for m in data.journal.all()}
        export = transfer.export_journal(data.journal)              # the stored text of each moment, reused
        with patch.object(clock, "now", lambda: EXPORTED_AT):
            exported = "".join(export)                              # read a month at a time
        assert (export.exported, export.left_out) == (len(batch), 0)
    oldest_first = sorted(batch, key=lambda m: (clock.from_iso(m.created_at), m.id))
    with patch.object(clock, "now", lambda: EXPORTED_AT):
        # byte for byte the document of these moments, however many months and parts they were kept in
        assert exported == transfer_format.dumps(oldest_first)
    assert stored == {m.id: m for m in batch}
    assert transfer_format.parse(exported).moments == oldest_first
    document = transfer_format.parse(transfer_format.dumps(list(stored.values())))
    second = tmp_path_factory.mktemp("b")
    with DataFolder.open(second) as data:
        result = data.journal.import_moments(document.moments)
        assert (result.added, result.unchanged) == (len(batch), 0)
        again = data.journal.import_moments(document.moments)
        assert (again.added, again.unchanged) == (0, len(batch))
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
