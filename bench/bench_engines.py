"""Every vzkg operation against its baseline, in one run, with the issue's targets.

For the bundled graph and synthetic corpora (``bench/corpus.py``, seed 1) of each ``--sizes``
(default 10k, 100k and 1M triples), measures each operation of vzkg and the baseline it is
judged against, each run in a fresh process so that its peak memory is its own:

  * load: ``Store.load_files`` into an in-memory Oxigraph store, against pyoxigraph's
    ``Store.bulk_load`` used directly and against rdflib's own parse; the cold
    ``vzkg load --store oxigraph:DIR`` (which adds the ontology and what the graph entails)
    against the native ``oxigraph load --location DIR``;
  * every named query (``vzkg.named_queries()``, default parameters) through vzkg's
    ``OxigraphStore.query``, against the same text through pyoxigraph directly (prefixes
    given, the union of the graphs as the default graph), both on the store just loaded, in
    one process that alternates them ``--query-repeats`` times a round (its peak memory is
    given for both);
  * validation: ``vzkg.validate`` against pyshacl-turbo alone with the shapes whole (the
    ``turbo`` variant of ``bench_validation.py``), and one added source (``only=``);
  * export: ``vzkg.export`` of that store to N-Quads, N-Triples and Turtle, against
    pyoxigraph's ``Store.dump`` of the same store to N-Quads (and TriG for Turtle);
  * once, on the bundled graph: the cold ``vzkg query --name timeline`` (default store, and
    ``--store oxigraph:DIR``) against ``python -c pass`` and the native
    ``oxigraph query --location DIR``; the cold ``vzkg validate``.

Wall time, processor time (``resource.getrusage``: user + system, the process's threads and
the children it waited for) and peak resident memory are given for both sides; setting up
(opening a store, parsing the graph to validate) is not counted, starting a command is. Graphs
under 200k triples get ``--rounds`` alternating rounds (medians), larger ones ``--large-rounds``
(one unless told: a ratio from one run at 1M moved by a third between runs, so settle the ones
that matter with more). An operation that fails or runs past ``--give-up`` seconds is reported
as such and not run on larger graphs. Last, a markdown table with each target and whether it
was met.

    nice python bench/bench_engines.py [--sizes 10000 100000 1000000] [--work DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROUNDS_BELOW = 200_000  # triples: smaller graphs get several rounds
GROUPS = ("cli", "load", "queries", "exports", "validation")  # what --only may choose


# -- what runs inside a worker process ------------------------------------------------------------

Job = dict[str, Any]
Work = Callable[[], object]


def _rdflib_parse(job: Job) -> Work:
    from rdflib import Dataset

    return lambda: len(Dataset().parse(job["corpus"], format="nquads"))


def _bulk_load(job: Job) -> Work:
    import pyoxigraph as ox

    def run() -> int:
        store = ox.Store()
        store.bulk_load(path=job["corpus"], format=ox.RdfFormat.N_QUADS)
        return len(store)

    return run


def _load_files(job: Job) -> Work:
    import vzkg
    import vzkg.engines.oxigraph  # imported before timing, as the baseline imports pyoxigraph

    def run() -> int:
        store = vzkg.open_store("oxigraph")
        store.load_files(job["corpus"], max_input_bytes=None)
        return store.count()

    return run


def _named_text(job: Job) -> str:
    import vzkg

    return vzkg.named_queries()[job["query"]].text


def _vzkg_query(job: Job) -> Work:
    import vzkg

    store, text = vzkg.open_store(f"oxigraph:{job['store']}"), _named_text(job)
    return lambda: len(store.query(text).rows)


def _oxigraph_query(job: Job) -> Work:
    import pyoxigraph as ox

    from vzkg.namespaces import PREFIXES

    store, text = ox.Store.read_only(job["store"]), _named_text(job)

    def run() -> int:
        answer = store.query(text, prefixes=dict(PREFIXES), use_default_graph_as_union=True)
        return len(list(answer))  # type: ignore[arg-type]  # lazy: reading it is the work

    return run


def _query_pair(job: Job) -> Work:
    """vzkg's query and the baseline's, alternated ``repeats`` times in one process on the same
    folder (which goes first swaps each time): one fresh process per side put the drift of a
    shared machine between them, and a query at 1M moved by a third from run to run."""
    sides = {"ours": _vzkg_query(job), "theirs": _oxigraph_query(job)}

    def run() -> dict[str, list[list[object]]]:
        times: dict[str, list[list[object]]] = {"ours": [], "theirs": []}
        for repeat in range(job["repeats"]):
            for side in ("ours", "theirs") if repeat % 2 == 0 else ("theirs", "ours"):
                cpu, start = _usage()[0], time.perf_counter()
                rows = sides[side]()
                times[side].append([time.perf_counter() - start, _usage()[0] - cpu, rows])
        return times

    return run


def _vzkg_export(job: Job) -> Work:
    import vzkg

    store, export = vzkg.open_store(f"oxigraph:{job['store']}"), vzkg.export
    return lambda: len(export(store, format=job["format"]) or b"")


def _oxigraph_dump(job: Job) -> Work:
    import pyoxigraph as ox

    from vzkg.namespaces import PREFIXES

    store = ox.Store.read_only(job["store"])
    if job["format"] == "trig":
        return lambda: len(store.dump(format=ox.RdfFormat.TRIG, prefixes=dict(PREFIXES)) or b"")
    return lambda: len(store.dump(format=ox.RdfFormat.N_QUADS) or b"")


def _dataset(job: Job) -> Any:
    import vzkg

    return vzkg.load(job["corpus"], bundled=False, max_input_bytes=None)


def _conforming(report: Any) -> bool:
    """A validation that finds violations times its report, not the graph: refuse it."""
    if not report.conforms:
        raise AssertionError("the benchmark's graphs all conform, but a violation was found")
    return True


def _vzkg_validate(job: Job) -> Work:
    import vzkg

    dataset, validate = _dataset(job), vzkg.validate
    return lambda: _conforming(validate(dataset))


def _vzkg_validate_store(job: Job) -> Work:
    """Validation where the data already lives in Oxigraph: the store is its own snapshot."""
    import vzkg
    from vzkg.input_files import sources

    store = vzkg.open_store("oxigraph")
    # with the ontology, as vzkg.load gives the Dataset (load_files leaves it out): without
    # it the shapes' class look-ups fail and the timing is that of a long report
    store.fill(sources(job["corpus"], bundled=False, max_input_bytes=None), entailment=False)
    return lambda: _conforming(vzkg.validate(store))


def _turbo(job: Job) -> Work:
    from bench_validation import variants

    from vzkg.validation import union

    dataset = _dataset(job)
    data, run = union(dataset), variants({})["turbo"]
    return lambda: run(dataset, data)


def _added_source(job: Job) -> Work:
    from bench_validation import add_one_source

    import vzkg

    dataset = _dataset(job)
    graph = add_one_source(Path(job["folder"]), dataset)
    vzkg.validate(dataset, only=[graph])  # once untimed, as bench_validation.py does
    return lambda: vzkg.validate(dataset, only=[graph]).conforms


WORKS: dict[str, Callable[[Job], Work]] = {
    "rdflib-parse": _rdflib_parse,
    "bulk-load": _bulk_load,
    "load-files": _load_files,
    "query-pair": _query_pair,
    "vzkg-export": _vzkg_export,
    "oxigraph-dump": _oxigraph_dump,
    "vzkg-validate": _vzkg_validate,
    "vzkg-validate-store": _vzkg_validate_store,
    "turbo": _turbo,
    "added-source": _added_source,
}


def _usage() -> tuple[float, int]:
    """Processor seconds so far (threads and reaped children), and peak RSS in KiB."""
    own, children = (
        resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    cpu = own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
    return cpu, max(own.ru_maxrss, children.ru_maxrss)


def worker(name: str, job: Job) -> None:
    """Set up, say so, run the work once, print what it took as one line of JSON."""
    work = WORKS[name](job)
    print("ready", flush=True)
    cpu, _ = _usage()
    start = time.perf_counter()
    answer = work()
    wall = time.perf_counter() - start
    used, peak = _usage()
    print(json.dumps({"wall": wall, "cpu": used - cpu, "peak_kib": peak, "answer": answer}))


# -- the parent: running and timing ---------------------------------------------------------------


@dataclass
class Outcome:
    """One operation, measured over its rounds (or why it was not)."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    peak_kib: int = 0
    answers: set[str] = field(default_factory=set)
    problem: str = ""  # "failed: …", "gave up after N s", "skipped: …"

    def add(self, wall: float, cpu: float, peak_kib: int, answer: object = None) -> None:
        self.wall.append(wall)
        self.cpu.append(cpu)
        self.peak_kib = max(self.peak_kib, peak_kib)
        if answer is not None:
            self.answers.add(str(answer))

    @property
    def ok(self) -> bool:
        return not self.problem and bool(self.wall)

    def cell(self) -> str:
        if not self.ok:
            return self.problem or "not run"
        wall, cpu = statistics.median(self.wall), statistics.median(self.cpu)
        return f"{_seconds(wall)} ({_seconds(cpu)} cpu), {self.peak_kib / 1024:,.0f} MB"


def _seconds(value: float) -> str:
    return f"{value:.3f} s" if value < 10 else f"{value:.1f} s"


def _last_line(text: bytes) -> str:
    lines = [line for line in text.decode(errors="replace").splitlines() if line.strip()]
    return " ".join(lines[-1].split())[:160] if lines else "no message"


class Runner:
    def __init__(self, give_up: float, setup_limit: float) -> None:
        self.give_up, self.setup_limit = give_up, setup_limit

    def command(self, argv: list[str], outcome: Outcome) -> None:
        """Run *argv* cold, to its end or *give_up*; its own rusage comes from wait4."""
        if outcome.problem:
            return
        start = time.perf_counter()
        try:
            child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        except OSError as error:
            outcome.problem = f"failed: {error.strerror}: {argv[0]}"
            return
        timer = threading.Timer(self.give_up, child.kill)
        timer.start()
        stderr = child.stderr.read() if child.stderr else b""  # type: ignore[union-attr]
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)  # reaped: Popen must not wait again
        wall = time.perf_counter() - start
        timer.cancel()
        if wall >= self.give_up:
            outcome.problem = f"gave up after {self.give_up:.0f} s"
        elif child.returncode != 0:
            outcome.problem = f"failed (exit {child.returncode}): {_last_line(stderr)}"
        else:
            outcome.add(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss)

    def pair(self, job: Job, ours: Outcome, theirs: Outcome) -> None:
        """Run a named query's :func:`_query_pair` in a fresh worker; each side's repeats go
        to its outcome, with the worker's peak memory (both sides share it)."""
        if ours.problem or theirs.problem:
            return
        both = Outcome()
        found = self.work("query-pair", job, both)
        ours.problem = theirs.problem = both.problem
        times = found["answer"] if found else {}
        for side, outcome in (("ours", ours), ("theirs", theirs)):
            for wall, cpu, rows in times.get(side, []):
                outcome.add(wall, cpu, both.peak_kib, rows)

    def work(self, name: str, job: Job, outcome: Outcome) -> dict[str, Any] | None:
        """Run the work *name* in a fresh worker: setup (up to *setup_limit* s, not counted),
        then the work itself (up to *give_up* s). Returns the worker's report, if any."""
        if outcome.problem:
            return None
        argv = [sys.executable, __file__, "--worker", name, json.dumps(job)]
        child = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        errors: list[bytes] = []
        reader = threading.Thread(target=lambda: errors.append(child.stderr.read()))  # type: ignore[union-attr]
        reader.start()
        assert child.stdout is not None
        timer = threading.Timer(self.setup_limit, child.kill)
        timer.start()
        ready = child.stdout.readline()
        timer.cancel()
        timer = threading.Timer(self.give_up, child.kill)
        timer.start()
        started = time.perf_counter()
        report = child.stdout.readline() if ready else b""
        timer.cancel()
        child.wait()
        reader.join()
        if ready and not report and time.perf_counter() - started >= self.give_up:
            outcome.problem = f"gave up after {self.give_up:.0f} s"
        elif not ready and child.returncode == -9:
            outcome.problem = f"gave up: setting up took over {self.setup_limit:.0f} s"
        elif child.returncode != 0 or not report:
            outcome.problem = f"failed (exit {child.returncode}): {_last_line(b''.join(errors))}"
        else:
            found: dict[str, Any] = json.loads(report)
            outcome.add(found["wall"], found["cpu"], found["peak_kib"], found["answer"])
            return found
        return None


# -- what is compared with what -----------------------------------------------------------------


@dataclass
class Comparison:
    """One row of the table: vzkg's side and the baseline's, and the target between them."""

    graph: str
    operation: str
    ours: Outcome
    baseline_name: str
    baseline: Outcome | None
    ratio_target: float | None = None  # ours / baseline at most this
    seconds_target: float | None = None  # ours at most this many seconds

    def ratio(self) -> str:
        if self.baseline is None or not (self.ours.ok and self.baseline.ok):
            return "—"
        wall = statistics.median(self.ours.wall) / statistics.median(self.baseline.wall)
        cpu = statistics.median(self.ours.cpu) / max(statistics.median(self.baseline.cpu), 1e-9)
        return f"{wall:.2f}× ({cpu:.2f}× cpu)"

    def target(self) -> str:
        if self.ratio_target is not None:
            return f"≤ {self.ratio_target}×"
        if self.seconds_target is not None:
            return f"< {self.seconds_target:g} s"
        return ""

    def verdict(self) -> str:
        if not self.target():
            return ""
        if not self.ours.ok or (
            self.ratio_target is not None and not (self.baseline and self.baseline.ok)
        ):
            return "not measured"
        wall = statistics.median(self.ours.wall)
        if self.ratio_target is not None:
            assert self.baseline is not None
            met = wall <= self.ratio_target * statistics.median(self.baseline.wall)
        else:
            met = wall < (self.seconds_target or 0)
        return "met" if met else "missed"

    def note(self) -> str:
        if self.baseline is None or not (self.ours.answers and self.baseline.answers):
            return ""
        if self.ours.answers != self.baseline.answers and self.operation.startswith("query "):
            ours, theirs = ("/".join(sorted(o.answers)) for o in (self.ours, self.baseline))
            return f" (rows: vzkg {ours}, baseline {theirs})"
        return ""


Step = tuple[str, Job, Outcome]  # a worker's work, its job, where its figures go


class Bench:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.work_dir = Path(args.work)
        self.work_dir.mkdir(parents=True, exist_ok=True)
        self.runner = Runner(args.give_up, args.setup_limit)
        self.rows: list[Comparison] = []
        self.outcomes: dict[str, Outcome] = {}  # by operation: what gave up stays given up
        self.vzkg = shutil.which("vzkg") or str(Path(sys.executable).with_name("vzkg"))
        self.oxigraph = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))

    def outcome(self, key: str) -> Outcome:
        """A fresh outcome for the operation *key*, or one that says why it is not run again."""
        earlier = self.outcomes.get(key)
        outcome = Outcome()
        if earlier is not None and earlier.problem and not earlier.problem.startswith("skipped"):
            outcome.problem = "skipped: " + earlier.problem.split(":")[0] + " on a smaller graph"
        self.outcomes[key] = outcome
        return outcome

    def prepare(self, argv: list[str]) -> str:
        """Run a command that sets something up, not timed: '' or what went wrong."""
        done = subprocess.run(argv, capture_output=True)
        if done.returncode == 0:
            return ""
        print(f"failed: {shlex.join(argv)}: {_last_line(done.stderr)}", file=sys.stderr)
        return f"failed: setting up: {_last_line(done.stderr)}"

    def alternate(self, rounds: int, *steps: Step) -> None:
        for _ in range(rounds):
            for name, job, outcome in steps:
                self.runner.work(name, job, outcome)

    def compare(
        self,
        graph: str,
        operation: str,
        ours: Outcome,
        baseline_name: str,
        baseline: Outcome | None,
        *,
        ratio: float | None = None,
        seconds: float | None = None,
    ) -> None:
        row = Comparison(graph, operation, ours, baseline_name, baseline, ratio, seconds)
        self.rows.append(row)
        base = f"{row.baseline_name}: {row.baseline.cell()}" if row.baseline else ""
        print(
            f"{row.graph:>10}  {row.operation:<30} {row.ours.cell():<40} {base}  "
            f"{row.ratio()} {row.verdict()}{row.note()}",
            file=sys.stderr,
            flush=True,
        )

    # -- the bundled graph, cold commands --------------------------------------------------------

    def bundled(self) -> None:
        import vzkg

        folder = self.work_dir / "bundled-store"
        shutil.rmtree(folder, ignore_errors=True)
        # vzkg's modules compiled as an installed wheel has them: with PYTHONDONTWRITEBYTECODE
        # set, a checkout's stale .pyc files cost each cold command as much as the query
        package = str(Path(vzkg.__file__).parent)
        self.prepare([sys.executable, "-m", "compileall", "-q", package])
        failed = self.prepare([self.vzkg, "load", "--store", f"oxigraph:{folder}"])
        query_file = self.work_dir / "timeline.rq"
        query_file.write_text(vzkg.named_queries()["timeline"].text, encoding="utf-8")
        native = ["query", "--location", str(folder), "--union-default-graph"]
        native += ["--query-file", str(query_file), "--results-format", "csv"]
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "oxigraph query": [self.oxigraph, *native],
            "vzkg query": [self.vzkg, "query", "--name", "timeline", "-f", "csv"],
            "vzkg query --store": [
                *(self.vzkg, "query", "--store", f"oxigraph:{folder}"),
                *("--name", "timeline", "-f", "csv"),
            ],
            "vzkg validate": [self.vzkg, "validate"],
        }
        for argv in commands.values():  # warm the file cache
            self.runner.command(argv, Outcome())
        found = {name: self.outcome(name) for name in commands}
        for name in ("oxigraph query", "vzkg query --store"):
            found[name].problem = found[name].problem or failed
        for _ in range(self.args.cli_runs):
            for name, argv in commands.items():
                self.runner.command(argv, found[name])
        python, oxigraph = found["python -c pass"], found["oxigraph query"]
        ours = found["vzkg query"]
        self.compare("bundled", "cold `vzkg query`", ours, "`python -c pass`", python)
        self.compare("bundled", "cold `vzkg query`", ours, "`oxigraph query`", oxigraph, ratio=3)
        on_store = found["vzkg query --store"]
        self.compare(
            *("bundled", "cold `vzkg query --store oxigraph:DIR`", on_store),
            *("`oxigraph query`", oxigraph),
            ratio=3,
        )
        ours = found["vzkg validate"]
        self.compare("bundled", "cold `vzkg validate`", ours, "`python -c pass`", python, seconds=1)

    # -- one synthetic graph ----------------------------------------------------------------------

    def corpus(self, size: int) -> Path:
        """The corpus of *size* triples, written once per version of its generator and data."""
        from corpus import write_corpus

        from vzkg.resources import resource_files

        digest = hashlib.sha256((BENCH / "corpus.py").read_bytes())
        for data in sorted(str(r) for r in resource_files("data", ".trig")):
            digest.update(Path(data).read_bytes())
        path = self.work_dir / f"corpus-{size}-{digest.hexdigest()[:12]}.nq"
        if not path.exists():
            partial = path.with_suffix(".partial")
            write_corpus(partial, triples=size, seed=1)
            partial.replace(path)
        return path

    def size(self, size: int) -> None:
        corpus, label = self.corpus(size), f"{size:,}"
        rounds = self.args.rounds if size < ROUNDS_BELOW else self.args.large_rounds
        store, native = self.work_dir / f"store-{size}", self.work_dir / f"native-{size}"
        job: Job = {"corpus": str(corpus), "store": str(store), "folder": str(self.work_dir)}
        load = {k: self.outcome(f"load {k}") for k in ("rdflib", "bulk", "files", "cli", "native")}
        if "load" not in self.args.only:
            return self.rest(size, label, job, rounds)
        for _ in range(rounds):
            self.alternate(
                1, ("rdflib-parse", job, load["rdflib"]), ("bulk-load", job, load["bulk"])
            )
            self.alternate(1, ("load-files", job, load["files"]))
            for folder in (store, native):
                shutil.rmtree(folder, ignore_errors=True)
            native_load = ["load", "--location", str(native), "--file", str(corpus)]
            self.runner.command([self.oxigraph, *native_load], load["native"])
            ours = [self.vzkg, "load", "--store", f"oxigraph:{store}", "--no-bundled"]
            self.runner.command([*ours, "--max-input-size", "0", str(corpus)], load["cli"])
        shutil.rmtree(native, ignore_errors=True)
        files = "load (`Store.load_files`)"
        self.compare(label, files, load["files"], "pyoxigraph `bulk_load`", load["bulk"], ratio=1.2)
        self.compare(label, files, load["files"], "rdflib parse", load["rdflib"])
        cli = "cold `vzkg load --store`"
        self.compare(label, cli, load["cli"], "`oxigraph load`", load["native"], ratio=1.2)
        self.rest(size, label, job, rounds)

    def rest(self, size: int, label: str, job: Job, rounds: int) -> None:
        """Queries and exports on the store of this size (loaded now if the loads were not
        measured), then validation."""
        store = Path(job["store"])
        if {"queries", "exports"} & set(self.args.only) and not store.exists():
            load = [self.vzkg, "load", "--store", f"oxigraph:{store}", "--no-bundled"]
            self.prepare([*load, "--max-input-size", "0", job["corpus"]])
        if store.exists():
            if "queries" in self.args.only:
                self.queries(label, job, rounds)
            if "exports" in self.args.only:
                self.exports(label, job, rounds)
        if "validation" in self.args.only:
            self.validation(label, job, rounds)
        shutil.rmtree(store, ignore_errors=True)

    def queries(self, label: str, job: Job, rounds: int) -> None:
        import vzkg

        for name in vzkg.named_queries():
            ours, base = self.outcome(f"query {name}"), self.outcome(f"ox {name}")
            asked = {**job, "query": name, "repeats": self.args.query_repeats}
            for _ in range(rounds):
                self.runner.pair(asked, ours, base)
            self.compare(label, f"query {name}", ours, "pyoxigraph `query`", base, ratio=1.2)

    def exports(self, label: str, job: Job, rounds: int) -> None:
        for fmt, theirs, name in (
            ("nq", "nq", "N-Quads"),
            ("nt", "nq", "N-Quads"),
            ("turtle", "trig", "TriG"),
            ("trig", "trig", "TriG"),
        ):
            ours, base = self.outcome(f"export {fmt}"), self.outcome(f"dump {theirs}")
            self.alternate(
                rounds,
                ("oxigraph-dump", {**job, "format": theirs}, base),
                ("vzkg-export", {**job, "format": fmt}, ours),
            )
            dump = f"pyoxigraph `dump` {name}"
            self.compare(label, f"export {fmt}", ours, dump, base, ratio=1.5)

    def validation(self, label: str, job: Job, rounds: int) -> None:
        keys = ("validate", "validate store", "turbo", "added source")
        ours, on_store, base, added = (self.outcome(k) for k in keys)
        self.alternate(
            rounds,
            ("turbo", job, base),
            ("vzkg-validate", job, ours),
            ("vzkg-validate-store", job, on_store),
        )
        self.compare(
            label, "`vzkg.validate` (Dataset)", ours, "pyshacl-turbo alone", base, seconds=60
        )
        self.compare(
            label,
            "`vzkg.validate` (Oxigraph store)",
            on_store,
            "pyshacl-turbo alone",
            base,
            seconds=60,
        )
        self.alternate(rounds, ("added-source", job, added))
        self.compare(label, "one added source (`only=`)", added, "", None, seconds=2)

    # -- the report -------------------------------------------------------------------------------

    def table(self) -> str:
        lines = [
            "| graph | operation | vzkg: wall (cpu), peak | baseline | baseline: wall (cpu), "
            "peak | ratio | target | |",
            "| --- | --- | --- | --- | --- | --- | --- | --- |",
        ]
        for row in self.rows:
            base = row.baseline.cell() if row.baseline else ""
            lines.append(
                f"| {row.graph} | {row.operation} | {row.ours.cell()} | {row.baseline_name} | "
                f"{base} | {row.ratio()}{row.note()} | {row.target()} | {row.verdict()} |"
            )
        verdicts = [row.verdict() for row in self.rows if row.verdict()]
        counts = ", ".join(f"{v}: {verdicts.count(v)}" for v in ("met", "missed", "not measured"))
        return "\n".join([*lines, "", f"targets {counts}"])


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--worker":
        sys.path.insert(0, str(BENCH))
        worker(sys.argv[2], json.loads(sys.argv[3]))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--work", default=str(Path(tempfile.gettempdir()) / "vzkg-bench-engines"))
    parser.add_argument("--give-up", type=float, default=300.0, help="seconds an operation may run")
    parser.add_argument("--setup-limit", type=float, default=900.0, help="seconds for its setup")
    parser.add_argument("--rounds", type=int, default=3, help="rounds on graphs under 200k triples")
    parser.add_argument(
        "--large-rounds", type=int, default=1, help="rounds on graphs of 200k triples or more"
    )
    parser.add_argument(
        "--query-repeats", type=int, default=5, help="alternations of a named query per round"
    )
    parser.add_argument("--only", nargs="*", choices=GROUPS, default=list(GROUPS))
    parser.add_argument("--cli-runs", type=int, default=9, help="runs of each cold command")
    args = parser.parse_args()
    started, load_average = datetime.now(UTC), os.getloadavg()[0]
    command = "python bench/bench_engines.py " + shlex.join(sys.argv[1:])
    cores = f"{os.cpu_count()} cores"
    print(f"{command}\n{started:%Y-%m-%d %H:%M} UTC, {cores}, load average {load_average:.1f}")
    bench = Bench(args)
    if "cli" in args.only:
        bench.bundled()
    for size in args.sizes:
        bench.size(size)
    minutes = (datetime.now(UTC) - started).total_seconds() / 60
    print(
        f"\n`{command}`, {started:%Y-%m-%d %H:%M} UTC, {cores}, load average {load_average:.1f} "
        f"at the start, {os.getloadavg()[0]:.1f} at the end ({minutes:.0f} min)\n"
    )
    print(bench.table())


if __name__ == "__main__":
    main()
