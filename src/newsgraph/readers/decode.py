"""Bytes to text: UTF-8 (with or without BOM), UTF-16/32, Windows-1252 and Latin-1, with binary input refused."""

from __future__ import annotations

import codecs
import re

from newsgraph.errors import BinaryInputError, EmptyInputError, EncodingError

__all__ = ["decode", "normalise_newlines"]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]{1,3}")
_ESCAPED = re.compile("[\udc80-\udcff]")
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_SAMPLE = 65536  # bytes looked at to decide whether input is binary or UTF-16
_MAX_CONTROL = 0.02  # real text has almost no control characters


def decode(data: bytes, name: str = "<input>") -> str:
    """The text in `data`, with newlines normalised to "\\n"; raises a ReadError naming `name` when there is none."""
    if not data.strip():
        raise EmptyInputError(f"{name}: the input is empty; give a file that holds an article")
    encoding, start = _sniff(data)
    if encoding is None:
        if b"\x00" in data[:_SAMPLE]:
            raise _binary(name, "it contains NUL bytes")
        if len(_CONTROL_BYTES.findall(data[:_SAMPLE])) > _MAX_CONTROL * min(len(data), _SAMPLE):
            raise _binary(name, "it is mostly control characters")
        text = _decode_8bit(data)
    else:
        try:
            text = data[start:].decode(encoding)
        except UnicodeDecodeError as err:
            raise EncodingError(
                f"{name}: cannot decode as {encoding} (byte {err.start + start}: {err.reason}); "
                "save the file as UTF-8 and try again"
            ) from None
    if _control_ratio(text) > _MAX_CONTROL:
        raise _binary(name, "it is mostly control characters")
    text = normalise_newlines(text)
    if not text.strip():
        raise EmptyInputError(f"{name}: the input holds only whitespace; give a file that holds an article")
    return text


def normalise_newlines(text: str) -> str:
    """`text` with CRLF, CR and Unicode line separators turned into "\\n"."""
    return _NEWLINES.sub("\n", text)


def _sniff(data: bytes) -> tuple[str | None, int]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    sample = data[: _SAMPLE & ~1]
    if len(sample) >= 4:
        even, odd = sample[0::2], sample[1::2]
        zeros_even, zeros_odd = even.count(0) / len(even), odd.count(0) / len(odd)
        # ASCII-range text in UTF-16 has a NUL in every other byte and (almost) none in the others.
        if zeros_odd > 0.4 and zeros_even < 0.05:
            return "utf-16-le", 0
        if zeros_even > 0.4 and zeros_odd < 0.05:
            return "utf-16-be", 0
    return None, 0


def _decode_8bit(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if _UTF8_SEQUENCE.search(data):
        return _decode_mixed(data)  # UTF-8 with a few stray Windows-1252 bytes pasted in
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _decode_mixed(data: bytes) -> str:
    text = data.decode("utf-8", errors="surrogateescape")  # each bad byte becomes U+DC80..U+DCFF
    return _ESCAPED.sub(_cp1252_char, text)


def _cp1252_char(match: re.Match[str]) -> str:
    return bytes([ord(match.group()) - 0xDC00]).decode("cp1252", errors="replace")


def _control_ratio(text: str) -> float:
    sample = text[:_SAMPLE]
    return len(_CONTROL.findall(sample)) / max(len(sample), 1)


def _binary(name: str, why: str) -> BinaryInputError:
    return BinaryInputError(f"{name}: looks like binary data, not text ({why}); give a text, HTML, JSONL or feed file")
