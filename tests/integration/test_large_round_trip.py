"""20,000 moments of about a kilobyte, over five years of months (about 330 KB a month: every month
in two parts), through `goldseam export` and `goldseam import` into a fresh folder: the same moments
come back, each once (issue 8). 50,000 are exported and imported by `make bench-journal`; here 20,000
keep the suite inside its ten minutes on two Pythons."""

import os
import random
import subprocess
import sys
import time

import pytest

from goldseam.core.moment import RepairMoment
from goldseam.storage.data_folder import DataFolder
from goldseam.storage.journal_parts import PART_BYTES, list_parts
from journal_on_disk import stored_records

COUNT = 20_000
WORDS = ("we", "argued", "about", "the", "dishes", "again", "Müller", "ขอโทษ", "🫶🏽", "softer", "later", "tea")


def goldseam(*args):
    env = {k: v for k, v in os.environ.items() if k != "GOLDSEAM_DATA_DIR"}
    return subprocess.run([sys.executable, "-m", "goldseam", *map(str, args)], capture_output=True, text=True,
                          env=env, timeout=120)


def many_moments() -> list[RepairMoment]:
    rng = random.Random(50_000)
    texts = [" ".join(rng.choice(WORDS) for _ in range(75)) for _ in range(997)]
    moments = []
    for n in range(COUNT):
        moment = RepairMoment()
        year, month = 2021 + n * 5 // COUNT, 1 + (n * 60 // COUNT) % 12
        moment.created_at = moment.updated_at = (f"{year}-{month:02d}-{1 + n % 28:02d}T"
                                                 f"{rng.randrange(24):02d}:{rng.randrange(60):02d}:00+02:00")
        moment.notice.what_happened = f"{n} {texts[n % 997]}"
        moment.notice.intensity = rng.randrange(11)
        moment.notice.feelings = ["hurt"]
        moment.acknowledge.text = "I can see how that felt."
        moment.reach_back.phrase = "Can we start over?"
        moment.completed = n % 3 != 0
        moments.append(moment)
    return moments


@pytest.mark.slow
def test_twenty_thousand_moments_round_trip_through_export_and_import(tmp_path):
    started = time.perf_counter()
    moments = many_moments()
    expected = {m.id: m.to_dict() for m in moments}
    source, target, export_file = tmp_path / "source", tmp_path / "target", tmp_path / "export.json"

    with DataFolder.open(source) as data:
        result = data.journal.import_moments(moments)
        assert (result.added, result.unchanged) == (COUNT, 0)
    built = time.perf_counter()
    parts = list_parts(source / "journal")
    assert len({p.month for p in parts}) >= 60 and len(parts) > 61       # months of several parts
    assert all((source / "journal" / p.file).stat().st_size <= PART_BYTES + 4096 for p in parts)

    out = goldseam("--data-dir", source, "export", "-o", export_file)
    assert out.returncode == 0, out.stderr
    exported = time.perf_counter()
    assert 800 < export_file.stat().st_size / COUNT < 1400          # moments of about a kilobyte
    out = goldseam("--data-dir", target, "import", export_file)
    assert out.returncode == 0, out.stderr
    imported = time.perf_counter()

    times, back = stored_records(target / "journal")
    assert set(times.values()) == {1} and len(times) == COUNT
    assert back == expected
    with DataFolder.open(target, read_only=True) as data:
        assert data.journal.count() == COUNT
        newest = max(moments, key=lambda m: (m.created_at[:7], m.created_at))
        assert data.journal.get(newest.id).to_dict() == expected[newest.id]
    done = time.perf_counter()
    print(f"\n50,000 moments ({export_file.stat().st_size / 1e6:.1f} MB export): built {built - started:.1f} s, "
          f"export {exported - built:.1f} s, import {imported - exported:.1f} s, compared {done - imported:.1f} s, "
          f"total {done - started:.1f} s")
