"""Redirect pages, so old links keep working: jekyll-redirect-from's keys, and old permalinks.

Planned once per build in `on_files`, when every file's destination is known:

- `redirect_from:` on a post or page: a small page at each old path sends readers on to it.
- `redirect_to:` on a post or page: the page itself becomes such a redirect (its body is
  dropped, as jekyll-redirect-from drops it); listings still link to it, as in Jekyll.
- The `redirect_old_permalinks` option: each post's URL under the old permalink style, where it
  differs from the current one, redirects to the current one.

Each redirect page is a `File.generated` static file in `files`, so MkDocs writes it (and
`--dirty` and `serve` rebuild it) like any other file. A redirect never replaces a real file:
that, and two redirects from one path to different pages, is a warning naming both files.
Paths the `mkdocs-redirects` plugin already redirects are left to it (an info line).

The target is absolute when `site_url` is set (as jekyll-redirect-from uses `site.url`), else
relative to the redirect page, so the site works from any folder.
"""

from __future__ import annotations

import html
import json
import posixpath
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from mkdocs import utils
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from ..config import MindsetConfig
from ..jekyll.front_matter import split_front_matter
from ..jekyll.permalinks import parent_folders, url_to_dest_path
from ..jekyll.redirects import (
    old_post_url,
    redirect_dest_path,
    redirect_from_paths,
    redirect_keys,
    redirect_to_value,
    safe_url_text,
)
from ..jekyll.urls import has_scheme
from .collect import Blog

__all__ = ["Redirect", "Redirects", "plan_redirects", "redirect_html"]

FROM, TO, OLD = "redirect_from", "redirect_to", "redirect_old_permalinks"


@dataclass(frozen=True)
class Redirect:
    """One redirect: the file written at an old path and where it sends readers."""

    dest: str
    """The file written, relative to `site_dir` (`old/index.html`)."""
    target: str
    """The site-relative URL of the page it leads to (`2020/05/20/post/`, already %-escaped)."""
    source: str
    """The `src_uri` of the page that asked for it, for messages."""
    key: str
    """`redirect_from`, `redirect_to` or `redirect_old_permalinks`."""
    path: str
    """The old path as the source gave it (`/old/`)."""

    def where(self) -> str:
        return f"{self.source}: '{self.key}' path '{self.path}'"


@dataclass
class Redirects:
    """Everything the build needs about redirects, planned once in `on_files`."""

    written: dict[str, Redirect] = field(default_factory=dict)
    """dest path -> the redirect written there."""
    pages: dict[str, str] = field(default_factory=dict)
    """src_uri of a `redirect_to` page -> the HTML that replaces its output."""
    page_urls: list[str] = field(default_factory=list)
    """Site-relative URLs of the `redirect_to` pages (kept out of the search index)."""
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def page_html(self, src_uri: str) -> str | None:
        """The redirect page that replaces a `redirect_to` page's output, or None."""
        return self.pages.get(src_uri)


def redirect_html(href: str, *, lang: str | None = None) -> str:
    """A redirect page to `href`: refresh, canonical link, `noindex`, and a link to follow.

    `href` goes into attributes HTML-escaped and into the script as a JSON string with `<`,
    `>` and `&` escaped, so no value can close either. The script carries the old address's
    `#fragment` over when the target has none, so links to a section keep working.
    """
    attr = html.escape(href, quote=True)
    script = json.dumps(href).replace("<", "\\u003c").replace(">", "\\u003e")
    script = script.replace("&", "\\u0026")
    if "#" not in href:
        script += "+location.hash"
    lang_attr = f' lang="{html.escape(lang, quote=True)}"' if lang else ""
    return (
        "<!DOCTYPE html>\n"
        f"<html{lang_attr}>\n"
        "<head>\n"
        '<meta charset="utf-8">\n'
        "<title>Redirecting&hellip;</title>\n"
        f'<link rel="canonical" href="{attr}">\n'
        '<meta name="robots" content="noindex">\n'
        f'<meta http-equiv="refresh" content="0; url={attr}">\n'
        f"<script>location.replace({script})</script>\n"
        "</head>\n"
        "<body>\n"
        "<h1>Redirecting&hellip;</h1>\n"
        f'<p><a href="{attr}">Click here if you are not redirected.</a></p>\n'
        "</body>\n"
        "</html>\n"
    )


def href(target: str, *, external: bool, dest: str, site_url: str | None) -> str:
    """The link a redirect page written at `dest` uses to reach `target`."""
    if external:
        return target
    if site_url:
        return site_url.rstrip("/") + "/" + target
    return get_relative_url(target or "./", dest)


def plan_redirects(
    files: Files,
    config: MkDocsConfig,
    options: MindsetConfig,
    blog: Blog,
    *,
    lang: str | None = None,
    reserved: Mapping[str, str] | None = None,
) -> Redirects:
    """Work out every redirect of the build and add its page to `files`.

    `reserved` maps output paths that something writes outside `files` (feeds, say) to a
    description of the owner, so no redirect is planned over them.
    """
    result = Redirects()
    owners: dict[str, str] = {f.dest_uri: f"'{f.src_uri}'" for f in files}
    owners.update(_theme_outputs(config))
    owners.update(reserved or {})
    theirs = _mkdocs_redirects(config)
    wanted: list[Redirect] = []

    for file in files.documentation_pages():
        post = blog.posts.get(file.src_uri)
        meta = post.meta if post is not None else _page_front_matter(file)
        if not redirect_keys(meta):
            continue
        target = file.url
        paths, problems = redirect_from_paths(meta.get(FROM))
        result.warnings += [f"{file.src_uri}: '{FROM}': {p}" for p in problems]
        for path in paths:
            wanted.append(Redirect(redirect_dest_path(path), target, file.src_uri, FROM, path))
        if meta.get(TO) is not None:
            _redirect_page(result, file, meta.get(TO), files, config.site_url, lang)

    old_style = options.redirect_old_permalinks
    if old_style:
        for src_uri, post in blog.posts.items():
            post_file = files.get_file_from_path(src_uri)
            if post_file is None:
                continue
            old = old_post_url(
                template=old_style,
                date=post.date,
                title=post.slug,
                categories=post.categories,
                permalink=post.permalink,
            )
            if old is not None and url_to_dest_path(old) != post_file.dest_uri:
                wanted.append(Redirect(url_to_dest_path(old), post_file.url, src_uri, OLD, old))

    folders = {folder for dest in owners for folder in parent_folders(dest)}
    for redirect in wanted:
        _place(result, redirect, owners, theirs, folders)
    for redirect in result.written.values():
        link = href(redirect.target, external=False, dest=redirect.dest, site_url=config.site_url)
        files.append(_static_file(config, redirect.dest, redirect_html(link, lang=lang)))
    return result


def _static_file(config: MkDocsConfig, dest: str, content: str) -> File:
    """A generated file MkDocs copies to `dest` as it is.

    MkDocs would render a source ending in `.md` as a page, so such a path (jekyll-redirect-
    from writes `/old.md` to `old.md` too) gets another source name and is pointed at `dest`.
    """
    if not utils.is_markdown_file(dest):
        return File.generated(config, dest, content=content)
    file = File.generated(config, dest + ".html", content=content)
    file.dest_uri = dest
    for cached in ("url", "abs_dest_path"):  # worked out from the old destination
        file.__dict__.pop(cached, None)
    return file


def _place(
    result: Redirects,
    redirect: Redirect,
    owners: Mapping[str, str],
    theirs: Mapping[str, str],
    folders: set[str],
) -> None:
    """Keep `redirect` unless something real is there or another redirect got there first.

    `folders` are those the site's files need (the kept redirects' are added to it): a file
    cannot be written where a folder must be, nor inside a file.
    """
    dest = redirect.dest

    def owner_of(path: str) -> str | None:
        written = result.written.get(path)
        return owners.get(path) or (f"'{written.source}'" if written else None)

    blocked = next((owner_of(f) for f in parent_folders(dest) if owner_of(f) is not None), None)
    if blocked is not None or dest in folders:
        what = f"a folder inside {blocked}" if blocked else "a file where the site has a folder"
        result.warnings.append(
            f"{redirect.where()} would be written as {what} ('{dest}'); no redirect is written"
        )
        return
    if dest in theirs:
        result.notes.append(
            f"{redirect.where()} is already redirected by the mkdocs-redirects plugin "
            f"('{theirs[dest]}' in its 'redirect_maps'); its redirect is kept"
        )
        return
    owner = owners.get(dest)
    if owner == f"'{redirect.source}'":
        result.warnings.append(f"{redirect.where()} is the page's own address; ignored")
        return
    if owner is not None:
        result.warnings.append(
            f"{redirect.where()} would overwrite {owner} (both are written to '{dest}'); "
            f"the page is kept and no redirect is written"
        )
        return
    first = result.written.get(dest)
    if first is None:
        result.written[dest] = redirect
        folders.update(parent_folders(dest))
    elif first.target != redirect.target:
        result.warnings.append(
            f"{redirect.where()} and {first.where()} both redirect '{dest}', to different "
            f"pages; the first is kept"
        )


def _redirect_page(
    result: Redirects,
    file: File,
    value: Any,
    files: Files,
    site_url: str | None,
    lang: str | None,
) -> None:
    """Make `file`'s own page a redirect to what its `redirect_to` names."""
    text, problem = redirect_to_value(value)
    where = f"{file.src_uri}: '{TO}'"
    if problem is not None:
        result.warnings.append(f"{where}: {problem}")
    if text is None:
        return
    external = has_scheme(text)
    if external:
        target = safe_url_text(text)
    else:
        resolved = _site_path(text, file.src_uri, files)
        if resolved is None:
            result.warnings.append(f"{where}: '{text}' names no page in docs/; ignored")
            return
        target = resolved
        if target.split("#", 1)[0] == file.url:
            result.warnings.append(f"{where}: '{text}' is the page's own address; ignored")
            return
    link = href(target, external=external, dest=file.dest_uri, site_url=site_url)
    result.pages[file.src_uri] = redirect_html(link, lang=lang)
    result.page_urls.append(file.url)


def _site_path(text: str, src_uri: str, files: Files) -> str | None:
    """A `redirect_to` path as a site-relative URL; `.md` names the page written from it.

    Jekyll reads a path from the site root (`other/` and `/other/` alike); `..` and `.`
    segments are dropped. A path ending in `.md` (MkDocs' way of linking) is a source file,
    relative to the page's folder (or to `docs/` with a leading `/`); None if there is none.
    """
    path, mark, rest = text.partition("#")
    path, qmark, query = path.partition("?")
    suffix = (qmark + query) + (mark + rest)
    if path.endswith(".md"):
        base = "" if path.startswith("/") else posixpath.dirname(src_uri)
        source = posixpath.normpath(posixpath.join(base, path.lstrip("/")))
        found = files.get_file_from_path(source)
        if found is None or not found.is_documentation_page():
            return None
        return found.url + safe_url_text(suffix)
    segments = [s for s in path.split("/") if s.strip(".")]
    clean = "/".join(segments) + ("/" if path.endswith("/") and segments else "")
    return safe_url_text(clean + suffix)


def _page_front_matter(file: File) -> Mapping[str, Any]:
    """An ordinary page's front matter, parsed only when it mentions a redirect.

    Only the block at the top is read from disk; MkDocs reads the whole page later anyway.
    """
    head = _front_matter_text(file)
    if head is None or "redirect_" not in head:
        return {}
    return split_front_matter(head).data


def _front_matter_text(file: File) -> str | None:
    """The file's text up to the end of its front matter, or None when it has none."""
    try:
        if file.abs_src_path is None:
            text = file.content_string
            return text if text.lstrip("\ufeff").startswith("---") else None
        with open(file.abs_src_path, encoding="utf-8-sig") as handle:
            first = handle.readline()
            if first.rstrip() != "---":
                return None
            lines = [first]
            for line in handle:
                lines.append(line)
                if line.rstrip() in {"---", "..."}:
                    break
            return "".join(lines)
    except (OSError, UnicodeDecodeError):
        return None  # MkDocs reports it when it reads the page


def _theme_outputs(config: MkDocsConfig) -> dict[str, str]:
    """Files MkDocs writes itself, outside `files`: the theme's `404.html`, `sitemap.xml`."""
    owners: dict[str, str] = {}
    for name in config.theme.static_templates:
        owners[name] = f"the theme's '{name}'"
        if name == "sitemap.xml":
            owners["sitemap.xml.gz"] = "MkDocs' 'sitemap.xml.gz'"
    if (
        config.plugins.get("search") is not None
        or config.plugins.get("material/search") is not None
    ):
        owners["search/search_index.json"] = "the search index"
    return owners


def _mkdocs_redirects(config: MkDocsConfig) -> dict[str, str]:
    """Output paths the `mkdocs-redirects` plugin writes -> the `redirect_maps` key."""
    plugin = config.plugins.get("redirects")
    options = getattr(plugin, "config", None)
    maps = options.get("redirect_maps") if options is not None else None
    if not isinstance(maps, dict):
        return {}
    return {_html_path(str(key), config.use_directory_urls): str(key) for key in maps}


def _html_path(key: str, use_directory_urls: bool) -> str:
    """Where mkdocs-redirects writes the redirect for `key` (its `get_html_path`)."""
    return File(key, src_dir=None, dest_dir="", use_directory_urls=use_directory_urls).dest_uri
