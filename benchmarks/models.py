"""Speed of the two English models, bare `nlp.pipe`, alternating in rounds on the same articles (one run).

    .venv/bin/python benchmarks/models.py [--limit 120] [--rounds 3]

Used with the CoNLL scores (`newsgraph eval conll --split testa`) to choose the default model: see
docs/benchmarks.md. Prints words/s of each model and md's throughput as a share of sm's.
"""

from __future__ import annotations

import argparse
import subprocess
import time
from datetime import UTC, datetime

from throughput import DEFAULT_DATA, _bare, load_bbc


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=120)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    texts = [f"{title}\n\n{body}" for title, body in load_bbc(DEFAULT_DATA, args.limit)]
    words = sum(len(t.split()) for t in texts)
    models = {name: _bare(name) for name in ("sm", "md")}
    for nlp in models.values():
        list(nlp.pipe(texts[:5]))  # warm up
    seconds = dict.fromkeys(models, 0.0)
    chunk = max(1, len(texts) // args.rounds)
    for start in range(0, len(texts), chunk):
        part = texts[start:start + chunk]
        for name, nlp in models.items():
            began = time.perf_counter()
            for _ in nlp.pipe(part, batch_size=16):
                pass
            seconds[name] += time.perf_counter() - began
    git = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    print(f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, git {git}, {len(texts)} BBC articles, {words:,} words")
    for name, secs in seconds.items():
        print(f"{name}: {secs:.1f} s, {words / secs:,.0f} words/s")
    print(f"md throughput / sm throughput: {seconds['sm'] / seconds['md']:.2f}")


if __name__ == "__main__":
    main()
