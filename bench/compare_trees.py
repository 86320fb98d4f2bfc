"""One operation of ``bench_engines.py`` in two source trees (main and a branch), alternated
with its baseline in the same run, each in a fresh process: a branch's before and after.

    python bench/compare_trees.py --corpus FILE --work load-files --baseline bulk-load \\
        --tree main=/work/main --tree branch=. [--rounds 4]

Each round runs the baseline, then the work in each tree (``PYTHONPATH=TREE/src``), through
``bench_engines.py --worker``; the medians of processor time and wall are printed as ratios to
the baseline's.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

_HERE = Path(__file__).resolve().parent


def _run(tree: Path, work: str, job: str) -> tuple[float, float, object]:
    """Wall and processor seconds of one worker, and its answer."""
    env = dict(os.environ, PYTHONPATH=str(tree / "src"))
    argv = [sys.executable, str(tree / "bench" / "bench_engines.py"), "--worker", work, job]
    done = subprocess.run(argv, env=env, capture_output=True, check=True, text=True)
    report = json.loads(done.stdout.splitlines()[-1])
    return report["wall"], report["cpu"], report["answer"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", required=True, help="the N-Quads file the workers read")
    parser.add_argument("--work", default="load-files", help="the worker timed in each tree")
    parser.add_argument("--baseline", default="bulk-load", help="the worker it is compared to")
    parser.add_argument("--tree", action="append", required=True, help="NAME=FOLDER")
    parser.add_argument("--rounds", type=int, default=4)
    args = parser.parse_args()
    trees = {
        name: Path(folder).resolve() for name, _, folder in (t.partition("=") for t in args.tree)
    }
    job = json.dumps({"corpus": str(Path(args.corpus).resolve()), "store": "", "folder": ""})
    times: dict[str, list[tuple[float, float]]] = {"baseline": [], **{name: [] for name in trees}}
    for round in range(args.rounds):
        sides = [
            ("baseline", _HERE.parent, args.baseline),
            *((n, t, args.work) for n, t in trees.items()),
        ]
        for name, tree, work in sides:
            wall, cpu, answer = _run(tree, work, job)
            times[name].append((wall, cpu))
            print(f"round {round + 1} {name}: {wall:.3f} s ({cpu:.3f} s cpu), {answer}", flush=True)
    base_wall, base_cpu = (statistics.median(t[i] for t in times["baseline"]) for i in (0, 1))
    for name in trees:
        wall, cpu = (statistics.median(t[i] for t in times[name]) for i in (0, 1))
        print(
            f"{name}: {wall:.3f} s ({cpu:.3f} s cpu), {wall / base_wall:.2f}× "
            f"({cpu / base_cpu:.2f}× cpu) against {args.baseline}: "
            f"{base_wall:.3f} s ({base_cpu:.3f} s cpu)"
        )


if __name__ == "__main__":
    main()
