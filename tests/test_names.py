from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from plangraph.vocab.names import normalise_name, slug


def test_slug_is_readable_pinyin_with_a_short_hash() -> None:
    assert re.fullmatch(r"xiong-xin-gao-tie-[0-9a-f]{4}", slug("雄忻高铁"))


def test_quotes_spaces_and_full_width_do_not_change_identity() -> None:
    assert slug("“一泓清水入黄河”工程") == slug("一泓清水入黄河工程")
    assert slug("５Ｇ 网络") == slug("5G网络")
    assert normalise_name("「百亿工程」") == "百亿工程"


def test_homophones_get_different_slugs() -> None:
    # 黎霍 and 离火 share their toneless pinyin
    assert slug("黎霍高速").rsplit("-", 1)[0] == slug("离火高速").rsplit("-", 1)[0]
    assert slug("黎霍高速") != slug("离火高速")


@given(st.text(max_size=40))
def test_any_name_gives_a_safe_iri_path(name: str) -> None:
    assert re.fullmatch(r"[a-z0-9-]+", slug(name))
