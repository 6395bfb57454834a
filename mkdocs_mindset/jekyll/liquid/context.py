"""What one build knows for Liquid: link targets by name, and the `site.*` and `page.*` values."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlsplit

from ..posts import Post
from .values import is_scalar

_POST_NAME = re.compile(r"(?:(.+)/)?(\d{2,4})-(\d{1,2})-(\d{1,2})-([^/]+)")


def post_names(src_uri: str) -> list[str]:
    """The names `{% post_url %}` accepts for a post, most specific first.

    Jekyll matches `sub/2021-12-13-x` against `_posts/sub/…` (folders inside `_posts`) and
    `cat/2021-12-13-x` against `cat/_posts/…` (folders above it); a bare `2021-12-13-x` is its
    deprecated fallback that still works, so it is accepted too. Dates compare as dates
    (`2021-1-5-x` is `2021-01-05-x`).
    """
    parts = src_uri.split("/")
    if "_posts" not in parts[:-1]:
        return []
    at = parts.index("_posts")
    above, inside = parts[:at], parts[at + 1 : -1]
    stem = _normal_post_name(posixpath.splitext(parts[-1])[0])
    if stem is None:
        return []
    names = []
    if not above:
        names.append("/".join([*inside, stem]))
    if not inside and above:
        names.append("/".join([*above, stem]))
    if stem not in names:
        names.append(stem)
    return names


def _normal_post_name(name: str) -> str | None:
    """`sub/2021-1-5-x` -> `sub/2021-01-05-x`; None when it holds no date."""
    m = _POST_NAME.fullmatch(name.strip().strip("/"))
    if m is None:
        return None
    folder, year, month, day, slug = m.groups()
    stem = f"{int(year):04d}-{int(month):02d}-{int(day):02d}-{slug}"
    return f"{folder}/{stem}" if folder else stem


def url_key(url: str) -> str:
    """One spelling per URL: unquoted, no leading `/` or `./` (the home page is `""`)."""
    url = unquote(url).lstrip("/")
    return "" if url in {".", "./"} else url.removeprefix("./")


@dataclass(frozen=True)
class SiteIndex:
    """Every link target of one build; made once per build, then only looked up."""

    posts: Mapping[str, str] = field(default_factory=dict)
    """`post_url` name (`2021-12-13-x`, `sub/2021-12-13-x`) -> source path of the post."""
    files: Mapping[str, str] = field(default_factory=dict)
    """Source path relative to docs/ (`about.md`, `_posts/x.md`, `images/a.png`) -> its URL."""
    urls: Mapping[str, str] = field(default_factory=dict)
    """URL (unquoted, site-relative) -> source path, to find the file a site path names."""

    @classmethod
    def build(cls, posts: Iterable[str], files: Iterable[tuple[str, str]]) -> SiteIndex:
        """`posts`: source paths of published posts; `files`: (source path, URL) of every file."""
        by_src = dict(files)
        names: dict[str, str] = {}
        fallbacks: dict[str, str] = {}
        for src in sorted(posts):
            found = post_names(src)
            if found:
                names.setdefault(found[0], src)
                for name in found[1:]:
                    fallbacks.setdefault(name, src)
        for name, src in fallbacks.items():
            names.setdefault(name, src)
        urls: dict[str, str] = {}
        for src, url in by_src.items():
            urls.setdefault(url_key(url), src)
        return cls(posts=names, files=by_src, urls=urls)

    def post(self, name: str) -> str | None:
        """Source path of the post `{% post_url name %}` means."""
        key = _normal_post_name(name)
        return self.posts.get(key) if key is not None else None

    def file(self, path: str) -> str | None:
        """Source path `{% link path %}` means (a leading `/` or `./` is allowed)."""
        path = unquote(path.strip()).lstrip("/").removeprefix("./")
        return path if path in self.files else None

    def at(self, path: str) -> str | None:
        """Source path of the file served at a site path (`/images/a.png`, `/about/`)."""
        key = url_key(path)
        src = self.urls.get(key)
        if src is None and key and not key.endswith("/") and not posixpath.splitext(key)[1]:
            src = self.urls.get(key + "/")
        return src


def site_values(config: Mapping[str, Any]) -> dict[str, object]:
    """`site.*` from an MkDocs config: Jekyll's names for what MkDocs calls otherwise.

    Top-level scalars under `extra:` become `site.<name>` too, the place a migrated
    `_config.yml` value (`stable_branch: 2.25.x`) belongs in MkDocs.
    """
    site_url = str(config.get("site_url") or "").rstrip("/")
    repo = str(config.get("repo_url") or "").rstrip("/")
    values: dict[str, object] = {}
    extra = config.get("extra") or {}
    if isinstance(extra, Mapping):
        values.update({str(k): v for k, v in extra.items() if is_scalar(v)})
    values.update(
        {
            "url": site_url,
            "baseurl": urlsplit(site_url).path.rstrip("/"),
            "title": config.get("site_name") or "",
            "name": config.get("site_name") or "",
            "description": config.get("site_description") or "",
            "author": config.get("site_author") or "",
        }
    )
    if repo:  # unset, it stays unknown: a warning beats links to `/issues/1`
        values.update({"repository": repo, "github": {"repository_url": repo}})
    return values


def page_values(meta: Mapping[str, Any], **computed: object) -> dict[str, object]:
    """`page.*`: front matter keys, then the values the plugin worked out (title, url, date)."""
    values: dict[str, object] = {str(k): v for k, v in meta.items()}
    values.update({k: v for k, v in computed.items() if v is not None})
    return values


def post_page_values(post: Post) -> dict[str, object]:
    """`page.*` of a post: its front matter, with the title, date and lists Jekyll works out."""
    return page_values(
        post.meta,
        title=post.title,
        date=post.date,
        categories=post.categories,
        tags=post.tags,
        slug=post.slug,
        description=post.description,
        path=post.src_uri,
        name=posixpath.basename(post.src_uri),
    )


@dataclass(frozen=True)
class LiquidContext:
    """What one page's Liquid can see."""

    src_uri: str
    """The page's source path relative to docs/ (`_posts/2020-05-20-x.md`)."""
    page_url: str
    """The page's site-relative URL (`2020/05/20/x/`; `""` for the home page)."""
    index: SiteIndex = field(default_factory=SiteIndex)
    site: Mapping[str, object] = field(default_factory=dict)
    page: Mapping[str, object] = field(default_factory=dict)

    @property
    def site_url(self) -> str:
        """The absolute site URL without its trailing slash, or `""` when unset."""
        return str(self.site.get("url") or "")
