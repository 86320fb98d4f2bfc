"""The SPARQL endpoint under load: cheap queries from concurrent clients, with and without
runaway queries, and the server's memory before and after 10,000 requests.

Starts ``vzkg serve`` on a free 127.0.0.1 port (loopback only; nothing else is contacted) and:

  1. warms up: sends each candidate query five times; the cheap set is the named queries of
     the library (``vzkg queries``, those without parameters) and a few lookups whose median
     answer takes under ``--cheap-ms``;
  2. baseline: ``--clients`` clients send ``--phase`` cheap requests in all, back to back;
  3. with runaways: the same again while ``--runaways`` more clients send a runaway query (a
     cartesian product of the whole graph) over and over, each stopped at the time limit;
     the two alternate in ``--rounds`` rounds, so that machine noise hits both alike;
  4. soak: cheap requests until ``--total`` requests have been answered since the memory was
     first measured, then one more round of the baseline;

then prints, for each phase, requests per second and the p50 and p99 latency of the cheap
queries with their ratios to the baseline of the same run, the failed requests (a cheap query
not answered 200, a runaway not answered 503, a connection error), and the resident memory of
the server and its workers before and after (RSS, and PSS, which counts the pages the forked
workers share once). Bounded: every phase stops after ``--max-seconds``, and the server is
stopped at the end. Linux only (it reads /proc). Run from a checkout with vzkg[serve]:

    python bench/load_endpoint.py [--workers 2] [--clients 2] [--total 10000]

Targets (issue 7): no failed request; p99 with runaways at most 2x the baseline; memory within
10% after 10,000 requests.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from vzkg.queries import named_queries

LOOKUPS = [
    "ASK { vz:nicolas-maduro owl:sameAs wd:Q58132 }",
    "SELECT ?label WHERE { vz:donald-trump rdfs:label ?label }",
    "SELECT ?type WHERE { vz:event-deportation-to-el-salvador a ?type }",
    "SELECT (COUNT(*) AS ?n) WHERE { ?q a schema:Quotation }",
]
RUNAWAY = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@dataclass
class Phase:
    name: str
    latencies: list[float] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def quantile(self, q: int) -> float:
        return statistics.quantiles(self.latencies, n=100, method="inclusive")[q - 1]


class Client:
    """One keep-alive connection to the endpoint; reconnects after an error."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.connection: http.client.HTTPConnection | None = None

    def ask(self, sparql: str) -> tuple[int | str, float]:
        started = time.perf_counter()
        try:
            if self.connection is None:
                self.connection = http.client.HTTPConnection(self.host, self.port, timeout=120)
            self.connection.request(
                "POST",
                "/sparql",
                body=sparql.encode(),
                headers={
                    "Content-Type": "application/sparql-query",
                    "Accept": "application/sparql-results+json",
                },
            )
            response = self.connection.getresponse()
            response.read()
            status: int | str = response.status
        except (OSError, http.client.HTTPException) as error:
            status = f"{type(error).__name__}: {error}"
            if self.connection is not None:
                self.connection.close()
            self.connection = None
        return status, time.perf_counter() - started


def _cheap_clients(
    phase: Phase, address: tuple[str, int], queries: list[str], count: int, clients: int,
    deadline: float,
) -> None:  # fmt: skip
    """Send *count* cheap queries from *clients* clients at once, adding to *phase*."""
    numbers = itertools.count()
    lock = threading.Lock()

    def work() -> None:
        client = Client(*address)
        while time.monotonic() < deadline:
            with lock:
                number = next(numbers)
            if number >= count:
                return
            status, seconds = client.ask(queries[number % len(queries)])
            if status == 200:
                phase.latencies.append(seconds)
            else:
                phase.failed.append(str(status))

    threads = [threading.Thread(target=work) for _ in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    phase.seconds += time.monotonic() - started


def _runaway_clients(
    address: tuple[str, int], clients: int, stop: threading.Event
) -> tuple[list[threading.Thread], list[int | str]]:
    answers: list[int | str] = []

    def work() -> None:
        client = Client(*address)
        while not stop.is_set():
            answers.append(client.ask(RUNAWAY)[0])

    threads = [threading.Thread(target=work) for _ in range(clients)]
    for thread in threads:
        thread.start()
    return threads, answers


def _tree(root: int) -> list[int]:
    """*root* and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(entry))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def _memory(root: int) -> tuple[float, float, int]:
    """Resident and proportional set sizes of the process tree, in MB, and its size."""
    rss = pss = 0
    pids = _tree(root)
    for pid in pids:
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        rss += int(re.search(r"^Rss:\s+(\d+) kB", rollup, re.M).group(1))  # type: ignore[union-attr]
        pss += int(re.search(r"^Pss:\s+(\d+) kB", rollup, re.M).group(1))  # type: ignore[union-attr]
    return rss / 1000, pss / 1000, len(pids)


def _start(args: argparse.Namespace, log: Path) -> tuple[subprocess.Popen[bytes], str, int]:
    command = [
        sys.executable, "-m", "vzkg", "serve", "--host", "127.0.0.1", "--port", "0",
        "--workers", str(args.workers), "--timeout", str(args.timeout),
    ]  # fmt: skip
    with log.open("wb") as stderr:
        server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stderr)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and server.poll() is None:
        found = re.search(r"Serving at http://(127\.0\.0\.1):(\d+)/", log.read_text())
        if found:
            return server, found.group(1), int(found.group(2))
        time.sleep(0.05)
    server.kill()
    raise SystemExit(f"the server did not start: {log.read_text()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2, help="server workers (default 2)")
    parser.add_argument("--timeout", type=float, default=5, help="time limit, s (default 5)")
    parser.add_argument("--clients", type=int, default=2, help="cheap clients (default 2)")
    parser.add_argument("--runaways", type=int, default=1, help="runaway clients (default 1)")
    parser.add_argument("--phase", type=int, default=1500, help="cheap requests a phase")
    parser.add_argument("--rounds", type=int, default=3, help="baseline/runaway rounds")
    parser.add_argument("--total", type=int, default=10_000, help="requests before memory")
    parser.add_argument("--cheap-ms", type=float, default=100, help="cheap: median under this")
    parser.add_argument("--max-seconds", type=float, default=600, help="bound on each phase")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "stderr.txt"
        server, host, port = _start(args, log)
        address = (host, port)
        try:
            client = Client(*address)
            candidates = LOOKUPS + [q.text for q in named_queries().values() if not q.params]
            timed = {}
            for sparql in candidates:
                runs = [client.ask(sparql) for _ in range(5)]
                if all(status == 200 for status, _ in runs):
                    timed[sparql] = statistics.median(seconds for _, seconds in runs)
            cheap = [q for q, seconds in timed.items() if seconds * 1000 < args.cheap_ms]
            rss_before, pss_before, processes = _memory(server.pid)

            base, loaded = Phase("baseline"), Phase("with runaway queries")
            after = Phase("after the soak")
            chunk = args.phase // args.rounds
            plan = [(base, 0, chunk), (loaded, args.runaways, chunk)] * args.rounds
            soak = max(args.total - 2 * args.rounds * chunk - chunk, 0)
            plan += [(Phase("soak"), 0, soak), (after, 0, chunk)]
            stopped = runaways_sent = 0
            for phase, runaways, count in plan:
                stop = threading.Event()
                threads, runaway_answers = _runaway_clients(address, runaways, stop)
                deadline = time.monotonic() + args.max_seconds
                _cheap_clients(phase, address, cheap, count, args.clients, deadline)
                stop.set()
                for thread in threads:
                    thread.join()
                stopped += sum(1 for status in runaway_answers if status == 503)
                phase.failed += [str(s) for s in runaway_answers if s != 503]
                runaways_sent += len(runaway_answers)
            loaded.name += f" ({stopped} stopped at the limit)"
            phases = [base, loaded, plan[-2][0], after]
            answered = runaways_sent + sum(len(p.latencies) + len(p.failed) for p in phases)
            rss_after, pss_after, _ = _memory(server.pid)
        finally:
            server.send_signal(signal.SIGTERM)
            code = server.wait(30)
        errors = [line for line in log.read_text().splitlines()[1:] if line.strip()]

    print(f"$ python bench/load_endpoint.py {' '.join(sys.argv[1:])}".rstrip())
    print(
        f"{args.workers} workers, time limit {args.timeout:g} s, {args.clients} cheap clients, "
        f"{args.runaways} runaway client(s), {len(cheap)} cheap queries of {len(candidates)} "
        f"(median answer under {args.cheap_ms:g} ms), {os.cpu_count()} cores"
    )
    base = phases[0]
    header = f"{'phase':52} {'requests':>8} {'failed':>6} {'req/s':>7} {'p50 ms':>7} "
    print(header + f"{'p99 ms':>7} {'p50 x':>6} {'p99 x':>6}")
    for phase in phases:
        if not phase.latencies:
            continue
        p50, p99 = phase.quantile(50), phase.quantile(99)
        rate = len(phase.latencies) / phase.seconds
        print(
            f"{phase.name:52} {len(phase.latencies):>8} {len(phase.failed):>6} {rate:>7.1f} "
            f"{p50 * 1000:>7.1f} {p99 * 1000:>7.1f} {p50 / base.quantile(50):>6.2f} "
            f"{p99 / base.quantile(99):>6.2f}"
        )
    failed = sum(len(phase.failed) for phase in phases)
    examples = [failure for phase in phases for failure in phase.failed][:3]
    print(f"failed requests: {failed}" + (f" ({examples}…)" if failed else ""))
    print(
        f"memory of the server and its workers ({processes} processes), before and after "
        f"{answered:,} requests: RSS {rss_before:.0f} -> {rss_after:.0f} MB "
        f"({rss_after / rss_before:.3f}x), PSS {pss_before:.0f} -> {pss_after:.0f} MB "
        f"({pss_after / pss_before:.3f}x)"
    )
    print(f"server stopped with exit {code}; other lines on its stderr: {len(errors)}")


if __name__ == "__main__":
    main()
