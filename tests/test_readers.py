"""Readers: status lines, bylines, footers, encodings, formats, and the canonical example."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingError,
    NotEnglishError,
    ReadError,
    UnsupportedFormatError,
)
from newsgraph.model import Article, Failure
from newsgraph.readers import (
    FORMATS,
    decode,
    detect_format,
    iter_articles,
    iter_bytes,
    iter_files,
    read_bytes,
    read_path,
)
from newsgraph.readers.dates import parse_datetime
from newsgraph.readers.text import parse_byline, parse_status

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

ENGLISH = (
    "The foreign ministers of the two countries met on Monday to discuss the border and trade. "
    "They said that the talks had been useful and that they would meet again in the spring, "
    "when a first agreement on customs could be signed by both of their governments."
)
GERMAN = (
    "Die Außenminister der beiden Länder trafen sich am Montag, um über die Grenze und den Handel zu sprechen. "
    "Sie sagten, die Gespräche seien nützlich gewesen und man werde sich im Frühjahr erneut treffen, "
    "wenn eine erste Vereinbarung über den Zoll von beiden Regierungen unterzeichnet werden könnte."
)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


# -- status lines and dates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Status: 12/19/2022 5:48 p.m", "2022-12-19T17:48:00"),
        ("Status: 12/19/2022 5:48 p.m.", "2022-12-19T17:48:00"),
        ("Status: 12/19/2022 5:48 pm", "2022-12-19T17:48:00"),
        ("Status: 12/19/2022 12:05 a.m", "2022-12-19T00:05:00"),
        ("Updated: 19 December 2022 17:48", "2022-12-19T17:48:00"),
        ("Published: December 19, 2022, 5:48 PM", "2022-12-19T17:48:00"),
        ("Published 5:48 PM EST, Mon December 19, 2022", "2022-12-19T17:48:00-05:00"),
        ("Updated: 2022-12-19T17:48:00+01:00", "2022-12-19T17:48:00+01:00"),
        ("Last updated on 19th of December 2022 at 5.48pm GMT", "2022-12-19T17:48:00+00:00"),
        ("Stand: 19.12.2022 17:48 Uhr", "2022-12-19T17:48:00"),
        ("Status: 19/12/2022 17:48", "2022-12-19T17:48:00"),
        ("Monday, 19 December 2022, 17:48 CET", "2022-12-19T17:48:00+01:00"),
        ("December 19, 2022", "2022-12-19T00:00:00"),
        ("2022-12-19", "2022-12-19T00:00:00"),
        ("Status: soon", None),
        ("In 2022 the war went on", None),
        ("Talks resumed on December 19, 2022 in Minsk", None),
        ("Status: 13/45/2022", None),
    ],
)
def test_status_line(line: str, expected: str | None) -> None:
    assert _iso(parse_status(line)) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Mon, 19 Dec 2022 16:48:00 +0000", "2022-12-19T16:48:00+00:00"),
        ("2022-12-19T17:48Z", "2022-12-19T17:48:00+00:00"),
        ("2022-12-19 17:48:00+0100", "2022-12-19T17:48:00+01:00"),
        ("Dec. 19, 2022 5:48 p.m. ET", "2022-12-19T17:48:00-05:00"),
        ("not a date", None),
        ("", None),
    ],
)
def test_parse_datetime(value: str, expected: str | None) -> None:
    assert _iso(parse_datetime(value)) == expected


# -- bylines ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "authors", "outlet"),
    [
        ("By Stephan Laack, WDR Cologne, for the ARD studio in Moscow", ["Stephan Laack"], "ARD"),
        ("By Jane Doe and John Roe, Reuters", ["Jane Doe", "John Roe"], "Reuters"),
        ("By Maria Garcia, Anna Schmidt and Tom Lee, for the Daily Planet", ["Maria Garcia", "Anna Schmidt", "Tom Lee"],
         "Daily Planet"),
        ("By JANE DOE, Associated Press", ["Jane Doe"], "AP"),
        ("By Jane Doe, BBC News, Kyiv", ["Jane Doe"], "BBC"),
        ("By Jane Doe | The Guardian", ["Jane Doe"], "The Guardian"),
        ("By Jane Doe in Kyiv", ["Jane Doe"], None),
        ("By Ursula von der Leyen", ["Ursula von der Leyen"], None),
        ("By Jean-Luc O'Neill, for AFP", ["Jean-Luc O'Neill"], "AFP"),
        ("Written by Kim Lee, CNN", ["Kim Lee"], "CNN"),
        ("By Reuters", [], "Reuters"),
    ],
)  # fmt: skip
def test_byline(line: str, authors: list[str], outlet: str | None) -> None:
    byline = parse_byline(line)
    assert byline is not None
    assert (byline.authors, byline.outlet) == (authors, outlet)


@pytest.mark.parametrize(
    "line", ["By the end of the year, prices had risen.", "By Staff", "Bye for now", "Status: 5 pm"]
)
def test_not_a_byline(line: str) -> None:
    assert parse_byline(line) is None


# -- plain text layout --------------------------------------------------------------------------------------------

AGENCY_STORY = """Ceasefire talks resume in Doha

Updated: 5 March 2024 09:15

Mediators hope for a breakthrough before the holiday. Both delegations arrived on Sunday.

By Ana Lima and Omar Haddad, Reuters

Delegations from both sides met again in Doha on Monday, officials said.

What is on the table?

The draft foresees a six-week pause and the release of detainees.

The talks are expected to last until Thursday.

Mediators see chance for ceasefire in Doha

Ana Lima, Reuters, 5 March 2024

Original article
"""


def test_text_layout_metadata() -> None:
    (article,) = read_bytes(AGENCY_STORY.encode(), "doha.txt")
    assert article.title == "Ceasefire talks resume in Doha"
    assert _iso(article.published) == "2024-03-05T09:15:00+00:00"  # Reuters: Europe/London, winter time
    assert article.authors == ["Ana Lima", "Omar Haddad"]
    assert article.outlet == "Reuters"
    assert article.language == "en"
    assert article.source == "doha.txt"


@pytest.mark.parametrize(
    ("phrase", "present"),
    [
        ("Ceasefire talks resume in Doha\n\nMediators hope", True),  # title, then teaser
        ("The talks are expected to last until Thursday.", True),  # the last real paragraph
        ("What is on the table?", True),  # headings stay as paragraphs
        ("Updated:", False),  # status line is metadata
        ("By Ana Lima", False),  # byline is metadata
        ("Mediators see chance", False),  # repeated headline
        ("5 March 2024", False),  # credit line
        ("Original article", False),  # link label
    ],
)
def test_text_layout_footer_and_metadata_removed(phrase: str, present: bool) -> None:
    (article,) = read_bytes(AGENCY_STORY.encode(), "doha.txt")
    assert (phrase in article.text) is present


def test_text_paragraph_spans_and_headings() -> None:
    (article,) = read_bytes(AGENCY_STORY.encode(), "doha.txt")
    blocks = [(article.text[s:e], p.heading) for p in article.paragraphs for s, e in [p.span]]
    assert blocks[0] == ("Ceasefire talks resume in Doha", True)
    assert ("What is on the table?", True) in blocks
    assert all(not heading for text, heading in blocks if text.endswith("."))
    assert "\n\n".join(text for text, _ in blocks) == article.text


@pytest.mark.parametrize(
    ("text", "title", "body_end"),
    [
        ("Just a title\n\n" + ENGLISH + "\n\n" + ENGLISH, "Just a title", ENGLISH),
        ("\n\n  Leading blank lines\n\n" + ENGLISH, "Leading blank lines", ENGLISH),
        # a list that ends the article is content, not a trailer
        (f"Winners named\n\n{ENGLISH}\n\nThe winners are:\n\nAlpha Team\n\nBeta Team", "Winners named", "Beta Team"),
        # a short label after the last sentence is a trailer
        (f"Talks end\n\n{ENGLISH}\n\nRead more", "Talks end", ENGLISH),
        # hard-wrapped lines are joined into one paragraph
        ("Wrapped\n\nThe ministers met on\nMonday to talk about the border and trade, and they agreed on it.",
         "Wrapped", "they agreed on it."),
    ],
)  # fmt: skip
def test_generic_text(text: str, title: str, body_end: str) -> None:
    (article,) = read_bytes(text.encode(), "plain.txt")
    assert article.title == title
    assert article.published is None and article.authors == []
    assert article.text.endswith(body_end)
    assert article.text.startswith(title)


def test_stacked_header_lines() -> None:
    text = f"Envoys meet\nStatus: 12/19/2022 5:48 p.m\nBy Jane Doe, ZDF\n\n{ENGLISH}"
    (article,) = read_bytes(text.encode(), "stacked.txt")
    assert (article.title, article.authors, article.outlet) == ("Envoys meet", ["Jane Doe"], "ZDF")
    assert _iso(article.published) == "2022-12-19T17:48:00+01:00"
    assert article.text == f"Envoys meet\n\n{ENGLISH}"


def test_status_line_above_the_title() -> None:
    text = f"Updated: 2 March 2023 11:20\n\nEnvoys meet\n\nBy Jane Doe, CNN\n\n{ENGLISH}"
    (article,) = read_bytes(text.encode(), "above.txt")
    assert (article.title, article.authors, article.outlet) == ("Envoys meet", ["Jane Doe"], "CNN")
    assert _iso(article.published) == "2023-03-02T11:20:00-05:00"
    assert article.text == f"Envoys meet\n\n{ENGLISH}"


def test_metadata_lines_inside_a_paragraph_stay_text() -> None:
    text = f"Envoys meet\n\nThe decision was taken\nBy John Smith, the minister, on Monday.\n\n{ENGLISH}"
    (article,) = read_bytes(text.encode(), "wrapped.txt")
    assert article.authors == [] and "By John Smith, the minister" in article.text


def test_credit_line_gives_author_when_no_byline() -> None:
    text = f"Talks end\n\n{ENGLISH}\n\nTalks end without deal\n\nJane Doe, AFP, 3/4/2024 2:10 p.m\n"
    (article,) = read_bytes(text.encode(), "credit.txt")
    assert article.authors == ["Jane Doe"] and article.outlet == "AFP"
    assert _iso(article.published) == "2024-03-04T14:10:00+01:00"
    assert article.text.endswith(ENGLISH)


# -- the canonical example ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def example(example_path: Path) -> Article:
    (article,) = read_path(example_path)
    return article


def test_example_metadata(example: Article, example_path: Path) -> None:
    assert example.title == "Meeting in Minsk: Putin closes ranks with Belarus"
    assert _iso(example.published) == "2022-12-19T17:48:00+01:00"
    assert example.authors == ["Stephan Laack"]
    assert example.outlet == "ARD"
    assert example.source == str(example_path)


@pytest.mark.parametrize(
    ("phrase", "present"),
    [
        ("Meeting in Minsk: Putin closes ranks with Belarus\n\n", True),
        ("Russian President Putin has long avoided official trips abroad.", True),  # teaser
        ("200,000 soldiers for their deployment.", True),  # last real paragraph
        ("the Belarusian army was fully operational.", True),
        ("source site", False),
        ("Ukraine is suspicious of Putin Lukashenko", False),  # repeated headline
        ("4:31", False),  # credit line
        ("Status:", False),
        ("By Stephan Laack", False),
    ],
)
def test_example_text(example: Article, phrase: str, present: bool) -> None:
    assert (phrase in example.text) is present


def test_example_keeps_every_body_paragraph(example: Article, example_path: Path) -> None:
    raw = example_path.read_text(encoding="utf-8")
    blocks = [b.strip() for b in raw.split("\n\n") if b.strip()]
    start = next(i for i, b in enumerate(blocks) if b.startswith("By "))
    body = blocks[start + 1 : -3]  # the trailer is the last three blocks
    assert body and all(b in example.text for b in body)
    assert example.text.endswith(body[-1])


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig", "crlf"])
def test_example_reads_the_same_in_other_encodings(example: Article, example_path: Path, encoding: str) -> None:
    raw = example_path.read_text(encoding="utf-8")
    data = raw.replace("\n", "\r\n").encode() if encoding == "crlf" else raw.encode(encoding)
    (again,) = read_bytes(data, "copy.txt")
    assert (again.text, again.published, again.authors) == (example.text, example.published, example.authors)


def test_example_headings(example: Article) -> None:
    headings = [example.text[s:e] for p in example.paragraphs if p.heading for s, e in [p.span]]
    assert headings[0] == example.title
    assert "Will Belarus enter the war?" in headings
    assert len(headings) == 4  # title and three section headings
    assert all(len(h.split()) < 12 for h in headings)


# -- bundled examples ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "count", "title"),
    [
        ("chisinau-2023-03-02.txt", 1, "Energy talks in Chisinau: Moldova and Romania agree to link their gas grids"),
        ("harbour-talks.html", 1, "Fishing dispute: Norway and Iceland resume talks in Tromsø"),
        ("briefs.jsonl", 3, "Chile and Peru sign water-sharing accord"),
        ("world-feed.rss", 2, "Ghana and Togo open joint border post"),
    ],
)
def test_bundled_examples_read(name: str, count: int, title: str) -> None:
    articles = read_path(EXAMPLES / name)
    assert len(articles) == count
    assert articles[0].title == title
    assert all(a.text.strip() and a.language == "en" for a in articles)


def test_bundled_text_example_layout() -> None:
    (article,) = read_path(EXAMPLES / "chisinau-2023-03-02.txt")
    assert article.authors == ["Jana Weber", "Paul Richter"] and article.outlet == "ARD"
    assert _iso(article.published) == "2023-03-02T11:20:00+01:00"
    assert "source page" not in article.text and "10:05" not in article.text
    assert article.text.endswith("he said before leaving for Bucharest in the afternoon.")


def test_all_bundled_examples_stream_without_failures() -> None:
    items = list(iter_articles([EXAMPLES]))
    assert [i for i in items if isinstance(i, Failure)] == []
    assert len(items) == 7


# -- encodings ----------------------------------------------------------------------------------------------------

SAMPLE = "Café “talks” résumé\nLine two – done"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (SAMPLE.encode("utf-8"), SAMPLE),
        (SAMPLE.encode("utf-8-sig"), SAMPLE),
        (SAMPLE.encode("utf-16"), SAMPLE),  # with BOM
        (SAMPLE.encode("utf-16-le"), SAMPLE),  # sniffed, no BOM
        (SAMPLE.encode("utf-16-be"), SAMPLE),
        (SAMPLE.encode("cp1252"), SAMPLE),
        ("Café résumé, naïve".encode("latin-1"), "Café résumé, naïve"),
        (SAMPLE.replace("\n", "\r\n").encode("utf-8"), SAMPLE),
        (b"one\rtwo\r\nthree", "one\ntwo\nthree"),
        ("Café “talks” ".encode() + b"\x93odd\x94 \xa315", "Café “talks” “odd” £15"),  # UTF-8 with stray cp1252
    ],
)
def test_decode(data: bytes, expected: str) -> None:
    assert decode(data, "x.txt") == expected


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"", EmptyInputError),
        (b"  \n\t\n", EmptyInputError),
        ("\ufeff   ".encode(), EmptyInputError),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01", BinaryInputError),
        (bytes(range(256)) * 4, BinaryInputError),
        (b"\x01\x02\x03\x04\x05\x06 text \x07\x08", BinaryInputError),
        (b"\xff\xfe\x00\xd8", EncodingError),  # UTF-16 BOM, then a lone surrogate
    ],
)
def test_decode_errors_name_the_file(data: bytes, error: type[ReadError]) -> None:
    with pytest.raises(error, match="bad-input.bin"):
        read_bytes(data, "bad-input.bin")


def test_not_english_is_a_clear_skip() -> None:
    with pytest.raises(NotEnglishError, match="bericht.txt.*English"):
        read_bytes(f"Gespräche in Genf\n\n{GERMAN}".encode(), "bericht.txt")


def test_unknown_format_is_refused() -> None:
    with pytest.raises(UnsupportedFormatError, match="'pdf'.*auto, text, html, jsonl, feed"):
        read_bytes(ENGLISH.encode(), "a.txt", format="pdf")


# -- format detection ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "head", "format", "expected"),
    [
        ("a.txt", "<html><body>", "auto", "text"),  # the extension wins
        ("a.html", "Title", "auto", "html"),
        ("a.htm", "", "auto", "html"),
        ("a.jsonl", "", "auto", "jsonl"),
        ("a.ndjson", "", "auto", "jsonl"),
        ("a.rss", "", "auto", "feed"),
        ("a.atom", "", "auto", "feed"),
        ("a.xml", '<?xml version="1.0"?><rss>', "auto", "feed"),
        ("a.xml", "<!DOCTYPE html><html>", "auto", "html"),
        ("<stdin>", "  <!doctype html>\n<html>", "auto", "html"),
        ("<stdin>", '<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom">', "auto", "feed"),
        ("<stdin>", '{"text": "x"}\n{"text": "y"}', "auto", "jsonl"),
        ("<stdin>", "Meeting in Minsk\n\nStatus: 12/19/2022", "auto", "text"),
        ("article", "<div><p>Hello</p></div>", "auto", "html"),
        ("a.html", "<html>", "text", "text"),  # an explicit format overrides
    ],
)
def test_detect_format(name: str, head: str, format: str, expected: str) -> None:
    assert detect_format(name, head, format) == expected


def test_formats_are_the_public_list() -> None:
    assert FORMATS == ("auto", "text", "html", "jsonl", "feed", "reuters")


_REUTERS = (
    '<!DOCTYPE lewis SYSTEM "lewis.dtd">\n<REUTERS TOPICS="NO" NEWID="7">\n<DATE> 3-MAR-1987 09:15:00.00</DATE>\n'
    "<TEXT>\n<TITLE>HARBOUR TALKS RESUME</TITLE>\n<DATELINE>    OSLO, March 3 - </DATELINE><BODY>Officials of the two "
    "port authorities met on Tuesday and agreed to resume the talks that were halted last year.\n Reuter\n&#3;</BODY>"
    "</TEXT>\n</REUTERS>\n"
)


def test_reuters_sgml_is_detected_and_read() -> None:
    (article,) = read_bytes(_REUTERS.encode("latin-1"), name="reut2-999.sgm")
    assert article.title == "HARBOUR TALKS RESUME"
    assert article.published is not None and article.published.date().isoformat() == "1987-03-03"
    assert "agreed to resume the talks" in article.text and "Reuter" not in article.text
    assert read_bytes(_REUTERS.encode("latin-1"), name="no-extension")[0].title == "HARBOUR TALKS RESUME"


# -- JSONL --------------------------------------------------------------------------------------------------------

EXACT_TEXT = "  Two spaces lead.\r\nA CRLF inside, \ttabs,\n\n\nand blank lines.   "


def test_jsonl_keeps_text_and_id_exactly() -> None:
    record = {"id": "doc-7", "title": "T", "text": EXACT_TEXT + " " + ENGLISH, "url": "https://x.example/7",
              "published": "2022-12-19T17:48:00+01:00", "authors": ["A B"], "outlet": "Some Wire"}  # fmt: skip
    (article,) = read_bytes((json.dumps(record) + "\n").encode(), "in.jsonl")
    assert article.text == record["text"]
    assert article.id == "doc-7"
    assert (article.title, article.url, article.authors, article.outlet) == ("T", "https://x.example/7", ["A B"],
                                                                             "Some Wire")  # fmt: skip
    assert _iso(article.published) == "2022-12-19T17:48:00+01:00"
    assert all(article.text[s:e].strip() == article.text[s:e] for p in article.paragraphs for s, e in [p.span])


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"title": "no text"}', "'text' is required"),
        ('{"text": 5}', "'text' is required"),
        ('{"text": "x", "published": "someday"}', "'published'"),
        ('{"text": "x", "authors": 3}', "'authors'"),
        ('{"text": "x", "id": [1]}', "'id'"),
        ("[1, 2", "not valid JSON"),
        ('"just a string"', "expected a JSON object"),
    ],
)
def test_jsonl_bad_line_names_line_and_field(line: str, message: str) -> None:
    data = (json.dumps({"text": ENGLISH}) + "\n" + line + "\n").encode()
    with pytest.raises(ReadError, match=message):
        read_bytes(data, "in.jsonl")
    items = list(iter_bytes(data, "in.jsonl"))
    assert isinstance(items[0], Article)
    assert isinstance(items[1], Failure) and items[1].source == "in.jsonl:2" and message in items[1].error


def test_jsonl_bad_line_fails_alone_in_a_stream(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    lines = [json.dumps({"id": "a", "text": ENGLISH}), "{broken", "", json.dumps({"id": "c", "text": ENGLISH}),
             json.dumps({"id": "d", "text": ""})]  # fmt: skip
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(iter_articles([path]))
    assert [type(i).__name__ for i in items] == ["Article", "Failure", "Article", "Failure"]
    assert items[1].source == f"{path}:2" and items[1].article_id is None
    assert items[3].source == f"{path}:5" and items[3].article_id == "d" and "empty" in items[3].error
    assert [items[0].id, items[2].id] == ["a", "c"] and items[0].source == str(path)


def test_jsonl_streams_line_by_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.jsonl"
    path.write_text("".join(json.dumps({"id": str(i), "text": ENGLISH}) + "\n" for i in range(500)), encoding="utf-8")

    def whole_file(self: Path) -> bytes:
        raise AssertionError("a JSONL dump must not be read whole")

    monkeypatch.setattr(Path, "read_bytes", whole_file)
    stream = iter_articles([path])
    assert next(stream).id == "0"
    assert sum(1 for _ in stream) == 499


@pytest.mark.parametrize(
    ("data", "ids"),
    [
        (json.dumps([{"id": "x", "text": ENGLISH}, {"id": "y", "text": ENGLISH}]), ["x", "y"]),  # JSON array
        (json.dumps({"id": "z", "text": ENGLISH}, indent=2), ["z"]),  # one pretty-printed object
    ],
)
def test_json_documents(data: str, ids: list[str]) -> None:
    assert [a.id for a in read_bytes(data.encode(), "in.json")] == ids


# -- feeds --------------------------------------------------------------------------------------------------------

RSS = f"""<?xml version="1.0" encoding="ISO-8859-1"?>
<rss version="2.0"><channel><title>BBC News - World</title><link>https://feeds.example/</link>
<item><title>Caf\xe9 talks end</title><link>https://feeds.example/1</link>
<pubDate>Mon, 19 Dec 2022 16:48:00 GMT</pubDate><author>editor@example.org (Jane Doe)</author>
<description>&lt;p&gt;{ENGLISH}&lt;/p&gt;&lt;p&gt;Second &lt;b&gt;bold&lt;/b&gt; paragraph.&lt;/p&gt;
</description></item>
<item><title>Second item</title><link>https://feeds.example/2</link><description>Short.</description></item>
</channel></rss>""".encode("latin-1")

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Desk Weekly</title>
<entry><title>Envoys meet</title><link href="https://atom.example/a"/><id>urn:a</id>
<published>2023-01-02T10:00:00+02:00</published><author><name>Kim Lee</name></author>
<content type="html">&lt;p&gt;{ENGLISH}&lt;/p&gt;</content></entry></feed>""".encode()


def test_rss_feed() -> None:
    first, second = read_bytes(RSS, "world.rss")
    assert first.title == "Café talks end" and first.url == "https://feeds.example/1"
    assert first.outlet == "BBC"
    assert _iso(first.published) == "2022-12-19T16:48:00+00:00"
    assert first.text == f"Café talks end\n\n{ENGLISH}\n\nSecond bold paragraph."
    assert "<" not in first.text
    assert second.text == "Second item\n\nShort." and second.published is None


def test_atom_feed_sniffed_from_content() -> None:
    (entry,) = read_bytes(ATOM, "<stdin>")
    assert (entry.title, entry.url, entry.authors, entry.outlet) == ("Envoys meet", "https://atom.example/a",
                                                                      ["Kim Lee"], "Desk Weekly")  # fmt: skip
    assert _iso(entry.published) == "2023-01-02T10:00:00+02:00"
    assert entry.text.endswith(ENGLISH)


def test_feed_without_entries_is_an_error() -> None:
    with pytest.raises(ReadError, match="empty.rss"):
        read_bytes(b'<?xml version="1.0"?><rss><channel><title>x</title></channel></rss>', "empty.rss")


# -- HTML ---------------------------------------------------------------------------------------------------------

PAGE = f"""<!DOCTYPE html><html><head><title>Envoys meet in Geneva | Reuters</title>
<meta property="og:site_name" content="Reuters"><meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2023-03-02T09:15:00+01:00"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/subscribe">Subscribe now</a></nav>
<article><h1>Envoys meet in Geneva</h1><p>{ENGLISH}</p><h2>Next steps</h2><p>{ENGLISH}</p></article>
<footer><p>All rights reserved. Cookie settings and privacy policy.</p></footer></body></html>"""


def test_html_metadata() -> None:
    (article,) = read_bytes(PAGE.encode(), "page.html")
    assert article.title == "Envoys meet in Geneva"
    assert (article.authors, article.outlet) == (["Jane Doe"], "Reuters")
    assert _iso(article.published) == "2023-03-02T09:15:00+01:00"
    assert article.text.startswith("Envoys meet in Geneva\n\n" + ENGLISH)


@pytest.mark.parametrize(
    ("phrase", "present"),
    [(ENGLISH, True), ("Next steps", True), ("Subscribe", False), ("Home", False), ("rights reserved", False),
     ("privacy", False)],
)  # fmt: skip
def test_html_boilerplate_removed(phrase: str, present: bool) -> None:
    (article,) = read_bytes(PAGE.encode(), "page.html")
    assert (phrase in article.text) is present


def test_html_headings_marked() -> None:
    (article,) = read_bytes(PAGE.encode(), "page.html")
    headings = [article.text[s:e] for p in article.paragraphs if p.heading for s, e in [p.span]]
    assert headings == ["Envoys meet in Geneva", "Next steps"]


@pytest.mark.parametrize("page", ["<html><body><nav>Home</nav></body></html>", "<html><p", "<<<>>>", "<div></div>"])
def test_html_without_article_is_a_clear_error(page: str) -> None:
    with pytest.raises(ReadError, match="broken.html"):
        read_bytes(page.encode(), "broken.html")


# -- files and folders --------------------------------------------------------------------------------------------


def _tree(root: Path) -> None:
    (root / "b").mkdir()
    (root / ".hidden").mkdir()
    (root / "b" / "two.txt").write_text(f"Two\n\n{ENGLISH}", encoding="utf-8")
    (root / "a.txt").write_text(f"One\n\n{ENGLISH}", encoding="utf-8")
    (root / ".secret.txt").write_text("x", encoding="utf-8")
    (root / ".hidden" / "x.txt").write_text("x", encoding="utf-8")
    (root / "empty.txt").write_bytes(b"")
    (root / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00")


def test_iter_files_sorted_and_hidden_skipped(tmp_path: Path) -> None:
    _tree(tmp_path)
    found = [p.relative_to(tmp_path).as_posix() for p in iter_files([tmp_path])]
    assert found == ["a.txt", "empty.txt", "photo.jpg", "b/two.txt"]


def test_iter_articles_reports_bad_files_and_goes_on(tmp_path: Path) -> None:
    _tree(tmp_path)
    items = list(iter_articles([tmp_path, tmp_path / "missing.txt"]))
    assert [a.title for a in items if isinstance(a, Article)] == ["One", "Two"]
    failures = {Path(f.source).name: f.error for f in items if isinstance(f, Failure)}
    assert set(failures) == {"empty.txt", "photo.jpg", "missing.txt"}
    assert all(name in error for name, error in failures.items())


# -- robustness ---------------------------------------------------------------------------------------------------


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=400), format=st.sampled_from(FORMATS))
def test_arbitrary_bytes_read_or_raise_read_error(data: bytes, format: str) -> None:
    assert all(isinstance(item, (Article, Failure)) for item in iter_bytes(data, "fuzz.bin", format))
    try:
        articles = read_bytes(data, "fuzz.bin", format)
    except ReadError:
        return
    assert all(isinstance(a, Article) for a in articles)


_LINES = st.sampled_from(
    ["Status: 12/19/2022 5:48 p.m", "By Jane Doe, Reuters", "source site", "Jane Doe, AFP, 1/2/2023 3:04 p.m",
     "What next?", "<html>", "<rss>", "{", '{"text": "x"}', ENGLISH, "", "Updated: 31/31/2031", "By", "©"]
)  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=st.lists(st.one_of(_LINES, st.text(max_size=40)), max_size=12), format=st.sampled_from(FORMATS))
def test_article_like_text_reads_or_raises_read_error(lines: list[str], format: str) -> None:
    try:
        articles = read_bytes("\n\n".join(lines).encode("utf-8", "surrogatepass"), "fuzz.txt", format)
    except ReadError:
        return
    for article in articles:
        assert all(0 <= s <= e <= len(article.text) for p in article.paragraphs for s, e in [p.span])


@pytest.mark.parametrize(
    ("url", "country"),
    [("https://www.irishtimes.ie/news/a", "IRL"), ("http://news.example.co.uk/x", "GBR"),
     ("www.example.com.au/story", "AUS"), ("https://example.com/a", None), ("https://example.tv/a", None),
     ("https://example.eu/a", None), (None, None)],
)
def test_url_country_reads_the_country_code_domain(url: str | None, country: str | None) -> None:
    from newsgraph.readers.outlets import url_country

    assert url_country(url) == country
