"""Keep `search_exclude: true` posts out of the search index MkDocs (or Material) wrote.

Material's search honours `search: {exclude: true}` in `page.meta`, which the plugin sets.
MkDocs' built-in search has no per-page switch, so its written index is filtered once after the
build. With `prebuild_index`, the index also holds a prebuilt lunr index of every page; it
cannot be edited, so it is dropped and MkDocs' search worker builds one from the kept pages in
the browser (what it does whenever no prebuilt index is there).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable

from mkdocs.utils import write_file

INDEX = os.path.join("search", "search_index.json")


def honours_page_exclude(search_plugin: object | None) -> bool:
    """Whether the search plugin itself skips pages with `search: {exclude: true}` (Material's)."""
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
    index.pop("index", None)  # a prebuilt lunr index would still find the dropped pages
    text = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    write_file(text.encode("utf-8"), path)
    return len(docs) - len(kept)
