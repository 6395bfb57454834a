"""Gather what a page's <head> should say (`seo.HeadInfo`) from MkDocs' page and our `Blog`.

The only module that reads MkDocs objects for metadata; `seo.py` turns the result into tags.
Posts use their normalised front matter; other pages use `page.meta`, like jekyll-seo-tag.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from ..config import MindsetConfig
from ..jekyll.posts import author_name
from ..jekyll.urls import is_safe_url
from . import seo
from .collect import Blog
from .description import describe


def theme_language(config: MkDocsConfig) -> str | None:
    """Material's `language`, else the built-in themes' `locale`."""
    theme = config.theme
    value = theme.get("language", theme.locale)
    return str(value) if value else None


def social_plugin_on(config: MkDocsConfig) -> bool:
    """Material's social plugin writes og:/twitter: tags itself (when it makes cards): it wins."""
    for name in ("material/social", "social"):
        plugin = config.plugins.get(name)
        if plugin is not None:
            options = getattr(plugin, "config", None)
            if options is None:
                return True
            return bool(options.get("enabled", True) and options.get("cards", True))
    return False


def image_url(path: str, page: Page, files: Files | None, config: MkDocsConfig) -> str:
    """Beside the page if such a file exists, else from the site root (Jekyll's habit)."""
    if files is not None and "://" not in path and "{{" not in path:
        here = posixpath.normpath(posixpath.join(posixpath.dirname(page.file.src_uri), path))
        for candidate in (here, path.lstrip("/")):
            file = files.get_file_from_path(candidate)
            if file is not None:
                path = file.url
                break
    return seo.site_url_for(path, site_url=config.site_url, page_url=page.url)


AUTHOR_TYPES = frozenset({"Person", "Organization"})


@dataclass(frozen=True)
class Author:
    name: str | None
    url: str | None = None
    kind: str = "Person"


def page_author(meta: Mapping[str, Any], site_author: str | None) -> Author:
    """jekyll-seo-tag's lookup: 1. `author` 2. the first of `authors` 3. `site_author`.

    A mapping may add a `url` (kept when it is a safe link) and a `type` (`Person`, the default,
    or `Organization`); a list of names is joined into one name.
    """
    raw = meta.get("author")
    authors = meta.get("authors")
    if author_name(raw) is None and isinstance(authors, list) and authors:
        raw = authors[0]
    name = author_name(raw)
    if name is None:
        return Author(site_author or None)
    if not isinstance(raw, Mapping):
        return Author(name)
    url = raw.get("url")
    kind = raw.get("type")
    return Author(
        name,
        url.strip() if isinstance(url, str) and url.strip() and is_safe_url(url) else None,
        kind if kind in AUTHOR_TYPES else "Person",
    )


def head_info(
    page: Page,
    blog: Blog,
    files: Files | None,
    config: MkDocsConfig,
    options: MindsetConfig,
    locale: str | None,
) -> seo.HeadInfo:
    """What one page's head says. Lookup order for the description: see description.py."""
    meta, post = page.meta, blog.post_for(page.file.src_uri)
    image: str | None
    if post is not None:
        description = blog.descriptions[post.src_uri].text
        title, author = post.title, page_author(post.meta, config.site_author)
        image = post.image.path if post.image else None
        alt = post.image.alt if post.image else ""
    else:
        raw = meta.get("description")
        description = describe(
            description=raw if isinstance(raw, str) else None,
            excerpt=None,
            body=None,
            site_description=config.site_description,
            max_words=options.description_words,
        ).text
        title = Markup(str(page.title or "")).striptags() or config.site_name
        if page.is_homepage:
            title = config.site_name
        author = page_author(meta, config.site_author)
        image = meta["image"] if isinstance(meta.get("image"), str) else None
        alt = ""
    return seo.HeadInfo(
        title=" ".join(title.split()),  # as jekyll-seo-tag: one line, whatever the YAML held
        description=description,
        url=page.canonical_url,
        site_name=config.site_name,
        locale=locale,
        is_article=post is not None,
        is_home=page.is_homepage,
        published=post.date if post else None,
        modified=post.modified if post else None,
        section=post.categories[0] if post and post.categories else None,
        tags=tuple(post.tags or post.categories) if post else (),
        image=image_url(image, page, files, config) if image else None,
        image_alt=alt,
        author=author.name,
        author_url=author.url,
        author_type=author.kind,
        open_graph=options.open_graph,
        twitter=options.twitter,
        json_ld=options.json_ld,
    )


def escape_theme_meta(meta: MutableMapping[str, Any], info: seo.HeadInfo) -> None:
    """Themes print `page.meta.description`/`author` raw: leave them only escaped plain text."""
    if info.description:
        meta["description"] = Markup.escape(info.description)
    else:
        meta.pop("description", None)
    if "author" in meta:
        name = author_name(meta["author"])
        if name:
            meta["author"] = Markup.escape(name)
        else:
            del meta["author"]
