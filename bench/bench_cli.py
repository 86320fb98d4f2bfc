"""How much the vzkg CLI adds on top of what it must do anyway.

Measures, in one run and interleaved so that machine noise hits both sides alike, the median
wall time of

  * ``vzkg query --name timeline`` against a bare baseline that parses the same files with
    rdflib and runs the same query (``python -c "import rdflib; ..."``), target ≤ 1.2×;
  * ``vzkg --help`` against ``python -c pass``, target ≤ 3×;

and prints each ratio. Run from a checkout with vzkg installed:

    python bench/bench_cli.py [--runs 15]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from vzkg.queries import named_query
from vzkg.resources import resource_files


def _files() -> list[tuple[str, str]]:
    data = [(str(r), "trig") for r in resource_files("data", ".trig")]
    ontology = [(str(r), "turtle") for r in resource_files("ontology", ".ttl")]
    return data + ontology


def _baseline_code() -> str:
    # Same files, same query, nothing else: no formatting, no prefixes, no error handling.
    parses = "".join(f"g.parse({path!r}, format={fmt!r}); " for path, fmt in _files())
    query = named_query("timeline").text
    return (
        "import rdflib; g = rdflib.Dataset(default_union=True); "
        f"{parses}rows = list(g.query({query!r}))"
    )


def _median(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="runs per command (default 15)")
    args = parser.parse_args()
    vzkg = shutil.which("vzkg") or str(Path(sys.executable).with_name("vzkg"))
    pairs = {
        "query --name timeline": (
            [vzkg, "query", "--name", "timeline"],
            [sys.executable, "-c", _baseline_code()],
            1.2,
        ),
        "--help": ([vzkg, "--help"], [sys.executable, "-c", "pass"], 3.0),
    }
    for label, (ours, bare, target) in pairs.items():
        # warm the file cache, then interleave small batches of each
        _median(ours, 1), _median(bare, 1)
        ours_times, bare_times = [], []
        for _ in range(args.runs):
            ours_times.append(_median(ours, 1))
            bare_times.append(_median(bare, 1))
        ours_median, bare_median = statistics.median(ours_times), statistics.median(bare_times)
        ratio = ours_median / bare_median
        verdict = "ok" if ratio <= target else "over target"
        print(
            f"vzkg {label:<22} {ours_median * 1000:7.0f} ms   baseline {bare_median * 1000:7.0f} ms"
            f"   ratio {ratio:4.2f} (target ≤ {target}) {verdict}"
        )


if __name__ == "__main__":
    main()
