"""The packaged post header and listing templates, written as Python: the same bytes, faster.

A blog renders the header once per post and a listing entry once per post per category and
tag, so at thousands of posts the Jinja calls add up. When a theme's `custom_dir` does not
override `mindset/post_header.html` or `mindset/listing.html`, `pages.Renderer` uses these
instead. The templates stay the reference: `tests/test_default_html.py` renders both routes
over a table of cases and requires identical output, so change one only with the other.
Values are escaped exactly as Jinja's autoescape does (`markupsafe.escape`).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

if TYPE_CHECKING:
    from .pages import Entry, Header


def post_header(header: Header) -> Markup:
    """`mindset/post_header.html`."""
    out = ['<header class="mindset-post-header">\n']
    if header.show_title:
        out.append(f'  <h1 class="mindset-post-title">{escape(header.title)}</h1>\n')
    if header.subtitle:
        out.append(f'  <p class="mindset-subtitle">{escape(header.subtitle)}</p>\n')
    out.append('  <p class="mindset-post-meta">\n')
    out.append(
        f'    <time class="mindset-date" datetime="{escape(header.date.isoformat())}">'
        f"{escape(header.date_text)}</time>\n"
    )
    if header.author:
        out.append(f'    <span class="mindset-author">{escape(header.author)}</span>\n')
    if header.categories:
        out.append('    <span class="mindset-categories" aria-label="Categories">\n')
        for link in header.categories:
            out.append(
                f'      <a class="mindset-category" href="{escape(link.url)}">'
                f"{escape(link.name)}</a>\n"
            )
        out.append("    </span>\n")
    if header.tags:
        out.append('    <span class="mindset-tags" aria-label="Tags">\n')
        for link in header.tags:
            out.append(
                f'      <a class="mindset-tag" href="{escape(link.url)}">#{escape(link.name)}</a>\n'
            )
        out.append("    </span>\n")
    out.append("  </p>\n</header>")
    return Markup("".join(out))


def listing(*, kind: str, name: str, entries: Sequence[Entry]) -> Markup:
    """`mindset/listing.html` (`name` is there for overrides; the packaged one does not show it)."""
    out = [f'<ul class="mindset-listing mindset-listing--{escape(kind)}" data-search-exclude>\n']
    out += map(_entry, entries)
    if not entries:
        out.append('  <li class="mindset-entry mindset-entry--empty">No posts yet.</li>\n')
    out.append("</ul>")
    return Markup("".join(out))


@functools.lru_cache(maxsize=8192)
def _entry(entry: Entry) -> str:
    """One post in a listing.

    Cached: a post is listed under each of its categories and tags, and listings at the same
    depth link it by the same relative URL.
    """
    description = (
        f'    <p class="mindset-entry__description">{escape(entry.description)}</p>\n'
        if entry.description
        else ""
    )
    return (
        '  <li class="mindset-entry">\n'
        f'    <a class="mindset-entry__title" href="{escape(entry.url)}">'
        f"{escape(entry.title)}</a>\n"
        f'    <time class="mindset-date" datetime="{escape(entry.date.isoformat())}">'
        f"{escape(entry.date_text)}</time>\n"
        f"{description}"
        "  </li>\n"
    )
