"""Generated listing pages and the HTML blocks the plugin adds to pages.

Listing pages are virtual (`File.generated`): nothing is written into `docs/`. Their HTML and
the post header come from Jinja templates under `templates/mindset/`, looked up through the
theme's folders first so a `custom_dir` can override any of them.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
import re
from collections.abc import Sequence
from dataclasses import dataclass, fields

import jinja2
from markupsafe import Markup
from mkdocs.utils import get_relative_url

from . import default_html

_POST_HEADER = "mindset/post_header.html"
_LISTING = "mindset/listing.html"
_UNPADDED = re.compile(r"%-([dmHIMSj])")


def format_date(when: dt.datetime, fmt: str) -> str:
    """strftime with the `%-d` family (no leading zero) on every platform."""

    def unpadded(match: re.Match[str]) -> str:
        return str(int(when.strftime("%" + match.group(1))))

    return when.strftime(_UNPADDED.sub(unpadded, fmt))


def listing_uri(folder: str, slug: str | None = None) -> str:
    """Source path of a generated listing: `categories/index.md`, `categories/<slug>.md`."""
    return posixpath.join(folder, f"{slug}.md" if slug else "index.md")


def user_page_uris(folder: str, slug: str | None = None) -> tuple[str, ...]:
    """Where a user may write intro text for a listing page."""
    if slug is None:
        return (posixpath.join(folder, "index.md"), posixpath.join(folder, "README.md"))
    return (posixpath.join(folder, f"{slug}.md"), posixpath.join(folder, slug, "index.md"))


@dataclass(frozen=True)
class Link:
    name: str
    url: str


@dataclass(frozen=True)
class Entry:
    """One post as a listing shows it."""

    title: str
    url: str
    date: dt.datetime
    date_text: str
    description: str


@dataclass(frozen=True)
class Header:
    """What a post's header shows: the variables of `mindset/post_header.html`."""

    title: str
    show_title: bool
    date: dt.datetime
    date_text: str
    categories: Sequence[Link]
    tags: Sequence[Link]
    subtitle: Markup | None
    author: str | None

    def variables(self) -> dict[str, object]:
        return {field.name: getattr(self, field.name) for field in fields(self)}


@dataclass(frozen=True)
class Section:
    """One group on an index page: a link plus how many posts it holds."""

    name: str
    url: str
    count: int


def relative(target_url: str, page_url: str) -> str:
    """A link from one page to another that works from `file://` and any base path."""
    return get_relative_url(target_url, page_url)


PACKAGED_TEMPLATES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "templates")


class Renderer:
    """The plugin's Jinja environment: autoescaped, theme folders first.

    The post header and listing use `default_html` (the same bytes, no Jinja) while the
    theme does not override them.
    """

    def __init__(self, search_path: Sequence[str]) -> None:
        self.loader = jinja2.FileSystemLoader(list(search_path))
        self.env = jinja2.Environment(
            loader=self.loader,
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            auto_reload=False,
        )
        self._packaged: dict[str, bool] = {}

    def render(self, template: str, **context: object) -> Markup:
        return Markup(self.env.get_template(template).render(**context))

    def is_packaged(self, template: str) -> bool:
        """Whether `template` resolves to the plugin's own file, not a theme's override."""
        found = self._packaged.get(template)
        if found is None:
            _, filename, _ = self.loader.get_source(self.env, template)
            folder = os.path.dirname(os.path.dirname(os.path.abspath(filename)))
            found = self._packaged[template] = os.path.normcase(folder) == os.path.normcase(
                PACKAGED_TEMPLATES
            )
        return found

    def post_header(self, header: Header) -> Markup:
        if self.is_packaged(_POST_HEADER):
            return default_html.post_header(header)
        return self.render(_POST_HEADER, **header.variables())

    def listing(self, *, kind: str, name: str, entries: Sequence[Entry]) -> Markup:
        if self.is_packaged(_LISTING):
            return default_html.listing(kind=kind, name=name, entries=entries)
        return self.render(_LISTING, kind=kind, name=name, entries=entries)

    def index(self, *, kind: str, title: str, sections: Sequence[Section]) -> Markup:
        return self.render("mindset/index.html", kind=kind, title=title, sections=sections)
