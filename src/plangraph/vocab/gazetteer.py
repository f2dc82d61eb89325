"""China's administrative divisions with their GB/T 2260 codes, from jionlp's location table.

jionlp ships a maintained tree of provinces, prefecture-level divisions and counties (each with
its six-digit code and short name) as ``jionlp/dictionary/china_location.zip``. The file is read
straight from the installed distribution: importing jionlp itself costs seconds and is not needed.
"""

from __future__ import annotations

import re
import zipfile
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib import metadata

from plangraph.errors import PlangraphError

__all__ = ["Place", "Gazetteer", "gazetteer"]

_TABLE = "jionlp/dictionary/china_location.zip"
_LEVELS = ("province", "prefecture", "county")


@dataclass(frozen=True)
class Place:
    code: str
    name: str
    short: str
    level: str  # province | prefecture | county
    parent: str | None


class Gazetteer:
    """Look-ups by code and by name over the coded divisions."""

    def __init__(self, places: dict[str, Place]) -> None:
        self._places = places
        by_name: defaultdict[str, list[str]] = defaultdict(list)
        for place in places.values():
            for name in {place.name, place.short}:
                by_name[name].append(place.code)
        self._by_name = dict(by_name)

    def __contains__(self, code: object) -> bool:
        return code in self._places

    def __len__(self) -> int:
        return len(self._places)

    def places(self) -> list[Place]:
        """Every coded division, provinces first."""
        return sorted(self._places.values(), key=lambda p: (_LEVELS.index(p.level), p.code))

    def get(self, code: str) -> Place | None:
        return self._places.get(code)

    def ancestors(self, code: str) -> list[Place]:
        """The places ``code`` lies in, nearest first, up to its province."""
        chain: list[Place] = []
        place = self._places.get(code)
        while place is not None and place.parent is not None:
            place = self._places.get(place.parent)
            if place is not None:
                chain.append(place)
        return chain

    def lookup(self, name: str) -> list[Place]:
        """Places whose full or short name is ``name`` (大同 → 大同市 and 大同区 …)."""
        return [self._places[c] for c in self._by_name.get(name, [])]


def _read_table() -> str:
    try:
        path = metadata.distribution("jionlp").locate_file(_TABLE)
        with zipfile.ZipFile(str(path)) as archive:
            member = archive.namelist()[0]
            return archive.read(member).decode("utf-8")
    except (metadata.PackageNotFoundError, OSError, zipfile.BadZipFile, IndexError) as exc:
        raise PlangraphError(f"the gazetteer table of jionlp cannot be read ({exc})") from exc
    except UnicodeDecodeError as exc:
        raise PlangraphError(f"the gazetteer table of jionlp is not UTF-8 ({exc})") from exc


# A division's line: its depth in tabs (province 0, prefecture 1, county 2), name, code, short
# name. Towns and villages (deeper, without codes) are most of the table; the scan skips them.
_ROW = re.compile(r"^(\t{0,2})([^\t\r\n]+)\t(\d{6})(?:\t([^\t\r\n]*))?", re.M)


def _parse(table: str) -> dict[str, Place]:
    places: dict[str, Place] = {}
    stack: list[str | None] = [None, None, None]  # code of the open node at each level
    for tabs, name, code, short in _ROW.findall(table):
        depth = len(tabs)
        stack[depth] = code
        for deeper in range(depth + 1, 3):
            stack[deeper] = None
        # Municipalities repeat the province's code at the prefecture level: skip self-parents.
        parent = next((c for c in reversed(stack[:depth]) if c is not None and c != code), None)
        if code in places:
            continue  # a few special areas share a code; the first entry is the division
        places[code] = Place(code, name, short or name, _LEVELS[depth], parent)
    return places


@cache
def gazetteer() -> Gazetteer:
    """The gazetteer, read once per process."""
    return Gazetteer(_parse(_read_table()))
