"""Place mentions of BBC articles, one a line, to compare two versions of the place rules where there is no gold.

    .venv/bin/python benchmarks/places_dump.py --out after.tsv [--start 200] [--stop 1000]
        [--data ../shared/data/bbc_news_fulltext]
    diff before.tsv after.tsv

Each line: article index, mention offset, the words, the place's name, country, feature, and whether it has a
point. Run it at two commits (`git stash` or a worktree) and read the diff: every added or changed mention is a
place the change now claims, to be judged by reading the article. The rules of the place layer are kept only where
such a diff shows no new wrong place (see docs/benchmarks.md, "Places: what moved the geo figures").
"""

from __future__ import annotations

import argparse
from pathlib import Path

from throughput import DEFAULT_DATA, load_bbc


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="TSV file to write")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--start", type=int, default=0, help="first article (in path order)")
    parser.add_argument("--stop", type=int, default=200, help="article to stop before")
    args = parser.parse_args()

    from newsgraph.model import Analysis, Article
    from newsgraph.nlp import actors, places
    from newsgraph.nlp.pipeline import load_pipeline

    bodies = [body for _, body in load_bbc(args.data, args.stop)[args.start:]]
    nlp = load_pipeline(None)
    with args.out.open("w", encoding="utf-8") as out:
        for i, (text, doc) in enumerate(zip(bodies, nlp.pipe(bodies, batch_size=16), strict=True), args.start):
            analysis = Analysis(article=Article(text=text))
            analysis.entities = actors.extract_entities(doc, analysis)
            for place in places.extract_places(doc, analysis):
                for start, end in place.mentions:
                    out.write(f"{i}\t{start}\t{text[start:end]}\t{place.name}\t{place.country}\t{place.feature}\t"
                              f"{place.lat is not None}\n")
    print(f"{args.out}: place mentions of articles {args.start} to {args.stop - 1}")


if __name__ == "__main__":
    main()
