"""Import benchmark: 100,000 CSV rows through the same code as `manage.py import_subscribers`.

Run: .venv/bin/python bench/bench_import.py   (SQLite in a temp folder)
     PostgreSQL: createdb -h 127.0.0.1 -U postgres bench_import, then
     DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_import .venv/bin/python bench/...
Prints the wall time for 100k rows (goal: under 20 s) and the peak Python memory
(tracemalloc, which slows the run) for 10k and 40k rows: "flat" means the peak grows far
slower than the file.
"""

import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import setup_django  # noqa: E402

setup_django()
WORKDIR = Path(tempfile.mkdtemp(prefix="bench-import-"))

from django.db import connection  # noqa: E402

from mailings.subscribers.consent import Evidence  # noqa: E402
from mailings.subscribers.importing import ImportOptions, import_subscribers  # noqa: E402
from mailings.subscribers.models import Newsletter, Subscriber  # noqa: E402


def write_csv(rows, offset):
    path = WORKDIR / f"rows-{rows}.csv"
    with path.open("w", encoding="utf-8") as out:
        out.write("email;name\n")
        for i in range(offset, offset + rows):
            out.write(f"person{i}@example.org;Person Nummer {i}\n")
    return path


def measure(rows, offset, newsletter, trace):
    path = write_csv(rows, offset)
    options = ImportOptions(
        newsletter=newsletter,
        consent_note="Benchmark",
        evidence=Evidence(actor="bench"),
        file_name=path.name,
    )
    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    with path.open("rb") as binary:
        result = import_subscribers(binary, options)
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] / 2**20 if trace else None
    tracemalloc.stop()
    if result.subscribed != rows:
        raise RuntimeError(f"Import unvollständig: {result}")
    return seconds, peak


def main():
    newsletter, _ = Newsletter.objects.get_or_create(slug="bench", defaults={"name": "Bench"})
    Subscriber.objects.filter(email__startswith="person").delete()
    print(f"Datenbank: {connection.vendor}")
    seconds, _ = measure(100_000, 0, newsletter, trace=False)
    print(f"100000 Zeilen: {seconds:.1f} s ({100_000 / seconds:,.0f} Zeilen/s)")
    # Peak resident memory of the whole process so far (Linux reports KiB); measured before
    # the clean-up below, whose cascading delete loads every row and would dwarf the import.
    peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"Spitze Prozessspeicher nach 100000 Zeilen: {peak_rss:.0f} MiB")
    for rows, offset in [(10_000, 200_000), (40_000, 300_000)]:
        seconds, peak = measure(rows, offset, newsletter, trace=True)
        print(f"{rows:>6} Zeilen mit tracemalloc: {seconds:.1f} s, Spitze {peak:.1f} MiB")
    Subscriber.objects.filter(email__startswith="person").delete()


if __name__ == "__main__":
    main()
