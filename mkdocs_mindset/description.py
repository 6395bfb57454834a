"""Which text describes a page, as plain text for metadata and as safe HTML for readers.

Lookup order (jekyll-seo-tag's, extended with fastpages' `excerpt`):
1. front matter `description`  2. front matter `excerpt`
3. the excerpt: first block of the body that is not a heading (the lede blockquote counts)
4. `site_description`.
The result is rendered from Markdown, stripped of HTML, whitespace-collapsed and cut to
`max_words` words with an ellipsis. Pure: no MkDocs objects.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser
from typing import Literal

import markdown
from markupsafe import Markup

Source = Literal["description", "excerpt", "body", "site"]

_LIQUID = re.compile(r"\{%.*?%\}|\{\{.*?\}\}", re.S)
_HEADING = re.compile(r"^\s{0,3}(#{1,6}\s|=+\s*$|-+\s*$)")
_DROPPED = frozenset({"script", "style", "template", "noscript", "iframe", "object", "svg"})
_INLINE_KEPT = frozenset({"a", "em", "strong", "code", "b", "i", "br"})
_SAFE_URL = re.compile(r"^(?:https?:|mailto:|/|#|\.{0,2}/|[^:/?#]*(?:[/?#]|$))", re.I)


@dataclass(frozen=True)
class Description:
    text: str
    """Plain text, cut to the word limit; empty when nothing describes the page."""
    source: Source | None
    subtitle: Markup | None
    """Safe HTML for readers, only for text the author wrote as front matter."""


class _Sanitizer(HTMLParser):
    """Walks HTML once, keeping text (and, when `keep_inline`, a small safe set of tags)."""

    def __init__(self, keep_inline: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.keep_inline = keep_inline
        self.out: list[str] = []
        self.dropping = 0
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROPPED:
            self.dropping += 1
            return
        if self.dropping:
            return
        if not self.keep_inline:
            if tag in {"br", "p", "li", "div", "blockquote"}:
                self.out.append(" ")
            return
        if tag not in _INLINE_KEPT:
            return
        if tag == "br":
            self.out.append("<br>")
            return
        if tag == "a":
            href = dict(attrs).get("href") or ""
            if not href or not _SAFE_URL.match(href.strip()):
                return
            self.out.append(f'<a href="{escape(href.strip(), quote=True)}">')
        else:
            self.out.append(f"<{tag}>")
        self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROPPED:
            self.dropping = max(0, self.dropping - 1)
            return
        if self.dropping:
            return
        if not self.keep_inline:
            if tag in {"p", "li", "div", "blockquote"}:
                self.out.append(" ")
            return
        if tag in self.open:
            while self.open:
                closing = self.open.pop()
                self.out.append(f"</{closing}>")
                if closing == tag:
                    break

    def handle_data(self, data: str) -> None:
        if not self.dropping:
            self.out.append(escape(data, quote=False) if self.keep_inline else data)

    def result(self) -> str:
        self.close()
        self.out.extend(f"</{tag}>" for tag in reversed(self.open))
        self.open.clear()
        return "".join(self.out)


def _render(text: str) -> str:
    return markdown.markdown(_LIQUID.sub(" ", text), output_format="html")


def plain_text(text: str) -> str:
    """Markdown or HTML to one line of plain text: tags gone, entities decoded."""
    parser = _Sanitizer(keep_inline=False)
    parser.feed(_render(text))
    return " ".join(parser.result().split())


def safe_html(text: str) -> Markup:
    """Markdown or HTML to inline HTML with only links, emphasis and code kept."""
    parser = _Sanitizer(keep_inline=True)
    rendered = _render(text)
    parser.feed(rendered)
    return Markup(" ".join(parser.result().split()))


def truncate_words(text: str, max_words: int) -> str:
    words = text.split()
    if max_words <= 0 or len(words) <= max_words:
        return " ".join(words)
    return " ".join(words[:max_words]).rstrip(",;:") + "…"


def first_block(body: str, separator: str = "\n\n") -> str:
    """Jekyll's excerpt, skipping headings: the first block up to the separator."""
    for block in body.replace("\r\n", "\n").split(separator or "\n\n"):
        lines = [line for line in block.strip("\n").splitlines() if line.strip()]
        if not lines:
            continue
        if _HEADING.match(lines[0]) and len(lines) == 1:
            continue
        if lines[0].lstrip().startswith(("```", "~~~", "{%", "<!--", "![", "---")):
            continue
        return "\n".join(lines)
    return ""


def _same_words(a: str, b: str) -> bool:
    """True when the subtitle would only repeat the lede (ignoring case and the ellipsis)."""

    def norm(s: str) -> str:
        return " ".join(re.sub(r"[^\w\s]", "", s).split()).casefold()

    return bool(a) and norm(a) == norm(b)


def describe(
    *,
    description: str | None,
    excerpt: str | None,
    body: str | None,
    separator: str = "\n\n",
    site_description: str | None,
    max_words: int,
) -> Description:
    """Apply the lookup order above and return both forms."""
    for source, raw in (("description", description), ("excerpt", excerpt)):
        if raw and raw.strip():
            text = truncate_words(plain_text(raw), max_words)
            if text:
                lede = plain_text(first_block(body or "", separator))
                subtitle = None if _same_words(lede, text) else safe_html(raw)
                return Description(text, source, subtitle)  # type: ignore[arg-type]
    if body:
        text = truncate_words(plain_text(first_block(body, separator)), max_words)
        if text:
            return Description(text, "body", None)
    if site_description and site_description.strip():
        return Description(truncate_words(plain_text(site_description), max_words), "site", None)
    return Description("", None, None)
