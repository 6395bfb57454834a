"""The per-build state: posts read once from `Files`, their URLs, taxonomies and listing pages.

`collect()` is the only place that touches MkDocs' `Files`; everything later (page events,
templates) reads from the `Blog` it returns. A new `Blog` is made on every build, so
`mkdocs serve` and `--dirty` never see stale categories.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import posixpath
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from ..config import MindsetConfig
from ..jekyll.permalinks import PermalinkError, expand, parent_folders, url_to_dest_path
from ..jekyll.posts import (
    Post,
    Problem,
    has_post_extension,
    in_posts_folder,
    is_post_path,
    read_post,
)
from ..jekyll.site_config import JekyllConfig
from ..jekyll.taxonomy import Group, Taxonomy, build_taxonomy, newest_first
from .description import Description, describe


@dataclass(frozen=True)
class Listing:
    """A generated (or user-introduced) listing page: an index when `group` is None."""

    taxonomy: Taxonomy
    folder: str
    group: Group | None
    has_intro: bool
    url: str


@dataclass
class Blog:
    tz: dt.tzinfo
    posts: dict[str, Post] = field(default_factory=dict)
    """src_uri -> post, published posts only."""
    descriptions: dict[str, Description] = field(default_factory=dict)
    taxonomies: dict[str, Taxonomy] = field(default_factory=dict)
    """kind ("categories" / "tags") -> taxonomy."""
    listings: dict[str, Listing] = field(default_factory=dict)
    """src_uri of a listing page -> what it lists."""
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def post_for(self, src_uri: str) -> Post | None:
        return self.posts.get(src_uri)

    def unsearchable_urls(self, *, listings: bool) -> list[str]:
        """Posts with `search_exclude`, plus (when `listings`) generated pages with no intro."""
        urls = [p.url for p in self.posts.values() if not p.searchable]
        if listings:
            urls += [item.url for item in self.listings.values() if not item.has_intro]
        return urls


class PostFile(File):
    """A post in a format MkDocs does not read as a page (`.html`, `.mkdown`), which Jekyll does.

    MkDocs would copy it as a static file, front matter and all; as a documentation page it is
    read, rendered and placed in the theme like any post.
    """

    def is_documentation_page(self) -> bool:
        return True


def listing_uri(folder: str, slug: str | None = None) -> str:
    """Source path of a generated listing: `categories/index.md`, `categories/<slug>.md`."""
    return posixpath.join(folder, f"{slug}.md" if slug else "index.md")


def user_page_uris(folder: str, slug: str | None = None) -> tuple[str, ...]:
    """Where a user may write intro text for a listing page."""
    if slug is None:
        return (posixpath.join(folder, "index.md"), posixpath.join(folder, "README.md"))
    return (posixpath.join(folder, f"{slug}.md"), posixpath.join(folder, slug, "index.md"))


def _move(file: File, dest_uri: str) -> None:
    """Point a file at a new destination, dropping values MkDocs cached from the old one."""
    file.dest_uri = dest_uri
    for cached in ("url", "abs_dest_path"):
        file.__dict__.pop(cached, None)


def _post_url(post: Post, options: MindsetConfig) -> tuple[str, Problem | None]:
    """Front matter `permalink` wins (placeholders only, no style names), else the site's."""

    def url(template: str, allow_styles: bool) -> str:
        return expand(
            template,
            date=post.date,
            title=post.slug,
            categories=post.categories,
            allow_styles=allow_styles,
        )

    if post.permalink:
        try:
            return url(post.permalink, False), None
        except PermalinkError as exc:
            problem = Problem(post.src_uri, f"{exc}; the site's permalink is used", "permalink")
            return url(options.permalink, True), problem
    return url(options.permalink, True), None


@dataclass(frozen=True)
class ReadSettings:
    """Everything besides a file's text that shapes its `Post` and `Description`."""

    tz: dt.tzinfo = dt.timezone.utc
    folder_categories: bool = True
    site_description: str | None = None
    words: int = 100
    jekyll: JekyllConfig = field(default_factory=JekyllConfig)
    """The Jekyll site's `_config.yml`, for its front matter `defaults:`."""


class ReadCache:
    """Posts already read, by file and content digest, so `mkdocs serve` re-reads only edits.

    Content-addressed, so it can never serve a stale post; emptied when the settings change.
    Lives as long as the plugin instance (MkDocs keeps it across serve rebuilds).
    """

    def __init__(self) -> None:
        self.settings = ReadSettings()
        self.entries: dict[str, tuple[bytes, Post | None, list[Problem], Description | None]] = {}
        self.seen: set[str] = set()

    def start(self, settings: ReadSettings) -> None:
        if settings != self.settings:
            self.entries.clear()
            self.settings = settings
        self.seen = set()

    def read(
        self, src_uri: str, text: str
    ) -> tuple[Post | None, list[Problem], Description | None]:
        self.seen.add(src_uri)
        digest = hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()
        cached = self.entries.get(src_uri)
        if cached is not None and cached[0] == digest:
            return cached[1], cached[2], cached[3]
        settings = self.settings
        post, problems, body = read_post(
            src_uri,
            text,
            settings.tz,
            use_folder_categories=settings.folder_categories,
            defaults=settings.jekyll.front_matter_defaults(src_uri, is_post=True),
        )
        description = None
        if post is not None:
            description = describe(
                description=post.description,
                excerpt=post.excerpt,
                body=body,
                separator=post.excerpt_separator,
                site_description=settings.site_description,
                max_words=settings.words,
            )
        self.entries[src_uri] = (digest, post, problems, description)
        return post, problems, description

    def finish(self) -> None:
        """Forget files that are gone, so deleted posts do not pin memory."""
        for src_uri in set(self.entries) - self.seen:
            del self.entries[src_uri]


def collect(
    files: Files,
    config: MkDocsConfig,
    options: MindsetConfig,
    tz: dt.tzinfo,
    cache: ReadCache | None = None,
    jekyll: JekyllConfig | None = None,
) -> Blog:
    """Read every post once, give it its URL, then build taxonomies and listing pages."""
    blog = Blog(tz)
    now = dt.datetime.now(tz)
    cache = cache if cache is not None else ReadCache()
    cache.start(
        ReadSettings(
            tz,
            options.folder_categories,
            config.site_description,
            options.description_words,
            jekyll or JekyllConfig(),
        )
    )
    for file in [f for f in files if in_posts_folder(f.src_uri) and has_post_extension(f.src_uri)]:
        if not is_post_path(file.src_uri):  # never published, raw or as a page, as in Jekyll
            files.remove(file)
            blog.notes.append(
                f"'{file.src_uri}' is in a _posts folder without a dated name "
                f"(YYYY-MM-DD-title.md): skipped, as Jekyll skips it"
            )
            continue
        if not file.is_documentation_page():  # `.html`, `.mkdown`: MkDocs would copy it raw
            files.remove(file)
            file = PostFile(file.src_uri, file.src_dir, file.dest_dir, file.use_directory_urls)
            files.append(file)
        post, problems, description = cache.read(file.src_uri, file.content_string)
        blog.problems.extend(problems)
        if post is None or not post.published or (not options.future and post.date > now):
            files.remove(file)  # out of every output: page, listings, search, sitemap
            continue
        url, problem = _post_url(post, options)
        if problem is not None:
            blog.problems.append(problem)
        _move(file, url_to_dest_path(url))
        if not options.posts_in_nav or not post.listed:  # `hide: true` is listed nowhere
            file.inclusion = InclusionLevel.NOT_IN_NAV
        blog.posts[file.src_uri] = dataclasses.replace(post, url=file.url)
        assert description is not None
        blog.descriptions[file.src_uri] = description
    cache.finish()

    json_feed = posixpath.splitext(options.feed_path)[0] + ".json"
    reserved = [*config.theme.static_templates, "sitemap.xml.gz", options.feed_path, json_feed]
    _check_destinations(files, blog)
    _drop_unwritable(files, blog, reserved)
    kinds: list[tuple[str, bool, str, Callable[[Post], Sequence[str]]]] = [
        ("categories", options.categories, options.categories_dir, lambda p: p.categories),
        ("tags", options.tags, options.tags_dir, lambda p: p.tags),
    ]
    for kind, enabled, folder, names_of in kinds:
        if not enabled:
            continue
        taxonomy = build_taxonomy(kind, blog.posts.values(), names_of)
        blog.warnings.extend(taxonomy.warnings)
        blog.notes.extend(taxonomy.notes)
        # A blog's index exists even with nothing to list, so a `nav:` naming it always builds;
        # a site without posts (the plugin used for its pull-quotes) gets none.
        if blog.posts:
            blog.taxonomies[kind] = taxonomy
            _add_listings(files, config, blog, taxonomy, folder)
    if options.posts_index and blog.posts:
        _add_posts_index(files, config, blog, options.posts_index_dir)
    return blog


def _check_destinations(files: Files, blog: Blog) -> None:
    """Two posts (or a post and a page) written to one place would silently lose one."""
    owners: dict[str, str] = {}
    for file in files:
        other = owners.setdefault(file.dest_uri, file.src_uri)
        if other != file.src_uri and (file.src_uri in blog.posts or other in blog.posts):
            blog.warnings.append(
                f"'{file.src_uri}' and '{other}' are both written to '{file.dest_uri}'; "
                f"give one of them a different 'permalink' or 'slug'"
            )


def _drop_unwritable(files: Files, blog: Blog, reserved: Sequence[str]) -> None:
    """A post that would overwrite one of the site's own files (`permalink: sitemap.xml`), needs
    a folder where another output is a file (category `sitemap.xml`), or is a file where another
    output needs a folder, cannot be written: it is left out, with a warning.

    MkDocs would stop the whole build with `NotADirectoryError` part way through writing it.
    """
    for file in [f for f in files if f.dest_uri in reserved and f.src_uri in blog.posts]:
        _drop_post(files, blog, file, f"would overwrite the site's '{file.dest_uri}'")
    written = {path: f"'{path}'" for path in reserved}
    written.update({file.dest_uri: f"'{file.src_uri}'" for file in files})
    for file in [f for f in files if f.src_uri in blog.posts]:
        blocked = next((f for f in parent_folders(file.dest_uri) if f in written), None)
        if blocked is not None:
            _drop_post(files, blog, file, f"would be written inside '{blocked}', where "
                       f"{written[blocked]} is written as a file")  # fmt: skip
    folders_of_pages: dict[str, str] = {}
    for file in files:
        if file.src_uri not in blog.posts:
            for folder in parent_folders(file.dest_uri):
                folders_of_pages.setdefault(folder, file.src_uri)
    for file in [f for f in files if f.dest_uri in folders_of_pages and f.src_uri in blog.posts]:
        page = folders_of_pages[file.dest_uri]
        _drop_post(files, blog, file, f"would be written as the file '{file.dest_uri}', "
                   f"where '{page}' needs a folder")  # fmt: skip


def _drop_post(files: Files, blog: Blog, file: File, why: str) -> None:
    files.remove(file)
    del blog.posts[file.src_uri]
    blog.descriptions.pop(file.src_uri, None)
    blog.warnings.append(
        f"'{file.src_uri}' {why}; the post was left out: give it another 'permalink' or category"
    )


def _listing_file(
    files: Files, config: MkDocsConfig, candidates: Sequence[str]
) -> tuple[File, bool]:
    """The generated page of a listing, and whether a user's own page there gives its intro.

    The first candidate is the page's source path when the user wrote none.
    """
    intro = next((f for f in map(files.get_file_from_path, candidates) if f), None)
    if intro is None:
        page = File.generated(config, candidates[0], content="")
    else:
        # Re-created in memory so `--dirty` always rebuilds it with the current list.
        files.remove(intro)
        page = File.generated(config, intro.src_uri, content=intro.content_string)
        page.edit_uri = intro.edit_uri
    files.append(page)
    return page, intro is not None


def _add_listings(
    files: Files, config: MkDocsConfig, blog: Blog, taxonomy: Taxonomy, folder: str
) -> None:
    """One index page plus one page per group; a user's own page there supplies the intro."""
    targets: list[tuple[Group | None, str]] = [(None, f"{folder}.md")]
    targets += [(g, listing_uri(folder, g.slug)) for g in taxonomy.groups]
    for group, default_uri in targets:
        slug = group.slug if group else None
        page, has_intro = _listing_file(files, config, (default_uri, *user_page_uris(folder, slug)))
        if group is not None:
            page.inclusion = InclusionLevel.NOT_IN_NAV
            group.url = page.url
        blog.listings[page.src_uri] = Listing(taxonomy, folder, group, has_intro, page.url)


def _add_posts_index(files: Files, config: MkDocsConfig, blog: Blog, folder: str) -> None:
    """Every listed post, fastpages' `sticky_rank` posts first (lowest rank first), then newest."""
    listed = newest_first(p for p in blog.posts.values() if p.listed)
    sticky = sorted((p for p in listed if p.sticky_rank is not None), key=_rank)
    posts = sticky + [p for p in listed if p.sticky_rank is None]
    page, has_intro = _listing_file(files, config, (f"{folder}.md", *user_page_uris(folder)))
    group = Group("Posts", "", posts, page.url)
    taxonomy = Taxonomy("posts", [], {})
    blog.listings[page.src_uri] = Listing(taxonomy, folder, group, has_intro, page.url)


def _rank(post: Post) -> int:
    return post.sticky_rank or 0
