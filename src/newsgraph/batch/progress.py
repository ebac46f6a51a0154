"""A Rich progress bar for long jobs: articles done, articles/s, ETA (when the total is known), failures."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["progress_bar"]


@contextmanager
def progress_bar(
    total: int | None = None, description: str = "ingest", console: Any = None
) -> Iterator[Callable[[int, int], None]]:
    """Show a bar while the block runs; yields the `(stored or skipped, failed)` callback `ingest` takes."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = [
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn() if total else TextColumn("{task.completed} articles"),
        TextColumn("{task.fields[rate]:.1f} articles/s"),
        TaskProgressColumn() if total else TextColumn(""),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        TextColumn("[red]{task.fields[failed]} failed"),
    ]
    with Progress(*columns, console=console, transient=False) as bar:
        task = bar.add_task(description, total=total, rate=0.0, failed=0)

        def update(done: int, failed: int) -> None:
            elapsed = bar.tasks[task].elapsed or 0.0
            bar.update(task, completed=done + failed, failed=failed, rate=(done + failed) / elapsed if elapsed else 0.0)

        yield update
