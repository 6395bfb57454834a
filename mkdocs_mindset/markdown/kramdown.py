"""kramdown compatibility for Jekyll posts, as a Python-Markdown extension switched per page.

Jekyll rendered a post with kramdown (with GitHub's flavour on GitHub Pages and fastpages);
MkDocs renders it with Python-Markdown. Where a well-kept extension does kramdown's job
(footnotes, abbreviations, definition lists, `pymdownx` strike, task lists and
math) it is added to the page's Markdown; this module only writes what none provides:

- one cheap pass over the lines before parsing (`KramdownPreprocessor`): nested lists indented
  by two or three spaces re-indented to Python-Markdown's four, a list right after a paragraph
  given its blank line (GFM), a line starting `#1234` kept out of headings, `{:.no_toc}` under a
  heading moved onto it, `{:toc}`, `{::comment}` and `{::options}` handled;
- `$$…$$` inside a paragraph as inline math (kramdown's rule; `arithmatex` reads it as text);
- kramdown's (or GFM's) heading ids, with the id MkDocs' `toc` gave kept as an alias anchor;
- kramdown's typographic quotes, dashes and ellipses (below: `smarty` follows other rules).

MkDocs makes one `Markdown` per page from the same extension list, and the plugin calls
`start_page` (in `on_page_markdown`) before that page's `Markdown` is made, so `extendMarkdown`
knows whether this page is a post: pages that are not get no processor at all and render
exactly as before.
"""

from __future__ import annotations

import html
import importlib
import re
import xml.etree.ElementTree as etree
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Final

from markdown import Markdown, util
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

__all__ = ["KRAMDOWN_MODES", "KramdownExtension", "extension_names", "gfm_id", "kramdown_id"]

#: Values of the plugin's `kramdown` option: which pages are read the way kramdown read them.
KRAMDOWN_MODES: Final = ("posts", "all", "off")

#: The class of the anchor that keeps MkDocs' own heading id working beside kramdown's.
ALIAS_CLASS: Final = "mindset-anchor"

# The extensions kramdown's syntax needs: name -> (its settings, whether only GFM input has it,
# the `markdown_extensions` names that already provide it). Registered on posts only.
_EXTRA = ("extra", "markdown.extensions.extra", "pymdownx.extra")


@dataclass(frozen=True)
class _Needed:
    """An extension kramdown's syntax needs, added to a post whose source may use it."""

    module: str
    settings: dict[str, Any]
    hint: re.Pattern[str]
    """Matches a post that may hold the syntax: posts without it skip the extension's cost."""
    gfm_only: bool = False
    provided_by: tuple[str, ...] = ()
    """Other `markdown_extensions` names that already include it."""


_NEEDED: Final = {
    "attr_list": _Needed("markdown.extensions.attr_list", {}, re.compile(r"\{"), False, _EXTRA),
    "footnotes": _Needed("markdown.extensions.footnotes", {}, re.compile(r"\[\^"), False, _EXTRA),
    "abbr": _Needed("markdown.extensions.abbr", {}, re.compile(r"\*\["), False, _EXTRA),
    "def_list": _Needed(
        "markdown.extensions.def_list", {}, re.compile(r"^ {0,3}:", re.M), False, _EXTRA
    ),
    "pymdownx.tilde": _Needed("pymdownx.tilde", {"subscript": False}, re.compile("~~"), True),
    "pymdownx.tasklist": _Needed("pymdownx.tasklist", {}, re.compile(r"\[[ xX]\]"), True),
    # kramdown's math is `$$` only: `\(` is an escaped parenthesis, and real posts mean it so.
    "pymdownx.arithmatex": _Needed(
        "pymdownx.arithmatex",
        {"generic": True, "inline_syntax": [], "block_syntax": ["dollar"]},
        re.compile(r"\$\$"),
    ),
    "md_in_html": _Needed(
        "markdown.extensions.md_in_html", {}, re.compile("parse_block_html"), False, _EXTRA
    ),
}


def extension_names(extensions: list[Any]) -> frozenset[str]:
    """The names in a `markdown_extensions` list, as `_NEEDED` spells them."""
    names = set()
    for ext in extensions:
        if isinstance(ext, str):
            names.add(ext.split(":")[0].removeprefix("markdown.extensions."))
    return frozenset(names)


@cache
def _extension_class(module: str) -> type[Extension]:
    """The extension's class, imported once per process (`registerExtensions` looks it up
    by name for every page)."""
    found = importlib.import_module(module).makeExtension
    return type(found())


# -- ids ------------------------------------------------------------------------------------------

_GFM_NON_WORD = re.compile(r"[^\w\- \t]")
_KRAMDOWN_LEAD = re.compile(r"^[^a-zA-Z]+")
_KRAMDOWN_NON_ID = re.compile(r"[^a-zA-Z0-9 -]")


def gfm_id(text: str, counts: dict[str, int]) -> str:
    """kramdown-parser-gfm's id: lowercase, drop what is not a word character, hyphen or space,
    spaces to hyphens; a repeat gets `-1`, `-2`, … (`counts` is the document's tally)."""
    base = _GFM_NON_WORD.sub("", text.lower()).replace(" ", "-").replace("\t", "-")
    counts[base] = counts.get(base, -1) + 1
    return f"{base}-{counts[base]}" if counts[base] else base


def kramdown_id(text: str, counts: dict[str, int]) -> str:
    """kramdown's own id (`input: kramdown`): ASCII letters, digits, spaces and hyphens after
    the first letter, spaces to hyphens, `section` when nothing is left, repeats `-1`, `-2`…"""
    base = _KRAMDOWN_NON_ID.sub("", _KRAMDOWN_LEAD.sub("", text)).replace(" ", "-").lower()
    base = base or "section"
    if base in counts:
        counts[base] += 1
        return f"{base}-{counts[base]}"
    counts[base] = 0
    return base


# -- the line pass --------------------------------------------------------------------------------

_LIST_ITEM = re.compile(r"( *)([*+-]|\d{1,9}\.)( {1,4}(?=\S)|[ ]*$)")
_RULE = re.compile(r" {0,3}([-*_])(?: *\1){2,} *$")
_FENCE = re.compile(r" *(`{3,}|~{3,})")
_HASH_NO_SPACE = re.compile(r"#{1,6}(?=[^#\s])")
_HEADING = re.compile(r" {0,3}#{1,6}(?:[ \t]|$)")
_BLOCK_IAL = re.compile(r" {0,3}\{:(?!:)[^}\n]*\}[ \t]*$")
_TOC_LIST = re.compile(r" {0,3}(?:[*+-]|\d+\.)[ \t]+.*\n {0,3}\{:[ \t]*toc[ \t]*\}[ \t]*(?:\n|$)")
_COMMENT = re.compile(r"\{::comment\}.*?\{:/(?:comment)?\}|\{::comment[ \t]*/\}", re.S)
_OPTIONS = re.compile(r"\{::options\b([^}]*?)/?\}[ \t]*\n?")
_HTML_BLOCK = re.compile(
    r"(<(?:div|section|article|aside|details|figure|header|footer|main|nav|blockquote))\b"
    r"(?![^>]*\bmarkdown=)"
)
# What quickly says a post needs the line pass at all.
_NEEDS_LINES = re.compile(r"^ *(?:[*+-] |\d{1,9}\. |#)|\{:", re.M)


@dataclass
class _Item:
    """An open list item: where its content starts in the source, and where it goes."""

    source: int
    target: int


@dataclass
class _Lines:
    """State of one pass over a document's lines."""

    gfm: bool
    html_markdown: bool
    items: list[_Item] = field(default_factory=list)
    out: list[str] = field(default_factory=list)
    fence: str | None = None
    blank: bool = True
    paragraph: bool = False  # the previous line is paragraph text outside any list
    html: bool = False  # inside a raw HTML block (ends at a blank line)

    def shift(self, line: str, indent: int) -> str:
        """The line moved with the innermost item whose content column it reaches."""
        if self.items and indent >= self.items[-1].source:
            item = self.items[-1]
            return " " * (item.target + indent - item.source) + line[indent:]
        return line

    def feed(self, line: str) -> None:
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        if not stripped:
            self.out.append(line)
            self.blank, self.paragraph, self.html = True, False, False
            return
        if self.fence is not None:
            self.out.append(self.shift(line, indent))
            if stripped.rstrip().startswith(self.fence) and not stripped.strip(self.fence[0]):
                self.fence = None
            return
        item = _LIST_ITEM.match(line)
        if item and _RULE.match(line):
            item = None
        if self.blank or item:
            while self.items and indent < self.items[-1].source:
                self.items.pop()
        base = self.items[-1].source if self.items else 0
        if indent - base >= 4 and (self.blank or not self.items):  # indented code
            self.out.append(self.shift(line, indent))
            self.blank, self.paragraph = False, False
            return
        fence = _FENCE.match(line)
        if fence:
            self.fence = fence.group(1)
            self.out.append(self.shift(line, indent))
            self.blank, self.paragraph = False, False
            return
        if self.blank and stripped.startswith("<"):
            self.html = True
            if self.html_markdown and not self.items:
                line = _HTML_BLOCK.sub(r'\1 markdown="1"', line, count=1)
        if item and not self.html:
            self._item(line, item, indent)
            return
        if (
            not self.blank
            and _BLOCK_IAL.match(line)
            and self.out
            and _HEADING.match(self.out[-1].lstrip(" "))
        ):  # `{:.no_toc}` under a heading: attr_list reads it on the heading's own line
            self.out[-1] = f"{self.out[-1].rstrip()} {stripped.strip()}"
            return
        moved = self.shift(line, indent)
        if not self.html and _HASH_NO_SPACE.match(stripped) and (self.gfm or not self.blank):
            at = len(moved) - len(moved.lstrip(" "))  # GFM needs a space; kramdown a block start
            moved = f"{moved[:at]}\\{moved[at:]}"
        self.out.append(moved)
        heading = bool(_HEADING.match(moved.lstrip(" ")))
        self.paragraph = not self.items and not self.html and not heading
        self.blank = False

    def _item(self, line: str, item: re.Match[str], indent: int) -> None:
        """A list item's first line, at Python-Markdown's four spaces per level."""
        if self.gfm and self.paragraph and (item.group(2)[0] in "*+-" or item.group(2) == "1."):
            self.out.append("")  # GFM: a list may interrupt a paragraph
        depth = len(self.items)
        target = 4 * depth
        rest = line[item.end() :]
        self.out.append(f"{' ' * target}{item.group(2)} {rest}" if rest else line)
        self.items.append(
            _Item(item.end() if rest else indent + len(item.group(2)) + 1, target + 4)
        )
        self.blank, self.paragraph = False, False


class KramdownPreprocessor(Preprocessor):
    """kramdown's block rules that Python-Markdown's parser lacks, in one pass over the lines."""

    def __init__(self, md: Markdown, ext: KramdownExtension) -> None:
        super().__init__(md)
        self.ext = ext

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        html_markdown = False
        if "{::" in text:
            text = _COMMENT.sub("", text)
            for m in _OPTIONS.finditer(text):
                html_markdown = html_markdown or 'parse_block_html="true"' in m.group(1)
            text = _OPTIONS.sub("", text)
        if "{:" in text and "toc" in text:
            marker = "[TOC]\n" if self.ext.inline_toc else ""
            text = _TOC_LIST.sub(marker, text)
        if not html_markdown and not _NEEDS_LINES.search(text):
            return text.split("\n")
        state = _Lines(gfm=self.ext.gfm, html_markdown=html_markdown)
        for line in text.split("\n"):
            state.feed(line)
        return state.out


# -- math -----------------------------------------------------------------------------------------

_INLINE_MATH = r"(?<!\\)\$\$(.+?)\$\$"


class InlineMathProcessor(InlineProcessor):
    """`$$…$$` inside a paragraph is inline math in kramdown: `\\(…\\)`, as `arithmatex` writes."""

    def handleMatch(  # type: ignore[override]
        self, m: re.Match[str], data: str
    ) -> tuple[etree.Element, int, int]:
        el = etree.Element("span", {"class": "arithmatex"})
        el.text = util.AtomicString(f"\\({m.group(1).strip()}\\)")
        return el, m.start(0), m.end(0)


class MathTrimTreeprocessor(Treeprocessor):
    """kramdown writes block math as `\\[E\\]`; `arithmatex` keeps the source's line breaks."""

    def run(self, root: etree.Element) -> None:
        for el in root.iter("div"):
            if el.get("class") == "arithmatex" and el.text and el.text.startswith("\\["):
                el.text = util.AtomicString(f"\\[{el.text[2:-2].strip()}\\]")


# -- typography -----------------------------------------------------------------------------------

# kramdown's typographic symbols and smart quotes (its parser/kramdown/typographic_symbol.rb
# and smart_quotes.rb). Written here because no extension applies kramdown's rules: Python-
# Markdown's `smarty` follows SmartyPants, which differs (`<<` and `>>` become guillemets in
# kramdown, quotes beside digits and markup are read differently: on the GeoServer corpus 502
# posts match Jekyll's typography with `smarty`, 511 with these rules). It is also one regex
# over each text, where `smarty` is a second inline pass. A site that lists `smarty` keeps it.
_TYPOGRAPHIC_HINT = re.compile(r"['\"]|--|\.\.\.|<<|>>")
_TYPOGRAPHIC = re.compile(r"---|--|\.\.\.|<< |<<| >>|>>|\"'(?=\w)|'\"(?=\w)|['\"]", re.A)
_SYMBOLS: Final = {
    "---": "\u2014",
    "--": "\u2013",
    "...": "\u2026",
    "<< ": "\u00ab\u00a0",
    "<<": "\u00ab",
    " >>": "\u00a0\u00bb",
    ">>": "\u00bb",
}
_OPEN: Final = {"'": "\u2018", '"': "\u201c"}
_CLOSE: Final = {"'": "\u2019", '"': "\u201d"}
# kramdown's SQ_CLOSE: a character after which a quote closes.
_NOT_CLOSING_AFTER: Final = frozenset(" \\\t\r\n[{(-")
_PUNCTUATION_NEXT = re.compile(r"[!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~](?!\.\.)\B", re.A)
_EMPHASIS_NEXT = re.compile(r"[_*]{1,2}\S")
_DECADE = re.compile(r"\d\ds")
_CLOSING_NEXT = re.compile(r"\s|s\b|$", re.A)
_SKIPPED: Final = frozenset({"code", "pre", "kbd", "script", "style", "math"})


def _quote(m: re.Match[str]) -> str:
    """The typographic form of one symbol or quote, by kramdown's rules in kramdown's order.

    kramdown looks at the character before a quote only inside one run of text: at the start
    of an element's text or of the text after an element (and after stashed HTML) there is none.
    """
    found = m.group()
    if found in _SYMBOLS:
        return _SYMBOLS[found]
    text, start, end = m.string, m.start(), m.end()
    before = text[start - 1] if start and text[start - 1] != util.ETX else ""
    after = text[end : end + 3]
    if len(found) == 2:  # `"'` or `'"` before a word
        if before and not before.isspace():
            return _CLOSE[found[0]] + _CLOSE[found[1]]
        return _OPEN[found[0]] + _OPEN[found[1]]
    if before:
        if before.isspace():
            return _CLOSE[found] if found == "'" and _DECADE.match(after) else _OPEN[found]
        return _OPEN[found] if before in _NOT_CLOSING_AFTER else _CLOSE[found]
    if _EMPHASIS_NEXT.match(after):
        return _OPEN[found]
    if _PUNCTUATION_NEXT.match(after):
        return _CLOSE[found]
    if found == "'" and _DECADE.match(after):
        return _CLOSE[found]  # the '80s
    return _CLOSE[found] if _CLOSING_NEXT.match(after) else _OPEN[found]


class TypographyTreeprocessor(Treeprocessor):
    """Curly quotes, dashes, ellipses and guillemets in a post's text, as kramdown writes them."""

    def run(self, root: etree.Element) -> None:
        self._element(root)

    def _element(self, el: etree.Element) -> None:
        for child in el:
            if not isinstance(child.tag, str) or child.tag in _SKIPPED:
                pass
            else:
                text = child.text
                if text and not isinstance(text, util.AtomicString):
                    child.text = _TYPOGRAPHIC.sub(_quote, text)
                self._element(child)
            tail = child.tail
            if tail and not isinstance(tail, util.AtomicString):
                child.tail = _TYPOGRAPHIC.sub(_quote, tail)


# -- heading ids ----------------------------------------------------------------------------------

_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


class _Explicit:
    """The headings that had an id before `toc` ran (written `{: #id}`): kramdown keeps those."""

    def __init__(self) -> None:
        self.ids: set[int] = set()


class ExplicitIdsTreeprocessor(Treeprocessor):
    """Remember headings with an author's id (after `attr_list`, before `toc`)."""

    def __init__(self, md: Markdown, explicit: _Explicit) -> None:
        super().__init__(md)
        self.explicit = explicit

    def run(self, root: etree.Element) -> None:
        self.explicit.ids = {
            id(el) for el in root.iter() if el.tag in _HEADINGS and "id" in el.attrib
        }


class HeadingIdsTreeprocessor(Treeprocessor):
    """kramdown's ids on headings (after `toc`); MkDocs' own id stays as an alias anchor.

    The table of contents and the `¶` permalinks follow the new id, so MkDocs' sidebar links
    to the anchors a Jekyll reader bookmarked, and links written for MkDocs' ids still land.
    """

    def __init__(self, md: Markdown, ext: KramdownExtension, explicit: _Explicit) -> None:
        super().__init__(md)
        self.ext = ext
        self.explicit = explicit

    def run(self, root: etree.Element) -> None:
        counts: dict[str, int] = {}
        make = gfm_id if self.ext.gfm else kramdown_id
        renamed: dict[str, str] = {}
        hidden: set[str] = set()
        for el in root.iter():
            if el.tag not in _HEADINGS or id(el) in self.explicit.ids:
                continue
            old = el.get("id")
            new = make(self._text(el), counts)
            if "no_toc" in (el.get("class") or "").split():
                hidden.add(new)
            if old is None or new == old or not new:
                continue
            el.set("id", new)
            renamed[old] = new
            alias = etree.Element("span", {"id": old, "class": ALIAS_CLASS})
            alias.tail, el.text = el.text, None
            el.insert(0, alias)
            for link in el.iter("a"):
                if link.get("href") == f"#{old}":
                    link.set("href", f"#{new}")
        if renamed or hidden:
            self._fix_toc(root, renamed, hidden)
        self.explicit.ids = set()

    def _text(self, el: etree.Element) -> str:
        """The heading's text as a reader sees it (stashed entities such as `smarty`'s read)."""
        text = "".join(_texts(el))
        if util.STX in text:
            text = util.HTML_PLACEHOLDER_RE.sub(self._unstash, text)
        return html.unescape(text)

    def _unstash(self, m: re.Match[str]) -> str:
        stash = self.md.htmlStash.rawHtmlBlocks
        index = int(m.group(1))
        return re.sub(r"<[^>]*>", "", str(stash[index])) if index < len(stash) else ""

    def _fix_toc(self, root: etree.Element, renamed: dict[str, str], hidden: set[str]) -> None:
        """`toc` built the page's table of contents before ids changed: follow the new ones."""
        tokens = getattr(self.md, "toc_tokens", None)
        if isinstance(tokens, list):
            self.md.toc_tokens = _retarget(tokens, renamed, hidden)  # type: ignore[attr-defined]
        toc_class = "toc"
        if "toc" in self.md.treeprocessors:
            toc_class = getattr(self.md.treeprocessors["toc"], "toc_class", "toc")
        for div in root.iter("div"):
            if div.get("class") == toc_class:
                for link in div.iter("a"):
                    target = link.get("href", "")[1:]
                    if target in renamed:
                        link.set("href", f"#{renamed[target]}")


def _texts(el: etree.Element) -> Iterator[str]:
    """Text of an element and its descendants, without footnote references or `¶` links."""
    if el.text:
        yield el.text
    for child in el:
        if not (
            (child.tag == "sup" and str(child.get("id", "")).startswith("fnref"))
            or (child.tag == "a" and child.get("class") == "headerlink")
        ):
            yield from _texts(child)
        if child.tail:
            yield child.tail


def _retarget(
    tokens: list[dict[str, Any]], renamed: dict[str, str], hidden: set[str]
) -> list[dict[str, Any]]:
    kept = []
    for token in tokens:
        ident = renamed.get(token.get("id", ""), token.get("id", ""))
        children = _retarget(token.get("children", []), renamed, hidden)
        if ident in hidden:
            kept.extend(children)  # `{:.no_toc}`: the heading leaves the contents, not its children
            continue
        kept.append({**token, "id": ident, "children": children})
    return kept


# -- the extension --------------------------------------------------------------------------------


class KramdownExtension(Extension):
    """Register the kramdown processors on the pages the plugin says are read as kramdown.

    One instance serves the whole build; `start_page` sets what the next page needs.
    """

    def __init__(self, configured: frozenset[str] = frozenset(), **kwargs: Any) -> None:
        super().__init__(**kwargs)
        #: `markdown_extensions` names the site already has (their own settings win).
        self.configured = configured
        #: Whether the next page is read as kramdown; set per page by the plugin.
        self.enabled = False
        #: GitHub-flavoured input (Jekyll's default), else kramdown's own (`input: kramdown`).
        self.gfm = True
        #: `{:toc}` becomes the table of contents (the theme shows none on this page).
        self.inline_toc = False
        #: The next page's Markdown, which says which extensions it may need.
        self.source = ""

    def start_page(
        self, *, enabled: bool, gfm: bool = True, inline_toc: bool = False, source: str = ""
    ) -> None:
        """Prepare for the next page's `Markdown`, which MkDocs makes right after; `source`
        (the page's Markdown) says which extensions the page may need."""
        self.enabled, self.gfm, self.inline_toc = enabled, gfm, inline_toc
        self.source = source if enabled else ""

    def extendMarkdown(self, md: Markdown) -> None:
        """Add kramdown's behaviour to this page's `Markdown`, only when it is read as kramdown."""
        if not self.enabled:
            return
        for name, need in _NEEDED.items():
            if (
                name in self.configured
                or self.configured & set(need.provided_by)
                or (need.gfm_only and not self.gfm)
                or not need.hint.search(self.source)
            ):
                continue
            _extension_class(need.module)(**need.settings).extendMarkdown(md)
        more = "'\":|$=<~" if self.gfm else "'\":|$=<"  # kramdown escapes these too
        md.ESCAPED_CHARS = [*md.ESCAPED_CHARS, *(c for c in more if c not in md.ESCAPED_CHARS)]
        md.preprocessors.register(KramdownPreprocessor(md, self), "mindset_kramdown", 29)
        if "$$" in self.source:
            md.inlinePatterns.register(
                InlineMathProcessor(_INLINE_MATH, md), "mindset_kramdown_math", 185
            )
            md.treeprocessors.register(MathTrimTreeprocessor(md), "mindset_kramdown_math", 4.5)
        if "smarty" not in self.configured and _TYPOGRAPHIC_HINT.search(self.source):
            md.treeprocessors.register(TypographyTreeprocessor(md), "mindset_typography", 7)
        explicit = _Explicit()
        md.treeprocessors.register(
            ExplicitIdsTreeprocessor(md, explicit), "mindset_kramdown_explicit_ids", 7.5
        )
        # Priority 5 like `toc`, registered after it and before MkDocs' anchor collector (also
        # 5, registered last): equal priorities keep their order, so the ids MkDocs validates
        # links against are the final ones.
        md.treeprocessors.register(
            HeadingIdsTreeprocessor(md, self, explicit), "mindset_kramdown_ids", 5
        )


def makeExtension(**kwargs: Any) -> KramdownExtension:
    return KramdownExtension(**kwargs)
