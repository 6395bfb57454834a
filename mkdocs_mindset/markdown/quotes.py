"""Pull-quotes, the lede, fastpages callouts and embeds, as a Python-Markdown extension.

Jekyll and fastpages authors mark all of these with a plain Markdown blockquote, so the
extension works on the element tree after Python-Markdown has built it (and after
`attr_list` has run), turning chosen ``<blockquote>`` elements into richer markup:

- the *lede*: the first blockquote of a post (right after its title) gets the classes
  ``mindset-pullquote mindset-pullquote--lead``; it is unique text and never hidden
  (``{: .lede}`` under any blockquote asks for it explicitly, on any page);
- *explicit pull-quotes*: a blockquote marked ``{: .pullquote}`` (or ``.pull-quote``), or
  written as a quote inside a quote (``>> words``), becomes ``mindset-pullquote``; when it only
  repeats the article it becomes an ``<aside aria-hidden="true">`` so screen readers skip it;
- an attribution line (``— Name``) inside a pull-quote becomes ``<figcaption><cite>``;
- *callouts*: ``> Note: …``, ``Tip:``, ``Warning:``, ``Important:`` become admonitions;
- *embeds*: ``> youtube: URL`` and ``> twitter: URL`` become a privacy-friendly video frame
  and a script-free link card.

Every other blockquote is left exactly as it was. Text only ever travels through
ElementTree, so it is escaped on output, and embed URLs are rebuilt from validated parts.
"""

from __future__ import annotations

import html
import logging
import re
import xml.etree.ElementTree as etree
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any, Final
from urllib.parse import SplitResult, parse_qs, urlsplit

from markdown import Markdown, util
from markdown.blockparser import BlockParser
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from ..jekyll.fastpages import CALLOUT_KINDS, YOUTUBE_ID
from ..jekyll.text import words

__all__ = [
    "CALLOUT_KINDS",
    "LEDE_MARKER",
    "LEDE_MODES",
    "PULLQUOTE_MARKERS",
    "QuotesExtension",
    "QuotesTreeprocessor",
    "makeExtension",
    "parse_tweet_url",
    "parse_youtube_url",
]

# MkDocs counts this logger's warnings for `--strict`; the extension itself needs no MkDocs.
log = logging.getLogger("mkdocs.plugins.mindset")

#: Values of the ``lede`` option: which pages get a lede.
LEDE_MODES: Final = ("posts", "all", "off")

#: Class names that mark a blockquote as a pull-quote (kramdown habits).
PULLQUOTE_MARKERS: Final = frozenset({"pullquote", "pull-quote"})

#: Class name that marks a blockquote as the lede wherever it is, on any page.
LEDE_MARKER: Final = "lede"
_MARKERS: Final = PULLQUOTE_MARKERS | {LEDE_MARKER}

#: Runs after `attr_list` (8) so its classes are in place, and before `toc` (5).
PRIORITY: Final = 6

_PULLQUOTE = "mindset-pullquote"
_LEAD = "mindset-pullquote--lead"
_ATTRIBUTION = "mindset-pullquote__attribution"

_YOUTUBE_HOSTS: Final = frozenset(
    {"youtube.com", "www.youtube.com", "m.youtube.com", "music.youtube.com"}
)
_TWITTER_HOSTS: Final = frozenset(
    {"twitter.com", "www.twitter.com", "mobile.twitter.com", "x.com", "www.x.com"}
)
_TWEET_PATH = re.compile(r"/([A-Za-z0-9_]{1,15})/status(?:es)?/([0-9]{1,25})(?:/[^?#]*)?")
_TIMESTAMP = re.compile(r"(?:(\d{1,2})h)?(?:(\d{1,4})m)?(?:(\d{1,6})s?)?")

_EMBED_LINE = re.compile(r"\s*(youtube|twitter)\s*:\s*(\S+)\s*(.*)", re.IGNORECASE | re.DOTALL)
_CALLOUT_PREFIX = re.compile(r"\s*([^\W\d_][\w -]*?)\s*:\s*", re.DOTALL)
_BOLD_TITLE = re.compile(r"\s*([^\W\d_][\w -]*?)\s*(:?)\s*")
# A kramdown/attr_list attribute list: `{: .a #b}` or `{.a}`.
_IAL = r"\{:?[ ]*([^}\n]*?)[ ]*\}"
_TRAILING_IAL = re.compile(r"\n[ ]*" + _IAL + r"[ ]*$")
_WHOLE_IAL = re.compile(r"\s*" + _IAL + r"\s*")
# Em dash, horizontal bar, en dash (smarty turns `--` into one), or two or three hyphens.
_DASHES: Final = frozenset({"\u2014", "\u2015", "\u2013", "--", "---"})
_DASH_START = re.compile(
    "\\s*(\u2014|\u2015|\u2013|-{2,3}(?!-)|" + util.HTML_PLACEHOLDER % r"(\d+)" + ")\\s*"
)
_FRAGMENT_SPLIT = re.compile(r"(?:\.{3}|…|[.!?;](?=\s|$)|[\"“”«»„])+")
_LABEL_QUOTES: Final = "\"' \u201c\u201d\u2018\u2019"


class QuotesExtension(Extension):
    """Register the quotes processors and hold the per-page switch the plugin sets.

    One instance lives for the whole MkDocs build while MkDocs creates a fresh ``Markdown``
    per page, so the per-page state (``lede_enabled``, ``page_name``) sits here and the tree
    processor reads it when it runs.
    """

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "lede": ["all", "Pages whose first blockquote is a lede: 'posts', 'all' or 'off'."],
            "callouts": [True, "Turn '> Note: ...' style blockquotes into admonitions."],
            "embeds": [True, "Turn '> youtube: URL' and '> twitter: URL' into embeds."],
        }
        super().__init__(**kwargs)
        #: Whether the page being rendered gets a lede; the plugin sets it per page.
        self.lede_enabled: bool = self.lede_mode == "all"
        #: Source path of the page being rendered, used to name it in warnings.
        self.page_name: str | None = None

    def setConfig(self, key: str, value: Any) -> None:
        """Validate ``lede`` early, accepting YAML's ``on``/``off`` booleans too."""
        if key == "lede":
            if isinstance(value, bool):
                value = "all" if value else "off"
            if not isinstance(value, str) or value.lower() not in LEDE_MODES:
                modes = ", ".join(repr(m) for m in LEDE_MODES)
                raise ValueError(f"mkdocs_mindset.quotes: 'lede' must be one of {modes}")
            value = value.lower()
        super().setConfig(key, value)

    @property
    def lede_mode(self) -> str:
        """The configured ``lede`` option: ``posts``, ``all`` or ``off``."""
        return str(self.getConfig("lede"))

    def start_page(self, *, is_post: bool, name: str | None = None) -> None:
        """Prepare for the next page: lede on for posts (or all pages, per ``lede``)."""
        mode = self.lede_mode
        self.lede_enabled = mode == "all" or (mode == "posts" and is_post)
        self.page_name = name

    def extendMarkdown(self, md: Markdown) -> None:
        """Add the processors to a freshly created ``Markdown`` instance."""
        boundaries = _Boundaries()
        md.parser.blockprocessors.register(
            _BoundaryProcessor(md.parser, boundaries), "mindset_quote_boundaries", 21
        )
        md.treeprocessors.register(
            QuotesTreeprocessor(md, self, boundaries), "mindset_quotes", PRIORITY
        )
        md.registerExtension(self)


class _Boundaries:
    """Where blank-line separated ``>`` blocks were glued onto an earlier blockquote."""

    def __init__(self) -> None:
        self._cuts: dict[etree.Element, list[int]] = {}  # elements hash by identity

    def add(self, quote: etree.Element) -> None:
        """The next children of ``quote`` come from a new ``>`` block."""
        cuts = self._cuts.setdefault(quote, [])
        if len(quote) and len(quote) not in cuts:
            cuts.append(len(quote))

    def pop(self, quote: etree.Element) -> list[int]:
        """Child indexes where new blocks started (valid ones only), forgetting them."""
        return [cut for cut in self._cuts.pop(quote, []) if 0 < cut < len(quote)]

    def clear(self) -> None:
        """Forget everything (one document is done)."""
        self._cuts.clear()


class _BoundaryProcessor(BlockProcessor):
    """Record a blank line between two ``>`` blocks, then let the quote processor merge them.

    Python-Markdown's merge loses that boundary, which kramdown (Jekyll) keeps; recording it
    beside the tree (not in it) leaves every other block processor's view untouched.
    """

    START = re.compile(r"[ ]{0,3}>")

    def __init__(self, parser: BlockParser, boundaries: _Boundaries) -> None:
        super().__init__(parser)
        self.boundaries = boundaries

    def test(self, parent: etree.Element, block: str) -> bool:
        sibling = self.lastChild(parent)
        return sibling is not None and sibling.tag == "blockquote" and bool(self.START.match(block))

    def run(self, parent: etree.Element, blocks: list[str]) -> bool:
        sibling = self.lastChild(parent)
        if sibling is not None:
            self.boundaries.add(sibling)
        return False  # not consumed: the quote processor does the actual work


@dataclass
class _Marker:
    """Attributes carried by a pull-quote marker, moved onto the pull-quote element."""

    found: bool = False
    lede: bool = False
    classes: list[str] = field(default_factory=list)
    attrib: dict[str, str] = field(default_factory=dict)

    def absorb(self, attrib: dict[str, str]) -> bool:
        """Take an element's attributes when their class list names a pull-quote or lede."""
        classes = attrib.get("class", "").split()
        if not _MARKERS.intersection(classes):
            return False
        self.found = True
        self.lede = self.lede or LEDE_MARKER in classes
        self.classes += [c for c in classes if c not in _MARKERS]
        self.attrib.update({k: v for k, v in attrib.items() if k != "class"})
        return True

    def absorb_ial(self, ial: str) -> bool:
        """Parse a raw ``{: .pullquote}`` (when ``attr_list`` is absent); only classes and id."""
        classes: list[str] = []
        ident = None
        for token in ial.split():
            if token.startswith(".") and len(token) > 1:
                classes.append(token[1:])
            elif token.startswith("#") and len(token) > 1:
                ident = token[1:]
        attrib = {"class": " ".join(classes)}
        if ident and re.fullmatch(r"[A-Za-z][\w:.-]*", ident):
            attrib["id"] = ident
        return self.absorb(attrib)


def _holds_quote(element: etree.Element) -> bool:
    """Whether a blockquote is anywhere below: ElementTree searches in C, a walk would not."""
    return len(element) > 0 and next(element.iter("blockquote"), None) is not None


class QuotesTreeprocessor(Treeprocessor):
    """Find the blockquotes that mean more than a quote and rebuild them."""

    def __init__(self, md: Markdown, ext: QuotesExtension, boundaries: _Boundaries) -> None:
        super().__init__(md)
        self.ext = ext
        self.boundaries = boundaries
        self.root = etree.Element("div")

    def run(self, root: etree.Element) -> None:
        """Transform the document in place."""
        self.root = root
        lede = self._lede_candidate(root) if self.ext.lede_enabled else None
        try:
            self._walk(root, lede)
        finally:
            self.boundaries.clear()

    # -- traversal -----------------------------------------------------------------------

    def _walk(self, parent: etree.Element, lede: etree.Element | None) -> None:
        """Visit children depth first, replacing blockquotes as they are found."""
        i = 0
        while i < len(parent):
            child = parent[i]
            if child.tag == "blockquote":
                i = self._visit_blockquote(parent, i, lede)
            elif child.tag not in ("pre", "code", "script", "style") and _holds_quote(child):
                self._walk(child, None)
            i += 1

    def _visit_blockquote(self, parent: etree.Element, i: int, lede: etree.Element | None) -> int:
        """Decide what one blockquote is, replace it, and return its (possibly new) index."""
        self._split_merged(parent, i, lede)
        bq = parent[i]
        marker, i = self._take_marker(parent, i)
        if not marker.found and self._is_double_quote(bq):
            inner = bq[0]
            bq.remove(inner)
            bq.text = None
            bq.extend(list(inner))
            marker.found = True
        if marker.found:
            self._pullquote(parent, i, lead=marker.lede, marker=marker)
            return i
        if self.ext.getConfig("embeds") and self._embed(parent, i):
            return i
        if self.ext.getConfig("callouts") and self._callout(parent, i):
            self._walk(parent[i], None)
            return i
        if bq is lede:
            self._pullquote(parent, i, lead=True, marker=marker)
            return i
        self._walk(bq, None)
        return i

    def _split_merged(self, parent: etree.Element, i: int, lede: etree.Element | None) -> None:
        """Undo Python-Markdown's merge of ``> a``, blank line, ``> b`` where it matters.

        Jekyll's kramdown keeps those as two blockquotes and fastpages posts rely on it (a run
        of callouts, a lede followed by a quote). Split at a recorded blank line when the part
        on either side is special (callout, embed, marked pull-quote, ``>>``) or when the part
        before it is the lede; a merge of ordinary quotes is left as Python-Markdown made it.
        """
        bq = parent[i]
        cuts = self.boundaries.pop(bq)
        if not cuts:
            return
        children = list(bq)
        edges = [0, *cuts, len(children)]
        parts = [children[a:b] for a, b in pairwise(edges) if a < b]
        special = [self._is_special(part) for part in parts]
        groups = [parts[0]]
        for k in range(1, len(parts)):
            if special[k - 1] or special[k] or (k == 1 and bq is lede):
                groups.append([])
            groups[-1] += parts[k]
        tail, bq.tail = bq.tail, "\n"
        for k, group in enumerate(groups[1:], start=1):
            piece = _block("blockquote")
            for el in group:
                bq.remove(el)
                piece.append(el)
            parent.insert(i + k, piece)
        parent[i + len(groups) - 1].tail = tail

    def _is_special(self, part: list[etree.Element]) -> bool:
        """Whether a run of blocks from one ``>`` block is more than an ordinary quote."""
        first, last = part[0], part[-1]
        if len(part) == 1 and first.tag == "blockquote":
            return True
        if first.tag == "p":
            if self.ext.getConfig("callouts") and self._strip_callout_title(first, strip=False):
                return True
            text = "".join(first.itertext())
            if self.ext.getConfig("embeds") and _EMBED_LINE.fullmatch(text):
                return True
        if last.tag != "p":
            return False
        if _MARKERS.intersection(last.get("class", "").split()):
            return True
        segment = "\n" + ((last[-1].tail if len(last) else last.text) or "")
        m = _TRAILING_IAL.search(segment)
        return m is not None and _Marker().absorb_ial(m.group(1))

    def _lede_candidate(self, root: etree.Element) -> etree.Element | None:
        """The first block after a leading ``<h1>`` (or the first block), if a blockquote."""
        blocks = (el for el in root if not self._is_invisible(el))
        first = next(blocks, None)
        if first is not None and first.tag == "h1":
            first = next(blocks, None)
        return first if first is not None and first.tag == "blockquote" else None

    def _is_invisible(self, el: etree.Element) -> bool:
        """A paragraph holding only stashed HTML comments renders as nothing visible."""
        if el.tag != "p" or len(el):
            return False
        text = el.text or ""
        stashed = [self._stashed(m) for m in util.HTML_PLACEHOLDER_RE.finditer(text)]
        rest = util.HTML_PLACEHOLDER_RE.sub("", text).strip()
        return not rest and all(s.strip().startswith("<!--") for s in stashed)

    # -- pull-quote markers ------------------------------------------------------------------

    def _take_marker(self, parent: etree.Element, i: int) -> tuple[_Marker, int]:
        """Find and remove a ``{: .pullquote}`` marker for the blockquote at ``parent[i]``.

        kramdown puts the class on the blockquote; ``attr_list`` puts it on the last inner
        paragraph; without ``attr_list`` it stays as text, at the end of that paragraph or
        as a paragraph of its own next to the blockquote.
        """
        bq = parent[i]
        marker = _Marker()
        marker.absorb(dict(bq.attrib))
        last = bq[-1] if len(bq) else None
        if last is not None and last.tag == "p":
            if marker.absorb(dict(last.attrib)):
                last.attrib.clear()
            elif self._strip_trailing_ial(last, marker) and _is_empty(last):
                bq.remove(last)
        if marker.found:
            return marker, i
        if i + 1 < len(parent) and self._is_marker_paragraph(parent[i + 1], marker):
            parent.remove(parent[i + 1])
        elif i > 0 and self._is_marker_paragraph(parent[i - 1], marker):
            parent.remove(parent[i - 1])
            i -= 1
        return marker, i

    @staticmethod
    def _strip_trailing_ial(p: etree.Element, marker: _Marker) -> bool:
        """Remove a raw trailing ``{: .pullquote}`` line, left there when ``attr_list`` is off."""
        holder, attr = (p[-1], "tail") if len(p) else (p, "text")
        # A leading newline lets a paragraph that is only the marker match too.
        segment = "\n" + (getattr(holder, attr) or "")
        m = _TRAILING_IAL.search(segment)
        if m is None or not marker.absorb_ial(m.group(1)):
            return False
        setattr(holder, attr, segment[1 : m.start()] or None)
        return True

    @staticmethod
    def _is_marker_paragraph(el: etree.Element, marker: _Marker) -> bool:
        """A paragraph that is nothing but a pull-quote attribute list."""
        if el.tag != "p" or len(el) or not el.text:
            return False
        m = _WHOLE_IAL.fullmatch(el.text)
        return m is not None and marker.absorb_ial(m.group(1))

    @staticmethod
    def _is_double_quote(bq: etree.Element) -> bool:
        """``>> words``: a blockquote holding nothing but another blockquote."""
        return (
            len(bq) == 1
            and bq[0].tag == "blockquote"
            and not (bq.text or "").strip()
            and not (bq[0].tail or "").strip()
            and not bq.attrib
        )

    # -- pull-quotes -----------------------------------------------------------------------

    def _pullquote(self, parent: etree.Element, i: int, *, lead: bool, marker: _Marker) -> None:
        """Rebuild ``parent[i]`` as a lede or pull-quote, with its attribution if any."""
        bq = parent[i]
        caption = self._split_attribution(bq) if len(bq) else None
        body = list(bq)
        classes = [_PULLQUOTE] + ([_LEAD] if lead else []) + marker.classes
        attrib = dict(marker.attrib)
        attrib.pop("aria-hidden", None)
        hidden = not lead and self._repeats_article(bq)
        if hidden:
            outer = _block("aside", attrib)
            outer.set("aria-hidden", "true")
            holder = outer
            if caption is not None:
                figure = _block("figure", parent=outer)
                holder = _block("blockquote", parent=figure)
                figure.append(caption)
        elif caption is not None:
            outer = _block("figure", attrib)
            holder = _block("blockquote", parent=outer)
            outer.append(caption)
        else:
            outer = _block("blockquote", attrib)
            holder = outer
        outer.set("class", " ".join(dict.fromkeys(classes)))
        for el in body:
            bq.remove(el)
            holder.append(el)
        _replace(parent, i, outer)

    def _split_attribution(self, bq: etree.Element) -> etree.Element | None:
        """Detach a last line starting with a dash and return it as ``<figcaption>``."""
        last = bq[-1]
        if last.tag != "p":
            return None
        own_paragraph = len(bq) > 1
        # Text segments of the paragraph: its text, then each child's tail.
        holders: list[tuple[etree.Element, str]] = [(last, "text")]
        holders += [(child, "tail") for child in last]
        for index in range(len(holders) - 1, -1, -1):
            el, attr = holders[index]
            segment = getattr(el, attr) or ""
            cut = segment.rfind("\n")
            if cut < 0 and not (index == 0 and own_paragraph):
                continue
            after = segment[cut + 1 :]
            start = self._dash_length(after)
            if start is None:
                return None
            caption = _block("figcaption", {"class": _ATTRIBUTION})
            caption.text = "— "
            cite = etree.SubElement(caption, "cite")
            cite.text = after[start:]
            moved = list(last)[index:]
            for child in moved:
                last.remove(child)
                cite.append(child)
            if cut < 0:
                bq.remove(last)
            else:
                setattr(el, attr, segment[:cut].rstrip() or None)
                if _is_empty(last):
                    bq.remove(last)
            cite_text = "".join(cite.itertext()).strip()
            return caption if cite_text else None
        return None

    def _dash_length(self, text: str) -> int | None:
        """Length of a leading attribution dash (``—``, ``--`` or a smarty dash), else None."""
        m = _DASH_START.match(text)
        if m is None:
            return None
        if m.group(2) is not None:
            stashed = html.unescape(self._stashed_text(int(m.group(2)))).strip()
            if stashed not in _DASHES:
                return None
        return m.end()

    def _repeats_article(self, quote: etree.Element) -> bool:
        """Whether every sentence of the quote also appears elsewhere in the readable page.

        The page text still contains the quote itself, so each fragment must occur twice;
        pull-quotes already hidden are left out, so of two identical ones one stays readable.
        """
        page = words(self._readable_text(self.root))
        raw = self._readable_text(quote)
        fragments = [words(f) for f in _FRAGMENT_SPLIT.split(raw)]
        fragments = [f for f in fragments if len(f) >= 12 or f.count(" ") >= 1]
        if not fragments:
            whole = words(raw)
            fragments = [whole] if whole else []
        return bool(fragments) and all(_occurrences(f, page) >= 2 for f in fragments)

    def _readable_text(self, el: etree.Element) -> str:
        """The page's prose: stashed HTML resolved; hidden elements and code blocks skipped.

        Code is left out so that a page showing a pull-quote's source next to it (like the
        documentation does) does not count as repeating it.
        """
        return util.HTML_PLACEHOLDER_RE.sub(
            lambda m: " " + _prose(self._stashed(m)) + " ",
            "".join(_texts(el)).replace(util.AMP_SUBSTITUTE, "&"),
        )

    def _stashed(self, m: re.Match[str]) -> str:
        """The raw HTML a placeholder stands for."""
        return self._stashed_text(int(m.group(1)))

    def _stashed_text(self, index: int) -> str:
        """Stashed HTML by index, as a string (elements are serialised)."""
        blocks = self.md.htmlStash.rawHtmlBlocks
        if not 0 <= index < len(blocks):
            return ""
        block = blocks[index]
        return block if isinstance(block, str) else etree.tostring(block, encoding="unicode")

    # -- callouts --------------------------------------------------------------------------

    def _callout(self, parent: etree.Element, i: int) -> bool:
        """``> Note: text`` → ``<div class="admonition note">`` with a title paragraph."""
        bq = parent[i]
        if not len(bq) or bq[0].tag != "p" or (bq.text or "").strip():
            return False
        first = bq[0]
        kind = self._strip_callout_title(first)
        if kind is None:
            return False
        admonition, shown = CALLOUT_KINDS[kind]
        div = _block("div", {"class": f"admonition {admonition} mindset-callout"})
        title = _block("p", {"class": "admonition-title"}, parent=div)
        title.text = shown
        if _is_empty(first):
            bq.remove(first)
        for el in list(bq):
            bq.remove(el)
            div.append(el)
        _replace(parent, i, div)
        return True

    @staticmethod
    def _strip_callout_title(p: etree.Element, *, strip: bool = True) -> str | None:
        """Return the callout kind and remove ``Note:`` (plain or bold) from the paragraph."""
        text = p.text or ""
        if text.strip():
            m = _CALLOUT_PREFIX.match(text)
            if m is None or m.group(1).lower() not in CALLOUT_KINDS:
                return None
            if strip:
                p.text = text[m.end() :] or None
            return m.group(1).lower()
        if not len(p) or p[0].tag not in ("strong", "b") or len(p[0]):
            return None
        bold = p[0]
        m = _BOLD_TITLE.fullmatch(bold.text or "")
        tail = bold.tail or ""
        if m is None or m.group(1).lower() not in CALLOUT_KINDS:
            return None
        if not m.group(2):
            if not tail.lstrip().startswith(":"):
                return None
            tail = tail.lstrip()[1:]
        if strip:
            p.text = (text + tail.lstrip()) or None
            p.remove(bold)
        return m.group(1).lower()

    # -- embeds ----------------------------------------------------------------------------

    def _embed(self, parent: etree.Element, i: int) -> bool:
        """``> youtube: URL`` / ``> twitter: URL`` → a video frame or a link card."""
        bq = parent[i]
        if len(bq) != 1 or bq[0].tag != "p" or (bq.text or "").strip():
            return False
        p = bq[0]
        m = _EMBED_LINE.fullmatch(html.unescape(self._readable_text(p)))
        if m is None:
            return False
        kind, url = m.group(1).lower(), m.group(2)
        label = " ".join(m.group(3).split()).strip(_LABEL_QUOTES)
        link = p.find("a")
        if link is not None and link.get("href"):
            url = link.get("href", url)
        figure: etree.Element | None
        if kind == "youtube":
            video = parse_youtube_url(url)
            figure = _youtube_figure(*video, label) if video else None
        else:
            tweet = parse_tweet_url(url)
            figure = _tweet_figure(*tweet, label) if tweet else None
        if figure is None:
            where = f"mindset: {self.ext.page_name}: " if self.ext.page_name else "mindset: "
            log.warning(
                f"{where}'{kind}:' blockquote kept as a quote: {url!r} is not "
                + (
                    "an https YouTube video URL (youtu.be/ID or youtube.com/watch?v=ID)"
                    if kind == "youtube"
                    else "an https twitter.com or x.com status URL"
                )
            )
            return False
        _replace(parent, i, figure)
        return True


# -- pure helpers ------------------------------------------------------------------------------


def _plain_https(url: str) -> SplitResult | None:
    """The parts of an https URL with no credentials and no port; anything else is refused."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme != "https" or parts.username or parts.password or port is not None:
        return None
    return parts


def parse_youtube_url(url: str) -> tuple[str, int | None] | None:
    """Video id and start second of an https YouTube URL, or None when it is not one."""
    parts = _plain_https(url)
    if parts is None:
        return None
    host = (parts.hostname or "").lower()
    query = parse_qs(parts.query)
    segments = [s for s in parts.path.split("/") if s]
    video = ""
    if host == "youtu.be" and len(segments) == 1:
        video = segments[0]
    elif host in _YOUTUBE_HOSTS:
        if segments == ["watch"]:
            video = query.get("v", [""])[0]
        elif len(segments) == 2 and segments[0] in ("embed", "shorts", "live", "v"):
            video = segments[1]
    if not YOUTUBE_ID.fullmatch(video):
        return None
    stamp = (query.get("t") or query.get("start") or [""])[0]
    return video, _seconds(stamp)


def parse_tweet_url(url: str) -> tuple[str, str, str] | None:
    """Host, account and status id of an https twitter.com / x.com post URL, else None."""
    parts = _plain_https(url)
    if parts is None:
        return None
    host = (parts.hostname or "").lower()
    m = _TWEET_PATH.fullmatch(parts.path)
    if host not in _TWITTER_HOSTS or m is None:
        return None
    return host.removeprefix("www.").removeprefix("mobile."), m.group(1), m.group(2)


def _seconds(stamp: str) -> int | None:
    """``90``, ``90s`` or ``1m30s`` as seconds; None when absent, zero or malformed."""
    m = _TIMESTAMP.fullmatch(stamp) if stamp else None
    if m is None:
        return None
    hours, minutes, seconds = (int(g) if g else 0 for g in m.groups())
    total = hours * 3600 + minutes * 60 + seconds
    return total or None


def _youtube_figure(video: str, start: int | None, label: str) -> etree.Element:
    """A lazy, responsive youtube-nocookie frame with a plain link to the video."""
    figure = _block("figure", {"class": "mindset-embed mindset-embed--youtube"})
    frame = _block("div", {"class": "mindset-embed__frame"}, parent=figure)
    src = f"https://www.youtube-nocookie.com/embed/{video}"
    watch = f"https://www.youtube.com/watch?v={video}"
    if start:
        src += f"?start={start}"
        watch += f"&t={start}s"
    title = f"YouTube video: {label}" if label else f"YouTube video {video}"
    etree.SubElement(
        frame,
        "iframe",
        {
            "src": src,
            "title": title,
            "loading": "lazy",
            "allow": "accelerometer; clipboard-write; encrypted-media; gyroscope; "
            "picture-in-picture; web-share",
            "referrerpolicy": "strict-origin-when-cross-origin",
            "allowfullscreen": "allowfullscreen",
        },
    )
    caption = _block("figcaption", {"class": "mindset-embed__caption"}, parent=figure)
    caption.text = None
    link = etree.SubElement(caption, "a", {"href": watch})
    link.text = f"Watch “{label}” on YouTube" if label else "Watch on YouTube"
    return figure


def _tweet_figure(host: str, account: str, status: str, label: str) -> etree.Element:
    """A link card to the post: no third-party script, nothing loaded from the network."""
    figure = _block("figure", {"class": "mindset-embed mindset-embed--twitter"})
    card = etree.SubElement(
        figure, "a", {"class": "mindset-tweet", "href": f"https://{host}/{account}/status/{status}"}
    )
    site = etree.SubElement(card, "span", {"class": "mindset-tweet__site"})
    site.text = "Post on X" if host == "x.com" else "Post on X (Twitter)"
    author = etree.SubElement(card, "span", {"class": "mindset-tweet__author"})
    author.text = f"@{account}"
    text = etree.SubElement(card, "span", {"class": "mindset-tweet__text"})
    text.text = label or f"View the post on {host}"
    return figure


def _texts(el: etree.Element) -> Iterator[str]:
    """All text under an element, skipping code blocks and subtrees hidden from readers."""
    if el.get("aria-hidden") == "true" or el.tag == "pre":
        return
    yield el.text or ""
    for child in el:
        yield from _texts(child)
        yield " " if child.tag in ("p", "li", "br", "div", "blockquote") else ""
        yield child.tail or ""


def _occurrences(words: str, text: str) -> int:
    """How often a run of whole words occurs in normalised text."""
    return len(re.findall(r"(?<!\S)" + re.escape(words) + r"(?!\S)", text))


def _prose(markup: str) -> str:
    """Rough text of stashed HTML, for comparing words; highlighted code counts as none."""
    if re.search(r"<pre[\s>]", markup):
        return ""
    return re.sub(r"<!--.*?-->|<[^>]*>", " ", markup, flags=re.DOTALL)


def _block(
    tag: str, attrib: dict[str, str] | None = None, *, parent: etree.Element | None = None
) -> etree.Element:
    """A new block element on its own line, like the ones Python-Markdown writes."""
    el = etree.Element(tag, attrib or {})
    if parent is not None:
        parent.append(el)
    el.text = el.tail = "\n"
    return el


def _is_empty(el: etree.Element) -> bool:
    """No children and no visible text."""
    return not len(el) and not (el.text or "").strip()


def _replace(parent: etree.Element, i: int, new: etree.Element) -> None:
    """Put ``new`` where ``parent[i]`` was, keeping the old element's tail."""
    new.tail = parent[i].tail
    parent[i] = new


def makeExtension(**kwargs: Any) -> QuotesExtension:
    """Entry point for ``markdown_extensions: [mkdocs_mindset.quotes]``."""
    return QuotesExtension(**kwargs)
