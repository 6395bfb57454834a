"""jekyll-redirect-from's rules, pure: which old paths a page names, and where each is written.

jekyll-redirect-from 0.16 (checked against a real Jekyll 4.3 build):

- `redirect_from:` is a path or a list of paths (empty items dropped); each path gets a leading
  `/` and becomes a page whose file follows Jekyll's page rule: `/old/` -> `old/index.html`,
  `/old` -> `old.html`, `/old.html` -> `old.html`, `/old/index.html` -> `old/index.html`, and a
  last segment with an extension is the file itself (`/feed.xml` -> `feed.xml`). That is
  :func:`~.permalinks.url_to_dest_path`, which also drops `..`, so no path leaves the site.
  (Jekyll keeps `?query` and `#fragment` in the file name, `q?x=1.html`, a file no browser
  asks for; here they are dropped.)
- `redirect_to:` is a URL (a list: its first item). `http(s)://` URLs are kept; anything else
  is a path from the site root.
- The target of a `redirect_from` page is the page's own URL.

No I/O and no MkDocs here: the MkDocs glue is `mkdocs_mindset/site/redirects.py`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote

from .permalinks import PermalinkError, expand, url_to_dest_path
from .urls import is_safe_url

__all__ = [
    "REDIRECT_SCHEMES",
    "old_post_url",
    "redirect_dest_path",
    "redirect_from_paths",
    "redirect_keys",
    "redirect_to_value",
    "safe_url_text",
]

REDIRECT_SCHEMES = frozenset({"http", "https"})
"""Schemes a `redirect_to` may send readers to; `javascript:` and `data:` are refused."""

# What may stay as written in a URL: RFC 3986 reserved and unreserved characters and `%`.
# Quotes (even `'`, which a refresh header would read as quoting the URL), `<`, `>`, spaces
# and other characters are percent-encoded.
_URL_SAFE = ":/?#[]@!$&()*+,;=%~-._"


def redirect_from_paths(value: Any) -> tuple[list[str], list[str]]:
    """The old paths named by a `redirect_from` value, and what was wrong with it.

    A string is one path; a list's items are paths (`null` items skipped, as Jekyll's
    `compact`); numbers count as text. Mappings and nested lists are reported and skipped.
    """
    if value is None:
        return [], []
    items = value if isinstance(value, (list, tuple)) else [value]
    paths: list[str] = []
    problems: list[str] = []
    for item in items:
        if item is None:
            continue
        if isinstance(item, (dict, list, tuple, set, bool)):
            problems.append(f"expected a path such as '/old/', got {item!r}; ignored")
            continue
        text = str(item).strip()
        if not text:
            problems.append("an empty path; ignored")
            continue
        paths.append(text if text.startswith("/") else "/" + text)
    return list(dict.fromkeys(paths)), problems


def redirect_to_value(value: Any) -> tuple[str | None, str | None]:
    """The URL a `redirect_to` value names (a list: its first item), or a problem."""
    if isinstance(value, (list, tuple)):
        value = next((item for item in value if item is not None), None)
    if value is None:
        return None, None
    if isinstance(value, (dict, list, tuple, set, bool)):
        return None, f"expected a URL or a path, got {value!r}; ignored"
    text = str(value).strip()
    if not text:
        return None, "an empty URL; ignored"
    if not is_safe_url(text, REDIRECT_SCHEMES):
        return None, f"only http(s) URLs and site paths can be redirected to, got {text!r}; ignored"
    return text, None


def safe_url_text(url: str) -> str:
    """`url` with every character that has no business in a URL percent-encoded.

    Quotes, `<`, `>`, whitespace and non-ASCII text are encoded; `%XX` already written stays.
    """
    return quote(url, safe=_URL_SAFE)


def redirect_dest_path(path: str) -> str:
    """The file (relative to the site folder, `/`-separated) a redirect from `path` writes."""
    return url_to_dest_path(path if path.startswith("/") else "/" + path)


def old_post_url(
    *,
    template: str,
    date: dt.datetime,
    title: str,
    categories: Sequence[str],
    permalink: str | None,
) -> str | None:
    """The post's URL under an earlier site `permalink` (style or template); None when unchanged.

    A post whose front matter `permalink` is a valid template had that URL under every site
    style, so it has no old URL. Otherwise the same rules as for the current URL apply.
    """
    if permalink:
        try:
            expand(permalink, date=date, title=title, categories=categories, allow_styles=False)
        except PermalinkError:
            pass  # the site's permalink was used for it then too
        else:
            return None
    return expand(template, date=date, title=title, categories=categories, allow_styles=True)


def redirect_keys(meta: Mapping[str, Any]) -> bool:
    """Whether front matter asks for any redirect."""
    return meta.get("redirect_from") is not None or meta.get("redirect_to") is not None
