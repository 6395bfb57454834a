"""Jekyll decides: the same posts land at the same URLs, in the same categories and tags.

Each blog is built twice, by Jekyll 4.3 and by MkDocs with the plugin, and the outputs are
compared: the set of post URLs must be equal, and each category's and tag's posts must be the
same (with names equal ignoring case merged, the one rule where the plugin departs from Jekyll
on purpose: Jekyll gives `Mindset` and `mindset` two lists that land on one URL).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from jekyll_oracle import (
    Blog,
    build_jekyll,
    build_mindset,
    corpus_blog,
    merged_by_case,
    mindset_groups,
    mindset_post_files,
    record,
    require_jekyll,
)

CORPORA = ["jekyll-docs", "fastpages", "geoserver"]


def post(front_matter: str = "", body: str = "Words.\n") -> str:
    return f"---\n{front_matter.strip()}\n---\n{body}" if front_matter else f"---\n---\n{body}"


def compare(name: str, blog: Blog, root: Path, *, groups: bool = True) -> None:
    """Build both ways; URLs must be equal, and categories and tags must hold the same posts."""
    jekyll = build_jekyll(blog, root)
    ours = build_mindset(blog, root)
    expected, found = jekyll.post_files(), mindset_post_files(ours)
    record(name, "URLs", len(expected), len(expected & found))
    assert found == expected, {"only Jekyll": expected - found, "only mindset": found - expected}
    if not groups:
        return
    for kind in ("categories", "tags"):
        theirs = merged_by_case(jekyll.groups(kind))
        mine = merged_by_case(mindset_groups(ours, kind))
        posts = {u for urls in theirs.values() for u in urls}
        wrong = {
            u
            for key in theirs.keys() | mine.keys()
            for u in theirs.get(key, set()) ^ mine.get(key, set())
        }
        record(name, kind, len(posts), len(posts - wrong))
        assert mine == theirs, {
            k: (theirs.get(k), mine.get(k))
            for k in theirs.keys() | mine.keys()
            if theirs.get(k) != mine.get(k)
        }


@pytest.mark.parametrize("name", CORPORA)
def test_corpus_urls_categories_and_tags_equal_jekylls(name: str, tmp_path: Path) -> None:
    require_jekyll()
    compare(name, corpus_blog(name), tmp_path)


# -- our own blogs, one feature each ------------------------------------------------------------

POSTS = {
    "_posts/2020-05-20-first-post.md": post("title: First\ncategories: [Mindset, Deep Work]"),
    "_posts/2021-01-09-a-page-a-day.markdown": post("title: Second\ncategories: notes daily"),
    "_posts/2021-12-31-new-years-eve.md": post("title: Late\ndate: 2021-12-31 23:30:00 -0800"),
    "_posts/2022-02-28-leap.md": post("category: Developer notes\ntags: [Release, python]"),
    "travel/asia/_posts/2019-03-14-tokyo.md": post("title: Tokyo\ncategories: [Food]"),
    "_posts/sub/2023-07-04-inside.md": post("title: Inside\ntags: x y"),
}

CASES: dict[str, dict[str, Any]] = {
    "style date": {"config": {"permalink": "date"}},
    "style pretty": {"config": {"permalink": "pretty"}},
    "style ordinal": {"config": {"permalink": "ordinal"}},
    "style weekdate": {"config": {"permalink": "weekdate"}},
    "style none": {"config": {"permalink": "none"}},
    "template": {"config": {"permalink": "/blog/:year/:month/:title/"}},
    "template with categories": {"config": {"permalink": "/:categories/:year/:slug.html"}},
    "template with every date field": {
        "config": {
            "permalink": "/:year/:short_year/:i_month/:short_month/:long_month/:i_day/:y_day"
            "/:week/:short_day/:long_day/:hour/:minute/:second/:title/"
        }
    },
    "timezone Tokyo": {"config": {"permalink": "date", "timezone": "Asia/Tokyo"}},
    "timezone Los Angeles": {"config": {"permalink": "date", "timezone": "America/Los_Angeles"}},
    "folder above _posts": {
        "config": {"permalink": "date"},
        "files": {"blog/_posts/2020-01-01-in-blog.md": post("title: In a folder")},
    },
    "front matter permalink": {
        "config": {"permalink": "pretty"},
        "files": {
            "_posts/2020-02-02-moved.md": post("title: Moved\npermalink: /elsewhere/:title/"),
            "_posts/2020-02-03-fixed.md": post("title: Fixed\npermalink: /about-this.html"),
        },
    },
    "front matter date and slug": {
        "config": {"permalink": "date"},
        "files": {
            "_posts/2020-02-02-file-name.md": post(
                "title: Dated\ndate: 2019-11-05 08:00:00\nslug: own-slug"
            ),
        },
    },
    "malformed date": {
        "config": {"permalink": "/:year/:month/:day/:hour/:title/", "timezone": "Asia/Tokyo"},
        "files": {
            "_posts/2023-01-29-odd.md": post("title: Odd\ndate: 2023-01-29 23:30:22 2023 -0800")
        },
    },
    "files Jekyll skips or reads": {
        "config": {"permalink": "date"},
        "files": {
            "_posts/README.md": "# About these posts\n",
            "_posts/notes.md": post("title: Undated\ndate: 2020-02-02"),
            "_posts/2020-03-03-kramdown-extension.mkd": post("title: Mkd"),
            "_posts/2020-03-04-no-front-matter.md": "Just text.\n",
        },
    },
    "HTML and other post formats": {
        "config": {"permalink": "pretty"},
        "files": {
            "_posts/2004-05-06-archive.html": post("title: From the archive\ncategories: [Old]")
            + "<p>Written <b>by hand</b>.</p>\n",
            "_posts/2004-05-07-untitled-page.html": post("categories: Old Web") + "<p>x</p>\n",
            "_posts/index.html": post("title: Not a post") + "<p>skipped</p>\n",
            "_posts/2005-01-01-long-name.markdown": post("title: Markdown\ntags: [md]"),
            "_posts/2005-01-02-kramdown-mkdown.mkdown": post("title: Mkdown"),
            "_posts/2005-01-03-short.mkdn": post("title: Mkdn"),
        },
    },
    "published false": {
        "config": {"permalink": "date"},
        "files": {"_posts/2020-02-02-draft.md": post("title: Draft\npublished: false")},
    },
    "future posts": {
        "config": {"permalink": "date", "future": False},
        "files": {"_posts/2999-01-01-far-future.md": post("title: Not yet")},
    },
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_own_blog_urls_categories_and_tags_equal_jekylls(case: str, tmp_path: Path) -> None:
    require_jekyll()
    spec = CASES[case]
    blog = Blog({**POSTS, **spec.get("files", {})}, spec["config"])
    compare(f"blog: {case}", blog, tmp_path)
