"""Saved web pages (.html, .htm) as plain text: the article, without the page around it.

trafilatura finds the article body of a government or newspaper page and leaves out its chrome
(menus, breadcrumbs, share and print links, related-news lists, footers); it runs in its
precision mode, so that a page with no article (an index page, a list of links) gives nothing
rather than its menus. The article's title, when the body does not begin with it, comes first:
the title carries the year and the region a report is read by. The encoding is the one given,
else the page's own (``<meta charset>``) or detected.
"""

from __future__ import annotations

from plangraph.errors import SourceError

__all__ = ["html_text"]

_MIN_CHARS = 50
"""An article shorter than this is a caption or a stray line, not a report."""


def html_text(data: bytes, path: str = "<html>", encoding: str | None = None) -> str:
    """The article text of the web page ``data`` (see the module's description)."""
    import trafilatura

    page: str | bytes = data
    if encoding is not None:
        try:
            page = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise SourceError(
                f"cannot be decoded as {encoding} (byte {exc.start})", path=path, offset=exc.start
            ) from None
        except LookupError:
            raise SourceError(f"unknown encoding {encoding!r}", path=path) from None
    try:
        found = trafilatura.bare_extraction(
            page,
            favor_precision=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            deduplicate=False,
            with_metadata=True,
        )
    except Exception as exc:  # lxml and trafilatura raise many kinds on broken pages
        reason = " ".join(str(exc).split())[:200] or type(exc).__name__
        raise SourceError(f"cannot be read as a web page: {reason}", path=path) from None
    body = (getattr(found, "text", None) or "").strip() if found is not None else ""
    if len(body) < _MIN_CHARS:
        raise SourceError(
            "no article found in the web page (only menus, links or a few words);"
            " save the page of the report itself",
            path=path,
        )
    lines = [" ".join(line.split()) for line in body.split("\n")]
    text = "\n".join(line for line in lines if line)
    title = " ".join((getattr(found, "title", None) or "").split())
    if title and title not in text[: len(title) + 200]:
        text = f"{title}\n{text}"
    return text + "\n"
