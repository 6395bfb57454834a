"""Jekyll's excerpt: the first block of a post's Markdown, as written (not yet rendered).

Jekyll cuts the excerpt at `excerpt_separator` (a blank line by default). Headings, kramdown
attribute lines and blocks with no prose (code, tables, images, Liquid tags) are skipped, so
the excerpt is the first paragraph a reader would read. Link reference definitions are kept
aside, as Jekyll appends them to the excerpt, so `[text][name]` links still resolve.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["blocks", "first_block", "link_references", "truncate_words"]

_ATX = re.compile(r"^\s{0,3}#{1,6}(?:\s|$)")
_SETEXT_UNDERLINE = re.compile(r"^\s{0,3}(?:=+|-+)\s*$")
_KRAMDOWN_IAL = re.compile(r"^\s*\{:.*\}\s*$")
_LINK_REFERENCE = re.compile(
    r"^ {0,3}\[(?!\^)[^\]]+\]:[ \t]*\S+(?:[ \t]+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?[ \t]*$", re.M
)
# Blocks that never describe a post: code, tables, rules, images, comments, Liquid tags.
_NOT_PROSE = ("```", "~~~", "{%", "<!--", "![", "[![", "|", "***", "___")
_TOC = frozenset({"{:toc}", "{: toc}", "{:.toc}"})


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


def blocks(body: str, separator: str = "\n\n") -> Iterator[str]:
    """Candidate excerpt blocks in order, headings and blocks without prose skipped."""
    for block in body.replace("\r\n", "\n").split(separator or "\n\n"):
        raw = block.strip("\n").splitlines()
        if any(line.strip() in _TOC for line in raw):
            continue  # kramdown's generated table of contents
        lines = _without_headings(raw)
        first = next((line for line in lines if line.strip()), "")
        if not first or first.lstrip().startswith(_NOT_PROSE) or first.startswith("    "):
            continue
        yield "\n".join(lines).strip("\n")


def first_block(body: str, separator: str = "\n\n") -> str:
    """Jekyll's excerpt, skipping headings and blocks without prose: Markdown as written."""
    return next(blocks(body, separator), "")


def link_references(body: str) -> str:
    """Every `[name]: url "title"` line of the body, to append to an excerpt block."""
    return "\n".join(m.group(0) for m in _LINK_REFERENCE.finditer(body))
