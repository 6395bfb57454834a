"""Front matter: the `---` block at the top of a post, read with PyYAML as Jekyll reads it.

PyYAML does the parsing; the only rule of our own is that an impossible timestamp stays a
string (Jekyll warns about the date, not about the whole front matter). No I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

__all__ = ["FrontMatter", "Loader", "split_front_matter"]

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


# Same shape MkDocs accepts: `---` line, YAML, then a `---` or `...` line.
_BLOCK = re.compile(r"\A-{3}[ \t]*\r?\n(.*?\r?\n)??(?:-{3}|\.{3})[ \t]*(?:\r?\n|\Z)", re.S)
# An opening `---` line followed by `key:` lines: front matter, even when it is never closed.
_UNCLOSED = re.compile(r"\A-{3}[ \t]*\r?\n[A-Za-z_][\w-]*:")


@dataclass(frozen=True)
class FrontMatter:
    """A file split into its front matter and body, and what was wrong with the YAML."""

    data: dict[str, Any]
    body: str
    block: str = ""
    """The `---` block exactly as written (empty when the file has none)."""
    error: str | None = None


def split_front_matter(text: str) -> FrontMatter:
    """Split `text`; invalid YAML is reported in `error` and dropped, never rendered."""
    text = text.lstrip("\ufeff")
    match = _BLOCK.match(text)
    if not match:
        if _UNCLOSED.match(text):  # its keys must not become the page's text or description
            error = "front matter has no closing '---' line; the whole file was ignored"
            return FrontMatter({}, "", text, error)
        return FrontMatter({}, text)
    block, body = match.group(0), text[match.end() :]
    try:
        data = yaml.load(match.group(1) or "", Loader=Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        problem = getattr(exc, "problem", None)
        what = f": {problem}" if problem else ""
        error = f"front matter is not valid YAML{where}{what}; it was ignored"
        return FrontMatter({}, body, block, error)
    except (ValueError, OverflowError) as exc:  # constructor errors PyYAML does not wrap
        error = f"front matter holds an impossible value ({exc}); it was ignored"
        return FrontMatter({}, body, block, error)
    if data is None:
        return FrontMatter({}, body, block)
    if not isinstance(data, dict):
        error = "front matter is not a mapping of keys to values; it was ignored"
        return FrontMatter({}, body, block, error)
    return FrontMatter({str(k): v for k, v in data.items()}, body, block)
