"""Front matter YAML: the loader posts are read with, and a fast path for simple front matter.

PyYAML's C parser is quick, but building Python objects from its events is not, and at 1,000
posts that is most of the YAML time. Nearly all front matter is a handful of `key: value` lines,
so `parse_simple` reads that narrow subset itself and returns exactly what
`yaml.load(text, Loader=Loader)` returns: the types come from PyYAML's own resolver and
constructors, never from rules of our own. Anything else gives None and the caller uses PyYAML.
No MkDocs imports, no I/O.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

__all__ = ["Loader", "parse_simple"]

try:  # The C loader is several times faster on large blogs; fall back when PyYAML lacks it.
    _Base: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Base = yaml.SafeLoader


class Loader(_Base):  # type: ignore[valid-type,misc]
    """Safe loading, except that an impossible date (`2020-13-45`) stays a string.

    PyYAML raises a bare ValueError there; as a string it reaches the date rules, which warn
    naming the key and fall back to the filename date, and the other keys are kept.
    """


def _timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> object:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)

_STR = "tag:yaml.org,2002:str"
# Implicit tags whose value comes from Loader's own constructor; others (merge, value) refuse.
_CONSTRUCTED = frozenset(
    "tag:yaml.org,2002:" + name for name in ("bool", "int", "float", "null", "timestamp")
)
_IMPLICIT = (True, False)  # what the parser passes to resolve() for a plain scalar
# resolve() and the constructors are methods; this instance only lends them `self`.
_LOADER = Loader("")

# Printable to YAML and not a line break: no tab, CR, NEL, LS, PS, BOM or control character.
_SIMPLE_TEXT = re.compile(
    "[\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]*"
)
_ENTRY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?: +(.*))?")
_ITEM = re.compile(r"( *)- ([^ ].*)")
_DOUBLE = re.compile(r'"([^"\\]*)"')
_SINGLE = re.compile(r"'((?:[^']|'')*)'")
_EMPTY_FLOW = re.compile(r"\[ *\]")
# One flow sequence item and what follows it. Plain items hold no flow or comment indicator,
# no quote and no `?` (libyaml takes `[a?]`, PyYAML's pure-Python scanner rejects it).
_FLOW_ITEM = re.compile(
    r""" *(?:"([^"\\]*)"|'((?:[^']|'')*)'|([^ ,\[\]{}#:?"'][^,\[\]{}#:?"']*?)) *(,|\]\Z)"""
)
# Characters YAML gives a meaning at the start of a plain scalar.
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_NUMBER_STARTS = frozenset("0123456789.")  # what may follow a leading `-` (`-1`, `-.inf`)


class _NotSimple(Exception):
    """The text is outside the subset; PyYAML must decide."""


def parse_simple(yaml_text: str) -> dict[str, Any] | None:
    """PyYAML's result for simple front matter, or None when the text is not that simple.

    The subset: one `key: value` per line at column 0, a key of letters, digits, `_` and `-`
    that PyYAML reads as a string, no repeated key, blank lines anywhere. A value is empty
    (None), a double-quoted string without backslashes, a single-quoted string, a one-line
    plain scalar, a one-line flow sequence `[a, "b c"]` of quoted or plain scalars, or (after an
    empty value) a block sequence of `- scalar` lines at one indentation. Plain scalars may not
    start with an indicator (a `-` only before a digit or `.`) nor hold `: `, ` #` or a final
    `:`; no tabs, CRs or control characters anywhere.
    """
    if not _SIMPLE_TEXT.fullmatch(yaml_text):
        if "\r" not in yaml_text:
            return None
        yaml_text = yaml_text.replace("\r\n", "\n")  # the same line breaks to YAML
        if not _SIMPLE_TEXT.fullmatch(yaml_text):
            return None
    data: dict[str, Any] = {}
    open_key: str | None = None  # the key an empty value left waiting for `- item` lines
    items: list[Any] | None = None
    indent = ""
    try:
        for raw in yaml_text.split("\n"):
            line = raw.rstrip(" ")
            if not line:
                open_key = None  # a sequence ends at a blank line; `- x` after it refuses
                continue
            entry = _ENTRY.fullmatch(line)
            if entry is not None:
                key, value = entry.groups()
                if key in data or _tag(key) != _STR:
                    return None
                if value is None:
                    data[key] = None
                    open_key, items = key, None
                else:
                    data[key] = _flow(value) if value[0] == "[" else _scalar(value)
                    open_key = None
                continue
            item = _ITEM.fullmatch(line)
            if item is None or open_key is None:
                return None
            if items is None:
                items, indent = [], item.group(1)
                data[open_key] = items
            elif item.group(1) != indent:
                return None
            items.append(_scalar(item.group(2)))
    except _NotSimple:
        return None
    return data or None  # empty text is None to PyYAML, not {}


def _scalar(text: str) -> Any:
    """A quoted or plain scalar filling the rest of a line (trailing spaces already gone)."""
    first = text[0]
    if first == '"':
        match = _DOUBLE.fullmatch(text)
        if match is None:
            raise _NotSimple
        return match.group(1)
    if first == "'":
        match = _SINGLE.fullmatch(text)
        if match is None:
            raise _NotSimple
        return match.group(1).replace("''", "'")
    if ": " in text or " #" in text or text[-1] == ":":
        raise _NotSimple  # a nested mapping, a comment or an error to YAML
    return _plain(text)


def _flow(text: str) -> list[Any]:
    """A one-line flow sequence of scalars: `[]`, `[a, b]`, `["a, b", 'c']`."""
    if _EMPTY_FLOW.fullmatch(text):
        return []
    items: list[Any] = []
    pos = 1
    while True:
        match = _FLOW_ITEM.match(text, pos)
        if match is None:
            raise _NotSimple
        double, single, plain, end = match.groups()
        if double is not None:
            items.append(double)
        elif single is not None:
            items.append(single.replace("''", "'"))
        else:
            items.append(_plain(plain))
        if end == "]":
            return items
        pos = match.end()


def _plain(text: str) -> Any:
    """A plain scalar's value, typed as PyYAML types it."""
    first = text[0]
    if first in _INDICATORS and not (first == "-" and text[1:2] in _NUMBER_STARTS):
        raise _NotSimple
    tag = _tag(text)
    if tag == _STR:
        return text  # construct_yaml_str returns the scalar as it is
    if tag not in _CONSTRUCTED:
        raise _NotSimple
    try:
        return Loader.yaml_constructors[tag](_LOADER, yaml.ScalarNode(tag, text))
    except (ValueError, OverflowError, yaml.YAMLError):
        raise _NotSimple from None  # PyYAML reports it; let it


def _tag(text: str) -> str:
    """The tag PyYAML's resolver gives a plain scalar.

    Same as `Loader.resolve(ScalarNode, text, (True, False))`, which returns the str tag at once
    when no implicit or path resolver applies; that shortcut is most keys and words.
    """
    resolvers = Loader.yaml_implicit_resolvers
    if text[0] in resolvers or None in resolvers or Loader.yaml_path_resolvers:
        return str(_LOADER.resolve(yaml.ScalarNode, text, _IMPLICIT))
    return _STR
