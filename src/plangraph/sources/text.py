"""Reading source texts: bytes in, decoded text with its fingerprint out.

Offsets everywhere in plangraph are character offsets into the text exactly as decoded here:
no newline translation, no normalisation. Matching works on :func:`fold`, a copy of the same
length with full-width forms folded, so an offset found in the copy is an offset in the text.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from plangraph.errors import SourceError

__all__ = ["MAX_BYTES", "SourceText", "read_source", "decode_source", "fold"]

MAX_BYTES = 20 * 1024 * 1024
"""Reports are tens of kilobytes; anything past this is refused before it is read."""

_SNIFF = 8192


@dataclass(frozen=True)
class SourceText:
    path: str
    text: str
    sha256: str
    encoding: str


def _detect(data: bytes, path: str) -> tuple[str, str]:
    """(text, encoding) for UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    if b"\x00" in data[:_SNIFF]:
        offset = data.index(b"\x00")
        raise SourceError(
            f"looks like a binary file (a NUL byte at byte {offset}); expected text",
            path=path,
            offset=offset,
        )
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            return data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError:
            raise SourceError(
                f"cannot tell the encoding: not UTF-8 (byte {utf8_error.start}) nor GB18030;"
                " give it with --encoding",
                path=path,
                offset=utf8_error.start,
            ) from None


def decode_source(data: bytes, path: str = "<text>", encoding: str | None = None) -> SourceText:
    """Decode ``data``: the given encoding, else UTF-8 / UTF-16 (BOM) / GB18030, detected."""
    digest = hashlib.sha256(data).hexdigest()
    if encoding is None:
        text, encoding = _detect(data, path)
    else:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise SourceError(
                f"cannot be decoded as {encoding} (byte {exc.start})", path=path, offset=exc.start
            ) from None
        except LookupError:
            raise SourceError(f"unknown encoding {encoding!r}", path=path) from None
        if text.startswith("\ufeff"):
            text = text[1:]
    if not text.strip():
        raise SourceError("the text is empty", path=path)
    return SourceText(path=path, text=text, sha256=digest, encoding=encoding)


def read_source(
    path: str | Path, encoding: str | None = None, max_bytes: int = MAX_BYTES
) -> SourceText:
    """Read and decode a source text file; refuse files larger than ``max_bytes`` up front."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise SourceError("is a folder, expected a text file", path=path)
        if size > max_bytes:
            raise SourceError(
                f"is {size / 1e6:.1f} MB; reports are read whole and the limit is"
                f" {max_bytes / 1e6:.0f} MB (split the file or raise the limit)",
                path=path,
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise SourceError("no such file", path=path) from None
    except PermissionError:
        raise SourceError("permission denied", path=path) from None
    except OSError as exc:
        raise SourceError(f"cannot be read: {exc.strerror}", path=path) from None
    if not data:
        raise SourceError("the file is empty", path=path)
    return decode_source(data, str(path), encoding)


# Full-width forms that matter for matching numbers and names; CJK punctuation (，（）：；) stays.
_FOLD = {0x3000: " "}
_FOLD.update({c: chr(c - 0xFEE0) for c in range(0xFF10, 0xFF1A)})  # digits
_FOLD.update({c: chr(c - 0xFEE0) for c in range(0xFF21, 0xFF3B)})  # A-Z
_FOLD.update({c: chr(c - 0xFEE0) for c in range(0xFF41, 0xFF5B)})  # a-z
_FOLD.update({ord(c): chr(ord(c) - 0xFEE0) for c in "％＋－．／～＝＜＞"})


def fold(text: str) -> str:
    """``text`` with full-width letters, digits and signs folded (１２％ → 12%), same length."""
    return text if text.isascii() else text.translate(_FOLD)
