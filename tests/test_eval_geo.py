"""The geoparsing scorer on a made-up article in the LGL / TR-News format (the real sets are held out)."""

from __future__ import annotations

from pathlib import Path

from newsgraph.eval.geo import evaluate, read_set

TEXT = "Flooding closed roads in Gainesville, Florida, on Monday. Officials in Ocala said more rain would come."


def _toponym(phrase: str, lat: float | None, lon: float | None, geonameid: int = 0) -> str:
    start = TEXT.index(phrase)
    tag = "" if lat is None else (f'<gaztag geonameid="{geonameid}"><name>{phrase}</name><fclass>P</fclass>'
                                  f"<fcode>PPL</fcode><lat>{lat}</lat><lon>{lon}</lon><country>US</country>"
                                  "<admin1>FL</admin1></gaztag>")
    return f"<toponym><start>{start}</start><end>{start + len(phrase)}</end><phrase>{phrase}</phrase>{tag}</toponym>"


def _write(folder: Path) -> None:
    toponyms = "".join([_toponym("Gainesville", 29.65, -82.32, 4156404), _toponym("Florida", 28.75, -82.5),
                        _toponym("Ocala", 29.19, -82.14), _toponym("roads", None, None)])
    (folder / "lgl").mkdir()
    (folder / "lgl" / "lgl.xml").write_text(
        f'<articles><article docid="1"><feedid>1</feedid><title>Rain</title><domain>example.com</domain>'
        f"<url>http://example.com/rain</url><dltime>2009-05-04</dltime><text>{TEXT}</text>"
        f"<toponyms>{toponyms}</toponyms></article></articles>", encoding="utf-8")


def test_lgl_reader_keeps_toponyms_with_a_point(tmp_path: Path) -> None:
    _write(tmp_path)
    (article,) = read_set("lgl", tmp_path)
    assert article.url == "http://example.com/rain"
    assert [(t.name, TEXT[t.start:t.end]) for t in article.toponyms] == [
        ("Gainesville", "Gainesville"), ("Florida", "Florida"), ("Ocala", "Ocala")]
    assert article.toponyms[0].geonameid == 4156404 and article.toponyms[1].geonameid is None


def test_lgl_scored_end_to_end(tmp_path: Path) -> None:
    _write(tmp_path)
    row = evaluate(data_dir=tmp_path, set="lgl").rows["newsgraph"]
    assert row["toponyms"] == 3 and row["recall"] == 1.0
    assert row["acc@161km"] == 1.0, row
