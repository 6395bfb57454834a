"""Liquid values, and how each is written where it lands: link, attribute, text or code."""

from __future__ import annotations

import datetime as dt
import html
import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote

_TICKS = re.compile(r"`+")
_UNSAFE_IN_DESTINATION = re.compile(r"[\s<>()\"\\`\x00-\x1f\x7f]")


@dataclass(frozen=True)
class SitePath:
    """A path from the site root (`{{ site.baseurl }}`, `| relative_url`): written per context."""

    path: str  # "" (the root) or starting with "/"


@dataclass(frozen=True)
class FileLink:
    """A file of this site (`post_url`, `link`): its source path and URL."""

    src_uri: str
    url: str


Value = str | SitePath | FileLink


class Unsupported(Exception):
    """An expression outside the subset: the text is left as written."""


class Unknown(Exception):
    """A variable nobody defined: it renders empty, like Liquid's nil."""


def is_scalar(value: object) -> bool:
    return isinstance(value, (str, int, float, bool, dt.date)) or value is None


def text_of(value: object) -> str:
    """How Liquid prints a value, on one line."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S %z").strip()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        if all(is_scalar(v) for v in value):
            return ", ".join(text_of(v) for v in value)
        raise Unsupported("a list of objects")
    if isinstance(value, Mapping):
        raise Unsupported("an object")
    return " ".join(str(value).split())


def percent_encoded(url: str) -> str:
    """Spaces, quotes, brackets and controls percent-encoded: nothing can end the URL early."""
    return _UNSAFE_IN_DESTINATION.sub(lambda m: quote(m.group(), safe=""), url)


def in_destination(url: str) -> str:
    """A URL as a Markdown link destination.

    Python-Markdown copies a destination into `href` as written, so an entity in it would be
    decoded by the browser; `&` is written `&amp;`, which the browser reads back as `&`.
    """
    return percent_encoded(url).replace("&", "&amp;")


def attribute_url(url: str) -> str:
    """A checked URL inside a double-quoted HTML attribute."""
    return html.escape(percent_encoded(url))


def in_attribute(value: str, *, quoted: bool) -> str:
    """A value inside an HTML attribute; unquoted, its spaces must not end the value."""
    escaped = html.escape(value)
    return escaped if quoted else re.sub(r"\s", "&#32;", escaped)


def as_text(value: str) -> str:
    """Plain text in Markdown or HTML: no tags, no link syntax, no quote that ends an attribute.

    Character references work in Markdown text and in raw HTML alike.
    """
    escaped = html.escape(value)
    return escaped.replace("[", "&#91;").replace("]", "&#93;").replace("`", "&#96;")


def relative(target: str, start_dir: str) -> str:
    """`target` (a site-relative path) relative to the folder `start_dir`."""
    rel = posixpath.relpath(target.rstrip("/") or ".", start_dir or ".")
    if target.endswith("/") or target == "":
        rel = "./" if rel == "." else rel + "/"
    return rel


def folder(url: str) -> str:
    """The folder a URL's relative links start from: `a/b/` -> `a/b`, `a/b.html` -> `a`."""
    return url.rsplit("/", 1)[0] if "/" in url else ""


# -- where a value lands ------------------------------------------------------------------------

CODE, CODE_SPAN, TEXT, ATTR, DEST = "code", "code span", "text", "attribute", "destination"


@dataclass(frozen=True)
class Spot:
    """Where a value lands: the kind of place, and whether it begins a URL there."""

    kind: str
    url_start: bool = False
    quoted: bool = True


def in_code_span(prefix: str) -> bool:
    """Whether a line's text so far has an open inline code span."""
    open_run = 0
    for m in _TICKS.finditer(prefix):
        run = len(m.group())
        if not open_run:
            open_run = run
        elif run == open_run:
            open_run = 0
    return open_run > 0
