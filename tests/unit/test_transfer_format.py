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
