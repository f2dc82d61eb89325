"""Reading source texts: bytes in, decoded text with its fingerprint out.

Offsets everywhere in plangraph are character offsets into the text exactly as read here:
no newline translation, no normalisation. Matching works on :func:`fold`, a copy of the same
length with full-width forms folded, so an offset found in the copy is an offset in the text.

A report comes as a text (``.txt``, ``.md``: UTF-8, UTF-16 with a BOM or GB18030, detected, or
the encoding given), a Word file (``.docx``, :mod:`plangraph.sources.word`), a web page
(``.html``, ``.htm``, :mod:`plangraph.sources.webpage`) or a PDF with a text layer (``.pdf``,
:mod:`plangraph.sources.pdf`). Each becomes one plain text; for the last three that text is
what plangraph reads and what the build saves beside the graph (``texts/ID.txt``), so that
every quote can be checked against it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from plangraph._files import read_limited
from plangraph.errors import SourceError

__all__ = [
    "MAX_BYTES",
    "MAX_DOCUMENT_BYTES",
    "SOURCE_SUFFIXES",
    "SourceText",
    "decode_source",
    "fold",
    "read_source",
]

MAX_BYTES = 20 * 1024 * 1024
"""Reports are tens of kilobytes; a text past this is refused (reading stops there)."""

MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
"""Word files and PDFs carry pictures and fonts besides the text, so they may be larger."""

TEXT_SUFFIXES = (".txt", ".md")
_FORMS = {".docx": "docx", ".html": "html", ".htm": "html", ".pdf": "pdf"}
SOURCE_SUFFIXES = TEXT_SUFFIXES + tuple(_FORMS)
"""Every kind of file :func:`read_source` reads."""

_SNIFF = 8192


@dataclass(frozen=True)
class SourceText:
    """A report as plangraph reads it. ``sha256`` is the file's bytes' digest; ``text_sha256``
    that of ``text`` in UTF-8, the text saved beside the graph."""

    path: str
    text: str
    sha256: str
    encoding: str  # the text's encoding; for the other forms, the form (docx, html, pdf)
    form: str = "text"  # text, docx, html or pdf
    text_sha256: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if not self.text_sha256:
            digest = hashlib.sha256(self.text.encode("utf-8", "surrogatepass")).hexdigest()
            object.__setattr__(self, "text_sha256", digest)


def _utf16(data: bytes, path: str) -> str:
    try:
        return data.decode("utf-16")
    except UnicodeDecodeError as exc:
        why = "an odd number of bytes" if len(data) % 2 else "a broken surrogate pair"
        raise SourceError(
            f"not valid UTF-16 (it has a byte order mark): {why} at byte {exc.start}",
            path=path,
            offset=exc.start,
        ) from None


def _detect(data: bytes, path: str) -> tuple[str, str]:
    """(text, encoding) for UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _utf16(data, path), "utf-16"
    if b"\x00" in data[:_SNIFF]:
        offset = data.index(b"\x00")
        raise SourceError(
            f"looks like a binary file (a NUL byte at byte {offset}); expected text"
            " (UTF-16 without a byte order mark: give --encoding utf-16-le or utf-16-be)",
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
    return _checked(SourceText(path=path, text=text, sha256=digest, encoding=encoding))


def _checked(source: SourceText) -> SourceText:
    if not source.text.strip():
        raise SourceError("the text is empty", path=source.path)
    if "\x00" in source.text:
        at = source.text.index("\x00")
        raise SourceError("a NUL character in the text; expected text", path=source.path, offset=at)
    return source


def read_source(
    path: str | Path, encoding: str | None = None, max_bytes: int | None = None
) -> SourceText:
    """Read a report: a text (``encoding`` given, or detected), a Word file, a web page or a PDF
    with a text layer, by its suffix. Refuses what is not a regular file, and files larger
    than ``max_bytes`` (default :data:`MAX_BYTES` for texts and web pages,
    :data:`MAX_DOCUMENT_BYTES` for Word files and PDFs) while reading them."""
    path = Path(path)
    form = _FORMS.get(path.suffix.lower(), "text")
    if max_bytes is None:
        max_bytes = MAX_DOCUMENT_BYTES if form in ("docx", "pdf") else MAX_BYTES
    data = read_limited(path, max_bytes, error=SourceError, what="report file")
    if not data:
        raise SourceError("the file is empty", path=path)
    if form == "text":
        return decode_source(data, str(path), encoding)
    if form == "docx":
        from plangraph.sources.word import docx_text

        text = docx_text(data, str(path))
    elif form == "html":
        from plangraph.sources.webpage import html_text

        text = html_text(data, str(path), encoding)
    else:
        from plangraph.sources.pdf import pdf_text

        text = pdf_text(data, str(path))
    digest = hashlib.sha256(data).hexdigest()
    return _checked(SourceText(str(path), text, digest, encoding=form, form=form))


# Full-width forms that matter for matching numbers and names; CJK punctuation (，（）：；) stays.
_FOLD = {0x3000: " "}
_FOLD.update({c: chr(c - 0xFEE0) for c in range(0xFF10, 0xFF1A)})  # digits
_FOLD.update({c: chr(c - 0xFEE0) for c in range(0xFF21, 0xFF3B)})  # A-Z
_FOLD.update({c: chr(c - 0xFEE0) for c in range(0xFF41, 0xFF5B)})  # a-z
_FOLD.update({ord(c): chr(ord(c) - 0xFEE0) for c in "％＋－．／～＝＜＞"})


def fold(text: str) -> str:
    """``text`` with full-width letters, digits and signs folded (１２％ → 12%), same length."""
    return text if text.isascii() else text.translate(_FOLD)
