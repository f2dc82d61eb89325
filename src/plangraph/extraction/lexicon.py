"""Common Chinese words with their frequencies and parts of speech, read from jieba's dictionary
as data (jieba itself is not started: starting it costs a second, reading the words a tenth).

Places use it to tell a name from the words around it (均衡水平), projects to keep a word whole
(协和医院), industries to find the run of nouns before 产业 or 经济.
"""

from __future__ import annotations

import re
from functools import cache

__all__ = ["tag_words", "word_tags", "words"]

# words rarer than 10 in jieba's counts are left out (see word_tags)
_LONGEST = 4


@cache
def word_tags() -> dict[str, str]:
    """Word → part of speech (jieba's tag set: n, v, vn, ns …) of the common words."""
    from importlib import resources

    text = (resources.files("jieba") / "dict.txt").read_bytes().decode("utf-8")
    # a count of two digits or more is at least 10: no number needs reading
    return dict(re.findall(rf"^(\S{{1,{_LONGEST}}}) \d{{2,}} (\S+)", text, re.M))


@cache
def words() -> frozenset[str]:
    """The common words of two to four characters."""
    return frozenset(w for w in word_tags() if len(w) >= 2)


def tag_words(text: str) -> list[tuple[str, str]]:
    """``text`` cut into words from its end, longest known word first (a character no word
    holds stands alone, tagged ``x``), each with its part of speech."""
    tags = word_tags()
    out: list[tuple[str, str]] = []
    end = len(text)
    while end > 0:
        for size in range(min(_LONGEST, end), 0, -1):
            word = text[end - size : end]
            if word in tags:
                out.append((word, tags[word]))
                end -= size
                break
        else:
            out.append((text[end - 1], "x"))
            end -= 1
    return list(reversed(out))
