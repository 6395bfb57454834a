"""MindsetPlugin: MkDocs events only; each one delegates to the modules beside it."""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from . import search_index
from .blog import Blog, Listing, collect
from .categories import Group
from .config import MindsetConfig
from .dates import DateError, resolve_timezone
from .pages import Entry, Link, Renderer, Section, format_date, relative
from .posts import Post

log = get_plugin_logger("mindset")

TEMPLATES = os.path.join(os.path.dirname(__file__), "templates")
STYLESHEET = "assets/mindset/mindset.css"
TITLES = {"categories": "Categories", "tags": "Tags"}


class MindsetPlugin(BasePlugin[MindsetConfig]):
    """Jekyll posts in, category pages, description metadata and pull-quotes out."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.blog: Blog | None = None
        self.renderer: Renderer | None = None
        self.tz: dt.tzinfo = dt.timezone.utc

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.blog = None
        try:
            self.tz = resolve_timezone(self.config.timezone)
        except DateError as exc:  # pragma: no cover - the option is validated already
            raise PluginError(str(exc)) from exc
        if TEMPLATES not in config.theme.dirs:
            config.theme.dirs.append(TEMPLATES)
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        self.renderer = Renderer(config.theme.dirs)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self.blog = collect(files, config, self.config, self.tz)
        for problem in self.blog.problems:
            log.warning(str(problem))
        for message in self.blog.warnings:
            log.warning(message)
        for message in self.blog.notes:
            log.info(message)
        return files

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        if self.blog is None:
            return markdown
        src = page.file.src_uri
        post = self.blog.post_for(src)
        if post is not None:
            page.meta = _post_meta(post, self.blog.descriptions[src].text)
            return post.body
        listing = self.blog.listings.get(src)
        if listing is not None and "title" not in page.meta:
            page.meta["title"] = _escaped(_listing_title(listing))
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.blog is None or self.renderer is None:
            return html
        src = page.file.src_uri
        post = self.blog.post_for(src)
        if post is not None:
            return _with_header(html, post, str(self._post_header(post, page)))
        listing = self.blog.listings.get(src)
        if listing is not None:
            return html + str(self._listing(listing, page, show_title="<h1" not in html))
        return html

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.blog is not None:
            search_index.drop_pages(config.site_dir, self.blog.unsearchable_urls())

    # -- rendering helpers (small; the templates do the markup) --

    def _links(self, kind: str, names: list[str], page: Page) -> list[Link]:
        assert self.blog is not None
        taxonomy = self.blog.taxonomies.get(kind)
        if taxonomy is None:
            return []
        return [
            Link(group.name, relative(self.blog.group_urls[id(group)], page.url))
            for group in taxonomy.groups_of(names)
        ]

    def _post_header(self, post: Post, page: Page) -> Markup:
        assert self.blog is not None and self.renderer is not None
        return self.renderer.post_header(
            title=post.title,
            show_title=not post.title_in_body,
            date=post.date,
            date_text=format_date(post.date, self.config.date_format),
            categories=self._links("categories", post.categories, page),
            tags=self._links("tags", post.tags, page),
            subtitle=self.blog.descriptions[post.src_uri].subtitle,
            author=post.author,
        )

    def _listing(self, listing: Listing, page: Page, *, show_title: bool) -> Markup:
        assert self.blog is not None and self.renderer is not None
        kind = listing.taxonomy.kind
        if listing.group is None:
            sections = [
                Section(g.name, relative(self.blog.group_urls[id(g)], page.url), len(g.posts))
                for g in listing.taxonomy.groups
            ]
            return self.renderer.index(
                kind=kind, title=TITLES.get(kind, kind), sections=sections, show_title=show_title
            )
        entries = [self._entry(post, page) for post in listing.group.posts]
        return self.renderer.listing(
            kind=kind, name=listing.group.name, entries=entries, show_title=show_title
        )

    def _entry(self, post: Post, page: Page) -> Entry:
        assert self.blog is not None
        return Entry(
            title=post.title,
            url=relative(post.url, page.url),
            date=post.date,
            date_text=format_date(post.date, self.config.date_format),
            description=self.blog.descriptions[post.src_uri].text,
        )


def _escaped(text: str) -> Markup:
    """Themes print titles and descriptions raw (Jinja autoescape is off in MkDocs)."""
    return Markup(escape(text))


def _listing_title(listing: Listing) -> str:
    group: Group | None = listing.group
    return group.name if group is not None else TITLES.get(listing.taxonomy.kind, "Index")


def _post_meta(post: Post, description: str) -> dict[str, Any]:
    """Front matter as themes should see it: escaped text, Material-shaped keys."""
    meta = dict(post.meta)
    meta["title"] = _escaped(post.title)
    if isinstance(meta.get("hide"), bool):
        del meta["hide"]  # fastpages' flag; Material expects a list here
    if description:
        meta["description"] = _escaped(description)
    else:
        meta.pop("description", None)
    if not post.searchable:
        search = meta.get("search")
        meta["search"] = {**(search if isinstance(search, dict) else {}), "exclude": True}
    return meta


def _with_header(html: str, post: Post, header: str) -> str:
    """The header opens the page, or follows the body's own H1 when that is the title."""
    if post.title_in_body:
        end = html.find("</h1>")
        if end != -1:
            end += len("</h1>")
            return html[:end] + header + html[end:]
    return header + html
