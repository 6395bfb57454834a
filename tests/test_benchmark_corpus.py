"""The benchmark's baselines build what they claim to: the same posts, at the URLs they name.

`bare-urls` (bare MkDocs with each post where the plugin's URL puts it) is only a fair
baseline if the plugin really writes those posts there: a change to the plugin's URLs or to
the generator would otherwise make the benchmark compare different sites.
"""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import build_site

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from generate import make_posts, write_corpora


def _post_pages(site_dir: Path) -> set[str]:
    """Every page's folder, relative to the site (listings and the home page included)."""
    return {str(p.parent.relative_to(site_dir)) for p in site_dir.rglob("index.html")}


def test_bare_urls_puts_every_post_where_the_plugin_does(tmp_path: Path) -> None:
    corpora = write_corpora(tmp_path, 40, ("bare", "bare-urls", "mindset"))
    bare = build_site(corpora["bare-urls"].config_file)
    plugin = build_site(corpora["mindset"].config_file)
    bare_pages, plugin_pages = _post_pages(bare.site_dir), _post_pages(plugin.site_dir)
    assert len(bare_pages) == 41  # the 40 posts and the home page
    assert bare_pages <= plugin_pages
    # What only the plugin writes is its own pages: listings, never a post.
    extra = {page.split("/")[0] for page in plugin_pages - bare_pages}
    assert extra == {"blog", "categories", "tags"}


def test_newest_post_is_the_same_post_for_every_builder(tmp_path: Path) -> None:
    corpora = write_corpora(tmp_path, 25, ("bare", "bare-urls", "mindset"))
    newest = max(make_posts(25), key=lambda post: post.filename)
    for corpus in corpora.values():
        assert corpus.newest.name in {newest.filename, f"{newest.slug}.md"}
        assert f'title: "{newest.title}"' in corpus.newest.read_text(encoding="utf-8")
