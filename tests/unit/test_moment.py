import pytest

from goldseam.core.moment import MAX_TEXT, MomentFormatError, RepairMoment


def test_round_trip_keeps_every_field(sample_moment):
    moment = sample_moment()
    moment.pause.minutes_planned = 25
    moment.tags = ["kitchen"]
    again = RepairMoment.from_dict(moment.to_dict())
    assert again == moment


@pytest.mark.parametrize(
    "change, field",
    [
        (lambda d: d.update(id="not-a-uuid"), "id"),
        (lambda d: d.pop("created_at"), "created_at"),
        (lambda d: d["notice"].update(intensity=11), "notice.intensity"),
        (lambda d: d["notice"].update(intensity=True), "notice.intensity"),
        (lambda d: d["notice"].update(feelings="hurt"), "notice.feelings"),
        (lambda d: d["pause"].update(outcome="forgot"), "pause.outcome"),
        (lambda d: d["reach_back"].update(when="tomorrow"), "reach_back.when"),
        (lambda d: d["accept"].update(offered=5), "accept.offered"),
        (lambda d: d.update(kind="fight"), "kind"),
        (lambda d: d.update(updated_at="yesterday"), "updated_at"),
    ],
)
def test_bad_fields_are_named(sample_moment, change, field):
    data = sample_moment().to_dict()
    change(data)
    with pytest.raises(MomentFormatError) as caught:
        RepairMoment.from_dict(data)
    assert caught.value.field == field


def test_long_text_limit(sample_moment):
    data = sample_moment().to_dict()
    data["acknowledge"]["text"] = "x" * 20_000
    assert RepairMoment.from_dict(data).acknowledge.text == "x" * 20_000
    data["acknowledge"]["text"] = "x" * (MAX_TEXT + 1)
    with pytest.raises(MomentFormatError, match="limit"):
        RepairMoment.from_dict(data)


def test_missing_optional_sections_mean_empty(sample_moment):
    data = sample_moment().to_dict()
    for section in ("notice", "pause", "acknowledge", "reach_back", "accept", "tags"):
        data.pop(section)
    moment = RepairMoment.from_dict(data)
    assert moment.notice.what_happened == "" and moment.tags == [] and moment.pause.outcome is None


def test_first_words_shortens_and_falls_back():
    moment = RepairMoment()
    assert moment.first_words() == ""
    moment.reach_back.phrase = "Can we start over?"
    assert moment.first_words() == "Can we start over?"
    moment.notice.what_happened = "word " * 40
    assert moment.first_words().endswith("…") and len(moment.first_words()) <= 60


def test_when_a_moment_was_finished_is_kept_and_optional():
    moment = RepairMoment(created_at="2026-11-20T21:00:00+00:00")
    assert "finished_at" not in moment.to_dict()        # moments of earlier versions stay byte-identical
    moment.finished_at = "2026-11-20T21:40:00+01:00"
    again = RepairMoment.from_dict(moment.to_dict())
    assert again.finished_at == "2026-11-20T21:40:00+01:00"
    with pytest.raises(MomentFormatError) as bad:
        RepairMoment.from_dict(moment.to_dict() | {"finished_at": "yesterday"})
    assert bad.value.field == "finished_at"
