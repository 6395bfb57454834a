"""Atom and JSON feeds of the newest posts: the site's, and one per category and tag.

What jekyll-feed gave a Jekyll blog, so subscribers keep reading after the move: an Atom 1.0
document per feed, written with ElementTree (a real serializer, so no title or body can break
the XML), and a JSON Feed 1.1 beside the site's own. Each entry carries the post's full HTML
with every relative link and image made absolute, since feed readers have no base URL.

Feeds are made once per build, in `on_env`, when every page's HTML exists, and handed to MkDocs
as generated files; nothing is written into the site folder behind MkDocs' back.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import posixpath
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, unquote, urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from ..config import MindsetConfig
from ..jekyll.posts import Post
from ..jekyll.urls import has_scheme
from .collect import Blog

ATOM = "http://www.w3.org/2005/Atom"
ATOM_TYPE = "application/atom+xml"
JSON_TYPE = "application/feed+json"
GENERATOR = "mkdocs-mindset"

# Characters XML 1.0 cannot carry at all (a post's text may hold them): dropped from feeds.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Python-Markdown and the themes write attributes in double quotes: every link and image.
_URL_ATTRIBUTE = re.compile(r'(\s(?:href|src)=")([^"]*)(")')


@dataclass(frozen=True)
class Feed:
    """One feed: where it is written, what it is called, and its posts, newest first."""

    path: str
    """Site-relative path of the Atom file (`feed.xml`, `categories/zürich/feed.xml`)."""
    title: str
    posts: Sequence[Post]

    @property
    def url(self) -> str:
        """The path as a site-relative URL (`categories/z%C3%BCrich/feed.xml`)."""
        return quote(self.path)


@dataclass(frozen=True)
class Site:
    """What every feed of a build says about the site."""

    url: str
    """The absolute site URL, ending in `/`."""
    title: str
    description: str = ""
    author: str | None = None


@dataclass(frozen=True)
class Entry:
    """A post as feeds show it; `content` is None where only the summary is wanted."""

    post: Post
    summary: str
    content: str | None


def clean(text: str) -> str:
    """Text XML can carry: characters XML 1.0 forbids are dropped."""
    return _NOT_XML.sub("", text)


def absolute_links(markup: str, page_url: str) -> str:
    """Every relative `href` and `src` in `markup`, made absolute from the page's own URL."""

    def absolute(match: re.Match[str]) -> str:
        url = match.group(2)
        if has_scheme(url):
            return match.group(0)
        return match.group(1) + str(urljoin(page_url, url)) + match.group(3)

    return _URL_ATTRIBUTE.sub(absolute, markup)


def entry_id(site_url: str, post: Post) -> str:
    """jekyll-feed's entry id: the post's Jekyll `id` (its URL's folder plus its slug), absolute.

    Stable across builds and the same as the old feed's, so readers do not see every post again.
    """
    folder = posixpath.dirname("/" + post.url.strip("/"))
    return site_url.rstrip("/") + posixpath.join(folder, post.slug)


def _iso(when: dt.datetime) -> str:
    return when.isoformat(timespec="seconds")


def atom(feed: Feed, site: Site, entries: Iterable[Entry]) -> str:
    """The Atom 1.0 document: one `id`, `title`, `updated`, and absolute links throughout."""
    entries = list(entries)
    self_url = site.url + feed.url
    root = ET.Element("feed", {"xmlns": ATOM})
    ET.SubElement(
        root, "generator", {"uri": "https://pypi.org/project/mkdocs-mindset/"}
    ).text = GENERATOR
    ET.SubElement(root, "link", {"href": self_url, "rel": "self", "type": ATOM_TYPE})
    ET.SubElement(root, "link", {"href": site.url, "rel": "alternate", "type": "text/html"})
    newest = max((e.post.modified or e.post.date for e in entries), default=None)
    ET.SubElement(root, "updated").text = _iso(newest) if newest else "1970-01-01T00:00:00+00:00"
    ET.SubElement(root, "id").text = self_url
    ET.SubElement(root, "title", {"type": "html"}).text = clean(html.escape(feed.title))
    if site.description:
        ET.SubElement(root, "subtitle").text = clean(site.description)
    if site.author:
        ET.SubElement(ET.SubElement(root, "author"), "name").text = clean(site.author)
    for entry in entries:
        post = entry.post
        link = site.url + post.url.lstrip("/")
        item = ET.SubElement(root, "entry")
        ET.SubElement(item, "title", {"type": "html"}).text = clean(html.escape(post.title))
        ET.SubElement(item, "link", {"href": link, "rel": "alternate", "type": "text/html",
                                     "title": clean(post.title)})  # fmt: skip
        ET.SubElement(item, "published").text = _iso(post.date)
        ET.SubElement(item, "updated").text = _iso(post.modified or post.date)
        # The id holds the slug as written (jekyll-feed's id), so a control character in a
        # front matter `slug` would make the whole feed invalid XML: dropped, like in titles.
        ET.SubElement(item, "id").text = clean(entry_id(site.url, post))
        if entry.content is not None:
            ET.SubElement(item, "content", {"type": "html"}).text = clean(entry.content)
        author = post.author or site.author
        if author:
            ET.SubElement(ET.SubElement(item, "author"), "name").text = clean(author)
        for term in dict.fromkeys((*post.categories, *post.tags)):
            ET.SubElement(item, "category", {"term": clean(term)})
        if entry.summary:
            ET.SubElement(item, "summary", {"type": "html"}).text = clean(
                html.escape(entry.summary)
            )
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def json_feed(feed: Feed, site: Site, entries: Iterable[Entry], path: str) -> str:
    """The same feed as JSON Feed 1.1 (https://jsonfeed.org/version/1.1)."""
    items = []
    for entry in entries:
        post = entry.post
        item: dict[str, object] = {
            "id": entry_id(site.url, post),
            "url": site.url + post.url.lstrip("/"),
            "title": post.title,
            "date_published": _iso(post.date),
            "date_modified": _iso(post.modified or post.date),
        }
        if entry.content is not None:
            item["content_html"] = entry.content
        if entry.summary:
            item["summary"] = entry.summary
        author = post.author or site.author
        if author:
            item["authors"] = [{"name": author}]
        terms = list(dict.fromkeys((*post.categories, *post.tags)))
        if terms:
            item["tags"] = terms
        items.append(item)
    document: dict[str, object] = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": feed.title,
        "home_page_url": site.url,
        "feed_url": site.url + quote(path),
        "items": items,
    }
    if site.description:
        document["description"] = site.description
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def make_entries(
    posts: Iterable[Post],
    *,
    summary: Callable[[Post], str],
    content: Callable[[Post], str | None] | None,
) -> list[Entry]:
    """Each post's entry; `content=None` makes a summary-only feed."""
    return [Entry(p, summary(p), content(p) if content else None) for p in posts]


# -- the build's feeds ----------------------------------------------------------------------------


def plan(
    blog: Blog, options: MindsetConfig, site_name: str, jekyll_feed: object = None
) -> list[Feed]:
    """Which feeds this build writes, and their posts: the newest `feed_posts_limit` listed ones.

    The site's feed, then one per category and per tag when switched on, beside the group's
    page (`categories/<slug>/feed.xml`), then the feeds jekyll-feed wrote where the Jekyll
    `_config.yml` asked for them (`jekyll_feed` is its `feed:` mapping). Drafts never reach the
    `Blog`; `hide: true` posts are listed nowhere, feeds included.
    """
    limit = options.feed_posts_limit
    listed = sorted((p for p in blog.posts.values() if p.listed), key=lambda p: p.sort_key)
    feeds = [Feed(options.feed_path, site_name, listed[::-1][:limit])]
    for kind, enabled in (("categories", options.feed_categories), ("tags", options.feed_tags)):
        taxonomy = blog.taxonomies.get(kind)
        if enabled and taxonomy is not None:
            feeds += [
                Feed(_group_feed_path(g.url), f"{site_name} | {g.name}", g.posts[:limit])
                for g in taxonomy.groups
            ]
    if isinstance(jekyll_feed, Mapping):
        feeds += _jekyll_feed_urls(blog, jekyll_feed, site_name, limit)
    return feeds


def _group_feed_path(group_url: str) -> str:
    """Beside the group's page, in the folder its (percent-encoded) URL names."""
    return unquote(f"{group_url}feed.xml")


def _jekyll_feed_urls(
    blog: Blog, settings: Mapping[str, Any], site_name: str, limit: int
) -> list[Feed]:
    """jekyll-feed's own per-category and per-tag feeds, at its URLs, so subscriptions hold.

    `feed: categories: [names]` wrote `/feed/<name>.xml`; `feed: tags: true` (or `{only, except,
    path}`) wrote `/feed/by_tag/<tag>.xml`, each for the group's newest posts.
    """
    found: list[Feed] = []
    categories = blog.taxonomies.get("categories")
    names = settings.get("categories")
    if categories is not None and isinstance(names, list):
        for name in map(str, names):
            group = categories.by_key.get(name.casefold())
            if group is not None and _inside(path := f"feed/{name}.xml"):
                found.append(Feed(path, f"{site_name} | {name}", group.posts[:limit]))
    tags, wanted = blog.taxonomies.get("tags"), settings.get("tags")
    if tags is not None and (wanted is True or isinstance(wanted, Mapping)):
        rules = wanted if isinstance(wanted, Mapping) else {}
        only, excluded = rules.get("only"), rules.get("except") or []
        folder = str(rules.get("path") or "feed/by_tag/").strip("/")
        for group in tags.groups:
            if (isinstance(only, list) and group.name not in only) or group.name in excluded:
                continue
            if _inside(path := f"{folder}/{group.name}.xml"):
                found.append(Feed(path, f"{site_name} | {group.name}", group.posts[:limit]))
    return found


def _inside(path: str) -> bool:
    """Whether a path made from names (`feed/<category>.xml`) stays inside the site folder."""
    parts = path.replace("\\", "/").split("/")
    return all(part not in {"", ".", ".."} for part in parts)


def render_carried_posts(feeds: Sequence[Feed], files: Files) -> None:
    """Have `--dirty` render every post a feed carries, so its feeds equal a clean build's.

    A dirty build renders only pages whose source is newer than their output, and an entry's
    content is its post's HTML from this build. MkDocs asks `File.is_modified()`; these files
    answer yes, whatever their dates.
    """
    for src_uri in {post.src_uri for feed in feeds for post in feed.posts}:
        file = files.get_file_from_path(src_uri)
        if file is not None:
            file.is_modified = _always  # type: ignore[method-assign]


def _always() -> bool:
    return True


def generated_files(
    feeds: Sequence[Feed], blog: Blog, files: Files, config: MkDocsConfig, options: MindsetConfig
) -> list[File]:
    """Each feed rendered, as files MkDocs copies into the site like any other."""
    site = Site(
        url=str(config.site_url).rstrip("/") + "/",
        title=config.site_name,
        description=config.site_description or "",
        author=config.site_author,
    )

    def summary(post: Post) -> str:
        return blog.descriptions[post.src_uri].text

    def content(post: Post) -> str | None:
        file = files.get_file_from_path(post.src_uri)
        page = file.page if file is not None else None
        if page is None or page.content is None:  # not rendered: not a page of this build
            return None
        return absolute_links(page.content, site.url + post.url.lstrip("/"))

    made = []
    for feed in feeds:
        items = make_entries(
            feed.posts, summary=summary, content=None if options.feed_excerpt_only else content
        )
        outputs = [(feed.path, atom(feed, site, items))]
        if options.json_feed and feed.path == options.feed_path:
            path = posixpath.splitext(feed.path)[0] + ".json"
            outputs.append((path, json_feed(feed, site, items, path)))
        for path, text in outputs:
            file = File.generated(config, path, content=text)
            file.inclusion = InclusionLevel.INCLUDED
            made.append(file)
    return made


def head_links(
    feeds: Sequence[Feed], blog: Blog, src_uri: str, site_url: str, *, with_json: bool
) -> tuple[tuple[str, str, str], ...]:
    """The feeds a page names in its head: the site's on every page, a group's on its page."""
    if not feeds:
        return ()
    site_url = site_url.rstrip("/") + "/"
    main = feeds[0]
    links = [(ATOM_TYPE, main.title, site_url + main.url)]
    if with_json:
        links.append((JSON_TYPE, main.title, site_url + posixpath.splitext(main.url)[0] + ".json"))
    listing = blog.listings.get(src_uri)
    if listing is not None and listing.group is not None:
        path = _group_feed_path(listing.group.url)
        links += [(ATOM_TYPE, f.title, site_url + f.url) for f in feeds[1:] if f.path == path]
    return tuple(links)
