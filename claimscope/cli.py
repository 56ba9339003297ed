"""The command line: parse options, call the library, print. The only module that prints."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import click

from claimscope.errors import ClaimscopeError, InputRejected, StoreError
from claimscope.ingest.checks import MAX_CHARS
from claimscope.model import Article, Rejection

EXAMPLES_EXTRACT = """
\b
Examples:
  claimscope extract article.txt --outlet PressTV --published 2024-12-04
  claimscope extract shared/data/fakes/FA-KES-Dataset.csv > fakes.jsonl
  cat article.txt | claimscope extract - --format json
"""


def input_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """Options every command that reads articles shares, spelled the same everywhere."""
    f = click.option("--encoding", default=None, help="Text encoding of the inputs (default: UTF-8, else detected).")(f)
    f = click.option("--max-chars", type=int, default=MAX_CHARS, show_default=True, help="Refuse longer articles.")(f)
    f = click.option("--any-language", is_flag=True, help="Do not refuse articles that are not in English.")(f)
    f = click.option("--title", default=None, help="Title of a single article (overrides what was detected).")(f)
    f = click.option("--published", default=None, help="Publication date YYYY-MM-DD of a single article.")(f)
    f = click.option("--outlet", default=None, help="Outlet of a single article (overrides what was detected).")(f)
    return f


def query_options(f: Callable[..., Any]) -> Callable[..., Any]:
    f = click.option("--format", "fmt", type=click.Choice(["table", "json", "jsonl"]), default="table", show_default=True)(f)
    return filter_options(f)


def filter_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """The event filters, spelled alike in `events`, `claims` and `export`."""
    f = click.option("--limit", type=int, default=None, help="At most this many rows.")(f)
    f = click.option("--kind", default=None, help="Figure kind: killed, injured, captured, displaced, destroyed, casualties.")(f)
    f = click.option("--until", default=None, help="Events on or before this date (YYYY-MM-DD).")(f)
    f = click.option("--since", default=None, help="Events on or after this date (YYYY-MM-DD).")(f)
    f = click.option("--source", default=None, help="Cited source contains this text.")(f)
    f = click.option("--outlet", default=None, help="Outlet contains this text.")(f)
    f = click.option("--place", default=None, help="Place or governorate contains this text.")(f)
    f = db_option(f)
    return f


def db_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--db", default=None, envvar="CLAIMSCOPE_DB",
                        help="Store URL or SQLite path (default ./claimscope.db; env CLAIMSCOPE_DB).")(f)


@click.group()
@click.version_option(package_name="claimscope")
def main() -> None:
    """claimscope: turn conflict news into a ledger of sourced, geocoded claims."""


def _articles(paths: tuple[str, ...], opts: dict[str, Any]) -> Iterator[Article | Rejection]:
    """Articles from PATHS (``-`` is standard input); the single-article overrides apply to one article only."""
    from itertools import chain

    from claimscope.ingest import read_inputs, read_stdin

    common = {"encoding": opts["encoding"], "max_chars": opts["max_chars"], "check_language": not opts["any_language"]}
    if not paths:
        raise click.UsageError("give one or more PATHS, or - for standard input")
    overrides = {k: opts[k] for k in ("outlet", "published", "title") if opts.get(k)}
    if overrides.get("published"):
        from claimscope.ingest.readers import parse_date

        try:
            overrides["published"] = parse_date(overrides["published"])
        except InputRejected as exc:
            raise click.BadParameter(exc.reason, param_hint="--published") from exc
    items: Iterable[Article | Rejection] = chain(
        read_stdin(**common) if "-" in paths else (),
        read_inputs([p for p in paths if p != "-"], **common),
    )
    if not overrides:
        yield from items
        return
    buffered = list(items)
    good = [i for i in buffered if isinstance(i, Article)]
    if len(good) == 1:
        for k, v in overrides.items():
            setattr(good[0], k, v)
    elif good:
        click.echo(f"note: {', '.join('--' + k for k in overrides)} ignored: they apply to a single article, "
                   f"and the input holds {len(good)}", err=True)
    yield from buffered


def _report(rejection: Rejection) -> None:
    click.echo(f"skipped {rejection.origin}: {rejection.reason}", err=True)


@main.command(epilog=EXAMPLES_EXTRACT)
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl"]), default=None,
              help="jsonl: one object per line (default for several articles); json: one object or an array.")
@input_options
def extract(paths: tuple[str, ...], fmt: str | None, **opts: Any) -> None:
    """Extract events, figures, sources and framing from articles; print contract JSON (claimscope/1)."""
    from claimscope.pipeline import Extractor

    items = list(_articles(paths, opts))
    good = [i for i in items if isinstance(i, Article)]
    for item in items:
        if isinstance(item, Rejection):
            _report(item)
    if not good:
        raise click.ClickException("no article could be processed")
    fmt = fmt or ("json" if len(good) == 1 else "jsonl")
    extractor = Extractor()
    results = (r.to_dict() for r in extractor.extract(good))
    if fmt == "jsonl":
        for r in results:
            click.echo(json.dumps(r, ensure_ascii=False))
    else:
        out = list(results)
        click.echo(json.dumps(out[0] if len(out) == 1 else out, ensure_ascii=False, indent=2))


@main.command()
@click.argument("paths", nargs=-1)
@db_option
@click.option("--batch-size", type=int, default=64, show_default=True, help="Articles per committed chunk.")
@click.option("--no-reconcile", is_flag=True, help="Do not group the new events into incidents now.")
@input_options
def ingest(paths: tuple[str, ...], db: str | None, batch_size: int, no_reconcile: bool, **opts: Any) -> None:
    """Extract articles and store them; articles already stored are skipped, so a rerun resumes.

    \b
    Examples:
      claimscope ingest data/sample/
      claimscope ingest shared/data/fakes/FA-KES-Dataset.csv --db fakes.db
    """
    from rich.progress import Progress

    from claimscope.jobs import ingest as run_ingest

    store = _open(db)
    with Progress(disable=not sys.stderr.isatty(), transient=True, console=_stderr_console()) as progress:
        task = progress.add_task("ingesting", total=None)
        summary = run_ingest(
            _articles(paths, opts), store, batch_size=batch_size, on_reject=_report,
            on_item=lambda: progress.advance(task),
        )
    placed: dict[str, str] = {}
    if summary.added and not no_reconcile:
        from claimscope.jobs import reconcile

        placed = reconcile(store)
    store.close()
    click.echo(
        f"{summary.added} articles added, {summary.already} already stored, {summary.rejected} skipped"
        + (f", {len(placed)} events grouped into incidents" if placed else "")
        + (f", {summary.near_duplicates} near-duplicate copies linked" if summary.near_duplicates else ""),
        err=True,
    )
    if summary.added == 0 and summary.already == 0:
        raise click.ClickException("no article could be processed")


def parse_interval(text: str) -> float:
    """ "15m" -> 900.0; also "30s", "2h", or plain seconds."""
    import re

    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smh]?)\s*", text)
    if not m:
        raise click.BadParameter(f"{text!r} is not an interval like 30s, 15m or 2h", param_hint="--every")
    return float(m.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600}[m.group(2)]


@main.command()
@click.argument("feeds", nargs=-1, required=True)
@db_option
@click.option("--every", default="15m", show_default=True, help="How often to poll: 30s, 15m, 2h.")
@click.option("--polls", type=int, default=None, help="Stop after this many polls (default: run until stopped).")
@click.option("--no-fetch-pages", is_flag=True, help="Use the feed's own text instead of fetching each page.")
def watch(feeds: tuple[str, ...], db: str | None, every: str, polls: int | None, no_fetch_pages: bool) -> None:
    """Poll RSS/Atom feeds and ingest new items; a feed that is down or malformed is reported and retried.

    Entries already read are remembered in the store, so a restarted watch fetches only what is new; new
    items are grouped into incidents after each poll.

    \b
    Examples:
      claimscope watch https://example.org/syria/rss --every 15m
      claimscope watch feeds/wire.xml --polls 1
    """
    import time

    from claimscope.embeddings import SentenceEmbedder
    from claimscope.jobs import poll_feeds, reconcile
    from claimscope.pipeline import Extractor

    interval = parse_interval(every)
    store = _open(db)
    extractor = Extractor()
    embedder: SentenceEmbedder | None = None
    n = 0
    try:
        while polls is None or n < polls:
            if n:
                time.sleep(interval)
            summaries = poll_feeds(feeds, store, extractor=extractor, fetch_pages=not no_fetch_pages)
            for summary in summaries:
                for problem in summary.problems:
                    click.echo(f"skipped {problem}", err=True)
                click.echo(f"{summary.feed}: {summary.new} new items, {summary.added} stored", err=True)
            if any(s.added for s in summaries):
                embedder = embedder or SentenceEmbedder()  # loaded once, on the first poll with news
                reconcile(store, embedder)
            n += 1
    except KeyboardInterrupt:
        click.echo("stopped", err=True)
    finally:
        store.close()


def _stderr_console() -> Any:
    from rich.console import Console

    return Console(stderr=True)


def _open(db: str | None) -> Any:
    from claimscope.store import open_store

    try:
        return open_store(db)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc


def _filters(opts: dict[str, Any]) -> Any:
    from claimscope.store.db import Filters

    return Filters(**{k: opts.get(k) for k in ("place", "outlet", "source", "since", "until", "kind", "limit")})


def _print_rows(rows: list[dict[str, Any]], fmt: str, columns: list[tuple[str, str]], title: str) -> None:
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
        return
    if fmt == "jsonl":
        for r in rows:
            click.echo(json.dumps(r, ensure_ascii=False, default=str))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{title} ({len(rows)})", show_lines=False)
    for header, _ in columns:
        table.add_column(header, overflow="fold")
    for r in rows:
        table.add_row(*[_cell(r, key) for _, key in columns])
    Console(width=200 if not sys.stdout.isatty() else None).print(table)


def _cell(row: dict[str, Any], key: str) -> str:
    if key == "figure":
        return figure_text(row)
    value = row.get(key)
    return "" if value is None else str(value)


def figure_text(row: dict[str, Any]) -> str:
    """ "≥112", "≤120", "~2000", "10–15", "dozens" — how a figure reads in a table."""
    low, high, vague = row.get("low"), row.get("high"), row.get("vague")
    if vague:
        return str(vague)
    prefix = "~" if row.get("approx") else ""
    if low is not None and high is None:
        return f"≥{low}"
    if low is None and high is not None:
        return f"≤{high}"
    if low == high:
        return f"{prefix}{low}"
    return f"{low}–{high}"


@main.command()
@query_options
def events(fmt: str, **opts: Any) -> None:
    """List stored events, newest first.

    \b
    Examples:
      claimscope events --place Idlib --since 2024-12-01
      claimscope events --outlet "Wire Service A" --format json
    """
    store = _open(opts.pop("db"))
    rows = store.events(_filters(opts))
    store.close()
    _print_rows(rows, fmt, [("date", "date_start"), ("type", "sub_event_type"), ("place", "place"),
                            ("admin1", "admin1"), ("precision", "precision"), ("actor1", "actor1"),
                            ("actor2", "actor2"), ("source", "source"), ("stance", "stance"),
                            ("outlet", "outlet"), ("id", "id")], "events")


@main.command()
@query_options
def claims(fmt: str, **opts: Any) -> None:
    """List stored figures with who claims them, through which outlet, and the quote.

    \b
    Examples:
      claimscope claims --kind killed --place Hama
      claimscope claims --source Observatory --format jsonl
    """
    store = _open(opts.pop("db"))
    rows = store.claims(_filters(opts))
    store.close()
    _print_rows(rows, fmt, [("date", "date_start"), ("place", "place"), ("kind", "kind"), ("figure", "figure"),
                            ("victims", "victims"), ("claimed by", "source"), ("kind of source", "source_kind"),
                            ("outlet", "outlet"), ("stance", "stance"), ("quote", "quote")], "claims")


@main.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["table", "json", "jsonl"]), default="table", show_default=True)
@click.option("--track", is_flag=True, help="The track record against each incident's consensus instead.")
def sources(db: str | None, fmt: str, track: bool) -> None:
    """List cited sources: how many figures each claims, through how many outlets.

    \b
    Examples:
      claimscope sources
      claimscope sources --track
      claimscope sources --db team.db --format json
    """
    store = _open(db)
    try:
        if track:
            from dataclasses import asdict

            rows = [asdict(r) for r in _track_records(store)]
        else:
            rows = store.sources()
    finally:
        store.close()
    if track:
        _print_rows(rows, fmt, [("name", "name"), ("as", "role"), ("figures", "figures"), ("above consensus", "above"),
                                ("at consensus", "at"), ("below", "below"), ("only source", "only_source"),
                                ("denials", "denials")], "track record")
    else:
        _print_rows(rows, fmt, [("source", "source"), ("kind", "source_kind"), ("claims", "claims"),
                                ("outlets", "outlets"), ("independent articles", "independent")], "sources")


def _track_records(store: Any) -> list[Any]:
    from collections import defaultdict

    from claimscope.reconcile import claims_table, track_record
    from claimscope.store.incidents import incident_map

    by_incident: dict[str, list[str]] = defaultdict(list)
    for event_id, incident_id in incident_map(store).items():
        by_incident[incident_id].append(event_id)
    results = {r.article.id: r for r in store.results()}
    duplicates = store.duplicates()
    tables = []
    for incident_id, event_ids in sorted(by_incident.items()):
        articles = {e.rsplit("#", 1)[0] for e in event_ids}
        tables.append(claims_table(incident_id, event_ids, {a: results[a] for a in articles if a in results},
                                   duplicates))
    return track_record(tables)


@main.command()
@filter_options
@click.option("--format", "fmt", type=click.Choice(["acled-csv", "geojson", "geojsonseq", "parquet", "jsonl"]),
              default="acled-csv", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write to this file (default: standard output; Parquet needs a file).")
def export(fmt: str, output: str | None, **opts: Any) -> None:
    """Export stored events: ACLED-style CSV, GeoJSON, GeoJSON text sequence, GeoParquet or contract JSONL.

    Takes the same filters as `events`. Rows carry ACLED's column names first, then claimscope's own
    (fatalities_low/high, claimed_by, stance, article_ids, evidence, incident_id).

    \b
    Examples:
      claimscope export --format acled-csv --place Idlib -o idlib.csv
      claimscope export --format geojson --since 2024-12-01 > december.geojson
      claimscope export --format parquet -o events.parquet
    """
    from dataclasses import replace

    from claimscope.export import write

    if fmt == "parquet" and not output:
        raise click.UsageError("Parquet is binary and needs a file: pass --output FILE")
    store = _open(opts.pop("db"))
    filters = _filters(opts)

    def selected() -> Iterator[Any]:
        for result in store.results(filters):
            if filters.any():  # keep only the events the filters ask for, each with its whole article
                result = replace(result, events=[e for e in result.events if filters.matches(e, result.article.outlet)])
            yield result

    from claimscope.store.incidents import incident_map

    incidents = incident_map(store)
    try:
        if output:
            with open(output, "wb") as out:
                n = write(selected(), fmt, out, incidents=incidents)
        else:
            n = write(selected(), fmt, sys.stdout.buffer, incidents=incidents)
    finally:
        store.close()
    click.echo(f"{n} {'articles' if fmt == 'jsonl' else 'events'} exported", err=True)


@main.command(name="reconcile")
@db_option
def reconcile_command(db: str | None) -> None:
    """Group stored events into incidents; events already grouped stay where they are (incremental).

    `ingest` does this after storing unless given --no-reconcile.

    \b
    Examples:
      claimscope reconcile --db team.db
    """
    from claimscope.jobs import reconcile

    store = _open(db)
    try:
        placed = reconcile(store)
    finally:
        store.close()
    click.echo(f"{len(placed)} events placed in {len(set(placed.values()))} incidents", err=True)


@main.command()
@filter_options
@click.option("--format", "fmt", type=click.Choice(["table", "json", "jsonl"]), default="table", show_default=True)
def incidents(fmt: str, **opts: Any) -> None:
    """List incidents: reports of one real-world event grouped across articles and outlets.

    \b
    Examples:
      claimscope incidents --place Idlib --since 2024-12-01
      claimscope incidents --format json
    """
    from claimscope.store.incidents import incident_rows

    store = _open(opts.pop("db"))
    try:
        rows = incident_rows(store, _filters(opts))
    finally:
        store.close()
    _print_rows(rows, fmt, [("incident", "id"), ("first", "first_date"), ("last", "last_date"), ("place", "place"),
                            ("admin1", "admin1"), ("type", "type"), ("events", "events"), ("articles", "articles"),
                            ("outlets", "outlets")], "incidents")


@main.command()
@click.argument("incident_id")
@db_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def incident(incident_id: str, db: str | None, fmt: str) -> None:
    """Show one incident's claims side by side: every figure, who claims it, through which outlet, its
    stance and quote; the range, the conservative consensus, contradictions and independent sources.

    \b
    Examples:
      claimscope incident inc-cb7f5c48c807
    """
    from dataclasses import asdict

    from claimscope.reconcile import claims_table
    from claimscope.store.incidents import incident_results

    store = _open(db)
    try:
        event_ids, results = incident_results(store, incident_id)
        duplicates = store.duplicates()
    finally:
        store.close()
    if not event_ids:
        raise click.ClickException(f"no incident {incident_id!r} (see `claimscope incidents`)")
    table = claims_table(incident_id, event_ids, results, duplicates)
    if fmt == "json":
        click.echo(json.dumps({"incident": incident_id, "rows": [asdict(r) for r in table.rows],
                               "kinds": {k: asdict(v) for k, v in table.kinds.items()},
                               "contradictions": table.contradictions}, ensure_ascii=False, indent=2))
        return
    _print_claims_table(table)


def _print_claims_table(table: Any) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(width=200 if not sys.stdout.isatty() else None)
    grid = Table(title=f"incident {table.incident_id}: {len(table.rows)} figures")
    for header in ("kind", "figure", "claimed by", "chain", "outlet", "stance", "quote", "article"):
        grid.add_column(header, overflow="fold")
    for r in table.rows:
        grid.add_row(r.kind, figure_text(asdict_row(r)), r.source or "", " ← ".join(reversed(r.chain)),
                     r.outlet or "", r.stance, r.quote, r.article_id)
    console.print(grid)
    summary = Table(title="per kind")
    for header in ("kind", "range", "consensus (lowest credible)", "independent sources", "contradiction"):
        summary.add_column(header, overflow="fold")
    for k in table.kinds.values():
        span = "" if k.low is None else (f"{k.low}" if k.low == k.high else f"{k.low}–{k.high}")
        summary.add_row(k.kind, span, "" if k.consensus is None else str(k.consensus), str(k.independent_sources),
                        k.contradiction or "")
    console.print(summary)


def asdict_row(row: Any) -> dict[str, Any]:
    return {"low": row.low, "high": row.high, "vague": row.vague, "approx": False}


@main.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
def outlets(db: str | None, fmt: str) -> None:
    """Profile each outlet's framing: persuasion techniques per 1,000 words and its most used loaded labels.

    \b
    Examples:
      claimscope outlets
      claimscope outlets --format csv > outlets.csv
    """
    from dataclasses import asdict

    from claimscope.store.profiles import outlet_profiles

    store = _open(db)
    try:
        profiles = outlet_profiles(store)
    finally:
        store.close()
    if fmt == "json":
        click.echo(json.dumps([{**asdict(p), "total_rate": p.total_rate} for p in profiles], ensure_ascii=False,
                              indent=2))
        return
    techniques = sorted({t for p in profiles for t in p.rates})
    if fmt == "csv":
        import csv

        writer = csv.writer(sys.stdout)
        writer.writerow(["outlet", "articles", "words", "total_per_1000_words", *techniques, "top_labels"])
        for p in profiles:
            writer.writerow([p.outlet, p.articles, p.words, p.total_rate, *[p.rates.get(t, 0.0) for t in techniques],
                             "; ".join(f"{text} ({n})" for text, n in p.top_labels)])
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"framing per 1,000 words ({len(profiles)} outlets)")
    for header in ("outlet", "articles", "per 1,000 words", "", "by technique", "most used loaded labels"):
        table.add_column(header, overflow="fold")
    top = max((p.total_rate for p in profiles), default=0.0) or 1.0
    for p in profiles:
        bar = "█" * round(20 * p.total_rate / top)
        detail = ", ".join(f"{t.split(',')[0]} {r}" for t, r in sorted(p.rates.items(), key=lambda x: -x[1]))
        labels = ", ".join(f"{text} ({n})" for text, n in p.top_labels)
        table.add_row(p.outlet, str(p.articles), f"{p.total_rate:.1f}", bar, detail, labels)
    Console(width=200 if not sys.stdout.isatty() else None).print(table)


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on (loopback by default).")
@click.option("--port", type=int, default=8000, show_default=True)
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Server processes; more answer more requests at once on a machine with more cores.")
def serve(db: str | None, host: str, port: int, workers: int) -> None:
    """Run the local web app and REST API (/api/v1) over the store.

    Writing (adding articles) is allowed from this machine only, unless CLAIMSCOPE_TOKEN is set, and then
    only with that token.

    \b
    Examples:
      claimscope serve
      CLAIMSCOPE_TOKEN=secret claimscope serve --host 0.0.0.0 --port 8080
    """
    import os

    import uvicorn

    from claimscope.web import create_app

    try:
        app = create_app(db, token=os.environ.get("CLAIMSCOPE_TOKEN") or None)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"claimscope at http://{host}:{port}/  (API: http://{host}:{port}/api/v1/docs)", err=True)
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="warning")
        return
    # Worker processes build their own app from the environment; the one above has already checked the store
    # and run its migrations, so the workers do not race to create the schema.
    app.state.store.close()
    if db:
        os.environ["CLAIMSCOPE_DB"] = db
    uvicorn.run("claimscope.web.app:app_from_env", factory=True, host=host, port=port, workers=workers,
                log_level="warning")


@main.group()
def spark() -> None:
    """Run claimscope on Apache Spark (needs the `spark` extra: pip install 'claimscope[spark]').

    \b
    Examples:
      claimscope spark extract articles.jsonl --out ledger.parquet --master 'local[*]'
    """


@spark.command(name="extract")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--out", required=True, help="Directory (or filesystem URL) for the Parquet datasets.")
@click.option("--master", default="local[*]", show_default=True, help="Spark master URL.")
@click.option("--partitions", type=int, default=None,
              help="Extract in this many tasks (default: 4 per core Spark reports).")
@click.option("--reconcile", "with_incidents", is_flag=True,
              help="Also group events into incidents: OUT/incidents, and incident_id on OUT/events.")
def spark_extract(inputs: tuple[str, ...], out: str, master: str, partitions: int | None, with_incidents: bool) -> None:
    """Extract articles on Spark into OUT/articles, OUT/events, OUT/claims (by month).

    INPUTS are JSONL / CSV / Parquet files of articles, WARC archives (.warc, .warc.gz) or lists of them
    (.paths, .paths.gz, .txt: one path or URL per line, as cc-pyspark reads), local or on any filesystem
    pyarrow opens (file://, hdfs://, s3://...). Archives are read inside the tasks, record by record, and only
    English HTML pages are kept. Exact copies are dropped and near-duplicates linked, as `claimscope ingest` does.

    \b
    Examples:
      claimscope spark extract ../shared/data/fakes/FA-KES-Dataset.csv --out fakes.parquet --master local[2]
      claimscope spark extract warc.paths --out ledger --reconcile
      claimscope load fakes.parquet --db fakes.db
    """
    try:
        import pyspark  # noqa: F401 - only to say clearly when the extra is missing
    except ImportError as exc:
        raise click.ClickException("PySpark is not installed: pip install 'claimscope[spark]'") from exc
    from claimscope.spark import extract as spark_extract_df
    from claimscope.spark.dedup import dedup, prepare
    from claimscope.spark.io import read_inputs, write_datasets
    from claimscope.spark.io import session as spark_session
    from claimscope.spark.reconcile import reconcile as spark_reconcile

    session = spark_session(master)
    try:
        unique = dedup(prepare(read_inputs(session, list(inputs))))
        # An explicit count: the shuffles of deduplication would otherwise let Spark fold a small corpus into
        # one task, and extraction is the work worth spreading.
        unique = unique.repartition(partitions or session.sparkContext.defaultParallelism * 4)
        articles, events, claims = spark_extract_df(unique)
        incidents = None
        if with_incidents:
            incidents = spark_reconcile(articles).cache()
            events = events.join(incidents.selectExpr("event_id AS id", "incident_id"), "id", "left")
        write_datasets(articles, events, claims, out, incidents)
        grouped = f", {incidents.select('incident_id').distinct().count()} incidents" if incidents is not None else ""
        click.echo(f"{articles.count()} articles written to {out}/articles, events and claims beside{grouped}",
                   err=True)
    finally:
        session.stop()


@main.command()
@click.argument("directory", type=click.Path(exists=True, file_okay=False))
@db_option
@click.option("--no-reconcile", is_flag=True, help="Do not group the loaded events into incidents now.")
def load(directory: str, db: str | None, no_reconcile: bool) -> None:
    """Load `claimscope spark extract` output (and its incidents, if any) into the SQLite or PostgreSQL store.

    Articles are stored in input order with their near-duplicate links. Incidents found on Spark (OUT/incidents) are
    kept as they are; events without one are then grouped here unless --no-reconcile.

    \b
    Examples:
      claimscope load fakes.parquet --db fakes.db
    """
    from claimscope.spark.load import load_datasets

    store = _open(db)
    try:
        added, placed = load_datasets(store, directory)
        if added and not no_reconcile:
            from claimscope.jobs import reconcile

            reconcile(store)
    finally:
        store.close()
    click.echo(f"{added} articles loaded" + (f", {placed} events in incidents from Spark" if placed else ""), err=True)


@main.command(name="eval")
@click.argument("gold", nargs=-1, type=click.Path(exists=True, dir_okay=False))
@click.option("--split", type=click.Choice(["dev", "test", "all"]), default="all", show_default=True)
@click.option("-v", "--verbose", is_flag=True, help="List the misses and false alarms.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--incidents", "incidents_gold", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Also score incident grouping against this gold file (default data/gold/incidents-gold.jsonl).")
@click.option("--corpus", type=click.Path(exists=True, dir_okay=False), default=None,
              help="The FA-KES CSV the incident gold refers to (default ../shared/data/fakes/FA-KES-Dataset.csv).")
def evaluate(gold: tuple[str, ...], split: str, verbose: bool, fmt: str, incidents_gold: str | None,
             corpus: str | None) -> None:
    """Score extraction against gold files: P/R/F1 for figures; source, place, type, date and stance
    judged on matched figures (accuracy) and over all gold figures (end to end).

    With no GOLD, the project's own sets: data/gold/fakes-gold.jsonl and data/gold/written-gold.jsonl, and
    framing spans on data/gold/framing-gold.jsonl (FA-KES), data/gold/framing-general.jsonl (general news) and
    data/gold/framing-blind.jsonl (general news written blind to the detector: reported, never tuned on).

    \b
    Examples:
      claimscope eval --split dev -v
      claimscope eval data/gold/fakes-gold.jsonl --split test --format json
    """
    from claimscope.eval import evaluate_file

    paths = gold or tuple(p for p in ("data/gold/fakes-gold.jsonl", "data/gold/written-gold.jsonl") if Path(p).exists())
    if not paths:
        raise click.UsageError("no gold file given and none found under data/gold/")
    try:
        report = evaluate_file(paths, split=None if split == "all" else split)
    except ClaimscopeError as exc:
        raise click.ClickException(str(exc)) from exc
    grouping = None
    incidents_gold = incidents_gold or next((p for p in ("data/gold/incidents-gold.jsonl",) if Path(p).exists()), None)
    corpus = corpus or next((p for p in ("../shared/data/fakes/FA-KES-Dataset.csv",) if Path(p).exists()), None)
    if incidents_gold and corpus:
        from claimscope.eval.incidents import evaluate_grouping

        grouping = evaluate_grouping(incidents_gold, corpus, split=None if split == "all" else split)
    framing: dict[str, Any] = {}
    if not gold:
        from claimscope.eval.framing import FRAMING_GOLD, evaluate_framing

        framing = {key: evaluate_framing(path, split=None if split == "all" else split)
                   for key, path in FRAMING_GOLD.items() if Path(path).exists()}
    if fmt == "json":
        click.echo(json.dumps({**report.summary(), **({"incidents": grouping.summary()} if grouping else {}),
                               **{key: r.summary() for key, r in framing.items()}}, indent=2))
    else:
        click.echo(report.render(verbose=verbose))
        if grouping:
            click.echo("\n" + grouping.render())
        for key, r in framing.items():
            click.echo(f"\n{key}: " + r.render())


def run() -> None:
    try:
        main()
    except StoreError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)


if __name__ == "__main__":
    run()
