"""Make the CJK font plangraph ships: a subset of Noto Sans CJK SC, from Debian's fonts-noto-cjk.

The page embeds, per page, the glyphs its own text uses (:mod:`plangraph.view.font`); they are
cut from the file this script writes to ``src/plangraph/view/fonts/``:

- ``plangraph-cjk-sc.woff2``: the Simplified Chinese face of ``NotoSansCJK-Regular.ttc``, cut to
  every character GB 2312 encodes (its 6,763 hanzi, punctuation, full-width forms, Greek and
  Cyrillic), ASCII and Latin-1, the punctuation, enclosed numbers (``①``–``⑳``, ``⑴``), number
  forms (``Ⅳ``), arrows and CJK symbols that reports and the page use, every character of the
  names in the gazetteer (jionlp's table) and of plangraph's own data files, and the hanzi beyond
  GB 2312 that jieba's dictionary uses often; renamed (the family is ``plangraph CJK``), its
  copyright and licence entries kept;
- ``OFL.txt``: the SIL Open Font License 1.1 the font is under, with its copyright line;
- ``README.md``: where it came from (package, version, file, face, checksums), what it holds.

Run: ``python scripts/cjk_font.py [--source FILE.ttc]`` (default: Debian's
``/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc``, from ``apt-get install
fonts-noto-cjk``; fonttools and brotli are plangraph dependencies).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "plangraph" / "view" / "fonts"
SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
COPYRIGHT = Path("/usr/share/doc/fonts-noto-cjk/copyright")
FAMILY = "plangraph CJK"
FACE = "Noto Sans CJK SC"
COMMON = 100  # beyond GB 2312: hanzi whose words weigh this much in jieba's dictionary

# Unicode blocks taken whole (besides what GB 2312 encodes): Latin-1, punctuation, letterlike
# symbols, number forms, arrows, enclosed alphanumerics, CJK symbols, full-width forms
BLOCKS = (
    (0x0020, 0x007E),
    (0x00A0, 0x00FF),
    (0x2010, 0x205E),
    (0x2100, 0x214F),
    (0x2150, 0x218F),
    (0x2190, 0x21FF),
    (0x2460, 0x24FF),
    (0x2500, 0x257F),
    (0x25A0, 0x25FF),
    (0x3000, 0x303F),
    (0xFF01, 0xFF5E),
    (0xFFE0, 0xFFE6),
)


def gb2312() -> set[str]:
    """Every character the GB 2312 codec encodes (its two-byte part)."""
    found = set()
    for code in range(0x80, 0x10000):
        char = chr(code)
        try:
            if len(char.encode("gb2312")) == 2:
                found.add(char)
        except UnicodeEncodeError:
            continue
    return found


def vocabulary() -> set[str]:
    """The characters of the gazetteer's names, of plangraph's own data files and the hanzi of
    jieba's dictionary that its words use often (a frequency sum of at least ``COMMON``)."""
    from collections import Counter
    from importlib import resources

    from plangraph.vocab.gazetteer import gazetteer

    chars: set[str] = set()
    weight: Counter[str] = Counter()
    for line in (resources.files("jieba") / "dict.txt").read_text(encoding="utf-8").splitlines():
        word, count, *_ = line.split()
        for char in word:
            weight[char] += int(count)
    chars.update(c for c, n in weight.items() if n >= COMMON and "\u4e00" <= c <= "\u9fff")
    for place in gazetteer().places():
        chars.update(place.name + place.short)
    for path in sorted((ROOT / "data").glob("*.yaml")) + sorted((ROOT / "ontology").glob("*.ttl")):
        chars.update(path.read_text(encoding="utf-8"))
    return {c for c in chars if c.isprintable() and ord(c) >= 0x80}


def licence_text() -> str:
    """The OFL paragraph of Debian's copyright file, unfolded (``.`` lines are blank lines)."""
    lines = COPYRIGHT.read_text(encoding="utf-8").splitlines()
    start = lines.index("License: SIL-1.1", lines.index("License: SIL-1.1") + 1)
    body = []
    for line in lines[start + 1 :]:
        if not line.startswith(" "):
            break
        body.append("" if line.strip() == "." else line[1:])
    return "\n".join(body).strip() + "\n"


def package_version() -> str:
    out = subprocess.run(
        ["dpkg-query", "-W", "-f=${Version}", "fonts-noto-cjk"],
        capture_output=True,
        text=True,
        check=False,
    )
    return out.stdout.strip() or "unknown"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=SOURCE)
    args = parser.parse_args()
    if not args.source.is_file():
        sys.exit(f"{args.source} is missing: apt-get install fonts-noto-cjk")

    from fontTools import subset
    from fontTools.ttLib import TTCollection

    collection = TTCollection(str(args.source))
    (font,) = [f for f in collection.fonts if f["name"].getDebugName(1) == FACE]
    wanted = gb2312() | vocabulary()
    for lo, hi in BLOCKS:
        wanted.update(chr(c) for c in range(lo, hi + 1))
    cmap = font.getBestCmap()
    kept = sorted(c for c in wanted if ord(c) in cmap)
    options = subset.Options()
    options.layout_features = ["kern", "palt", "vert", "vrt2", "locl", "ccmp", "liga"]
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 7, 11, 12, 13, 14, 16, 17]
    options.hinting = False  # CFF hints matter little on screens that scale the text
    options.desubroutinize = True  # compresses better in WOFF2
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in kept])
    subsetter.subset(font)
    names = font["name"]
    for record in list(names.names):
        if record.nameID in (1, 16):
            names.setName(FAMILY, record.nameID, record.platformID, record.platEncID, record.langID)
        elif record.nameID in (3, 4):
            names.setName(
                f"{FAMILY} Regular",
                record.nameID,
                record.platformID,
                record.platEncID,
                record.langID,
            )
        elif record.nameID == 6:
            names.setName(
                "plangraphCJK-Regular",
                record.nameID,
                record.platformID,
                record.platEncID,
                record.langID,
            )
    font.flavor = "woff2"
    font.recalcTimestamp = False  # the same source makes the same bytes
    buffer = io.BytesIO()
    font.save(buffer)
    data = buffer.getvalue()
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "plangraph-cjk-sc.woff2").write_bytes(data)
    copyright_line = names.getDebugName(0)
    (OUT / "OFL.txt").write_text(
        f"{copyright_line}\n\n{licence_text()}", encoding="utf-8", newline="\n"
    )
    source_sum = hashlib.sha256(args.source.read_bytes()).hexdigest()
    hanzi = sum(1 for c in kept if "\u4e00" <= c <= "\u9fff")
    (OUT / "README.md").write_text(
        f"""# The CJK font the page embeds

`plangraph-cjk-sc.woff2` is a subset of **{FACE}** (Regular), {copyright_line}, under the SIL
Open Font License 1.1 (`OFL.txt`). It is renamed `{FAMILY}` as a modified version; the copyright
and licence entries of its name table are kept.

- Taken from Debian's package `fonts-noto-cjk` {package_version()}, file
  `{args.source}` (sha256 `{source_sum}`), the face named `{FACE}`.
- Holds {len(kept)} characters ({hanzi} hanzi): what GB 2312 encodes, ASCII and Latin-1,
  punctuation, number forms, arrows, enclosed numbers, CJK symbols, full-width forms, every
  character of the gazetteer's names and of plangraph's data files, and the hanzi of jieba's
  dictionary whose words' frequencies add up to {COMMON} or more.
- sha256 of `plangraph-cjk-sc.woff2`: `{hashlib.sha256(data).hexdigest()}`.
- Made by `python scripts/cjk_font.py` (fontTools subsetter, outlines unhinted and
  desubroutinized, saved as WOFF2).

Each page (`plangraph.to_html`) embeds a further subset of it, cut to the characters that page
uses, as WOFF2 in a `data:` URL; the notebook chart draws with it when no CJK font is installed.
""",
        encoding="utf-8",
        newline="\n",
    )
    print(f"wrote {OUT / 'plangraph-cjk-sc.woff2'}: {len(data):,} bytes, {len(kept)} characters")


if __name__ == "__main__":
    main()
