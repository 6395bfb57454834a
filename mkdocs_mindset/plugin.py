"""MindsetPlugin: MkDocs events only; each one delegates to the layers below.

Data flows one way: `on_files` reads every post once into a `Blog` (rebuilt each build, so
`mkdocs serve` and `--dirty` never see stale categories); page events then only look it up.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, MutableMapping
from typing import Any

import jinja2
from markupsafe import Markup, escape
from mkdocs.config.base import ConfigErrors, ConfigWarnings
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from .config import MindsetConfig
from .jekyll.dates import resolve_timezone
from .jekyll.liquid import LiquidSite, has_liquid, post_page_values
from .jekyll.posts import Post, page_markdown
from .jekyll.site_config import JekyllConfig
from .markdown.html_body import HtmlBodyExtension
from .markdown.kramdown import KramdownExtension, extension_names
from .markdown.quotes import QuotesExtension
from .site import feeds, head, search, seo
from .site.collect import Blog, ReadCache, collect
from .site.redirects import Redirects, plan_redirects
from .site.render import PACKAGED_TEMPLATES, Renderer, listing_title
from .site.settings import apply_jekyll_config, apply_jekyll_site, drop_jekyll_excluded

log = get_plugin_logger("mindset")

STYLESHEET = "assets/mindset/mindset.css"


class MindsetPlugin(BasePlugin[MindsetConfig]):
    """Jekyll posts in, category pages, description metadata and pull-quotes out."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.blog: Blog | None = None
        self.renderer: Renderer | None = None
        self.quotes: QuotesExtension | None = None
        self.html_body: HtmlBodyExtension | None = None
        self.kramdown: KramdownExtension | None = None
        self.files: Files | None = None
        self.liquid: LiquidSite | None = None
        self.tz: dt.tzinfo = dt.timezone.utc
        self.heads: dict[str, str] = {}
        self.redirects: Redirects | None = None
        self.locale: str | None = None
        self.social = False
        self.read_cache = ReadCache()
        self.given: frozenset[str] = frozenset()
        self.jekyll = JekyllConfig()
        self.feeds: list[feeds.Feed] = []
        self.dirty = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defined so MkDocs keeps this instance across `serve` rebuilds (and `read_cache`)."""
        self.dirty = dirty

    def load_config(
        self, options: dict[str, Any], config_file_path: str | None = None
    ) -> tuple[ConfigErrors, ConfigWarnings]:
        """Remember which options `mkdocs.yml` sets: those win over the Jekyll `_config.yml`."""
        self.given = frozenset(options)
        return super().load_config(options, config_file_path)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.blog, self.renderer, self.files, self.liquid, self.heads = None, None, None, None, {}
        self.jekyll, problems = apply_jekyll_config(self.config, self.given)
        apply_jekyll_site(config, self.jekyll)
        for message in problems:
            log.warning(message)
        self.tz = resolve_timezone(self.config.timezone)  # validated, here or from `_config.yml`
        if PACKAGED_TEMPLATES not in config.theme.dirs:  # last, so a theme can override them
            config.theme.dirs.append(PACKAGED_TEMPLATES)  # templates and the stylesheet
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        self.locale = seo.og_locale(head.theme_language(config))
        self.social = head.social_plugin_on(config)
        self.quotes = QuotesExtension(
            lede=self.config.lede, callouts=self.config.callouts, embeds=self.config.embeds
        )
        config.markdown_extensions.append(self.quotes)  # type: ignore[arg-type]
        self.html_body = HtmlBodyExtension()
        config.markdown_extensions.append(self.html_body)  # type: ignore[arg-type]
        self.kramdown = None
        if self.config.kramdown != "off":
            configured = extension_names(config.markdown_extensions)
            self.kramdown = KramdownExtension(configured=configured)
            config.markdown_extensions.append(self.kramdown)  # type: ignore[arg-type]
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        dropped = drop_jekyll_excluded(files, self.jekyll)
        if dropped:
            log.info(f"{len(dropped)} files left out by the Jekyll 'exclude:' list, such as "
                     f"'{dropped[0]}'")  # fmt: skip
        self.blog = collect(files, config, self.config, self.tz, self.read_cache, self.jekyll)
        self.files = files
        for problem in self.blog.problems:
            log.warning(str(problem))
        for message in self.blog.warnings:
            log.warning(message)
        for message in self.blog.notes:
            log.info(message)
        self.feeds = []
        if self.config.feed is not False and not config.site_url:
            report = log.warning if self.config.feed else log.info  # asked for, or by default
            report("no feed is written: feeds need absolute links, so set 'site_url'")
        elif self.config.feed is not False:
            jekyll_feed = self.jekyll.site.get("feed")
            self.feeds = feeds.plan(self.blog, self.config, config.site_name, jekyll_feed)
            if self.dirty and not self.config.feed_excerpt_only:
                feeds.render_carried_posts(self.feeds, files)
        self.redirects = plan_redirects(
            files, config, self.config, self.blog, lang=head.theme_language(config),
            reserved={feed.path: f"the feed '{feed.path}'" for feed in self.feeds},
        )  # fmt: skip
        for message in self.redirects.warnings:
            log.warning(message)
        for message in self.redirects.notes:
            log.info(message)
        return files

    @event_priority(100)  # before Material's meta plugin (50) merges `.meta.yml` into page.meta
    def _fastpages_flags(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """fastpages' `hide: true` is a flag; Material's `hide` is a list it merges with others."""
        is_post = self.blog is not None and page.file.src_uri in self.blog.posts
        if is_post and "hide" in page.meta and not _theme_hide(page.meta["hide"]):
            del page.meta["hide"]
        return markdown

    def _page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        if self.blog is None:
            return markdown
        src = page.file.src_uri
        post = self.blog.posts.get(src)
        if self.quotes is not None:
            self.quotes.start_page(is_post=post is not None, name=src)
        if self.html_body is not None:
            self.html_body.start_page(raw=post is not None and post.html)
        if self.kramdown is not None:
            hide = page.meta.get("hide")
            self.kramdown.start_page(
                enabled=(self.config.kramdown == "all" or post is not None)
                and not (post is not None and post.html),  # an HTML post's body is not Markdown
                gfm=self.jekyll.markdown_input != "kramdown",
                inline_toc=isinstance(hide, list) and "toc" in hide,
                source=markdown,
            )
        if post is not None:
            _merge_post_meta(page.meta, post)
            markdown = page_markdown(post, markdown)
            return self._liquid(markdown, page, config, files, lambda: post_page_values(post))
        listing = self.blog.listings.get(src)
        if listing is not None:
            page.meta.setdefault("title", Markup(escape(listing_title(listing))))
            if not listing.has_intro and not self.config.listings_in_search:
                page.meta["search"] = {"exclude": True}  # Material skips the page entirely
        if self.config.liquid == "all":
            return self._liquid(markdown, page, config, files, lambda: dict(page.meta))
        return markdown

    @event_priority(100)  # a `redirect_to` page drops its body before anyone renders it
    def _redirect_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        if self.redirects is None or self.redirects.page_html(page.file.src_uri) is None:
            return markdown
        found = page.meta.get("search")
        page.meta["search"] = {**(found if isinstance(found, dict) else {}), "exclude": True}
        return ""

    on_page_markdown = CombinedEvent(_fastpages_flags, _redirect_markdown, _page_markdown)

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
        if self.liquid is None:  # link targets are indexed once, at the first page needing them
            targets = ((f.src_uri, f.url) for f in files)
            self.liquid = LiquidSite.build(config, self.blog.posts, targets, self.jekyll.site)
        src = page.file.src_uri
        text, problems = self.liquid.render(markdown, src_uri=src, page_url=page.url, page=values())
        for problem in problems:
            log.warning(f"{src}: {problem}")
        return text

    def on_env(
        self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment:
        """The theme's environment renders the plugin's templates, so overrides see its filters."""
        if self.blog is not None:
            self.renderer = Renderer(self.blog, env, self.config.date_format)
            # Every page's HTML exists now, and MkDocs copies generated files after this event.
            for file in feeds.generated_files(self.feeds, self.blog, files, config, self.config):
                files.append(file)
        return env

    @event_priority(100)  # before the search plugins index the page
    def _listing_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        """A listing's list joins its intro before search sees it (indexed when opted in)."""
        if self.blog is not None and self.renderer is not None and page.content is not None:
            listing = self.blog.listings.get(page.file.src_uri)
            if listing is not None:
                page.content = self.renderer.listing_page(page.content, listing, page)
        return context

    @event_priority(-50)  # after the search plugins have indexed the post's own words
    def _post_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        """The post header joins the content here, so search indexes the post, not its chips."""
        if self.blog is None or self.renderer is None:
            return context
        post = self.blog.posts.get(page.file.src_uri)
        if post is not None and page.content is not None:
            page.content = self.renderer.post_page(page.content, post, page)
        info = head.head_info(page, self.blog, self.files, config, self.config, self.locale)
        if self.feeds:
            links = feeds.head_links(
                self.feeds, self.blog, page.file.src_uri, str(config.site_url),
                with_json=self.config.json_feed,
            )  # fmt: skip
            info = dataclasses.replace(info, feeds=links)
        head.escape_theme_meta(page.meta, info)
        self.heads[page.file.src_uri] = seo.head_block(info, social_cards=self.social)
        return context

    on_page_context = CombinedEvent(_listing_context, _post_context)

    @event_priority(-50)  # after Material's social plugin (50) has written its own tags
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        block = self.heads.pop(page.file.src_uri, None)
        redirect = self.redirects.page_html(page.file.src_uri) if self.redirects else None
        if redirect is not None:  # a `redirect_to` page is only the redirect, as in Jekyll
            return redirect
        return output if block is None else seo.inject_head(output, block)

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        plugin = config.plugins.get("material/search") or config.plugins.get("search")
        if self.blog is not None and not search.honours_page_exclude(plugin):
            search.drop_pages(
                config.site_dir,
                self.blog.unsearchable_urls(listings=not self.config.listings_in_search)
                + (self.redirects.page_urls if self.redirects else []),
            )


def _merge_post_meta(meta: MutableMapping[str, Any], post: Post) -> None:
    """Front matter as themes should see it, merged into what MkDocs and other plugins set.

    Keys MkDocs could not read (front matter its stricter YAML refused) are filled in from
    our reading; the title is the one Jekyll's rules chose, escaped (themes print it raw).
    """
    for key, value in post.meta.items():
        if key != "hide" or _theme_hide(value):  # see `_fastpages_flags`
            meta.setdefault(key, value)
    meta["title"] = Markup(escape(post.title))
    if not post.searchable:
        search_meta = meta.get("search")
        meta["search"] = {**(search_meta if isinstance(search_meta, dict) else {}), "exclude": True}


def _theme_hide(value: object) -> bool:
    """Whether a post's `hide` is Material's (a list of parts) rather than fastpages' flag.

    Material runs `"navigation" in page.meta.hide`: a bool means fastpages' flag, and a number
    or a date (`hide: 3`) would crash the build, so only a list, text or mapping reaches it.
    """
    return isinstance(value, (list, str, dict))
