"""The extractor's word lists: a trie pattern finds what a longest-first alternation finds."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from plangraph.extraction.words import any_word

_WORDS = st.lists(st.text(alphabet="甲乙丙丁.*", min_size=1, max_size=4), min_size=1, max_size=12)


@settings(max_examples=300, deadline=None)
@given(_WORDS, st.text(alphabet="甲乙丙丁戊.*", max_size=40))
def test_a_trie_finds_what_an_alternation_finds(words: list[str], text: str) -> None:
    alternation = re.compile("|".join(map(re.escape, sorted(set(words), key=len, reverse=True))))
    trie = re.compile(any_word(words))
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in alternation.finditer(text)]
    for at in range(len(text) + 1):
        found, expected = trie.match(text, at), alternation.match(text, at)
        assert (found and found.span()) == (expected and expected.span())


def test_a_trie_of_real_words() -> None:
    pattern = re.compile(any_word(["产业", "产业链", "新能源", "新能源汽车"]))
    assert [m.group() for m in pattern.finditer("新能源汽车产业链和新能源产业")] == [
        "新能源汽车",
        "产业链",
        "新能源",
        "产业",
    ]
