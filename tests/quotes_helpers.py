"""Shared pieces of the quotes tests: a post using every form, a renderer and site builders."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import markdown
from bs4 import BeautifulSoup
from conftest import Site, build_site, theme, write_site

from mkdocs_mindset.markdown.quotes import QuotesExtension

STYLESHEET = (
    Path(__file__).resolve().parents[1]
    / "mkdocs_mindset"
    / "templates"
    / "assets"
    / "mindset"
    / "mindset.css"
)

POST_SRC = "_posts/2024-01-02-quotes.md"
POST_URL = "quotes/"
PLUGIN = {"timezone": "UTC", "permalink": "/:title/"}

# One post with every form, in the order the tests and the screenshots expect.
POST = """\
---
title: Every quote form
categories: [Demo]
---
# Every quote form

> A lede written once, right under the title: what this post is about, in one breath.

Body text comes first. Good writing is rewriting, and rewriting takes time. The rest of
this paragraph is here so that the page has some ordinary prose to compare sizes with.

> Good writing is rewriting, and rewriting takes time.
{: .pullquote}

A paragraph between the quotes.

>> Simplicity is prerequisite for reliability.
>>
>> — Edsger W. Dijkstra

> Note: Notes hold side information.

> Tip: Tips make the reader faster.

> Warning: Warnings stop a mistake.

> Important: Important callouts must not be missed.

> Caution: an unknown title stays an ordinary quote.

> youtube: https://youtu.be/dQw4w9WgXcQ

> twitter: https://twitter.com/jack/status/20

The end of the post.

> An ordinary quote stays an ordinary quote.
"""


def render(text: str, *, attr_list: bool = True, **config: Any) -> str:
    """Markdown to HTML through Python-Markdown with the extension loaded standalone."""
    extensions: list[Any] = ["attr_list"] if attr_list else []
    extensions.append(QuotesExtension(**config))
    return markdown.markdown(text, extensions=extensions)


def soup(text: str, **kwargs: Any) -> BeautifulSoup:
    """``render`` parsed with BeautifulSoup."""
    return BeautifulSoup(render(text, **kwargs), "html.parser")


def plugin_site(
    root: Path,
    files: dict[str, str],
    *,
    theme_config: dict[str, Any],
    plugin: dict[str, Any] | None = None,
    strict: bool = False,
    **config: Any,
) -> Site:
    """A real build with ``plugins: [mindset]`` (it adds the extension and the stylesheet)."""
    cfg = {
        "theme": theme_config,
        "plugins": ["search", {"mindset": plugin or PLUGIN}],
        "markdown_extensions": ["attr_list"],
        **config,
    }
    return build_site(write_site(root, files, cfg), strict=strict)


def standalone_site(
    root: Path, files: dict[str, str], *, theme_config: dict[str, Any], **config: Any
) -> Site:
    """A real build without the plugin: the extension by name and a copy of the stylesheet."""
    (root / "docs").mkdir(parents=True, exist_ok=True)
    shutil.copy(STYLESHEET, root / "docs" / "mindset.css")
    cfg = {
        "theme": theme_config,
        "markdown_extensions": ["attr_list", "mkdocs_mindset.markdown.quotes"],
        "extra_css": ["mindset.css"],
        **config,
    }
    return build_site(write_site(root, files, cfg))


def material(scheme: str = "default") -> dict[str, Any]:
    """Material, offline (no web fonts), in one colour scheme."""
    return {**theme("material"), "palette": {"scheme": scheme}}


def content(page: BeautifulSoup) -> Any:
    """The article element of a built page, on Material, mkdocs or readthedocs."""
    found = page.select_one("article.md-content__inner, div[role=main], .rst-content")
    assert found is not None, "no content element"
    return found
