"""The journal at scale (issue 8): saving, starting, importing, exporting and backups as the
history grows to 50,000 moments, each figure a ratio against a baseline measured in the same run.

- save one moment (`Journal.save` through `DataFolder`) at 100 / 1,000 / 10,000 / 50,000 moments:
  median ms and the ratio to 100 moments (targets ≤ 10 ms, ≤ 1.3×);
- process start to the first paint of home at 10,000 and 50,000 moments against the same app with
  0 moments (≤ 1.1×), and the bare PySide6 window beside them;
- `goldseam import` of a one-moment file, a whole process, into 50,000 moments against into 100 (≤ 1.5×);
- peak memory (ru_maxrss) of the app showing home, offscreen, at 50,000 against 0 moments (≤ 1.3×);
- `goldseam export -o FILE` of 50,000 moments against a plain `json.load` of the same data in one
  file (≤ 2×), and the peak memory of that export process against exporting 1,000 (≤ 1.5×);
- the backups folder (each inode once) after 100 saves spread over 3 months against the journal (≤ 2×).

Moments of about 1 KB, and also moments with about 20 KB of text. Histories are dated as use
leaves them: three moments a day, back in time from now, so 50,000 moments span 45 years and the
newest month holds up to ~90. Each journal is written once with `Journal.import_moments`.

Run alone: `python tests/benchmarks/journal_bench.py` (or `make bench-journal`); `run_benchmarks.py`
calls `rows()`. GOLDSEAM_BENCH_LONG_50K=0 leaves out the 50,000 × 20 KB journal (about 1 GB).
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from goldseam.core import clock
from goldseam.core.moment import RepairMoment
from goldseam.storage import journal as journal_module
from goldseam.storage.data_folder import DataFolder
from goldseam.storage.journal_parts import JOURNAL_FOLDER, parse_part
from run_benchmarks import (BARE_WINDOW, GOLDSEAM_WINDOW, _killed_after, compile_bytecode,  # shared with the whole bench
                            goldseam_command, plain_json_load, sample, time_to_first_paint)

SAVE_RUNS = 15
STARTUP_RUNS = 15
IMPORT_RUNS = 9
MEMORY_RUNS = 3
EXPORT_RUNS = 5
BACKUP_SAVES = 100
BACKUP_DAYS = 90
PER_DAY = 3
SETTLE_MS = 3000        # home shown, then this long for the index check that follows the first paint
LONG_50K = os.environ.get("GOLDSEAM_BENCH_LONG_50K", "1") != "0"

_FILLER = ("We were tired and the evening went sideways over something small; I said the thing about "
           "the dishes again and you went quiet, and I kept talking. ")


def moment(n: int, when: datetime, long: bool) -> RepairMoment:
    """One completed moment of about 1 KB stored (the other benchmarks' sample), or with about
    20 KB of text in what happened."""
    m = sample(n)
    m.notice.what_happened += " " + (_FILLER * (20_000 // len(_FILLER)) if long else _FILLER)
    m.created_at = m.updated_at = clock.to_iso(when)
    return m


def history(size: int, long: bool, newest: datetime) -> list[RepairMoment]:
    """`size` moments, PER_DAY a day, the newest at `newest`, going back in time."""
    step = timedelta(hours=24 / PER_DAY)
    return [moment(n, newest - step * n, long) for n in range(size)]


def _now() -> datetime:
    return clock.now().replace(microsecond=0)


def build(folder: Path, size: int, long: bool, newest: datetime | None = None) -> Path:
    with DataFolder.open(folder) as data:
        if size:
            data.journal.import_moments(history(size, long, newest or _now() - timedelta(minutes=5)))
        data.settings.set("welcome_seen", True)
    return folder


def journal_bytes(folder: Path) -> int:
    journal = folder / JOURNAL_FOLDER
    return sum(e.stat().st_size for e in os.scandir(journal) if e.is_file() and e.name.endswith(".json"))


def part_count(folder: Path) -> int:
    return sum(1 for name in os.listdir(folder / JOURNAL_FOLDER) if parse_part(name) is not None)


# -- save one moment ------------------------------------------------------------------------


def time_saves(folder: Path, long: bool) -> float:
    """Median of SAVE_RUNS saves of new moments (dated now), the index loaded first as the app loads
    it after the first paint."""
    runs = []
    with DataFolder.open(folder) as data:
        data.journal.count()
        for n in range(SAVE_RUNS):
            new = moment(10_000_000 + n, _now(), long)
            started = time.perf_counter()
            data.journal.save(new)
            runs.append(time.perf_counter() - started)
    return statistics.median(runs)


# -- processes -------------------------------------------------------------------------------

# Peak resident memory of this process since it started its program: VmHWM belongs to the memory
# map exec made. (ru_maxrss would not do: Linux carries the parent's peak across fork and exec, and
# the parent here holds the journals it built.)
PEAK = r"""
def peak_kib():
    with open("/proc/self/status") as f:
        return int(next(line for line in f if line.startswith("VmHWM:")).split()[1])
"""

# The home window at rest: shown, then SETTLE_MS for what runs after the first paint (the index
# check), then its peak resident memory.
HOME_MEMORY = PEAK + r"""
import os, sys
from PySide6.QtCore import QTimer
from goldseam.ui import main_window
_show = main_window.MainWindow.showEvent
def report():
    print("maxrss", peak_kib(), flush=True)
    os._exit(0)
def showEvent(self, event):
    _show(self, event)
    QTimer.singleShot(int(sys.argv[2]), report)
main_window.MainWindow.showEvent = showEvent
from goldseam.cli import main
sys.exit(main(["--data-dir", sys.argv[1]]))
"""

COMMAND = PEAK + r"""
import sys
from goldseam.cli import main
status = main(sys.argv[1:])
print("maxrss", peak_kib(), flush=True)
sys.exit(status)
"""


def _offscreen() -> dict[str, str]:
    return dict(os.environ, QT_QPA_PLATFORM="offscreen")


def home_peak_kib(folder: Path) -> int:
    proc = subprocess.Popen([sys.executable, "-c", HOME_MEMORY, str(folder), str(SETTLE_MS)],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=_offscreen())
    with _killed_after(proc, 180):
        line = proc.stdout.readline().split()
    proc.wait(timeout=30)
    if len(line) != 2 or line[0] != "maxrss":
        raise SystemExit("journal benchmark: the home window never showed")
    return int(line[1])


def command_process(*args: str) -> tuple[float, int]:
    """A whole `goldseam` process: wall time and its peak resident memory (KiB)."""
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", COMMAND, *args], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    with _killed_after(proc, 600):
        output = proc.communicate()[0].split()
    elapsed = time.perf_counter() - started
    if proc.returncode != 0 or output[-2:-1] != ["maxrss"]:
        raise SystemExit(f"journal benchmark: goldseam {' '.join(args)} ended with {proc.returncode}")
    return elapsed, int(output[-1])


# -- start-up, memory --------------------------------------------------------------------------


def time_startups(folders: dict[str, Path]) -> dict[str, float]:
    """Median first paint of the bare window and of the app on each folder, in rounds, so drift
    in the machine hits them all alike."""
    codes = {"bare": (BARE_WINDOW,)} | {name: (GOLDSEAM_WINDOW, str(path)) for name, path in folders.items()}
    for args in codes.values():     # warm the file cache
        time_to_first_paint(*args)
    runs: dict[str, list[float]] = {name: [] for name in codes}
    for _ in range(STARTUP_RUNS):
        for name, args in codes.items():
            runs[name].append(time_to_first_paint(*args))
    return {name: statistics.median(times) for name, times in runs.items()}


def home_memory(folders: dict[str, Path]) -> dict[str, float]:
    runs: dict[str, list[int]] = {name: [] for name in folders}
    for _ in range(MEMORY_RUNS):
        for name, path in folders.items():
            runs[name].append(home_peak_kib(path))
    return {name: statistics.median(kib) / 1024 for name, kib in runs.items()}


# -- import ---------------------------------------------------------------------------------------


def one_moment_files(root: Path, count: int) -> list[Path]:
    """`count` export files of one moment each (dated now, a new id each)."""
    root.mkdir()
    source = build(root / "one-moment", 0, False)
    with DataFolder.open(source) as data:
        data.journal.save(moment(1, _now(), False))
        sample_id = data.journal.recent(1)[0].id
    template = root / "one-moment.json"
    goldseam_command("--data-dir", str(source), "export", "-o", str(template))
    text = template.read_text(encoding="utf-8")
    assert text.count(sample_id) == 1
    files = []
    for n in range(count):
        path = root / f"one-moment-{n}.json"
        path.write_text(text.replace(sample_id, f"00000000-0000-4000-8000-{n:012d}"), encoding="utf-8")
        files.append(path)
    return files


def time_imports(small: Path, large: Path, files: list[Path]) -> tuple[float, float]:
    """`goldseam import FILE` as a whole process into each journal, alternating; a new moment each
    time (the first pair warms the file cache)."""
    runs_small, runs_large = [], []
    for n in range(IMPORT_RUNS + 1):
        runs_small.append(command_process("--data-dir", str(small), "import", str(files[2 * n]))[0])
        runs_large.append(command_process("--data-dir", str(large), "import", str(files[2 * n + 1]))[0])
    del runs_small[0], runs_large[0]
    return statistics.median(runs_small), statistics.median(runs_large)


# -- export -------------------------------------------------------------------------------------


def single_file_of(folder: Path, target: Path) -> Path:
    """The same moments in one JSON file, as the journal was kept before issue 8 (a TinyDB table,
    one document a line): what a plain json.load is timed on."""
    with DataFolder.open(folder, read_only=True) as data:
        records = [record for record, _ in data.journal.export_stream()]
    with open(target, "w", encoding="utf-8") as f:
        f.write('{"moments":{\n')
        f.write(",\n".join(f'"{n}":{json.dumps(r, separators=(",", ":"), ensure_ascii=False)}'
                           for n, r in enumerate(records, 1)))
        f.write("\n}}")
    return target


def time_export(folder: Path, plain: Path, out: Path, runs: int) -> tuple[float, float]:
    plain_json_load(plain)
    goldseam_command("--data-dir", str(folder), "export", "-o", str(out))
    base, ours = [], []
    for _ in range(runs):
        base.append(plain_json_load(plain))
        ours.append(goldseam_command("--data-dir", str(folder), "export", "-o", str(out)))
    return statistics.median(base), statistics.median(ours)


def export_peak_mib(folder: Path, out: Path) -> float:
    return statistics.median(command_process("--data-dir", str(folder), "export", "-o", str(out))[1]
                             for _ in range(MEMORY_RUNS)) / 1024


# -- backups --------------------------------------------------------------------------------------


def backups_after_saves(folder: Path, long: bool) -> tuple[int, int]:
    """BACKUP_SAVES new moments saved over BACKUP_DAYS days (the journal's newest moment just before
    the first), each dated when it is saved, with the backup rotation's clock at that time. The
    backups folder's bytes (each inode once, none that is a live file) and the journal's bytes."""
    start = datetime.now(timezone.utc) - timedelta(days=BACKUP_DAYS)
    fake_ns = [0]
    original = journal_module.part_storage

    def part_storage(path, read_only, *rest):
        storage = original(path, read_only, *rest)
        storage.backups._now_ns = lambda: fake_ns[0]
        return storage

    journal_module.part_storage = part_storage
    try:
        with DataFolder.open(folder) as data:
            data.journal.count()
            for n in range(BACKUP_SAVES):
                when = start + timedelta(days=BACKUP_DAYS * n / BACKUP_SAVES)
                fake_ns[0] = int(when.timestamp() * 1e9)
                data.journal.save(moment(20_000_000 + n, when.astimezone(), long))
    finally:
        journal_module.part_storage = original
    live = {(s.st_dev, s.st_ino) for s in (e.stat() for e in os.scandir(folder / JOURNAL_FOLDER) if e.is_file())}
    seen: set[tuple[int, int]] = set()
    total = 0
    for dirpath, _, files in os.walk(folder / JOURNAL_FOLDER / "backups"):
        for name in files:
            st = os.lstat(os.path.join(dirpath, name))
            key = (st.st_dev, st.st_ino)
            if key not in seen and key not in live:
                seen.add(key)
                total += st.st_size
    return total, journal_bytes(folder)


# -- the table --------------------------------------------------------------------------------------


def _size(n: int) -> str:
    return f"{n:,}"


def rows(log=lambda text: print(text, file=sys.stderr, flush=True)) -> list[str]:
    """The journal rows, as Markdown table lines (header included)."""
    out = ["| journal at scale | baseline | Goldseam | ratio | target |", "|---|---:|---:|---:|---|"]
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="goldseam-journal-bench-") as tmp:
        root = Path(tmp)
        folders: dict[tuple[int, bool], Path] = {}
        sizes = [(0, False), (100, False), (1000, False), (10_000, False), (50_000, False),
                 (100, True), (1000, True), (10_000, True)] + ([(50_000, True)] if LONG_50K else [])
        for size, long in sizes:
            t = time.perf_counter()
            folders[size, long] = build(root / f"j-{size}-{'20k' if long else '1k'}", size, long)
            log(f"built {size:,} × {'20 KB' if long else '1 KB'}: {journal_bytes(folders[size, long]) / 2**20:.1f} MiB, "
                f"{part_count(folders[size, long])} parts, {time.perf_counter() - t:.1f} s")

        def kind(long: bool) -> str:
            return "20 KB text" if long else "1 KB"

        # Start-up and memory first: the folders as import_moments left them.
        start_folders = {"0": folders[0, False], "10,000 × 1 KB": folders[10_000, False],
                         "50,000 × 1 KB": folders[50_000, False]}
        if LONG_50K:
            start_folders["50,000 × 20 KB text"] = folders[50_000, True]
        else:
            start_folders["10,000 × 20 KB text"] = folders[10_000, True]
        t = time.perf_counter()
        paint = time_startups(start_folders)
        base = paint["0"]
        out.append(f"| start to first paint, 0 moments (ms; vs a bare PySide6 window) | {paint['bare'] * 1e3:.1f} | "
                   f"{base * 1e3:.1f} | {base / paint['bare']:.2f}× | – (the baseline below) |")
        for name in list(start_folders)[1:]:
            out.append(f"| start to first paint, {name} (ms; vs 0 moments) | {base * 1e3:.1f} | "
                       f"{paint[name] * 1e3:.1f} | {paint[name] / base:.2f}× | ≤ 1.1× |")
        log(f"start-up: {time.perf_counter() - t:.1f} s")
        t = time.perf_counter()
        memory = home_memory(start_folders)
        out.append(f"| peak memory on home, 0 moments (MiB) | – | {memory['0']:.1f} | – | (the baseline below) |")
        for name in list(start_folders)[1:]:
            out.append(f"| peak memory on home, {name} (MiB; vs 0 moments) | {memory['0']:.1f} | {memory[name]:.1f} | "
                       f"{memory[name] / memory['0']:.2f}× | ≤ 1.3× |")
        log(f"memory: {time.perf_counter() - t:.1f} s")

        # Export: 50,000 × 1 KB (and 20 KB text at 10,000, and at 50,000 when built) against json.load.
        t = time.perf_counter()
        for size, long, runs in [(50_000, False, EXPORT_RUNS), (10_000, True, EXPORT_RUNS)]:
            plain = single_file_of(folders[size, long], root / f"plain-{size}-{long}.json")
            base_s, ours_s = time_export(folders[size, long], plain, root / "export.json", runs)
            out.append(f"| export -o FILE, {_size(size)} × {kind(long)} (ms; vs json.load of the same data, "
                       f"{plain.stat().st_size / 2**20:.0f} MiB) | {base_s * 1e3:.0f} | {ours_s * 1e3:.0f} | "
                       f"{ours_s / base_s:.2f}× | ≤ 2× |")
            plain.unlink()
        for size, long in ((50_000, False), (10_000, True)):
            small = export_peak_mib(folders[1000, long], root / "export.json")
            large = export_peak_mib(folders[size, long], root / "export.json")
            out.append(f"| export peak memory, {_size(size)} × {kind(long)} (MiB; vs exporting 1,000) | {small:.1f} | "
                       f"{large:.1f} | {large / small:.2f}× | ≤ 1.5× |")
        if LONG_50K:     # about 1 GB: more than import reads (MAX_IMPORT_BYTES), so export refuses it
            try:
                seconds = goldseam_command("--data-dir", str(folders[50_000, True]), "export", "-o", str(root / "export.json"))
                outcome = f"exported in {seconds * 1e3:.0f} ms"
            except SystemExit:
                outcome = "refused: the export would be larger than import reads (512 MiB)"
            out.append(f"| export -o FILE, 50,000 × 20 KB text ({journal_bytes(folders[50_000, True]) / 2**20:.0f} MiB "
                       f"journal) | – | {outcome} | – | ≤ 2× |")
        (root / "export.json").unlink(missing_ok=True)
        log(f"export: {time.perf_counter() - t:.1f} s")

        # Import of one moment, a whole process.
        t = time.perf_counter()
        files = one_moment_files(root / "imports", 4 * (IMPORT_RUNS + 1))
        small_s, large_s = time_imports(folders[100, False], folders[50_000, False], files[: 2 * (IMPORT_RUNS + 1)])
        out.append(f"| goldseam import of a one-moment file, whole process, into 50,000 × 1 KB (ms; vs into 100) | "
                   f"{small_s * 1e3:.0f} | {large_s * 1e3:.0f} | {large_s / small_s:.2f}× | ≤ 1.5× |")
        if LONG_50K:
            small_s, large_s = time_imports(folders[100, True], folders[50_000, True], files[2 * (IMPORT_RUNS + 1):])
            out.append(f"| goldseam import of a one-moment file, whole process, into 50,000 × 20 KB text "
                       f"(ms; vs into 100) | {small_s * 1e3:.0f} | {large_s * 1e3:.0f} | {large_s / small_s:.2f}× | ≤ 1.5× |")
        log(f"import: {time.perf_counter() - t:.1f} s")

        # Saves (they add SAVE_RUNS moments to the current month of each journal).
        t = time.perf_counter()
        for long in (False, True):
            at_100 = None
            for size in (100, 1000, 10_000, 50_000):
                if (size, long) not in folders:
                    continue
                median = time_saves(folders[size, long], long)
                at_100 = at_100 or median
                out.append(f"| save one moment, {_size(size)} × {kind(long)} in journal (ms; vs at 100) | "
                           f"{at_100 * 1e3:.2f} | {median * 1e3:.2f} | {median / at_100:.2f}× | ≤ 10 ms, ≤ 1.3× |")
        log(f"saves: {time.perf_counter() - t:.1f} s")

        # Backups: fresh copies, the journal's newest moment BACKUP_DAYS ago.
        t = time.perf_counter()
        for size, long in ((1000, False), (10_000, False), (1000, True), (10_000, True)):
            folder = build(root / f"backups-{size}-{long}", size, long,
                           newest=_now() - timedelta(days=BACKUP_DAYS, minutes=5))
            backups, journal = backups_after_saves(folder, long)
            out.append(f"| backups folder after {BACKUP_SAVES} saves over 3 months, {_size(size)} × {kind(long)} "
                       f"(MiB; vs the journal) | {journal / 2**20:.2f} | {backups / 2**20:.2f} | "
                       f"{backups / journal:.2f}× | ≤ 2× |")
            shutil.rmtree(folder)
        log(f"backups: {time.perf_counter() - t:.1f} s; journal bench {time.perf_counter() - began:.0f} s in all")
    return out


def main() -> int:
    compile_bytecode()
    for line in rows():
        print(line)
    print(f"\n{sys.platform}, Python {sys.version.split()[0]}, {os.cpu_count()} cores; medians of {SAVE_RUNS} saves, "
          f"{STARTUP_RUNS} start-ups, {IMPORT_RUNS} imports, {MEMORY_RUNS} memory runs, {EXPORT_RUNS} exports "
          f"; {PER_DAY} moments a day back from now.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
