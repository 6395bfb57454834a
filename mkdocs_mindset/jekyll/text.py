"""Reading Markdown source as text, before any Markdown library sees it.

The Jekyll layer needs a few facts about a post's source (where fenced code is, which words a
title has) without rendering it; each is worked out here, once, for every module that needs it.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterator

__all__ = ["fenced_code", "lines_outside_code", "same_words", "words"]

# A fence may sit inside a blockquote (`> ```), as kramdown and Python-Markdown allow.
_FENCE_OPEN = re.compile(r"[ \t>]*(`{3,}|~{3,})(.*)")
_FENCE_CLOSE = re.compile(r"[ \t>]*(`{3,}|~{3,})[ \t]*\r?")
_NON_WORD = re.compile(r"[\W_]+")


def _lines(text: str) -> Iterator[tuple[int, str, str]]:
    """(offset, line, role) for each line; role is `open`, `close`, `code` or `text`."""
    pos = 0
    fence = ""
    for line in text.split("\n"):
        if not fence:
            m = _FENCE_OPEN.match(line)
            if m and not (m.group(1)[0] == "`" and "`" in m.group(2)):
                fence = m.group(1)
                yield pos, line, "open"
            else:
                yield pos, line, "text"
        else:
            m = _FENCE_CLOSE.fullmatch(line)
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = ""
                yield pos, line, "close"
            else:
                yield pos, line, "code"
        pos += len(line) + 1


def fenced_code(text: str) -> tuple[list[int], list[int]]:
    """Start and end offsets of fenced code block bodies (``` and ~~~), in order."""
    starts: list[int] = []
    ends: list[int] = []
    for pos, line, role in _lines(text):
        if role == "open":
            starts.append(pos + len(line) + 1)
        elif role == "close":
            ends.append(pos)
    if len(ends) < len(starts):
        ends.append(len(text))
    return starts, ends


def lines_outside_code(text: str) -> Iterator[str]:
    """The lines of `text` that are not fenced code (the fence lines themselves left out)."""
    for _, line, role in _lines(text):
        if role == "text":
            yield line


def words(text: str) -> str:
    """Text reduced to its words: entities decoded, case, punctuation and spacing ignored."""
    folded = unicodedata.normalize("NFKC", html.unescape(text)).casefold()
    return _NON_WORD.sub(" ", folded).strip()


def same_words(a: str, b: str) -> bool:
    """Whether two texts say the same words (a repeated title, a subtitle that repeats a lede)."""
    return bool(a) and words(a) == words(b)
