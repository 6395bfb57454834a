"""Head metadata for one page: meta description, Open Graph, Twitter card and JSON-LD.

What jekyll-seo-tag gave a migrated blog, built from plain values (`HeadInfo`) so it can be
tested without MkDocs. Every value is escaped here, once: callers pass plain text, never HTML.
`inject_head` then puts the block into a page's finished HTML, removing what the theme wrote
for the same names, so each name appears once (themes print `content="None"` or raw front matter).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import posixpath
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html import escape, unescape
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
_SOCIAL_PREFIXES = ("og:", "twitter:")

# Head scanning: scripts and comments are skipped whole, so text inside them is never touched.
_HEAD_END = re.compile(r"</head\s*>", re.I)
# Every alternative starts with `<`, so the regex engine can skip to the next `<` quickly.
_HEAD_TOKEN = re.compile(
    r"""<(?:script\b.*?</script\s*>|!--.*?-->|(?P<tag>meta|link)\b"""
    r"""(?P<attrs>(?:[^>"']++|"[^"]*+"|'[^']*+')*+)>[ \t]*(?:\r?\n)?)""",
    re.I | re.S,
)
_ATTR = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")


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
    open_graph: bool = True
    twitter: bool = True
    json_ld: bool = True

    @functools.cached_property
    def published_iso(self) -> str | None:
        """Formatted once: Open Graph and JSON-LD both print it."""
        return _iso(self.published) if self.published else None

    @functools.cached_property
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
        data["author"] = {"@type": "Person", "name": info.author}
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
    escaped: dict[str, str] = {}  # the title and description recur in three tags each
    lines = []
    for attr, key, value in tags:
        content = escaped.get(value)
        if content is None:
            content = escaped[value] = _attr(value)
        lines.append(f'<meta {attr}="{key}" content="{content}">')
    return lines


@dataclass(frozen=True)
class HeadBlock:
    """The plugin's head tags, and the keys they claim (the page's own tags for them go)."""

    html: str
    keys: frozenset[str]


def head_block(info: HeadInfo) -> HeadBlock:
    """The whole block, one tag per line, in the order a reader of the source expects."""
    tags: list[_Meta] = []
    if info.description:
        tags.append(("name", "description", info.description))
    if info.author:
        tags.append(("name", "author", info.author))
    lines = _meta_lines(tags)
    if info.url:
        lines.append(f'<link rel="canonical" href="{_attr(info.url)}">')
    social = (_open_graph(info) if info.open_graph else []) + (
        _twitter(info) if info.twitter else []
    )
    lines += _meta_lines(social)
    tags += social
    if info.json_ld:
        lines.append(json_ld_script(json_ld_data(info)))
    keys = {key for _, key, _ in tags}
    if info.url:
        keys.add("canonical")
    return HeadBlock("\n".join(lines) + "\n" if lines else "", frozenset(keys))


def _attrs(text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for match in _ATTR.finditer(text):
        value = next((v for v in match.groups()[1:] if v is not None), "")
        found.setdefault(match.group(1).lower(), unescape(value))
    return found


_MAYBE_KEYED = re.compile(r"\b(?:name|property|rel)\s*=", re.I)


@functools.lru_cache(maxsize=1024)
def _key(tag: str, attrs: str) -> str | None:
    """What makes two head tags duplicates: a meta's name/property, or being the canonical link.

    Cached: a theme writes mostly the same tags, with the same attributes, into every page.
    """
    if not _MAYBE_KEYED.search(attrs):
        return None  # no name, property or rel: nothing it could duplicate
    if tag.lower() == "link" and "canonical" not in attrs.lower():
        return None  # stylesheets, icons, preloads: the bulk of a theme's head
    values = _attrs(attrs)
    if tag.lower() == "link":
        rels = values.get("rel", "").lower().split()
        return "canonical" if "canonical" in rels else None
    name = values.get("name") or values.get("property")
    return name.strip().lower() if name else None


def _tags(html: str) -> Iterator[tuple[re.Match[str], str | None]]:
    for match in _HEAD_TOKEN.finditer(html):
        tag, attrs = match.group("tag", "attrs")
        if tag:
            yield match, _key(tag, attrs)


def _remove(html: str, keys: Iterable[str]) -> str:
    drop = set(keys)
    out: list[str] = []
    last = 0
    for match in _HEAD_TOKEN.finditer(html):  # `_tags`, inlined: this runs once per page
        tag = match.group("tag")
        if tag and _key(tag, match.group("attrs")) in drop:
            out.append(html[last : match.start()].rstrip(" \t"))  # the tag's indent goes too
            last = match.end()
    if not out:
        return html
    out.append(html[last:])
    return "".join(out)


def inject_head(html: str, block: HeadBlock, *, social: bool = False) -> str:
    """Put `block` right before `</head>`, removing the page's tags for the same names.

    Every existing `<meta name="description">` goes, even when `block` has none (a page that
    nothing describes gets no description, not the mkdocs theme's `content="None"`).
    With `social` (Material's social plugin is on, and has already written its tags), the
    page's own `og:`/`twitter:` tags are kept and ours for the same names are dropped instead.
    """
    end = _HEAD_END.search(html)
    if end is None:
        return html
    text, ours = block.html, set(block.keys)
    head, rest = html[: end.start()], html[end.start() :]
    if social:
        present = {key for _, key in _tags(head) if key and key.startswith(_SOCIAL_PREFIXES)}
        text = _remove(text, present)
        ours -= present
    ours.add("description")
    head = _remove(head, ours)
    if head and not head.endswith("\n"):
        head += "\n"
    return head + text + rest
