"""The Liquid that real Jekyll and fastpages posts use, rendered to Markdown before MkDocs reads it.

Posts copied unchanged from Jekyll hold `{% post_url %}` links, fastpages includes, `{% raw %}`
blocks and `{{ site.baseurl }}`; without this module they reach the page as raw `{% ... %}` text.
Only that subset is rendered. Anything else (`for`, `if`, `assign`, custom tags) is left exactly as
written and reported, so nothing is lost silently.

Pure: text and a `LiquidContext` in, Markdown and problems out; no MkDocs imports. The plugin
builds one `LiquidSite` per build (link targets and site values) and asks it once per page, so a
page costs time in proportion to its own length, never to the number of posts.

Links to this site are written so that they work from the page and under any base path:

- as a Markdown link destination (`[x]({% post_url a %})`), the link points at the target's
  *source file* (`2021-12-13-a.md`), which MkDocs itself turns into a relative URL and checks;
- anywhere else (raw HTML, text, code), it is a URL relative to the page (`../../2021/12/13/a/`).

Every inserted value is escaped for the place it lands in: link destination, HTML attribute,
text or code. URLs taken from front matter or include parameters must be http(s), mailto or
relative: a `javascript:` URL never becomes a live link.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .context import (
    LiquidContext,
    SiteIndex,
    page_values,
    post_names,
    post_page_values,
    site_values,
)
from .jekyll_tags import JekyllRenderer

__all__ = [
    "LiquidContext",
    "LiquidSite",
    "SiteIndex",
    "has_liquid",
    "page_values",
    "post_names",
    "post_page_values",
    "render",
    "site_values",
]


def has_liquid(text: str) -> bool:
    """Whether `text` holds any Liquid markup at all: most pages do not, and skip everything."""
    return "{%" in text or "{{" in text


def render(text: str, ctx: LiquidContext) -> tuple[str, list[str]]:
    """Render the supported Liquid in `text`; return Markdown and the problems found.

    Each problem names the line and the tag. Nothing here raises on bad input: unsupported
    tags stay as written, unknown link targets become `#`, unknown variables render empty.
    """
    if not has_liquid(text):
        return text, []
    return JekyllRenderer(text, ctx).run()


@dataclass(frozen=True)
class LiquidSite:
    """What every page of a build shares: made once per build, asked once per page."""

    index: SiteIndex
    site: Mapping[str, object]

    @classmethod
    def build(
        cls,
        config: Mapping[str, Any],
        posts: Iterable[str],
        files: Iterable[tuple[str, str]],
        jekyll_site: Mapping[str, Any] | None = None,
    ) -> LiquidSite:
        """`posts`: published posts' source paths; `files`: (source path, URL) of every file.

        `jekyll_site` (the Jekyll `_config.yml`) gives `site.*` values MkDocs has no word for;
        where both say something (`url`, `title`), the MkDocs configuration of the new site wins.
        """
        site = {**(jekyll_site or {}), **site_values(config)}
        return cls(SiteIndex.build(posts, files), site)

    def render(
        self, text: str, *, src_uri: str, page_url: str, page: Mapping[str, object]
    ) -> tuple[str, list[str]]:
        """Render one page's Markdown; see `render`."""
        return render(text, LiquidContext(src_uri, page_url, self.index, self.site, page))
