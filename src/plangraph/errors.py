"""The one exception tree of plangraph.

::

    PlangraphError                 exit 3: an internal error (a bug, or a broken install)
    └── InputError                 exit 2: bad input or usage; names where and what was expected
        ├── RecordsError           a records file: file, line, field
        ├── SourceError            a source text: file, byte or character offset
        └── DataError              an RDF file or store that cannot be read

Every error carries an ``exit_code`` that the command line returns. Bad input never shows a
traceback; a ``PlangraphError`` that is not an ``InputError`` is a bug and is reported as one.
SHACL violations are not exceptions: ``validate()`` returns a report (exit 1 on the command line).
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["PlangraphError", "InputError", "RecordsError", "SourceError", "DataError"]


class PlangraphError(Exception):
    """Root of every error plangraph raises on purpose."""

    exit_code = 3


class InputError(PlangraphError):
    """Input that plangraph cannot use: a missing file, bad syntax, a wrong value."""

    exit_code = 2

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        column: int | None = None,
        offset: int | None = None,
    ) -> None:
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.column = column
        self.offset = offset
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path or ""
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        elif self.offset is not None:
            where += f": at offset {self.offset}"
        return f"{where}: {self.message}" if where else self.message


class RecordsError(InputError):
    """A records file that does not follow the records format (docs/records.md)."""

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        column: int | None = None,
        field: str | None = None,
    ) -> None:
        self.field = field
        if field:
            message = f"{field}: {message}"
        super().__init__(message, path=path, line=line, column=column)


class SourceError(InputError):
    """A source text that cannot be read or decoded."""


class DataError(InputError):
    """An RDF file or store that cannot be read."""
