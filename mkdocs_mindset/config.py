"""Every option of the `mindset` plugin, validated by MkDocs' own config machinery."""

from __future__ import annotations

from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c

from .jekyll.dates import DateError, resolve_timezone
from .jekyll.permalinks import is_valid_site_permalink


class _Permalink(c.Type[str]):
    """A Jekyll style name (`date`, `pretty`, `ordinal`, `weekdate`, `none`) or a template."""

    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value)
        if not is_valid_site_permalink(text):
            raise base.ValidationError(
                f"expected a style (date, pretty, ordinal, weekdate, none) or a template "
                f"such as '/:year/:title/', got {text!r}"
            )
        return text


class _Timezone(c.Optional[str]):
    """An IANA zone name such as `Europe/Berlin`; unset means the machine's zone, like Jekyll."""

    def __init__(self) -> None:
        super().__init__(c.Type(str))

    def run_validation(self, value: object) -> Any:
        name = super().run_validation(value)
        if name is not None:
            try:
                resolve_timezone(name)
            except DateError as exc:
                raise base.ValidationError(str(exc)) from exc
        return name


class _OldPermalink(c.Optional[str]):
    """A site permalink the blog had before (style name or template); unset: no redirects."""

    def __init__(self) -> None:
        super().__init__(c.Type(str))

    def run_validation(self, value: object) -> Any:
        text = super().run_validation(value)
        if text is not None and not is_valid_site_permalink(text):
            raise base.ValidationError(
                f"expected a style (date, pretty, ordinal, weekdate, none) or a template "
                f"such as '/:year/:title/', got {text!r}"
            )
        return text


class _SitePath(c.Type[str]):
    """A path inside the site for generated files; never absolute, never climbing out."""

    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)
        self.example = default

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value).strip().strip("/")
        parts = text.split("/")
        if not text or any(p in {"", ".", ".."} or "\\" in p for p in parts):
            raise base.ValidationError(f"expected a path such as {self.example!r}, got {value!r}")
        return text


class _Scope(c.Choice):  # type: ignore[type-arg]
    """`posts`, `all` or `off`; YAML's bare `off`/`false` (a boolean) means `off`."""

    def __init__(self) -> None:
        super().__init__(("posts", "all", "off"), default="posts")

    def run_validation(self, value: object) -> Any:
        if value is False:
            return "off"
        if value is True:
            return "posts"
        return super().run_validation(value)


class MindsetConfig(base.Config):
    jekyll_config = c.Optional(c.File(exists=True))
    """The Jekyll site's `_config.yml`, relative to `mkdocs.yml`: its `permalink`, `timezone`,
    `future` and front matter `defaults:` apply, unless an option here says otherwise."""
    permalink = _Permalink("pretty")
    """Post URLs: a Jekyll style name or a template with Jekyll placeholders."""
    redirect_old_permalinks = _OldPermalink()
    """The permalink style or template the blog used before: each post's URL under it, where
    it differs, becomes a redirect page to the post's current URL."""
    timezone = _Timezone()
    """Zone that decides the day (and URL) of times written without an offset."""
    future = c.Type(bool, default=True)
    """Publish posts dated in the future (GitHub Pages and fastpages do)."""
    folder_categories = c.Type(bool, default=True)
    """Folders above `_posts` become categories, as in Jekyll."""
    posts_in_nav = c.Type(bool, default=False)
    """List every post in the automatic navigation (only sensible for small blogs)."""
    date_format = c.Type(str, default="%b %-d, %Y")
    """strftime format for dates shown to readers; `%-d` and `%-m` drop the leading zero."""
    posts_index = c.Type(bool, default=True)
    """Generate a page listing every post, newest first (fastpages' `sticky_rank` posts first)."""
    posts_index_dir = _SitePath("blog")
    """Where the posts index lives in the site."""
    categories = c.Type(bool, default=True)
    """Generate the category index and one page per category."""
    categories_dir = _SitePath("categories")
    """Where category pages live in the site."""
    tags = c.Type(bool, default=True)
    """Generate the tag index and one page per tag."""
    tags_dir = _SitePath("tags")
    """Where tag pages live in the site."""
    description_words = c.Type(int, default=100)
    """Descriptions in metadata and listings are cut to this many words (0: no limit)."""
    open_graph = c.Type(bool, default=True)
    """Write Open Graph tags (`og:*`, `article:*`), read by link previews on most sites."""
    twitter = c.Type(bool, default=True)
    """Write Twitter card tags (`twitter:*`), read by X/Twitter and some chat apps."""
    json_ld = c.Type(bool, default=True)
    """Write a schema.org JSON-LD block (`BlogPosting` for posts), read by search engines."""
    listings_in_search = c.Type(bool, default=False)
    """Index generated category/tag pages in search (Jekyll's search indexes posts only)."""
    lede = _Scope()
    """Which pages turn a blockquote right after the title into a lede pull-quote."""
    callouts = c.Type(bool, default=True)
    """Turn fastpages `> Note: ...` blockquotes into admonitions."""
    embeds = c.Type(bool, default=True)
    """Turn `> youtube: URL` and `> twitter: URL` blockquotes into embeds."""
    feed = c.Optional(c.Type(bool))
    """Write an Atom feed of the newest posts (jekyll-feed's `feed.xml`). Feeds need `site_url`:
    unset, feeds are written when it is set; `true` without it is a warning."""
    feed_path = _SitePath("feed.xml")
    """Where the site's feed is written, relative to the site (jekyll-feed's `feed: path:`)."""
    feed_posts_limit = c.Type(int, default=10)
    """How many of the newest posts each feed holds (jekyll-feed's `posts_limit`)."""
    feed_excerpt_only = c.Type(bool, default=False)
    """Feed entries carry only the summary, not the post's full HTML (`excerpt_only`)."""
    feed_categories = c.Type(bool, default=True)
    """One more feed per category, beside its page: `categories/<slug>/feed.xml`."""
    feed_tags = c.Type(bool, default=True)
    """One more feed per tag, beside its page: `tags/<slug>/feed.xml`."""
    json_feed = c.Type(bool, default=True)
    """A JSON Feed 1.1 beside the site's Atom feed (`feed.json`)."""
    kramdown = _Scope()
    """Which pages are read the way Jekyll's kramdown read them (nested two-space lists, heading
    ids, `{:toc}`, math, footnotes, typographic quotes, …); posts only by default, so ordinary
    MkDocs pages render exactly as Python-Markdown renders them."""
    liquid = _Scope()
    """Which pages get Jekyll's Liquid (`post_url`, includes, `site.baseurl`) rendered; posts
    only by default, since ordinary MkDocs pages may show `{{ }}` on purpose."""
