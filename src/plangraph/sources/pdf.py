"""PDFs with a text layer as plain text: paragraphs re-joined, page furniture left out.

pdfplumber gives each character with its position. Characters become lines by their position;
a line in a page's top or bottom margin that recurs on other pages (a running header, the
document's title) or that is a page number (``— 3 —``, ``第3页``, ``3/20``) is left out; lines
become paragraphs again, one a line: a paragraph ends where a line stops short of the right
edge, where the next line is indented, or where the gap to the next line is wider than the
text's usual line spacing, and runs on across a page break. No space is put between Chinese
characters (nor between them and Latin letters or digits); where two Latin words or numbers
meet across a gap or a line end, one space.

No OCR: a PDF without a text layer (a scan) is refused with that reason, as is one that needs a
password to open and one that cannot be parsed.
"""

from __future__ import annotations

import io
import logging
import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from plangraph.errors import SourceError

__all__ = ["pdf_text"]

_MAX_PAGES = 2000
_MARGIN = 0.12  # share of the page height at the top and bottom where furniture lives
_PAGE_NUMBER = re.compile(
    r"^[\s\-—–－_·•()（）]*(?:第\s*)?(?:\d+|[ivxlcdm]+|[IVXLCDM]+)(?:\s*页)?"
    r"(?:\s*[/／]\s*\d+|\s*共\s*\d+\s*页)?[\s\-—–－_·•()（）]*$"
    r"|^(?:page|p\.)\s*\d+(?:\s*(?:of|/)\s*\d+)?$",
    re.IGNORECASE,
)


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float  # the usual character size of the line


def _wide(char: str) -> bool:
    """Chinese, Japanese and Korean characters and full-width forms: no spaces around them."""
    return unicodedata.east_asian_width(char) in ("W", "F")


def _line_text(chars: Sequence[dict[str, Any]]) -> str:
    """The text of one line's characters (sorted left to right), spaces only between narrow
    characters, where the PDF has a space or a gap."""
    out: list[str] = []
    pending_space = False
    previous: dict[str, Any] | None = None
    for char in chars:
        text = char.get("text") or ""
        if not text.strip():
            pending_space = True
            continue
        if previous is not None and out:
            size = float(previous.get("size") or 10)
            gap = float(char["x0"]) - float(previous["x1"])
            if (pending_space or gap > 0.25 * size) and not (_wide(out[-1][-1]) or _wide(text[0])):
                out.append(" ")
        out.append(text)
        previous, pending_space = char, False
    return "".join(out).strip()


def _page_lines(page: Any) -> list[_Line]:
    lines = []
    for found in page.dedupe_chars().extract_text_lines(return_chars=True, strip=True):
        chars = [c for c in found["chars"] if c.get("upright", True)]
        chars.sort(key=lambda c: float(c["x0"]))
        text = _line_text(chars)
        if not text:
            continue
        sizes = [float(c.get("size") or 0) for c in chars if (c.get("text") or "").strip()]
        lines.append(
            _Line(
                text=text,
                x0=float(chars[0]["x0"]) if chars else float(found["x0"]),
                x1=max(float(c["x1"]) for c in chars) if chars else float(found["x1"]),
                top=float(found["top"]),
                bottom=float(found["bottom"]),
                size=statistics.median(sizes) if sizes else 10.0,
            )
        )
    lines.sort(key=lambda line: (line.top, line.x0))
    return lines


def _shape(text: str) -> str:
    """A margin line's text with its numbers blanked: a header that counts pages is one header."""
    return re.sub(r"\d+", "#", "".join(text.split()))


def _without_furniture(pages: list[tuple[float, list[_Line]]]) -> list[list[_Line]]:
    """Each page's lines without running headers and footers and page numbers."""

    def margins(height: float, lines: list[_Line]) -> Iterator[_Line]:
        for line in lines:
            if line.bottom <= height * _MARGIN or line.top >= height * (1 - _MARGIN):
                yield line

    seen: Counter[str] = Counter()
    for height, lines in pages:
        seen.update({_shape(line.text) for line in margins(height, lines)})
    recurring = {shape for shape, n in seen.items() if len(pages) >= 2 and n >= 2}
    kept = []
    for height, lines in pages:
        furniture = {
            id(line)
            for line in margins(height, lines)
            if _shape(line.text) in recurring or _PAGE_NUMBER.match(line.text)
        }
        kept.append([line for line in lines if id(line) not in furniture])
    return kept


def _paragraphs(pages: list[list[_Line]]) -> list[str]:
    """The lines of every page joined into paragraphs (see the module's description)."""
    body = [line for lines in pages for line in lines]
    if not body:
        return []
    size = statistics.median(line.size for line in body) or 10.0
    left = Counter(round(line.x0) for line in body).most_common(1)[0][0]
    right = max(line.x1 for line in body)
    pitches = [
        b.top - a.top
        for lines in pages
        for a, b in zip(lines, lines[1:], strict=False)
        if 0 < b.top - a.top < 4 * size
    ]
    pitch = statistics.median(pitches) if pitches else 1.5 * size
    paragraphs: list[list[str]] = []
    previous: _Line | None = None
    for lines in pages:
        for i, line in enumerate(lines):
            starts = (
                previous is None
                or line.x0 > left + 0.9 * size  # indented, or centred
                or previous.x1 < right - 1.5 * previous.size  # the line before stopped short
                or (i > 0 and line.top - previous.top > 1.6 * pitch)  # a wider gap
            )
            if starts:
                paragraphs.append([line.text])
            else:
                paragraphs[-1].append(line.text)
            previous = line
    return [_join(parts) for parts in paragraphs]


def _join(parts: list[str]) -> str:
    """One paragraph's lines as one line: a space only where two Latin words meet (a number
    broken at a line end is one number again)."""
    text = parts[0]
    for part in parts[1:]:
        end, start = text[-1], part[0]
        if (
            end.isascii()
            and start.isascii()
            and start.isalpha()
            and (end.isalpha() or end in ",;:!?)")
        ):
            text += " "  # a hyphen at a line end stays, and joins: well-known
        text += part
    return text


@contextmanager
def _quiet(name: str) -> Iterator[None]:
    """pdfminer logs a warning for each oddity of a file; the reader reports what matters."""
    logger = logging.getLogger(name)
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def pdf_text(data: bytes, path: str = "<pdf>") -> str:
    """The text of the PDF ``data`` (see the module's description)."""
    import pdfplumber

    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise SourceError("cannot be read as a PDF: it does not start with %PDF", path=path)
    try:
        with _quiet("pdfminer"), pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > _MAX_PAGES:
                raise SourceError(
                    f"has {len(pdf.pages)} pages; the limit is {_MAX_PAGES}", path=path
                )
            pages = [(float(page.height), _page_lines(page)) for page in pdf.pages]
    except SourceError:
        raise
    except Exception as exc:  # pdfminer raises many kinds on broken or locked files
        cause = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
        name = type(cause).__name__
        if "Password" in name or "Encrypt" in name:
            raise SourceError(
                "is encrypted: it needs a password to open; save an unprotected copy",
                path=path,
            ) from None
        reason = " ".join(str(cause).split())[:200] or name
        raise SourceError(f"cannot be read as a PDF: {reason}", path=path) from None
    if not any(lines for _, lines in pages):
        raise SourceError(
            "has no text layer (a scanned PDF?); plangraph reads the text of a PDF and does no"
            " OCR: give the report as text, Word or a web page",
            path=path,
        )
    return "\n".join(_paragraphs(_without_furniture(pages))) + "\n"
