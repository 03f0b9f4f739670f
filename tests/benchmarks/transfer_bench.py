"""Bulk import and the exports at 10,000 and 50,000 moments (issue 24), each against a plain
`json.load` of the same data, measured side by side in the same run.

- `goldseam import FILE` of an export file of that many moments (~1 KB each) into a new, empty
  data folder, against `json.load` of that file (target ≤ 2.5×);
- `goldseam export --format json -o FILE` against `json.load` of the JSON export of the same
  journal (target ≤ 1.5×);
- `goldseam export --format markdown -o FILE` against the same `json.load` (target ≤ 2.5×).

Every command runs in this process as the console script runs it (`cli.main([...])`, messages
muted), as run_benchmarks.py and journal_bench.py measure export. Baseline and Goldseam runs are
interleaved and the medians taken; the 1-minute load average before and after each row is printed
beside it, as the machine is shared. Journals are built by journal_bench.build (three moments a
day back from now).

Run alone: `python tests/benchmarks/transfer_bench.py`; `run_benchmarks.py` may call `rows()`.
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import journal_bench  # noqa: E402
from run_benchmarks import compile_bytecode, goldseam_command, plain_json_load  # noqa: E402

SIZES = ((10_000, 7), (50_000, 5))      # (moments, runs)
TARGETS = {"import": "≤ 2.5×", "json": "≤ 1.5×", "markdown": "≤ 2.5×"}


def _load() -> float:
    return os.getloadavg()[0]


def _interleaved(baseline, ours, runs: int) -> tuple[float, float, float, float]:
    """Medians of `runs` alternating runs of each (one warm-up of each first), and the 1-minute
    load average before and after."""
    before = _load()
    baseline()
    ours()
    base, own = [], []
    for _ in range(runs):
        base.append(baseline())
        own.append(ours())
    return statistics.median(base), statistics.median(own), before, _load()


def _row(name: str, base: float, ours: float, target: str, before: float, after: float) -> str:
    return (f"| {name} | {base * 1e3:.0f} ms | {ours * 1e3:.0f} ms | {ours / base:.2f}× | {target} | "
            f"{before:.2f} → {after:.2f} |")


def rows(log=lambda text: print(text, file=sys.stderr, flush=True)) -> list[str]:
    """The transfer rows, as Markdown table lines (header included)."""
    out = ["| measure | baseline | Goldseam | ratio | target | load before → after |",
           "|---|---:|---:|---:|---|---|"]
    with tempfile.TemporaryDirectory(prefix="goldseam-transfer-bench-") as tmp:
        root = Path(tmp)
        for size, runs in SIZES:
            started = time.perf_counter()
            folder = journal_bench.build(root / f"journal-{size}", size, long=False)
            export_file = root / f"export-{size}.json"
            goldseam_command("--data-dir", str(folder), "export", "--format", "json", "-o", str(export_file))
            megabytes = export_file.stat().st_size / 2**20
            log(f"built {size:,} moments and their export ({megabytes:.1f} MiB) in {time.perf_counter() - started:.1f} s")
            baseline = lambda: plain_json_load(export_file)     # noqa: E731

            targets = iter(range(10**6))

            def import_once() -> float:
                """Into a data folder that does not exist yet; it is removed after, untimed."""
                target = root / f"import-{next(targets)}"
                try:
                    return goldseam_command("--data-dir", str(target), "import", str(export_file))
                finally:
                    shutil.rmtree(target, ignore_errors=True)

            base, ours, before, after = _interleaved(baseline, import_once, runs)
            out.append(_row(f"import of an export of {size:,} × 1 KB into an empty folder (vs json.load of the file, "
                            f"{megabytes:.0f} MiB)", base, ours, TARGETS["import"], before, after))
            log(out[-1])
            for fmt in ("json", "markdown"):
                target = root / f"out.{'md' if fmt == 'markdown' else 'json'}"
                command = ("--data-dir", str(folder), "export", "--format", fmt, "-o", str(target))
                base, ours, before, after = _interleaved(baseline, lambda: goldseam_command(*command), runs)
                out.append(_row(f"export --format {fmt}, {size:,} × 1 KB (vs json.load of the JSON export)",
                                base, ours, TARGETS[fmt], before, after))
                log(out[-1])
                target.unlink(missing_ok=True)
            shutil.rmtree(folder)
            export_file.unlink()
    return out


def main() -> int:
    compile_bytecode()
    for line in rows():
        print(line)
    print(f"\n{sys.platform}, Python {sys.version.split()[0]}, {os.cpu_count()} cores; medians of "
          + ", ".join(f"{runs} interleaved runs at {size:,}" for size, runs in SIZES)
          + " (after one warm-up of each); load: the 1-minute average.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
