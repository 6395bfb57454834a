"""MindsetPlugin: MkDocs events only; each one delegates to the modules beside it.

Data flows one way: `on_files` reads every post once into a `Blog` (rebuilt each build, so
`mkdocs serve` and `--dirty` never see stale categories); page events then only look it up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from . import head, search_index, seo
from .blog import Blog, ReadCache, collect
from .config import MindsetConfig
from .dates import DateError, resolve_timezone
from .folders import FolderMaker
from .liquid import LiquidSite, has_liquid, post_page_values
from .pages import PACKAGED_TEMPLATES, Renderer
from .posts import Post
from .quotes import QuotesExtension
from .views import Views, listing_title

log = get_plugin_logger("mindset")

STYLESHEET = "assets/mindset/mindset.css"


class MindsetPlugin(BasePlugin[MindsetConfig]):
    """Jekyll posts in, category pages, description metadata and pull-quotes out."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.blog: Blog | None = None
        self.views: Views | None = None
        self.renderer: Renderer | None = None
        self.quotes: QuotesExtension | None = None
        self.files: Files | None = None
        self.liquid: LiquidSite | None = None
        self.tz: dt.tzinfo = dt.timezone.utc
        self.heads: dict[str, seo.HeadInfo] = {}
        self.locale: str | None = None
        self.social = False
        self.read_cache = ReadCache()
        self.folders = FolderMaker()
        self.serving = False
        self.clean_builds = False
        """Known to empty the site folder first (`--dirty` off): the helper may create files."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defined so MkDocs keeps this instance across `serve` rebuilds (and `read_cache`)."""
        self.serving = command == "serve" and not dirty
        self.clean_builds = not dirty

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self.serving:  # MkDocs is about to empty the site folder for the rebuild
            self.folders.set_aside(config.site_dir)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.blog, self.views, self.files, self.heads = None, None, None, {}
        try:
            self.tz = resolve_timezone(self.config.timezone)
        except DateError as exc:  # pragma: no cover - the option is validated already
            raise PluginError(str(exc)) from exc
        if PACKAGED_TEMPLATES not in config.theme.dirs:  # last, so a theme can override them
            config.theme.dirs.append(PACKAGED_TEMPLATES)  # templates and the stylesheet
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        self.renderer = Renderer(config.theme.dirs)
        self.locale = seo.og_locale(head.theme_language(config))
        self.social = head.social_plugin_on(config)
        self.quotes = QuotesExtension(
            lede=self.config.lede, callouts=self.config.callouts, embeds=self.config.embeds
        )
        config.markdown_extensions.append(self.quotes)  # type: ignore[arg-type]
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.renderer is not None
        self.blog = collect(files, config, self.config, self.tz, self.read_cache)
        # made while pages render
        self.folders.start(config.site_dir, self.blog.outputs, files=self.clean_builds)
        self.liquid = None  # link targets are indexed once, at the first page that needs them
        self.views = Views(self.blog, self.renderer, self.config.date_format)
        self.files = files
        for problem in self.blog.problems:
            log.warning(str(problem))
        for message in self.blog.warnings:
            log.warning(message)
        for message in self.blog.notes:
            log.info(message)
        return files

    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        """A post's body as already read in `on_files`: no second read, no second YAML parse."""
        post = self.blog.post_for(page.file.src_uri) if self.blog is not None else None
        if post is None or post.body.startswith(("---", "\ufeff")):
            return None  # MkDocs would take a leading `---` rule for front matter
        return post.body

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
            page.meta = _post_meta(post)
            # our parse: invalid front matter never reaches the page
            return self._liquid(post.body, page, config, files, lambda: post_page_values(post))
        listing = self.blog.listings.get(src)
        if listing is not None:
            page.meta.setdefault("title", Markup(escape(listing_title(listing))))
            if not listing.has_intro and not self.config.listings_in_search:
                page.meta["search"] = {"exclude": True}  # Material skips the page entirely
        if self.config.liquid == "all":
            return self._liquid(markdown, page, config, files, lambda: dict(page.meta))
        return markdown

    def _liquid(
        self,
        markdown: str,
        page: Page,
        config: MkDocsConfig,
        files: Files,
        values: Callable[[], dict[str, Any]],
    ) -> str:
        """Render the page's Liquid; what stays unrendered is a warning naming the file.

        `values` (the page's `page.*`) is only worked out when the page has Liquid in it.
        """
        if self.config.liquid == "off" or self.blog is None or not has_liquid(markdown):
            return markdown
        if self.liquid is None:
            targets = ((f.src_uri, f.url) for f in files)
            self.liquid = LiquidSite.build(config, self.blog.posts, targets)
        src = page.file.src_uri
        text, problems = self.liquid.render(markdown, src_uri=src, page_url=page.url, page=values())
        for problem in problems:
            log.warning(f"{src}: {problem}")
        return text

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.blog is None or self.views is None:
            return html
        listing = self.blog.listings.get(page.file.src_uri)
        if listing is not None:
            return self.views.listing_page(html, listing, page)
        return html

    @event_priority(-50)  # after the search plugins have indexed the post's own words
    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        """The post header joins the content here, so search indexes the post, not its chips."""
        if self.blog is None or self.views is None:
            return context
        post = self.blog.post_for(page.file.src_uri)
        if post is not None and page.content is not None:
            page.content = self.views.post_page(page.content, post, page)
        info = head.head_info(page, self.blog, self.files, config, self.config, self.locale)
        head.escape_theme_meta(page.meta, info)
        self.heads[page.file.src_uri] = info
        return context

    @event_priority(-50)  # after Material's social plugin (50) has written its own tags
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        info = self.heads.pop(page.file.src_uri, None)
        if info is None:
            return output
        return seo.inject_head(output, seo.head_block(info), social=self.social)

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self.folders.finish()
        search = config.plugins.get("material/search") or config.plugins.get("search")
        if self.blog is not None and not search_index.honours_page_exclude(search):
            search_index.drop_pages(
                config.site_dir,
                self.blog.unsearchable_urls(listings=not self.config.listings_in_search),
            )

    def on_build_error(self, *, error: Exception) -> None:
        self.folders.finish()

    def on_shutdown(self) -> None:
        self.folders.finish()


def _post_meta(post: Post) -> dict[str, Any]:
    """Front matter as themes should see it (the description is set with the head's data)."""
    meta = dict(post.meta)
    meta["title"] = Markup(escape(post.title))
    if isinstance(meta.get("hide"), bool):
        del meta["hide"]  # fastpages' flag; Material expects a list here
    if not post.searchable:
        search = meta.get("search")
        meta["search"] = {**(search if isinstance(search, dict) else {}), "exclude": True}
    return meta
