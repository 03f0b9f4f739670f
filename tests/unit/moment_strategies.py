"""Hypothesis strategies for moments, shared by the property tests."""

from datetime import datetime, timedelta, timezone

from hypothesis import strategies as st

from goldseam.core.moment import Accept, Acknowledge, Notice, Pause, ReachBack, RepairMoment

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
                         when=st.sampled_from([None, "now", "later"]), remind_at=st.none() | stamp),
    accept=st.builds(Accept, offered=text, how_it_landed=text, intensity=intensity),
    tags=st.lists(text, max_size=3),
)
