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
from collections.abc import Iterator
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser
from typing import Literal

import markdown
from markupsafe import Markup

Source = Literal["description", "excerpt", "body", "site"]

_LIQUID = re.compile(r"\{%.*?%\}|\{\{.*?\}\}", re.S)
_ATX = re.compile(r"^\s{0,3}#{1,6}(?:\s|$)")
_SETEXT_UNDERLINE = re.compile(r"^\s{0,3}(?:=+|-+)\s*$")
_KRAMDOWN_IAL = re.compile(r"^\s*\{:.*\}\s*$")
# `[name]: url "title"` anywhere in the body: Jekyll appends these to the excerpt so that
# `[text][name]` links in the first paragraph still render as links, not as brackets.
_LINK_REFERENCE = re.compile(
    r"^ {0,3}\[(?!\^)[^\]]+\]:[ \t]*\S+(?:[ \t]+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?[ \t]*$", re.M
)
# Blocks that never describe a post: code, tables, rules, images, comments, Liquid tags.
_NOT_PROSE = ("```", "~~~", "{%", "<!--", "![", "[![", "|", "***", "___")
_DROPPED = frozenset(
    {"script", "style", "template", "noscript", "iframe", "object", "svg", "math", "head", "title"}
)
_INLINE_KEPT = frozenset({"a", "em", "strong", "code", "b", "i", "br"})
_BREAKS = frozenset(
    {"br", "p", "li", "div", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th"}
    | {"ul", "ol", "dl", "dt", "dd", "pre", "table", "section", "article", "aside", "hr"}
)
_SAFE_URL = re.compile(r"^(?:https?:|mailto:|/|#|\.{0,2}/|[^:/?#]*(?:[/?#]|$))", re.I)
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
            if not href or not _SAFE_URL.match(href):
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


@functools.lru_cache(maxsize=64)
def _render(text: str) -> str:
    """Markdown to HTML with Liquid tags removed (one shared converter: thousands of posts).

    Cached because a description is rendered twice, for its plain and its HTML form.
    """
    return _MD.reset().convert(_LIQUID.sub(" ", text))


# Text with none of these needs no Markdown rendering: it is already its own plain text.
# Plain Markdown (no extensions) gives `|`, `~`, `{`, and `#` or `>` inside a line, no
# meaning, and `&` only when it starts an entity. Liquid (`{{`, `{%`) is removed before
# rendering, so it counts.
_MARKUP = re.compile(
    r"[\\`*_\[\]<]|&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);|\{[{%]"
    r"|^[ \t]*(?:[-+=>#]|\d+[.)])",
    re.M,
)
# Inline pieces the shortcut below renders itself: a code span with single backticks, an
# inline link with plain text and a URL without spaces, parentheses or escapes, and `**strong**`
# or `*emphasis*` around text with no asterisk, edged by non-spaces. What they hold is checked
# like the rest of the text, so markup inside them sends the whole text to Markdown.
_INLINE = re.compile(
    r"(?<![\\`])`(?P<code>[^`\n]+)`(?!`)"
    r"|(?<![\\!\]])\[(?P<text>[^\[\]`\n]+)\]\((?P<url>[^\s()<>\\]+)\)"
    r"|(?<![\\*])\*\*(?P<strong>[^\s*](?:[^*\n]*[^\s*])?)\*\*(?!\*)"
    r"|(?<![\\*])\*(?P<em>[^\s*](?:[^*\n]*[^\s*])?)\*(?!\*)"
)
_QUOTE_PREFIX = re.compile(r"^[ \t]{0,3}>[ \t]?", re.M)
_LIQUID_START = re.compile(r"\{[{%]")

_Piece = tuple[str, str | None, str]
"""Text, the link's URL (None outside links) and its element: "" (text, link), code, strong, em."""


def _without_quote_prefix(text: str) -> str:
    return _QUOTE_PREFIX.sub("", text) if text.lstrip().startswith(">") else text


@functools.lru_cache(maxsize=256)
def _simple_inline(text: str) -> tuple[_Piece, ...] | None:
    """Text, code spans, links and emphasis as pieces, or None when anything else is markup.

    Most descriptions and ledes are like this, so they skip Markdown (a test checks that both
    routes agree on every case the shortcut takes). Cached: a description is asked for its
    plain and its HTML form.
    """
    text = _without_quote_prefix(text)
    if _LIQUID_START.search(text):
        return None  # Liquid is removed even inside code spans
    pieces: list[_Piece] = []
    position = 0
    for match in _INLINE.finditer(text):
        pieces.append((text[position : match.start()], None, ""))
        if match["code"] is not None:
            code = match["code"].strip()
            if not code:
                return None
            pieces.append((code, None, "code"))
        elif match["url"] is not None:
            pieces.append((match["text"], match["url"], ""))
        else:
            kind = "strong" if match["strong"] is not None else "em"
            pieces.append((match[kind], None, kind))
        position = match.end()
    pieces.append((text[position:], None, ""))
    prose = "x".join(piece for piece, _, kind in pieces if kind != "code")
    return None if _MARKUP.search(prose) else tuple(pieces)


def _piece_html(text: str, url: str | None, kind: str) -> str:
    html = escape(text, quote=False)
    if kind:
        return f"<{kind}>{html}</{kind}>"
    if url is not None and _SAFE_URL.match(url):
        return f'<a href="{escape(url, quote=True)}">{html}</a>'
    return html


def plain_text(text: str, *, drop_code: bool = False) -> str:
    """Markdown or HTML to one line of plain text: tags gone, entities decoded."""
    pieces = _simple_inline(text)
    if pieces is not None:
        return " ".join("".join(piece for piece, _, _ in pieces).split())
    parser = _Sanitizer(keep_inline=False, drop_code=drop_code)
    parser.feed(_render(text))
    return " ".join(parser.result().split())


def safe_html(text: str) -> Markup:
    """Markdown or HTML to inline HTML with only links, emphasis and code kept."""
    pieces = _simple_inline(text)
    if pieces is not None:
        return Markup(" ".join("".join(_piece_html(*piece) for piece in pieces).split()))
    parser = _Sanitizer(keep_inline=True)
    parser.feed(_render(text))
    return Markup(" ".join(parser.result().split()))


def truncate_words(text: str, max_words: int) -> str:
    """Jekyll's `truncatewords` shape: at most `max_words` words, then `…`."""
    words = text.split()
    if max_words <= 0 or len(words) <= max_words:
        return " ".join(words)
    return " ".join(words[:max_words]).rstrip(",;:") + "…"


def _without_headings(lines: list[str]) -> list[str]:
    """Drop ATX headings, setext headings and kramdown attribute lines from one block."""
    kept: list[str] = []
    for line in lines:
        if not line.strip():
            if kept and kept[-1].strip():
                kept.append("")
            continue
        if _ATX.match(line) or _KRAMDOWN_IAL.match(line):
            continue
        if _SETEXT_UNDERLINE.match(line) and kept and kept[-1].strip():
            kept.pop()  # the line above was the heading's text
            continue
        kept.append(line)
    return kept


def _split_lazily(text: str, separator: str) -> Iterator[str]:
    """`text.split(separator)`, one piece at a time: the first blocks are usually enough."""
    start = 0
    while (end := text.find(separator, start)) != -1:
        yield text[start:end]
        start = end + len(separator)
    yield text[start:]


def _blocks(body: str, separator: str) -> Iterator[str]:
    """Candidate excerpt blocks in order, headings and non-prose blocks already skipped."""
    for block in _split_lazily(body.replace("\r\n", "\n"), separator or "\n\n"):
        raw = block.strip("\n").splitlines()
        if any(line.strip() in {"{:toc}", "{: toc}", "{:.toc}"} for line in raw):
            continue  # kramdown's generated table of contents
        lines = _without_headings(raw)
        first = next((line for line in lines if line.strip()), "")
        if not first or first.lstrip().startswith(_NOT_PROSE) or first.startswith("    "):
            continue
        yield "\n".join(lines).strip("\n")


def first_block(body: str, separator: str = "\n\n") -> str:
    """Jekyll's excerpt, skipping headings and blocks without prose: Markdown as written."""
    return next(_blocks(body, separator), "")


def excerpt_text(body: str, separator: str = "\n\n") -> str:
    """Plain text of the first block that has any (an image-only block has none)."""
    references = "\n".join(m.group(0) for m in _LINK_REFERENCE.finditer(body))
    for block in _blocks(body, separator):
        text = plain_text(f"{block}\n\n{references}" if references else block, drop_code=True)
        if text:
            return text
    return ""


def _same_words(a: str, b: str) -> bool:
    """True when the subtitle would only repeat the lede (ignoring case and punctuation)."""

    def norm(s: str) -> str:
        return " ".join(re.sub(r"[^\w\s]", "", s).split()).casefold()

    return bool(a) and norm(a) == norm(b)


def _repeats_lede(body: str, separator: str, text: str) -> bool:
    """Whether `text` only repeats the first block; rendered only when that block has links."""
    block = first_block(body, separator)
    if not block:
        return False
    if ("[" in block or "<" in block or "!" in block) and _simple_inline(block) is None:
        return _same_words(excerpt_text(body, separator), text)
    return _same_words(block, text)  # punctuation (`>`, `*`, backticks) is ignored there


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
