"""The HTTP API: a thin FastAPI layer over the store's queries, and the web page that uses it.

Every error is one JSON shape, `{"ok": false, "error": MESSAGE, "status": CODE}` (datasette's), and the
OpenAPI description is at `/docs` and `/openapi.json`.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException

from newsgraph.errors import NewsgraphError, NotFoundError
from newsgraph.store import Store

__all__ = ["create_app"]

_STATIC_TYPES = {".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml"}


def create_app(db: str | Path) -> FastAPI:
    """The API and web page over the database at `db` (opened per request, read-only use)."""
    app = FastAPI(title="newsgraph", summary="Who did or said what to whom, when and where.", version="1")

    @contextlib.contextmanager
    def store() -> Iterator[Store]:
        with Store(db) as opened:
            yield opened

    _add_error_handlers(app)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def page() -> str:
        return _asset("index.html")

    @app.get("/static/{name}", include_in_schema=False)
    def static(name: str) -> Response:
        suffix = Path(name).suffix
        if suffix not in _STATIC_TYPES or "/" in name:
            raise NotFoundError(f"no static file {name!r}")
        return Response(_asset(name), media_type=_STATIC_TYPES[suffix])

    @app.get("/api/counts")
    def counts() -> dict[str, int]:
        """Rows per table."""
        with store() as s:
            return s.counts()

    @app.get("/api/articles")
    def articles(search: str | None = None, limit: int = Query(50, ge=1, le=1000),
                 offset: int = Query(0, ge=0)) -> list[dict[str, Any]]:
        """Stored articles, newest first; `search` is full-text over title and text."""
        with store() as s:
            return s.articles(limit=limit, offset=offset, search=search)

    @app.get("/api/articles/{article_id}")
    def article(article_id: str) -> dict[str, Any]:
        """One article's full analysis (the newsgraph.analysis/1 contract); an id prefix is enough."""
        with store() as s:
            return s.get(article_id).to_dict()

    @app.get("/api/events")
    def events(actor: str | None = None, type: str | None = None, modality: str | None = None,
               since: str | None = None, until: str | None = None, country: str | None = None,
               limit: int = Query(100, ge=1, le=10000)) -> list[dict[str, Any]]:
        """Events matching every filter given, newest date first."""
        with store() as s:
            return s.events(actor=actor, type=type, modality=modality, since=since, until=until,
                            country=country, limit=limit)

    @app.get("/api/network")
    def network(type: str | None = None, modality: str | None = None, since: str | None = None,
                until: str | None = None, country: str | None = None,
                limit: int = Query(2000, ge=1, le=20000)) -> dict[str, list[dict[str, Any]]]:
        """Actors as nodes and source→target event counts as edges, over the events matching the filters."""
        with store() as s:
            rows = s.events(type=type, modality=modality, since=since, until=until, country=country, limit=limit)
        return actor_network(rows)

    @app.get("/api/quotes")
    def quotes(speaker: str | None = None, kind: str | None = None, text: str | None = None,
               limit: int = Query(100, ge=1, le=10000)) -> list[dict[str, Any]]:
        """Quotes; `speaker` matches a name or alias, `text` words of the quote."""
        with store() as s:
            return s.quotes(speaker=speaker, kind=kind, text=text, limit=limit)

    @app.get("/api/entities")
    def entities(country: str | None = None, sector: str | None = None,
                 limit: int = Query(100, ge=1, le=10000)) -> list[dict[str, Any]]:
        """Actors grouped by name, country and sector with mention and event counts."""
        with store() as s:
            return s.entities(country=country, sector=sector, limit=limit)

    return app


def actor_network(rows: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Nodes (actors with their event counts) and edges (source, target, type, count) from event rows."""
    edges: Counter[tuple[str, str, str]] = Counter()
    weight: Counter[str] = Counter()
    country: dict[str, str | None] = {}
    for row in rows:
        sources, targets = _names(row.get("source")), _names(row.get("target"))
        _assign_countries(country, sources, _names(row.get("source_country")))
        _assign_countries(country, targets, _names(row.get("target_country")))
        for s in sources:
            weight[s] += 1
            for t in targets:
                if s != t:
                    edges[(s, t, row["type"])] += 1
                    weight[t] += 1
    nodes = [{"id": name, "country": country.get(name), "events": n} for name, n in weight.most_common()]
    links = [{"source": s, "target": t, "type": k, "count": n} for (s, t, k), n in edges.most_common()]
    return {"nodes": nodes, "edges": links}


def _assign_countries(country: dict[str, str | None], names: list[str], codes: list[str]) -> None:
    # the store joins distinct countries, so a code belongs to a name only when they pair up one to one
    if len(codes) == len(names) or len(codes) == 1:
        for name, code in zip(names, codes * len(names) if len(codes) == 1 else codes, strict=False):
            country.setdefault(name, code)


def _names(value: Any) -> list[Any]:
    if not value:
        return []
    if isinstance(value, list):
        return value
    return [part.strip() for part in str(value).split(";") if part.strip()]


def _asset(name: str) -> str:
    return resources.files("newsgraph.web").joinpath("static", name).read_text(encoding="utf-8")


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"ok": False, "error": message, "status": status}, status_code=status)


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(NotFoundError)
    async def not_found(request: Request, exc: NotFoundError) -> JSONResponse:
        return _error(404, str(exc))

    @app.exception_handler(NewsgraphError)
    async def bad_request(request: Request, exc: NewsgraphError) -> JSONResponse:
        return _error(400, str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
        return _error(400, problems)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
        return _error(exc.status_code, str(exc.detail))
