import json

import pytest

from goldseam.core import transfer_format
from goldseam.core.transfer_format import TransferFormatError


def test_document_has_the_documented_shape(sample_moment):
    doc = json.loads(transfer_format.dumps([sample_moment()]))
    assert doc["format"] == "goldseam-export" and doc["version"] == 1
    assert "+" in doc["exported_at"] or "-" in doc["exported_at"][10:]
    moment = doc["moments"][0]
    for key in ("id", "kind", "completed", "created_at", "updated_at", "notice", "pause",
                "acknowledge", "reach_back", "accept", "tags"):
        assert key in moment
    assert set(moment["notice"]) >= {"what_happened", "intensity", "feelings", "flooded"}
    assert set(moment["pause"]) >= {"minutes_planned", "return_at", "outcome"}


def test_parse_reads_back_what_dumps_wrote(sample_moment):
    moments = [sample_moment(), sample_moment(what="two")]
    assert transfer_format.parse(transfer_format.dumps(moments)).moments == moments


def test_syntax_error_names_the_line():
    with pytest.raises(TransferFormatError) as caught:
        transfer_format.parse('{\n"format": "goldseam-export",\n"version": 1,\n"moments": [,]\n}')
    assert caught.value.line == 4


def test_bad_field_names_field_and_line(sample_moment):
    text = transfer_format.dumps([sample_moment(), sample_moment()])
    doc = json.loads(text)
    doc["moments"][1]["notice"]["intensity"] = 12
    text = json.dumps(doc, indent=2)
    with pytest.raises(TransferFormatError) as caught:
        transfer_format.parse(text)
    assert caught.value.field == "moments[1].notice.intensity"
    assert caught.value.line == text[: text.index(doc["moments"][1]["id"])].count("\n") + 1
    assert "We argued" not in str(caught.value)


@pytest.mark.parametrize("doc, field", [
    ({"format": "other", "version": 1}, "format"),
    ({"format": "goldseam-export", "version": "1"}, "version"),
    ({"format": "goldseam-export", "version": 1, "moments": {}}, "moments"),
])
def test_wrong_header(doc, field):
    with pytest.raises(TransferFormatError) as caught:
        transfer_format.parse(json.dumps(doc))
    assert caught.value.field == field


def test_newer_version_is_refused():
    with pytest.raises(TransferFormatError, match="newer Goldseam"):
        transfer_format.parse(json.dumps({"format": "goldseam-export", "version": 2, "moments": []}))


def test_duplicate_ids_are_refused(sample_moment):
    moment = sample_moment()
    with pytest.raises(TransferFormatError, match="twice"):
        transfer_format.parse(transfer_format.dumps([moment, moment]))


def test_missing_moments_means_empty():
    doc = transfer_format.parse(json.dumps({"format": "goldseam-export", "version": 1}))
    assert doc.moments == []


# -- what parse hands an import: each moment in the stored form, checked ----------------------

import copy  # noqa: E402

from goldseam.core.moment import RepairMoment  # noqa: E402


def _odd_forms(sample_moment):
    """The same moment as export writes it, and in forms the reader mends or reads another way."""
    written = transfer_format.dumps([sample_moment()])
    plain = json.loads(written)["moments"][0]
    finished = dict(plain, finished_at=plain["updated_at"])
    upper = dict(plain, id=plain["id"].upper())
    reordered = dict(reversed(list(plain.items())))
    missing = copy.deepcopy(plain)
    del missing["reach_back"]["remind_at"]
    nulls = copy.deepcopy(plain)
    nulls["notice"]["what_happened"] = None
    with_schema = dict(plain, schema=1)
    return [plain, finished, upper, reordered, missing, nulls, with_schema, dict(plain, finished_at=None)]


def test_each_record_is_the_stored_form_the_reader_gives(sample_moment):
    for raw in _odd_forms(sample_moment):
        expected = RepairMoment.from_dict(copy.deepcopy(raw))
        text = json.dumps({"format": "goldseam-export", "version": 1, "moments": [raw]})
        document = transfer_format.parse(text)
        assert isinstance(document.records, transfer_format.CheckedRecords)
        (record,) = document.records
        assert json.dumps(record) == json.dumps(expected.to_dict()), raw      # the same keys, in the same order
        assert document.moments == [expected]


def test_a_record_the_reader_refuses_is_never_taken_the_quick_way(sample_moment):
    raw = json.loads(transfer_format.dumps([sample_moment()]))["moments"][0]
    raw["notice"]["intensity"] = 11
    with pytest.raises(TransferFormatError) as caught:
        transfer_format.parse(json.dumps({"format": "goldseam-export", "version": 1, "moments": [raw]}))
    assert caught.value.field == "moments[0].notice.intensity"
