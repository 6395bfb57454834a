"""The HTML the plugin adds to pages: a post's header, and the category and tag listings.

Everything is rendered from the Jinja templates under `templates/mindset/` through the theme's
own environment (MkDocs hands it over in `on_env`), so a theme's `custom_dir` overrides any of
them and overrides get the theme's filters and globals. MkDocs' environment does not autoescape;
each packaged template turns autoescaping on for itself, and values that are already HTML
arrive as `Markup`. Links are relative to the page being rendered, so they work from
`file://` and under any base path.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass

import jinja2
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from ..jekyll.posts import Post
from .collect import Blog, Listing

PACKAGED_TEMPLATES = os.path.join(os.path.dirname(os.path.dirname(__file__)), "templates")
TITLES = {"categories": "Categories", "tags": "Tags"}
_UNPADDED = re.compile(r"%-([dmHIMSj])")


def format_date(when: dt.datetime, fmt: str) -> str:
    """strftime with the `%-d` family (no leading zero) on every platform."""

    def unpadded(match: re.Match[str]) -> str:
        return str(int(when.strftime("%" + match.group(1))))

    return when.strftime(_UNPADDED.sub(unpadded, fmt))


def listing_title(listing: Listing) -> str:
    if listing.group is not None:
        return listing.group.name
    return TITLES.get(listing.taxonomy.kind, "Index")


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
class Section:
    """One group on an index page: a link plus how many posts it holds."""

    name: str
    url: str
    count: int


class Renderer:
    """Renders one build's post headers and listings through the theme's environment."""

    def __init__(self, blog: Blog, env: jinja2.Environment, date_format: str) -> None:
        self.blog = blog
        self.env = env
        # Each post's date as readers see it, written once: headers and listings all show it.
        self.dates = {src: format_date(p.date, date_format) for src, p in blog.posts.items()}

    def _render(self, template: str, **context: object) -> str:
        return self.env.get_template(f"mindset/{template}").render(**context)

    def post_page(self, html: str, post: Post, page: Page) -> str:
        """The header opens the page, or follows the body's own H1 when that is the title."""
        header = self._render(
            "post_header.html",
            title=post.title,
            show_title=not post.title_in_body,
            date=post.date,
            date_text=self.dates[post.src_uri],
            categories=self._links("categories", post.categories, page),
            tags=self._links("tags", post.tags, page),
            subtitle=self.blog.descriptions[post.src_uri].subtitle,
            author=post.author,
        )
        if post.title_in_body:
            end = html.find("</h1>")
            if end != -1:
                end += len("</h1>")
                return html[:end] + header + html[end:]
        return header + html

    def listing_page(self, html: str, listing: Listing, page: Page) -> str:
        """The title (unless the user's intro has its own H1), the intro, then the list."""
        kind, title = listing.taxonomy.kind, listing_title(listing)
        if listing.group is None:
            sections = [
                Section(g.name, get_relative_url(g.url, page.url), len(g.posts))
                for g in listing.taxonomy.groups
            ]
            listed = self._render("index.html", kind=kind, title=title, sections=sections)
        else:
            entries = [self._entry(post, page) for post in listing.group.posts]
            listed = self._render("listing.html", kind=kind, name=title, entries=entries)
        if "<h1" in html:
            return html + listed
        return self._render("title.html", title=title) + html + listed

    def _links(self, kind: str, names: Sequence[str], page: Page) -> list[Link]:
        taxonomy = self.blog.taxonomies.get(kind)
        if taxonomy is None:
            return []
        return [
            Link(group.name, get_relative_url(group.url, page.url))
            for group in taxonomy.groups_of(names)
        ]

    def _entry(self, post: Post, page: Page) -> Entry:
        return Entry(
            title=post.title,
            url=get_relative_url(post.url, page.url),
            date=post.date,
            date_text=self.dates[post.src_uri],
            description=self.blog.descriptions[post.src_uri].text,
        )
