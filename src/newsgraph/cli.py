"""The `newsgraph` command. Each command parses its options, calls the library, and prints."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from typer.core import TyperGroup

from newsgraph import report
from newsgraph.errors import NewsgraphError
from newsgraph.model import Article, Failure

__all__ = ["app", "main"]



class _Group(TyperGroup):
    """Turns a `NewsgraphError` from any command into one clear line on stderr and exit code 1."""

    def invoke(self, ctx: typer.Context):
        try:
            return super().invoke(ctx)
        except NewsgraphError as exc:  # typer.Exit, not click's exception: newer typers vendor their own click
            typer.echo(f"Error: {exc}", err=True)
            raise typer.Exit(1) from exc


app = typer.Typer(
    cls=_Group,
    help=(
        "newsgraph: news articles in; who did or said what to whom, when and where, out.\n\n"
        "Examples:\n\n"
        "  newsgraph analyze article.txt            # readable report, nothing stored\n\n"
        "  newsgraph analyze feed.xml --json        # the newsgraph.analysis/1 contract, JSONL\n\n"
        "  newsgraph ingest corpus/ --workers 2     # read a folder into the database\n\n"
        "  newsgraph events --type ASSAULT --modality asserted"
    ),
    no_args_is_help=True,
    rich_markup_mode="markdown",
)
out = Console(emoji=False)
err = Console(stderr=True, emoji=False)

DbOption = Annotated[
    Path,
    typer.Option("--db", envvar="NEWSGRAPH_DB", help="SQLite database file (created on first use)."),
]
FormatOption = Annotated[
    str, typer.Option("--format", "-f", help="Input format: auto, text, html, jsonl, feed or reuters (auto: by file).")
]
ModelOption = Annotated[
    str | None,
    typer.Option("--model", envvar="NEWSGRAPH_MODEL", help="spaCy model: sm (default, fast), md (accurate)."),
]


class _State:
    db: Path = Path("newsgraph.db")


@app.callback()
def _main(db: DbOption = Path("newsgraph.db")) -> None:
    _State.db = db


def main() -> None:
    """Entry point of the `newsgraph` command."""
    app()


def _store():
    from newsgraph.store import Store

    return Store(_State.db)


def _read_inputs(files: list[str], fmt: str) -> Iterator[Article | Failure]:
    from newsgraph import readers

    for name in files:
        if name == "-":
            yield from readers.iter_bytes(sys.stdin.buffer.read(), name="<stdin>", format=fmt)
        else:
            yield from readers.iter_articles([Path(name)], format=fmt)


@app.command()
def analyze(
    files: Annotated[list[str], typer.Argument(help="Files to analyse; `-` reads standard input.")],
    fmt: FormatOption = "auto",
    as_json: Annotated[bool, typer.Option("--json", help="Print the analysis contract (JSONL when several).")] = False,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Analyse in N processes (order kept).")] = 1,
    model: ModelOption = None,
) -> None:
    """Analyse articles without storing them.

    Example: `newsgraph analyze article.txt --json | jq .events`
    """
    from newsgraph.batch import analyze_stream

    failed = 0
    for item in analyze_stream(_read_inputs(files, fmt), workers=workers, model=model):
        if isinstance(item, Failure):
            failed += 1
            err.print(f"[yellow]skipped[/yellow] {item.source or item.article_id}: {item.error}")
        elif as_json:
            sys.stdout.write(json.dumps(item.to_dict(), ensure_ascii=False) + "\n")
        else:
            out.print(*report.analysis(item))
    if failed:
        raise typer.Exit(1)


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files and folders (read recursively).")],
    fmt: FormatOption = "auto",
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Worker processes (or Dask workers).")] = 1,
    engine: Annotated[str, typer.Option(help="local (process pool) or dask.")] = "local",
    scheduler: Annotated[str | None, typer.Option(help="Dask scheduler address; default: a LocalCluster.")] = None,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Articles per unit of work.")] = 32,
    out_to: Annotated[
        str | None, typer.Option("--out", help="parquet:DIR writes Parquet partitions instead of the database.")
    ] = None,
    strict: Annotated[bool, typer.Option(help="Exit non-zero when any input fails.")] = False,
    crossdoc: Annotated[
        bool, typer.Option(help="Afterwards, find duplicates, event clusters and actors across the whole store.")
    ] = True,
    model: ModelOption = None,
) -> None:
    """Read files and folders into the database, with a progress bar.

    Re-ingesting an article already stored changes nothing, so an interrupted run can simply be
    started again. A bad file is reported by name and skipped.

    Example: `newsgraph --db news.db ingest corpus/ --workers 2`
    """
    from newsgraph.batch import ingest as run_ingest
    from newsgraph.batch import progress_bar

    with _store() as store, progress_bar(console=err) as tick:
        result = run_ingest(paths, store, workers=workers, engine=engine, scheduler=scheduler,
                            batch_size=batch_size, model=model, format=fmt, out=out_to, progress=tick)
        if crossdoc and out_to is None:
            from newsgraph.crossdoc import run_crossdoc

            found = run_crossdoc(store)
    for failure in result.failures:
        err.print(f"[yellow]skipped[/yellow] {failure.source or failure.article_id}: {failure.error}")
    out.print(report.ingest_result(result))
    if crossdoc and out_to is None:
        out.print(report.crossdoc(found))
    if strict and result.failed:
        raise typer.Exit(1)


@app.command()
def articles(
    search: Annotated[str | None, typer.Option("--search", "-s", help="Full-text search words.")] = None,
    limit: Annotated[int, typer.Option(min=1)] = 50,
    offset: Annotated[int, typer.Option(min=0)] = 0,
) -> None:
    """List stored articles, newest first.

    Example: `newsgraph articles --search Minsk`
    """
    with _store() as store:
        rows = store.articles(limit=limit, offset=offset, search=search)
        out.print(report.rows_table(rows, "articles", report.ARTICLE_COLUMNS))


@app.command()
def show(
    article_id: Annotated[str, typer.Argument(help="Article id or a unique prefix of it (4+ characters).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the stored analysis contract.")] = False,
) -> None:
    """Show one stored article with everything found in it.

    Example: `newsgraph show 3fa9 --json`
    """
    with _store() as store:
        analysis = store.get(article_id)
    if as_json:
        sys.stdout.write(json.dumps(analysis.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        out.print(*report.analysis(analysis))


@app.command()
def summary() -> None:
    """Counts of what the database holds and the most frequent actors and events."""
    with _store() as store:
        out.print(*report.summary(store))


@app.command("eval")
def evaluate(
    name: Annotated[str, typer.Argument(help="Gold set: conll, polnear, tempeval3, geo, plover, ngec-synthetic, ...")],
    split: Annotated[str | None, typer.Option(help="Split, e.g. testa, dev, train.")] = None,
    gold_set: Annotated[str | None, typer.Option(
        "--set", help="Sub-corpus (geo: geowebnews, geovirus; the held-out lgl, tr-news where their files are)."
    )] = None,
    limit: Annotated[int | None, typer.Option(help="Score only the first N documents (quick look).")] = None,
    data: Annotated[Path | None, typer.Option(help="Gold data folder; default ../shared/data.")] = None,
    model: ModelOption = None,
) -> None:
    """Score newsgraph on a gold set, side by side with its baselines.

    Example: `newsgraph eval conll --split testa`
    """
    from newsgraph.eval import run_eval

    options = {"set": gold_set} if gold_set else {}
    result = run_eval(name, split=split, data_dir=data, model=model, limit=limit, **options)
    result.command = "newsgraph " + " ".join(sys.argv[1:])
    out.print(*report.eval_report(result))



actors_app = typer.Typer(cls=_Group, help="Actors across the stored articles.", rich_markup_mode="markdown")
app.add_typer(actors_app, name="actors")


@actors_app.callback(invoke_without_command=True)
def actors_list(
    ctx: typer.Context,
    country: Annotated[str | None, typer.Option(help="ISO alpha-3 country code, e.g. RUS.")] = None,
    sector: Annotated[str | None, typer.Option(help="PLOVER sector, e.g. GOV, MIL.")] = None,
    limit: Annotated[int, typer.Option(min=1)] = 50,
) -> None:
    """List actors with their mention and event counts.

    Example: `newsgraph actors --country UKR --sector MIL`
    """
    if ctx.invoked_subcommand:
        return
    with _store() as store:
        rows = store.actors(country=country, sector=sector, limit=limit)
        out.print(report.rows_table(rows, "actors", report.ACTOR_COLUMNS))


@actors_app.command("show")
def actors_show(name: Annotated[str, typer.Argument(help="Actor name or alias (any spelling).")]) -> None:
    """One actor: names, codes, the articles that mention it, and why its mentions were merged.

    Example: `newsgraph actors show Zaluzhnyi`
    """
    with _store() as store:
        out.print(*report.actor(store.actor(name)))


@app.command()
def quotes(
    speaker: Annotated[str | None, typer.Option(help="Speaker name or alias (substring, any case).")] = None,
    kind: Annotated[str | None, typer.Option(help="direct, indirect or mixed.")] = None,
    text: Annotated[str | None, typer.Option(help="Words the quote contains.")] = None,
    limit: Annotated[int, typer.Option(min=1)] = 50,
) -> None:
    """Quotes over the stored articles.

    Example: `newsgraph quotes --speaker Peskov --kind indirect`
    """
    with _store() as store:
        rows = store.quotes(speaker=speaker, kind=kind, text=text, limit=limit)
        out.print(report.rows_table(rows, "quotes", report.QUOTE_COLUMNS))


events_app = typer.Typer(cls=_Group, help="Events across the stored articles.", rich_markup_mode="markdown")
app.add_typer(events_app, name="events")


@events_app.callback(invoke_without_command=True)
def events_list(
    ctx: typer.Context,
    actor: Annotated[str | None, typer.Option(help="Source or target actor name.")] = None,
    type_: Annotated[str | None, typer.Option("--type", help="PLOVER type, e.g. ASSAULT.")] = None,
    modality: Annotated[str | None, typer.Option(help="asserted, negated, future, hypothetical, historical.")] = None,
    since: Annotated[str | None, typer.Option(help="Earliest event date, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Latest event date, YYYY-MM-DD.")] = None,
    country: Annotated[str | None, typer.Option(help="Source or target country, ISO alpha-3.")] = None,
    limit: Annotated[int, typer.Option(min=1)] = 50,
) -> None:
    """List events; every filter is optional.

    Example: `newsgraph events --type ASSAULT --modality future --since 2023-01-01`
    """
    if ctx.invoked_subcommand:
        return
    with _store() as store:
        rows = store.events(actor=actor, type=type_, modality=modality, since=since, until=until,
                            country=country, limit=limit)
        out.print(report.events_table(rows))


@events_app.command("show")
def events_show(cluster: Annotated[str, typer.Argument(help="Event cluster id.")]) -> None:
    """One event cluster: how many articles and outlets reported it, and the evidence from each.

    Example: `newsgraph events show c3a91f`
    """
    from newsgraph.crossdoc import cluster_summary

    with _store() as store:
        out.print(*report.cluster(cluster_summary(store, cluster)))


@app.command("crossdoc")
def crossdoc_command() -> None:
    """Find duplicate articles, event clusters and cross-article actors over the whole store.

    `ingest` runs this after each run unless given `--no-crossdoc`.
    Example: `newsgraph --db news.db crossdoc`
    """
    from newsgraph.crossdoc import run_crossdoc

    with _store() as store:
        out.print(report.crossdoc(run_crossdoc(store)))


@app.command()
def explain(
    event: Annotated[str, typer.Argument(help="ARTICLE_ID:EVENT_ID, e.g. 3fa9c1d2:v1 (article id prefix allowed).")],
) -> None:
    """Why an event has each of its values: trigger, rule, actors, modality cue, date, place, size.

    Example: `newsgraph explain 3fa9c1d2:v1`
    """
    article_id, _, event_id = event.partition(":")
    with _store() as store:
        analysis = store.get(article_id)
    out.print(*report.explain(analysis, event_id))


@app.command()
def export(
    out_path: Annotated[Path, typer.Argument(metavar="OUT", help="Output file.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="jsonl, csv or parquet.")] = "jsonl",
    what: Annotated[str, typer.Option(help="articles, entities, quotes or events.")] = "events",
) -> None:
    """Export a table with a stable column schema (docs/export.md), readable by DuckDB, pandas and Spark.

    Example: `newsgraph export --format parquet --what events events.parquet`
    """
    from newsgraph.store.export import export as run_export

    with _store() as store:
        count = run_export(store, what=what, format=fmt, out=out_path)
    out.print(f"wrote {count} {what} to {out_path}")


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Serve the HTTP API (OpenAPI at /docs) and the web page (timeline, network, map, articles).

    Example: `newsgraph --db news.db serve --port 8000`, then open http://127.0.0.1:8000/
    """
    import uvicorn

    from newsgraph.api import create_app

    uvicorn.run(create_app(_State.db), host=host, port=port)
