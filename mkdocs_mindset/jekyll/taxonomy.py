"""Categories and tags: grouping posts under names, choosing slugs, settling collisions.

Pure. Rules (JEKYLL.md): names equal ignoring case are one group, shown with the most used
spelling (ties: the spelling that sorts first); different names whose slugs collide (`C++`,
`C#`) stay apart, the one whose name sorts first keeps the slug and the others get `-2`, `-3`,
in name order; an empty slug (`🚀`) falls back to the kind's singular (`category`, `tag`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from .permalinks import NAME_BYTES, fit_name
from .posts import Post
from .slugs import slugify

_RESERVED = frozenset({"index"})
_SINGULAR = {"categories": "category", "tags": "tag"}


@dataclass
class Group:
    """One category or tag page: its shown name, its slug and its listed posts, newest first."""

    name: str
    slug: str
    posts: list[Post] = field(default_factory=list)
    url: str = ""
    """Site-relative URL of the group's page, once the site has given it one."""


@dataclass
class Taxonomy:
    kind: str
    groups: list[Group]
    """Sorted by name, ignoring case."""
    by_key: dict[str, Group]
    """Case-folded name -> group, for linking a post's own spellings."""
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def groups_of(self, names: Iterable[str]) -> list[Group]:
        """A post's groups in the post's own order (names without a page are left out)."""
        found: list[Group] = []
        for name in names:
            group = self.by_key.get(name.casefold())
            if group is not None and group not in found:
                found.append(group)
        return found


def newest_first(posts: Iterable[Post]) -> list[Post]:
    return sorted(posts, key=lambda p: (p.date, p.src_uri), reverse=True)


def build_taxonomy(
    kind: str, posts: Iterable[Post], names_of: Callable[[Post], Sequence[str]]
) -> Taxonomy:
    """Group listed posts by name. Each post is visited once; sorting is per group."""
    members: dict[str, list[Post]] = defaultdict(list)
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for post in posts:
        if not post.listed:
            continue
        keys: set[str] = set()
        for name in names_of(post):
            key = name.casefold()
            spellings[key][name] += 1
            if key not in keys:  # `Go` and `go` in one post are one group: list the post once
                keys.add(key)
                members[key].append(post)

    notes: list[str] = []
    groups: list[Group] = []
    for key, counts in spellings.items():
        ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        name = ranked[0][0]
        if len(counts) > 1:
            others = ", ".join(repr(s) for s, _ in ranked[1:])
            notes.append(f"{kind}: {others} merged into {name!r} (names equal ignoring case)")
        groups.append(Group(name, "", newest_first(members[key])))
    groups.sort(key=lambda g: (g.name.casefold(), g.name))

    warnings = _assign_slugs(kind, groups)
    return Taxonomy(kind, groups, {g.name.casefold(): g for g in groups}, warnings, notes)


def _assign_slugs(kind: str, groups: list[Group]) -> list[str]:
    """Give every group a distinct slug; `groups` is already in name order, so this is stable."""
    warnings: list[str] = []
    fallback = _SINGULAR.get(kind, "item")
    by_slug: dict[str, list[Group]] = defaultdict(list)
    for group in groups:
        # Room for `-2` and `.md` within a file name: a slug names the page's folder.
        base = fit_name(slugify(group.name), NAME_BYTES - 20).rstrip("-")
        if not base:
            warnings.append(
                f"{kind}: {group.name!r} has no letters or digits for a URL; "
                f"its page is '{fallback}' (or a numbered variant)"
            )
            base = fallback
        by_slug[base].append(group)

    taken = set(by_slug) - _RESERVED
    for base, sharing in by_slug.items():
        start = 2 if base in _RESERVED else 1
        for index, group in enumerate(sharing, start=start):
            if index == 1:
                group.slug = base
                continue
            number = index
            while f"{base}-{number}" in taken:
                number += 1
            group.slug = f"{base}-{number}"
            taken.add(group.slug)
        if len(sharing) > 1:
            listed = ", ".join(f"{g.name!r} -> {g.slug}" for g in sharing)
            warnings.append(f"{kind}: names share the URL slug {base!r}; kept apart as {listed}")
    return warnings
