"""Cold starts of the vzkg CLI, against what they must do anyway.

Three groups, each run interleaved (one run of each command in turn, N times) so that machine
noise hits every side alike; each line gives the median wall time and the median processor
time (user + system of the child, from ``resource.getrusage``), and ratios against a baseline
measured in the same run:

* ``cold``: ``vzkg query --name timeline`` on the bundled graph with ``--store rdflib``, with
  the default (Oxigraph in memory, filled by pyoxigraph's own parsers) and with
  ``--store oxigraph:PATH`` (a folder ``vzkg load`` fills here first), against
  ``python -c pass``, a bare rdflib script that parses the same files and runs the same query
  (target ≤ 1.2× for the rdflib engine), and the native ``oxigraph query --location PATH
  --union-default-graph`` on the same folder (the issue's target: ≤ 3×);
* ``engines``: the commands that take ``--store`` (query, timeline, stats, export, describe,
  search) with ``--store rdflib`` against ``--store oxigraph``: the measurement that chose the
  default;
* ``help``: ``vzkg --help`` against ``python -c pass``, target ≤ 3×.

Run from a checkout with vzkg installed (the native ``oxigraph`` comes with
``pip install oxigraph``; without it that line is left out):

    python bench/bench_cli.py [--runs 15] [--only cold,engines,help]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from vzkg.queries import named_query
from vzkg.resources import resource_files

Command = list[str]


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


def _run(command: Command) -> tuple[float, float]:
    """Wall and processor seconds of one run of *command*."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu


def _interleaved(commands: dict[str, Command], runs: int) -> dict[str, tuple[float, float]]:
    """Median wall and processor time of each command, the commands taken in turn."""
    for command in commands.values():
        _run(command)  # warm the file cache
    times: dict[str, list[tuple[float, float]]] = {label: [] for label in commands}
    for _ in range(runs):
        for label, command in commands.items():
            times[label].append(_run(command))
    return {
        label: (statistics.median(w for w, _ in got), statistics.median(c for _, c in got))
        for label, got in times.items()
    }


def _report(
    title: str, medians: dict[str, tuple[float, float]], base: str, targets: dict[str, float]
) -> None:
    print(f"\n{title} (ratios to {base!r})")
    base_wall, base_cpu = medians[base]
    for label, (wall, cpu) in medians.items():
        ratio = wall / base_wall
        target = targets.get(label)
        verdict = ""
        if target is not None:
            verdict = f"  target ≤ {target}: {'ok' if ratio <= target else 'over'}"
        print(
            f"  {label:<40} wall {wall * 1000:6.0f} ms ({ratio:5.2f}×)   "
            f"cpu {cpu * 1000:6.0f} ms ({cpu / max(base_cpu, 1e-3):5.2f}×){verdict}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="runs per command (default 15)")
    parser.add_argument("--only", default="cold,engines,help", help="groups to run")
    args = parser.parse_args()
    groups = set(args.only.split(","))
    vzkg = shutil.which("vzkg") or str(Path(sys.executable).with_name("vzkg"))
    native = shutil.which("oxigraph")
    os.environ.pop("VZKG_STORE", None)
    # an installed vzkg runs from bytecode; without it every cold run compiles each module
    # (about 0.2 s here), which measures the setting, not vzkg: the warm-up run writes it
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    timeline = named_query("timeline").text
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch, "db")
        subprocess.run([vzkg, "load", "--store", f"oxigraph:{folder}"], check=True)
        query_file = Path(scratch, "timeline.rq")
        query_file.write_text(timeline, encoding="utf-8")
        query = [vzkg, "query", "--name", "timeline"]
        if "cold" in groups:
            cold = {
                "python -c pass": [sys.executable, "-c", "pass"],
                "vzkg query --store rdflib": [*query, "--store", "rdflib"],
                "vzkg query (default: oxigraph)": query,
                f"vzkg query --store oxigraph:{folder.name}": [
                    *query,
                    "--store",
                    f"oxigraph:{folder}",
                ],
                "bare rdflib script": [sys.executable, "-c", _baseline_code()],
            }
            if native:
                cold["native oxigraph query"] = [
                    native,
                    "query",
                    "--location",
                    str(folder),
                    "--query-file",
                    str(query_file),
                    "--union-default-graph",
                    "--results-format",
                    "tsv",
                ]
            medians = _interleaved(cold, args.runs)
            _report("cold vzkg query --name timeline", medians, "python -c pass", {})
            if native:
                _report(
                    "the same, against native oxigraph",
                    medians,
                    "native oxigraph query",
                    {f"vzkg query --store oxigraph:{folder.name}": 3.0},
                )
            _report(
                "the same, against a bare rdflib script",
                medians,
                "bare rdflib script",
                {"vzkg query --store rdflib": 1.2},
            )
        if "engines" in groups:
            commands = {
                "query --name timeline": ["query", "--name", "timeline"],
                "timeline": ["timeline"],
                "stats": ["stats"],
                "export -f nq": ["export", "-f", "nq"],
                "describe Maduro": ["describe", "Maduro"],
                "search deportation": ["search", "deportation"],
            }
            for label, words in commands.items():
                pair = {
                    f"{label} --store rdflib": [vzkg, *words, "--store", "rdflib"],
                    f"{label} --store oxigraph": [vzkg, *words, "--store", "oxigraph"],
                }
                _report(label, _interleaved(pair, args.runs), f"{label} --store rdflib", {})
        if "help" in groups:
            pair = {
                "python -c pass": [sys.executable, "-c", "pass"],
                "vzkg --help": [vzkg, "--help"],
            }
            _report(
                "vzkg --help", _interleaved(pair, args.runs), "python -c pass", {"vzkg --help": 3.0}
            )


if __name__ == "__main__":
    main()
