"""Web pages: the article's text without the page's chrome; a page with no article refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from made_documents import CHROME, make_html, report_text

from plangraph.errors import SourceError
from plangraph.sources.text import read_source


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_the_article_is_read_and_the_chrome_left_out(tmp_path: Path, encoding: str) -> None:
    source = read_source(make_html(tmp_path / "report.html", encoding=encoding))
    assert source.text == report_text()  # title first, then one paragraph a line
    for word in CHROME:
        assert word not in source.text
    assert source.form == "html"


def test_htm_is_a_web_page_too(tmp_path: Path) -> None:
    path = make_html(tmp_path / "report.htm")
    assert read_source(path).text == report_text()


def test_the_encoding_given_is_used(tmp_path: Path) -> None:
    path = tmp_path / "report.html"
    page = make_html(tmp_path / "made.html").read_text(encoding="utf-8")
    path.write_bytes(page.replace('<meta charset="utf-8">', "").encode("gb18030"))
    assert read_source(path, encoding="gb18030").text == report_text()


_NO_ARTICLE = """<html><head><title>新闻列表</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/gk">政务公开</a></div>
<ul>{items}</ul>
<div class="footer">版权所有</div></body></html>"""


@pytest.mark.parametrize(
    "page",
    [
        _NO_ARTICLE.format(
            items="".join(
                f'<li><a href="/n{i}">第{i}条消息的标题</a> 2025-01-{i:02d}</li>'
                for i in range(1, 25)
            )
        ),
        '<html><body><div class="nav"><a href="/">首页</a></div></body></html>',
        "<html><body></body></html>",
    ],
    ids=["link-list", "menu-only", "empty-body"],
)
def test_a_page_with_no_article_is_refused_by_name(tmp_path: Path, page: str) -> None:
    path = tmp_path / "index.html"
    path.write_text(page, encoding="utf-8")
    with pytest.raises(SourceError, match="no article") as caught:
        read_source(path)
    assert caught.value.path == str(path) and caught.value.exit_code == 2
