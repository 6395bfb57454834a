"""MindsetPlugin: MkDocs events only; each one delegates to the modules beside it."""

from __future__ import annotations

import datetime as dt
import os
import posixpath
from typing import Any

from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from . import search_index, seo
from .blog import Blog, Listing, collect
from .categories import Group
from .config import MindsetConfig
from .dates import DateError, resolve_timezone
from .description import describe
from .pages import Entry, Link, Renderer, Section, format_date, relative
from .posts import Post
from .quotes import QuotesExtension

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
        self.files: Files | None = None
        self.heads: dict[str, seo.HeadInfo] = {}
        self.locale: str | None = None
        self.social = False
        self.quotes: QuotesExtension | None = None

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
        self.heads = {}
        self.locale = seo.og_locale(_theme_language(config))
        self.social = _social_plugin_on(config)
        self.quotes = QuotesExtension(
            lede=self.config.lede, callouts=self.config.callouts, embeds=self.config.embeds
        )
        config.markdown_extensions.append(self.quotes)  # type: ignore[arg-type]
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self.blog = collect(files, config, self.config, self.tz)
        self.files = files
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
        if self.quotes is not None:
            self.quotes.start_page(is_post=post is not None, name=src)
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

    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        """Plan the head, and leave themes (which print `page.meta` raw) only escaped text."""
        if self.blog is not None:
            self.heads[page.file.src_uri] = self._head_info(page, config)
        return context

    @event_priority(-50)  # after Material's social plugin (50) has written its own tags
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        info = self.heads.pop(page.file.src_uri, None)
        if info is None:
            return output
        return seo.inject_head(output, seo.render_head(info), social=self.social)

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.blog is not None:
            search_index.drop_pages(config.site_dir, self.blog.unsearchable_urls())

    # -- rendering helpers (small; the templates do the markup) --

    def _head_info(self, page: Page, config: MkDocsConfig) -> seo.HeadInfo:
        """What seo.py needs for one page; posts use their front matter, pages `page.meta`."""
        assert self.blog is not None
        meta, post = page.meta, self.blog.post_for(page.file.src_uri)
        if post is not None:
            description = self.blog.descriptions[post.src_uri].text
            title, author = post.title, post.author
            image = post.image.path if post.image else None
            alt = post.image.alt if post.image else ""
        else:
            raw = meta.get("description")
            description = describe(
                description=raw if isinstance(raw, str) else None,
                excerpt=None,
                body=None,
                site_description=config.site_description,
                max_words=self.config.description_words,
            ).text
            title = Markup(str(page.title or "")).striptags() or config.site_name
            if page.is_homepage:
                title = config.site_name
            author = _author_name(meta.get("author"))
            image = meta["image"] if isinstance(meta.get("image"), str) else None
            alt = ""
        for key, value in (("description", description), ("author", author)):
            if value:
                meta[key] = _escaped(value)
            else:
                meta.pop(key, None)
        return seo.HeadInfo(
            title=title,
            description=description,
            url=page.canonical_url,
            site_name=config.site_name,
            locale=self.locale,
            is_article=post is not None,
            is_home=page.is_homepage,
            published=post.date if post else None,
            modified=post.modified if post else None,
            section=post.categories[0] if post and post.categories else None,
            tags=tuple(post.tags or post.categories) if post else (),
            image=self._image_url(image, page, config) if image else None,
            image_alt=alt,
            author=author or config.site_author,
            open_graph=self.config.open_graph,
            twitter=self.config.twitter,
            json_ld=self.config.json_ld,
        )

    def _image_url(self, path: str, page: Page, config: MkDocsConfig) -> str:
        """Beside the page if such a file exists, else from the site root (Jekyll's habit)."""
        if self.files is not None and "://" not in path and "{{" not in path:
            here = posixpath.normpath(posixpath.join(posixpath.dirname(page.file.src_uri), path))
            for candidate in (here, path.lstrip("/")):
                file = self.files.get_file_from_path(candidate)
                if file is not None:
                    path = file.url
                    break
        return seo.site_url_for(path, site_url=config.site_url, page_url=page.url)

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


def _theme_language(config: MkDocsConfig) -> str | None:
    """Material's `language`, else the built-in themes' `locale`."""
    theme = config.theme
    value = theme.get("language", theme.locale)
    return str(value) if value else None


def _social_plugin_on(config: MkDocsConfig) -> bool:
    """Material's social plugin writes og:/twitter: tags itself; it must win, not duplicate."""
    for name in ("material/social", "social"):
        plugin = config.plugins.get(name)
        if plugin is not None:
            options = getattr(plugin, "config", None)
            return bool(options.get("enabled", True)) if options is not None else True
    return False


def _author_name(value: object) -> str | None:
    """`author:` as a name, a `{name: ...}` mapping or a list of names."""
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, (list, tuple)):
        value = ", ".join(str(v) for v in value if v)
    return str(value).strip() or None if value else None


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
