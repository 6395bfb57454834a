"""Keep `search_exclude: true` posts out of the search index MkDocs (or Material) wrote.

MkDocs' built-in search has no per-page switch, so the written index is filtered once after
the build; Material's search also honours `search: {exclude: true}`, which the plugin sets.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable

INDEX = os.path.join("search", "search_index.json")


def honours_page_exclude(search_plugin: object | None) -> bool:
    """Whether the search plugin itself skips pages with `search: {exclude: true}` (Material's).

    Then the written index needs no second pass, which at thousands of posts means reading
    and parsing megabytes of JSON only to find nothing to drop.
    """
    return search_plugin is not None and type(search_plugin).__module__.startswith("material.")


def _page_of(location: str) -> str:
    return location.split("#", 1)[0]


def drop_pages(site_dir: str, urls: Iterable[str]) -> int:
    """Remove every entry (page and its sections) located at one of `urls`; returns the count."""
    excluded = {u.lstrip("/") for u in urls}
    path = os.path.join(site_dir, INDEX)
    if not excluded or not os.path.isfile(path):
        return 0
    with open(path, encoding="utf-8") as handle:
        index = json.load(handle)
    docs = index.get("docs", [])
    kept = [d for d in docs if _page_of(str(d.get("location", ""))) not in excluded]
    if len(kept) == len(docs):
        return 0
    index["docs"] = kept
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(index, handle, ensure_ascii=False, separators=(",", ":"))
    return len(docs) - len(kept)
