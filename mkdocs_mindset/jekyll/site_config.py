"""The Jekyll site's `_config.yml`: the settings that decide where posts land and what they say.

A migrated blog's permalink, time zone and front matter defaults live in its `_config.yml`, often
under `defaults:` rather than at the top. Pointing the plugin at that file (`jekyll_config`)
applies them as Jekyll does, instead of asking the user to copy them by hand. Pure: text in,
values out; the plugin decides which of its own options win.
"""

from __future__ import annotations

import fnmatch
import posixpath
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from .front_matter import Loader

__all__ = ["Default", "JekyllConfig", "SiteConfigError", "parse_site_config"]


class SiteConfigError(ValueError):
    """The file cannot be used at all; the message says why."""


@dataclass(frozen=True)
class Default:
    """One `defaults:` entry: front matter `values` for the files its scope matches."""

    path: str
    """Jekyll path prefix the scope matches (`""` matches every file)."""
    type: str | None
    """`posts`, `pages`, a collection, or None for any."""
    values: Mapping[str, Any]

    def matches(self, src_path: str, *, is_post: bool) -> bool:
        """Jekyll's scope rule: the path is a prefix of the file's path, the type is the file's."""
        if self.type is not None and self.type != ("posts" if is_post else "pages"):
            return False
        if not self.path:
            return True
        scope = self.path.strip("/")
        return src_path == scope or src_path.startswith(scope + "/")


@dataclass(frozen=True)
class JekyllConfig:
    """What the plugin takes from `_config.yml`; None where the file says nothing."""

    permalink: str | None = None
    timezone: str | None = None
    future: bool | None = None
    defaults: tuple[Default, ...] = ()
    exclude: tuple[str, ...] = ()
    """`exclude:` paths and globs, relative to the site's folder (for the plugin: `docs/`)."""
    site: Mapping[str, Any] = field(default_factory=dict)
    """Every top-level value, for Liquid's `site.*`."""
    problems: tuple[str, ...] = ()
    """Values that could not be used, each naming its key."""

    @property
    def markdown_input(self) -> str:
        """kramdown's parser, lowercased: `gfm` (Jekyll's default) unless `kramdown: input:`
        names another (`kramdown`)."""
        settings = self.site.get("kramdown")
        value = settings.get("input") if isinstance(settings, Mapping) else None
        return str(value).lower() if value else "gfm"

    def front_matter_defaults(self, src_path: str, *, is_post: bool) -> dict[str, Any]:
        """The `defaults:` values for one file, later scopes winning, as in Jekyll."""
        merged: dict[str, Any] = {}
        for default in self.defaults:
            if default.matches(src_path, is_post=is_post):
                merged.update(default.values)
        return merged

    def excludes(self, src_path: str) -> bool:
        """Jekyll's test: the path matches a pattern (`*` crossing folders) or starts with it."""
        return any(
            fnmatch.fnmatchcase(src_path, pattern) or src_path.startswith(pattern)
            for pattern in self.exclude
        )


def parse_site_config(text: str) -> JekyllConfig:
    """Read `_config.yml`'s text; values of the wrong type are problems, not failures."""
    try:
        data = yaml.load(text, Loader=Loader) or {}
    except yaml.YAMLError as exc:
        raise SiteConfigError(f"not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise SiteConfigError("not a mapping of settings")
    problems: list[str] = []

    def text_of(key: str) -> str | None:
        value = data.get(key)
        if value is None or isinstance(value, str):
            return value
        problems.append(f"'{key}': expected text, got {type(value).__name__}; ignored")
        return None

    future = data.get("future")
    if future is not None and not isinstance(future, bool):
        problems.append(f"'future': expected true or false, got {future!r}; ignored")
        future = None
    exclude = data.get("exclude")
    if exclude is not None and not (
        isinstance(exclude, list) and all(isinstance(entry, str) for entry in exclude)
    ):
        problems.append("'exclude': expected a list of paths; ignored")
        exclude = None
    return JekyllConfig(
        permalink=text_of("permalink"),
        timezone=text_of("timezone"),
        future=future,
        defaults=tuple(_defaults(data.get("defaults"), problems)),
        exclude=tuple(entry.lstrip("/") for entry in exclude or () if entry.lstrip("/")),
        site={str(k): v for k, v in data.items()},
        problems=tuple(problems),
    )


def _defaults(value: object, problems: list[str]) -> list[Default]:
    if value is None:
        return []
    if not isinstance(value, list):
        problems.append("'defaults': expected a list of {scope, values}; ignored")
        return []
    found = []
    for index, entry in enumerate(value):
        scope = entry.get("scope") if isinstance(entry, dict) else None
        values = entry.get("values") if isinstance(entry, dict) else None
        if not isinstance(scope, dict) or not isinstance(values, dict):
            problems.append(f"'defaults' entry {index + 1}: expected scope and values; ignored")
            continue
        path, kind = scope.get("path", ""), scope.get("type")
        if not isinstance(path, str) or (kind is not None and not isinstance(kind, str)):
            problems.append(
                f"'defaults' entry {index + 1}: scope path and type must be text; ignored"
            )
            continue
        if "*" in path:
            problems.append(
                f"'defaults' entry {index + 1}: glob scope {path!r} is not supported; ignored"
            )
            continue
        found.append(Default(posixpath.normpath(path) if path else "", kind, dict(values)))
    return found
