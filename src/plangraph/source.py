"""Reading source texts: bytes in, decoded text with its fingerprint out.

Offsets everywhere in plangraph are character offsets into the text exactly as decoded here:
no newline translation, no normalisation. Matching may normalise a copy; spans never move.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from .errors import SourceError

__all__ = ["SourceText", "read_source", "decode_source"]


@dataclass(frozen=True)
class SourceText:
    path: str
    text: str
    sha256: str
    encoding: str


def decode_source(data: bytes, path: str = "<text>", encoding: str | None = None) -> SourceText:
    """Decode ``data`` (UTF-8 with or without BOM unless ``encoding`` is given)."""
    digest = hashlib.sha256(data).hexdigest()
    encoding = encoding or "utf-8-sig"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise SourceError(
            f"cannot be decoded as {encoding} (byte {exc.start}); give the right --encoding",
            path=path,
            offset=exc.start,
        ) from None
    except LookupError:
        raise SourceError(f"unknown encoding {encoding!r}", path=path) from None
    return SourceText(path=path, text=text, sha256=digest, encoding=encoding)


def read_source(path: str | Path, encoding: str | None = None) -> SourceText:
    """Read and decode a source text file."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise SourceError("no such file", path=path) from None
    except IsADirectoryError:
        raise SourceError("is a folder, expected a text file", path=path) from None
    except OSError as exc:
        raise SourceError(f"cannot be read: {exc.strerror}", path=path) from None
    return decode_source(data, str(path), encoding)
