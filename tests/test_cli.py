"""The `newsgraph` command through Typer's runner: analyze, ingest (idempotent, bad files skipped), list, show."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app

runner = CliRunner()
REPO = Path(__file__).resolve().parents[1]


def invoke(*args: str, db: Path | None = None):
    prefix = ["--db", str(db)] if db else []
    return runner.invoke(app, [*prefix, *args], catch_exceptions=False)


def test_help_explains_every_command():
    result = invoke("--help")
    assert result.exit_code == 0
    for command in ("analyze", "ingest", "articles", "show", "eval"):
        assert command in result.output
    for command in ("analyze", "ingest"):
        sub = invoke(command, "--help")
        assert sub.exit_code == 0 and "Example" in sub.output


def test_analyze_example_json(example_path):
    result = invoke("analyze", str(example_path), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    article = data["article"]
    assert data["schema"] == "newsgraph.analysis/1"
    assert article["title"] == "Meeting in Minsk: Putin closes ranks with Belarus"
    assert article["published"].startswith("2022-12-19T17:48")
    assert article["authors"] == ["Stephan Laack"]
    assert "source site" not in article["text"]
    assert "4:31 p.m" not in article["text"]
    assert article["text"].rstrip().endswith("for their deployment.")


def test_analyze_reads_stdin():
    text = "Talks in Vienna\n\nThe foreign ministers of Austria and Hungary met in Vienna on Tuesday.\n"
    result = runner.invoke(app, ["analyze", "-", "--json"], input=text)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["article"]["title"] == "Talks in Vienna"


def test_ingest_twice_is_a_no_op(tmp_path, example_path):
    db = tmp_path / "n.db"
    assert invoke("ingest", str(example_path), db=db).exit_code == 0
    first = invoke("summary", db=db).output
    again = invoke("ingest", str(example_path), db=db)
    assert again.exit_code == 0
    assert "added 0" in again.output
    assert invoke("summary", db=db).output == first


@pytest.fixture
def mixed_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "broken.bin").write_bytes(bytes(range(256)) * 8)
    (folder / "empty.txt").write_text("")
    (folder / "one.txt").write_text("Ministers meet in Vienna\n\nThe foreign ministers of Austria and Hungary met "
                                    "in Vienna on Tuesday to discuss energy supplies.\n")
    (folder / "two.txt").write_text("Protest in Lima\n\nThousands of teachers protested in Lima on Monday, "
                                    "demanding higher wages from the government of Peru.\n")
    return folder


def test_ingest_skips_bad_files_and_goes_on(tmp_path, mixed_folder):
    db = tmp_path / "n.db"
    result = invoke("ingest", str(mixed_folder), db=db)
    assert result.exit_code == 0, result.output
    assert "broken.bin" in result.output and "empty.txt" in result.output
    listed = invoke("articles", db=db).output
    assert "Vienna" in listed and "Lima" in listed
    strict = invoke("ingest", str(mixed_folder), "--strict", db=tmp_path / "m.db")
    assert strict.exit_code != 0


def test_show_prints_the_stored_analysis(tmp_path, mixed_folder):
    db = tmp_path / "n.db"
    invoke("ingest", str(mixed_folder / "one.txt"), db=db)
    analysed = json.loads(invoke("analyze", str(mixed_folder / "one.txt"), "--json").stdout)
    shown = json.loads(invoke("show", analysed["article"]["id"][:6], "--json", db=db).stdout)
    assert shown == analysed


def test_unknown_article_is_a_clear_error(tmp_path):
    result = runner.invoke(app, ["--db", str(tmp_path / "n.db"), "show", "ffffffff"])
    assert result.exit_code != 0


def test_bundled_examples_ingest(tmp_path):
    db = tmp_path / "demo.db"
    result = invoke("ingest", str(REPO / "examples"), "--strict", db=db)
    assert result.exit_code == 0, result.output
    assert "failed 0" in result.output


def test_an_error_is_one_clear_line_and_exit_code_1(tmp_path):
    result = invoke("eval", "geo", "--set", "lgl", "--data", str(tmp_path))
    assert result.exit_code == 1
    assert "Error: gold file" in result.output and "held-out" in result.output
    assert "Traceback" not in result.output
