"""Which text describes a page, as plain text for metadata and as safe HTML for readers.

Resolution order (the one place it is written down; docs/metadata.md repeats it for users).
It is jekyll-seo-tag's, extended with fastpages' `excerpt`:

1. front matter `description`
2. front matter `excerpt`
3. the excerpt: the first block of the body (up to `excerpt_separator`) that has text and is
   not a heading; the fastpages lede blockquote counts
4. `site_description`

Whatever wins is rendered from Markdown, stripped of HTML (script and style contents dropped),
entity-decoded, whitespace-collapsed and cut to `max_words` words with `…`. Only 1 and 2 (text
the author wrote to describe the post) also become a subtitle, and only when it does not merely
repeat the lede. Pure: no MkDocs objects.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser
from typing import Literal

import markdown
from markupsafe import Markup

from ..jekyll.excerpt import blocks, first_block, link_references, truncate_words
from ..jekyll.text import same_words
from ..jekyll.urls import is_safe_url

Source = Literal["description", "excerpt", "body", "site"]

_LIQUID = re.compile(r"\{%.*?%\}|\{\{.*?\}\}", re.S)
_DROPPED = frozenset(
    {"script", "style", "template", "noscript", "iframe", "object", "svg", "math", "head", "title"}
)
_INLINE_KEPT = frozenset({"a", "em", "strong", "code", "b", "i", "br"})
_BREAKS = frozenset(
    {"br", "p", "li", "div", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th"}
    | {"ul", "ol", "dl", "dt", "dd", "pre", "table", "section", "article", "aside", "hr"}
)
# Anything between < and > that is not one of these is text someone typed ("x<y and y>z"),
# so it stays as written instead of vanishing as if it were a tag.
_ELEMENT_NAMES = """
    a abbr acronym address area article aside audio b base bdi bdo big blink blockquote body
    br button canvas caption center cite code col colgroup data datalist dd del details dfn dialog
    dir div dl dt em embed fieldset figcaption figure font footer form frame frameset h1 h2 h3 h4
    h5 h6 head header hgroup hr html i iframe img input ins kbd label legend li link main map mark
    marquee math menu meta meter nav nobr noembed noframes noscript object ol optgroup option
    output p param picture plaintext pre progress q rp rt ruby s samp script search section
    select slot small source span strike strong style sub summary sup svg table tbody td template
    textarea tfoot th thead time title tr track tt u ul var video wbr xmp"""
_HTML_ELEMENTS = frozenset(_ELEMENT_NAMES.split())


@dataclass(frozen=True)
class Description:
    text: str
    """Plain text, cut to the word limit; empty when nothing describes the page."""
    source: Source | None
    subtitle: Markup | None
    """Safe HTML for readers, only for text the author wrote as front matter."""


def _is_markup(tag: str) -> bool:
    return tag in _HTML_ELEMENTS or "-" in tag


class _Sanitizer(HTMLParser):
    """Walks HTML once, keeping text (and, when `keep_inline`, a small safe set of tags)."""

    def __init__(self, keep_inline: bool, drop_code: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.keep_inline = keep_inline
        self.dropped = _DROPPED | {"pre"} if drop_code else _DROPPED
        self.out: list[str] = []
        self.dropping = 0
        self.open: list[str] = []

    def _text(self, text: str) -> None:
        self.out.append(escape(text, quote=False) if self.keep_inline else text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.dropping:
            self.dropping += tag in self.dropped
            return
        if tag in self.dropped:
            self.dropping = 1
            return
        if not _is_markup(tag):
            self._text(self.get_starttag_text() or "")
            return
        if not self.keep_inline or tag not in _INLINE_KEPT:
            if tag in _BREAKS:
                self.out.append(" ")
            return
        if tag == "br":
            self.out.append("<br>")
            return
        if tag == "a":
            href = (dict(attrs).get("href") or "").strip()
            if not href or not is_safe_url(href):
                return
            self.out.append(f'<a href="{escape(href, quote=True)}">')
        else:
            self.out.append(f"<{tag}>")
        self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.dropped:  # `<script/>` opens nothing
            return
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if self.dropping:
            self.dropping -= tag in self.dropped
            return
        if not _is_markup(tag):
            self._text(f"</{tag}>")
            return
        if not self.keep_inline or tag not in self.open:
            if tag in _BREAKS:
                self.out.append(" ")
            return
        while self.open:
            closing = self.open.pop()
            self.out.append(f"</{closing}>")
            if closing == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self.dropping:
            self._text(data)

    def result(self) -> str:
        self.close()
        closing = "".join(f"</{tag}>" for tag in reversed(self.open))
        self.open.clear()
        return "".join(self.out).rstrip() + closing


_MD = markdown.Markdown(output_format="html")
# kramdown's backslash escapes beyond Python-Markdown's own: `war\|zip`, `\'`, `\<` (real
# posts escape `|` so that kramdown does not read the line as a table row).
_MD.ESCAPED_CHARS = [*_MD.ESCAPED_CHARS, *(c for c in "|:\"'$=<" if c not in _MD.ESCAPED_CHARS)]


@functools.lru_cache(maxsize=64)
def _render(text: str) -> str:
    """Markdown to HTML with Liquid tags removed (one shared converter: thousands of posts).

    Cached because a description is asked for twice, for its plain and its HTML form.
    """
    return _MD.reset().convert(_LIQUID.sub(" ", text))


def plain_text(text: str, *, drop_code: bool = False) -> str:
    """Markdown or HTML to one line of plain text: tags gone, entities decoded."""
    parser = _Sanitizer(keep_inline=False, drop_code=drop_code)
    parser.feed(_render(text))
    return " ".join(parser.result().split())


def safe_html(text: str) -> Markup:
    """Markdown or HTML to inline HTML with only links, emphasis and code kept."""
    parser = _Sanitizer(keep_inline=True)
    parser.feed(_render(text))
    return Markup(" ".join(parser.result().split()))


def excerpt_text(body: str, separator: str = "\n\n") -> str:
    """Plain text of the first excerpt block that has any (an image-only block has none)."""
    # A definition whose URL is Liquid (`[rel]: {% post_url x %}`) still makes `[text][rel]` a
    # link, as in Jekyll; the URL itself never reaches the plain text.
    references = link_references(_LIQUID.sub("#", body))
    for block in blocks(body, separator):
        text = plain_text(f"{block}\n\n{references}" if references else block, drop_code=True)
        if text:
            return text
    return ""


def _repeats_lede(body: str, separator: str, text: str) -> bool:
    """Whether `text` only repeats the first block (the lede), so no subtitle is needed.

    Comparing words ignores Markdown's punctuation (`>`, `*`, backticks); only a block with
    links, images or HTML, whose URLs and tags are words too, is rendered first.
    """
    block = first_block(body, separator)
    if not block:
        return False
    if same_words(block, text):
        return True
    return any(c in block for c in "[<!") and same_words(excerpt_text(body, separator), text)


def describe(
    *,
    description: str | None,
    excerpt: str | None,
    body: str | None,
    separator: str = "\n\n",
    site_description: str | None,
    max_words: int,
) -> Description:
    """Apply the resolution order above and return both forms."""
    for source, raw in (("description", description), ("excerpt", excerpt)):
        if raw and raw.strip():
            full = plain_text(raw)
            if full:
                subtitle = None if _repeats_lede(body or "", separator, full) else safe_html(raw)
                text = truncate_words(full, max_words)
                return Description(text, source, subtitle)  # type: ignore[arg-type]
    if body:
        text = truncate_words(excerpt_text(body, separator), max_words)
        if text:
            return Description(text, "body", None)
    if site_description and site_description.strip():
        text = truncate_words(plain_text(site_description), max_words)
        if text:
            return Description(text, "site", None)
    return Description("", None, None)
