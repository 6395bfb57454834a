"""Head metadata for one page: meta description, Open Graph, Twitter card and JSON-LD.

What jekyll-seo-tag gave a migrated blog, built from plain values (`HeadInfo`) so it can be
tested without MkDocs. Every value is escaped here, once: callers pass plain text, never HTML.
Only what themes do not write is written (the title, canonical link and author stay the
theme's); `inject_head` puts the block right before `</head>`. The one tag it replaces is the
theme's meta description: the built-in themes write `content="None"`, or the site's
description on every page, and a page must have exactly one.
"""

from __future__ import annotations

import datetime as dt
import json
import posixpath
import re
from dataclasses import dataclass
from html import escape
from typing import Any
from urllib.parse import quote

# Territories for languages whose code is not also their main country's (`en` is not England).
_TERRITORY = {
    "af": "ZA", "ar": "AR", "be": "BY", "bn": "BD", "bs": "BA", "ca": "ES", "cs": "CZ",
    "cy": "GB", "da": "DK", "el": "GR", "en": "US", "eo": "EO", "et": "EE", "eu": "ES",
    "fa": "IR", "fil": "PH", "ga": "IE", "gl": "ES", "he": "IL", "hi": "IN", "hy": "AM",
    "ja": "JP", "ka": "GE", "kk": "KZ", "km": "KH", "ko": "KR", "lo": "LA", "mr": "IN",
    "ms": "MY", "my": "MM", "nb": "NO", "ne": "NP", "nn": "NO", "no": "NO", "si": "LK",
    "sl": "SI", "sq": "AL", "sr": "RS", "sv": "SE", "sw": "KE", "ta": "IN", "te": "IN",
    "tl": "PH", "uk": "UA", "ur": "PK", "vi": "VN", "zh": "CN",
}  # fmt: skip
_SCRIPT_TERRITORY = {"hant": "TW", "hans": "CN"}
_SCHEME = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.I)
_LIQUID_SITE = re.compile(r"\{\{\s*site\.(?:baseurl|url)\s*\}\}")
# Scripts and comments are matched whole, so a tag written inside one is never touched; in a
# tag, quoted values are skipped as units, so a `>` inside quotes does not end it.
_HEAD_TOKEN = re.compile(
    r"""<script\b.*?</script\s*>|<!--.*?-->|<meta\b(?:[^>"']|"[^"]*"|'[^']*')*>[ \t]*\r?\n?""",
    re.I | re.S,
)
_DESCRIPTION = re.compile(r"""^<meta\b.*?\bname\s*=\s*["']?description["'\s>/]""", re.I | re.S)
_HEAD_END = re.compile(r"</head\s*>", re.I)


@dataclass(frozen=True)
class HeadInfo:
    """Everything the head block says about one page, as plain text and absolute URLs."""

    title: str
    description: str = ""
    url: str | None = None
    """Absolute canonical URL; None when `site_url` is unknown (then no canonical, no og:url)."""
    site_name: str = ""
    locale: str | None = None
    """Open Graph form, e.g. `en_US` (see `og_locale`)."""
    is_article: bool = False
    is_home: bool = False
    published: dt.datetime | None = None
    modified: dt.datetime | None = None
    section: str | None = None
    tags: tuple[str, ...] = ()
    image: str | None = None
    image_alt: str = ""
    author: str | None = None
    author_url: str | None = None
    """The author's page (jekyll-seo-tag's `author.url`), absolute or site-relative."""
    author_type: str = "Person"
    """schema.org type of the author: `Person` or `Organization`."""
    open_graph: bool = True
    twitter: bool = True
    json_ld: bool = True
    feeds: tuple[tuple[str, str, str], ...] = ()
    """(MIME type, title, absolute URL) of each feed the page links in its head."""

    @property
    def published_iso(self) -> str | None:
        return _iso(self.published) if self.published else None

    @property
    def modified_iso(self) -> str | None:
        """The last change, else the publication: what `article:modified_time` means."""
        return _iso(self.modified) if self.modified else self.published_iso


def og_locale(language: str | None) -> str | None:
    """Theme language (`en`, `pt-BR`, `zh-Hant`) to Open Graph's `ll_CC` (`en_US`, `pt_BR`)."""
    if not language or not language.strip():
        return None
    parts = [p for p in re.split(r"[-_]", language.strip()) if p]
    lang = parts[0].lower()
    if not lang.isalpha():
        return None
    for part in parts[1:]:
        if len(part) == 2 and part.isalpha():
            return f"{lang}_{part.upper()}"
        if part.lower() in _SCRIPT_TERRITORY:
            return f"{lang}_{_SCRIPT_TERRITORY[part.lower()]}"
    return f"{lang}_{_TERRITORY.get(lang, lang.upper())}"


def site_url_for(path: str, *, site_url: str | None, page_url: str) -> str:
    """A site-root path (Jekyll's `image: images/x.png` or `/images/x.png`) as a usable URL.

    Absolute with `site_url`; otherwise relative to the page at `page_url` (site-relative,
    like MkDocs' `page.url`), which still works wherever the site is mounted.
    URLs with a scheme (or `//`) are returned as written.
    """
    path = _LIQUID_SITE.sub("", path.strip())
    if _SCHEME.match(path):
        return path
    target = quote(path.lstrip("/"), safe="/%#?&=+:@!$'()*,;~")
    if site_url:
        return site_url.rstrip("/") + "/" + target
    page_dir = posixpath.dirname("/" + page_url.lstrip("/"))
    return posixpath.relpath("/" + target, page_dir) if target else posixpath.relpath("/", page_dir)


def _iso(value: dt.datetime) -> str:
    return value.isoformat(timespec="seconds")


def _attr(value: str) -> str:
    """Escaped for a double-quoted attribute; `'` stays readable (it cannot end the value)."""
    return escape(value, quote=False).replace('"', "&quot;")


_Meta = tuple[str, str, str]
"""(`name` or `property`, the key, the content): one `<meta>`; keys are this module's own."""


def _open_graph(info: HeadInfo) -> list[_Meta]:
    tags = [("property", "og:type", "article" if info.is_article else "website")]
    tags.append(("property", "og:title", info.title))
    if info.description:
        tags.append(("property", "og:description", info.description))
    if info.url:
        tags.append(("property", "og:url", info.url))
    if info.site_name:
        tags.append(("property", "og:site_name", info.site_name))
    if info.locale:
        tags.append(("property", "og:locale", info.locale))
    if info.image:
        tags.append(("property", "og:image", info.image))
        if info.image_alt:
            tags.append(("property", "og:image:alt", info.image_alt))
    if info.is_article:
        if info.published_iso:
            tags.append(("property", "article:published_time", info.published_iso))
        if info.modified_iso:
            tags.append(("property", "article:modified_time", info.modified_iso))
        if info.section:
            tags.append(("property", "article:section", info.section))
        tags += [("property", "article:tag", tag) for tag in info.tags]
    return tags


def _twitter(info: HeadInfo) -> list[_Meta]:
    card = "summary_large_image" if info.image else "summary"
    tags = [("name", "twitter:card", card), ("name", "twitter:title", info.title)]
    if info.description:
        tags.append(("name", "twitter:description", info.description))
    if info.image:
        tags.append(("name", "twitter:image", info.image))
        if info.image_alt:
            tags.append(("name", "twitter:image:alt", info.image_alt))
    return tags


def json_ld_data(info: HeadInfo) -> dict[str, Any]:
    """schema.org data: a `BlogPosting` for posts, `WebSite` for the home page, else `WebPage`."""
    kind = "BlogPosting" if info.is_article else "WebSite" if info.is_home else "WebPage"
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": kind, "headline": info.title}
    if info.is_home and info.site_name:
        data["name"] = info.site_name
    if info.description:
        data["description"] = info.description
    if info.url:
        data["url"] = info.url
        if info.is_article:
            data["mainEntityOfPage"] = {"@type": "WebPage", "@id": info.url}
    if info.is_article and info.published_iso:
        data["datePublished"] = info.published_iso
        data["dateModified"] = info.modified_iso
    if info.author:
        data["author"] = {"@type": info.author_type, "name": info.author}
        if info.author_url:
            data["author"]["url"] = info.author_url
    if info.image:
        data["image"] = info.image
    return data


def json_ld_script(data: dict[str, Any]) -> str:
    """Sorted, valid JSON that no value can end early: `<`, `>` and `&` become `\\u` escapes."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False)
    for char, code in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e")):
        text = text.replace(char, code)
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f'<script type="application/ld+json">{text}</script>'


def _meta_lines(tags: list[_Meta]) -> list[str]:
    return [f'<meta {attr}="{key}" content="{_attr(value)}">' for attr, key, value in tags]


#: What Material's social plugin writes for a page with a card: left to it when it is on.
SOCIAL_CARD_TAGS: frozenset[str] = frozenset(
    {"og:type", "og:title", "og:description", "og:url", "og:image", "og:image:alt"}
)


def head_block(info: HeadInfo, *, social_cards: bool = False) -> str:
    """The plugin's head tags, one per line, in the order a reader of the source expects.

    With `social_cards` (Material's social plugin makes cards), the tags it writes are left to
    it: every `twitter:` tag and the `og:` tags in `SOCIAL_CARD_TAGS`.
    """
    tags: list[_Meta] = []
    if info.description:
        tags.append(("name", "description", info.description))
    if info.open_graph:
        tags += [t for t in _open_graph(info) if not (social_cards and t[1] in SOCIAL_CARD_TAGS)]
    if info.twitter and not social_cards:
        tags += _twitter(info)
    lines = _meta_lines(tags)
    lines += [
        f'<link rel="alternate" type="{kind}" title="{_attr(title)}" href="{_attr(url)}">'
        for kind, title, url in info.feeds
    ]
    if info.json_ld:
        lines.append(json_ld_script(json_ld_data(info)))
    return "".join(line + "\n" for line in lines)


def inject_head(html: str, block: str) -> str:
    """Put `block` right before `</head>`, after removing the theme's meta descriptions.

    Every existing `<meta name="description">` goes, even when `block` has none: a page that
    nothing describes gets no description, not the built-in themes' `content="None"`.
    """
    end = _HEAD_END.search(html)
    if end is None:
        return html
    head = _HEAD_TOKEN.sub(
        lambda m: "" if _DESCRIPTION.match(m.group(0)) else m.group(0), html[: end.start()]
    )
    if head and not head.endswith("\n"):
        head += "\n"
    return head + block + html[end.start() :]
