"""Jekyll decides: what Liquid in a post becomes, against what the plugin's Liquid makes of it.

Each blog is built by Jekyll 4.3 and by MkDocs with the plugin, with Liquid on both sides (Jekyll's
default for posts; the plugin's `liquid: posts`). From each post's body two things are read and
compared: its text (`get_text(" ")`, whitespace collapsed, each code block read as one string)
and where each link and image leads (resolved from the page, then taken as a file of the site
when it lies under the site's address).

- A blog of our own holds one post per Liquid construct, with its own `_includes/`, `_data/` and
  `_config.yml` values (the ones Jekyll reads as `site.<key>` go under `extra:` for MkDocs, as
  docs/liquid.md says), built twice: at the root of its address and under a base path (`/blog`).
  Every construct must match, except those listed in `DIFFERENCES`, which must still differ (so
  a fix forces the list and docs/liquid.md to be updated); the table in docs/liquid.md's section
  "Checked against Jekyll" must say exactly that, quoting text each side really writes.
- The jekyll-docs corpus is built with Liquid on too (its site's `repository` and a stub for the
  `_docs/history.md` its posts link to). How many of its posts hold Liquid, and how many of
  those read the same as Jekyll's, is recorded and must not fall below a measured floor.

`python tests/test_jekyll_liquid.py` prints each construct's text and links on every side, which
is where the table's quotes come from; with `--corpus`, the corpus's differing posts too.
"""

from __future__ import annotations

import re
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from jekyll_oracle import (
    SITE,
    Blog,
    JekyllSite,
    body_links,
    body_text,
    build_jekyll_liquid,
    build_mindset_liquid,
    corpus_blog,
    jekyll_body,
    mindset_body,
    record,
    require_jekyll,
)

ROOT = Path(__file__).resolve().parents[1]
DOCS_PAGE = ROOT / "docs" / "liquid.md"
SECTION = "## Checked against Jekyll"

# -- a blog of our own: one post per construct ---------------------------------------------------

# `_config.yml` values a post reads as `{{ site.<key> }}`: `extra:` in mkdocs.yml.
SITE_VALUES: dict[str, Any] = {"stable_branch": "2.25.x"}

# Construct -> (front matter lines, post body). Each post is `_posts/2024-01-01-<slug>.md`.
CONSTRUCTS: dict[str, tuple[str, str]] = {
    "`post_url` in a Markdown link": ("", "Read [the target]({% post_url 2024-12-31-target %})."),
    "`post_url` in an HTML link": (
        "",
        'Read <a href="{% post_url 2024-12-31-target %}">the target</a>.',
    ),
    "`post_url` in text": ("", "The target lives at {% post_url 2024-12-31-target %} now."),
    "`link` to a page": ("", "See [the about page]({% link about.md %})."),
    "`link` to a post, with a fragment": (
        "",
        "See [the target]({% link _posts/2024-12-31-target.md %}#top).",
    ),
    "`raw`": ("", "Jekyll prints {% raw %}{{ page.title }}{% endraw %} here."),
    "`highlight python`": (
        "",
        '{% highlight python %}\nprint("hello")\n{% endhighlight %}',
    ),
    "`comment`": ("", "Before.{% comment %} Hidden words. {% endcomment %} After."),
    "`site.baseurl` in a link": (
        "",
        "[Home]({{ site.baseurl }}/), ![a dot]({{ site.baseurl }}/images/dot.svg) and\n"
        '<a href="{{ site.baseurl }}/about/">about</a>.',
    ),
    "`site.baseurl` in text": ("", "The base path is {{ site.baseurl }}/ here."),
    "`site.url`": ("", "The address is {{ site.url }} here."),
    "`site.url` then `site.baseurl`": (
        "",
        "Home is {{ site.url }}{{ site.baseurl }}/ and\n"
        "[about]({{ site.url }}{{ site.baseurl }}/about/).",
    ),
    "`site.<key>` from `_config.yml`": ("", "The stable branch is {{ site.stable_branch }}."),
    "`page.title`": ("title: A plain title", "This is {{ page.title }}."),
    "`page.title` holding Markdown": ("title: The `jekyll` command", "This is {{ page.title }}."),
    "`date` filter": ("", 'Written in {{ page.date | date: "%Y" }}.'),
    "`relative_url` in a link": ("", 'See [about]({{ "/about/" | relative_url }}).'),
    "`relative_url` in text": ("", 'About lives at {{ "/about/" | relative_url }} now.'),
    "`absolute_url`": (
        "",
        'About is {{ "/about/" | absolute_url }} and [about]({{ "/about/" | absolute_url }}).',
    ),
    "whitespace control": (
        "",
        "Version ( {{- site.stable_branch -}} ) and\n"
        "joined {%- comment -%} nothing {%- endcomment -%} words.",
    ),
    "`assign`": ("", '{% assign who = "world" %}Hello {{ who }}.'),
    "`capture`": (
        "",
        "{% capture who %}every{{ site.stable_branch }}{% endcapture %}Hi {{ who }}.",
    ),
    "`if`": ("", "{% if page.title %}It has a title.{% else %}It has none.{% endif %}"),
    "`for` over `site.posts`": (
        "",
        "Newest: {% for p in site.posts limit: 2 %}{{ p.title }}; {% endfor %}the end.",
    ),
    "`case`": (
        "",
        '{% case site.stable_branch %}{% when "2.25.x" %}Current.{% else %}Old.{% endcase %}',
    ),
    "`unless`": ("", "{% unless site.nothing %}Shown unless.{% endunless %}"),
    "`include` of the site's own file": (
        "",
        'Before.\n\n{% include greeting.html name="reader" %}\n\nAfter.',
    ),
    "`site.data`": ("", "Written by {{ site.data.authors.alice.name }}."),
    "`number_of_words` filter": ("", 'It has {{ "three little words" | number_of_words }} words.'),
    "`slugify` filter": ("", 'The slug is {{ "Hello, World!" | slugify }} here.'),
    "`jsonify` filter": ("tags: [a, b]", "The tags are `{{ page.tags | jsonify }}` here."),
    "`where` filter": (
        "",
        'Found {{ site.posts | where: "title", "Target" | size }} post titled Target.',
    ),
}

# The posts the constructs link to and list (the newest two), the page and the image, and the
# site's own include and data file.
SUPPORT: dict[str, str] = {
    "_posts/2024-12-31-target.md": "---\ntitle: Target\n---\n# Top\n\nThe target.\n",
    "_posts/2024-12-30-second.md": "---\ntitle: Second\n---\nThe second.\n",
    "about.md": "---\ntitle: About\npermalink: /about/\n---\nAbout this blog.\n",
    "images/dot.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>\n',
    "_includes/greeting.html": '<p class="greeting">Hello, {{ include.name }}!</p>\n',
    "_data/authors.yml": "alice:\n  name: Alice Liddell\n",
}

# The two sites: the blog at the root of its address, and under a base path.
SITES: dict[str, str] = {"root": "", "base path": "/blog"}


def slug(construct: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", construct.lower()).strip("-")


def own_blog(baseurl: str) -> Blog:
    files = dict(SUPPORT)
    for name, (front_matter, body) in CONSTRUCTS.items():
        lines = front_matter or f"title: {slug(name)}"
        files[f"_posts/2024-01-01-{slug(name)}.md"] = f"---\n{lines}\n---\n{body}\n"
    config = {"permalink": "/:title/", "timezone": "UTC", "baseurl": baseurl, **SITE_VALUES}
    return Blog(files, config)


@dataclass(frozen=True)
class Read:
    """One post body as one side wrote it."""

    text: str
    links: list[str]


@dataclass(frozen=True)
class Compared:
    theirs: Read
    ours: Read

    @property
    def same(self) -> bool:
        return self.theirs == self.ours


def read_post(jekyll: JekyllSite, ours: Any, file: str, site_url: str) -> Compared:
    theirs, mine = jekyll_body(jekyll, file), mindset_body(ours, file)
    return Compared(
        Read(body_text(theirs), body_links(theirs, file, site_url)),
        Read(body_text(mine), body_links(mine, file, site_url)),
    )


def build_own(root: Path) -> dict[str, dict[str, Compared]]:
    """Site -> construct -> its post on both sides; Jekyll builds in threads meanwhile."""
    require_jekyll()
    blogs = {name: own_blog(baseurl) for name, baseurl in SITES.items()}
    with ThreadPoolExecutor(max_workers=len(blogs)) as pool:
        futures = {
            name: pool.submit(build_jekyll_liquid, blog, root / slug(name))
            for name, blog in blogs.items()
        }
        ours = {
            name: build_mindset_liquid(blog, root / slug(name), extra=SITE_VALUES)
            for name, blog in blogs.items()
        }
        theirs = {name: f.result() for name, f in futures.items()}
    compared: dict[str, dict[str, Compared]] = {}
    for name, baseurl in SITES.items():
        assert len(theirs[name].posts) == len(CONSTRUCTS) + 2
        site_url = SITE["url"] + baseurl + "/"
        compared[name] = {
            c: read_post(theirs[name], ours[name], f"{slug(c)}/index.html", site_url)
            for c in CONSTRUCTS
        }
    return compared


@pytest.fixture(scope="module")
def own(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Compared]]:
    return build_own(tmp_path_factory.mktemp("liquid"))


# What the plugin renders differently today, construct -> what differs. A construct listed here
# must still differ (a fix makes this test fail until the entry and docs/liquid.md are updated);
# every other construct must match. Each differs on both sites unless `ONLY_AT` says.
DIFFERENCES: dict[str, str] = {
    "`post_url` in text": "the URL is written relative to the page (`../target/`)",
    "`site.baseurl` in text": "the site's root is written relative to the page (`..`)",
    "`site.url`": "`site.url` includes the base path (it is `site_url`)",
    "`page.title` holding Markdown": "values are escaped: the backticks are shown",
    "`date` filter": "not supported: left as written",
    "`relative_url` in text": "the path is written relative to the page (`../about/`)",
    "`assign`": "not supported: the tag is left as written, `{{ who }}` is empty",
    "`capture`": "not supported: the block is left as written",
    "`if`": "not supported: the block is left as written",
    "`for` over `site.posts`": "not supported: the block is left as written",
    "`case`": "not supported: the block is left as written",
    "`unless`": "not supported: the block is left as written",
    "`include` of the site's own file": "not supported: removed",
    "`site.data`": "`_data/` is not read: empty",
    "`number_of_words` filter": "not supported: left as written",
    "`slugify` filter": "not supported: left as written",
    "`jsonify` filter": "not supported: left as written",
    "`where` filter": "not supported: left as written",
}
# Constructs that differ on one site only (they match on the other).
ONLY_AT: dict[str, str] = {"`site.url`": "base path"}


def differs_at(construct: str) -> set[str]:
    """The sites on which the plugin's rendering of `construct` is listed as differing."""
    if construct not in DIFFERENCES:
        return set()
    return {ONLY_AT[construct]} if construct in ONLY_AT else set(SITES)


def same_cell(construct: str) -> str:
    """What the table's "Same?" column must say for a construct."""
    differs = differs_at(construct)
    if not differs:
        return "yes"
    if differs == set(SITES):
        return "no"
    return "no, " + " and ".join(f"at the {name}" for name in sorted(differs))


def shown(post: Compared) -> str:
    return f"\n  Jekyll: {post.theirs}\n  ours:   {post.ours}"


@pytest.mark.parametrize("construct", list(CONSTRUCTS))
def test_construct_matches_jekylls_unless_listed_as_a_difference(
    construct: str, own: dict[str, dict[str, Compared]]
) -> None:
    for site in SITES:
        post = own[site][construct]
        record(f"liquid: {site}", f"liquid: {construct}", 1, int(post.same))
        if site in differs_at(construct):
            assert not post.same, (
                f"{construct!r} now matches Jekyll ({site}): take it out of DIFFERENCES "
                f"({DIFFERENCES[construct]!r}) or ONLY_AT, and update the table in docs/liquid.md"
            )
        else:
            assert post.same, f"{construct!r} differs from Jekyll ({site}):{shown(post)}"


def test_own_blog_counts(own: dict[str, dict[str, Compared]]) -> None:
    """The per-site totals for the summary printed at the end of the run."""
    for site in SITES:
        matched = sum(post.same for post in own[site].values())
        record(f"liquid: {site}", "liquid: constructs", len(CONSTRUCTS), matched)
        assert matched == len(CONSTRUCTS) - sum(site in differs_at(c) for c in CONSTRUCTS)


# -- docs/liquid.md says what the builds say -----------------------------------------------------


def split_row(line: str) -> list[str]:
    """A Markdown table row's cells; a `|` inside a code span does not split."""
    cells, cell, in_code = [], [], False
    for ch in line.strip().strip("|"):
        if ch == "`":
            in_code = not in_code
        if ch == "|" and not in_code:
            cells.append("".join(cell).strip())
            cell = []
            continue
        cell.append(ch)
    cells.append("".join(cell).strip())
    return cells


def docs_table() -> list[list[str]]:
    """The body rows of the table in docs/liquid.md's "Checked against Jekyll" section."""
    text = DOCS_PAGE.read_text(encoding="utf-8")
    assert SECTION in text, f"docs/liquid.md has no {SECTION!r} section"
    section = text.split(SECTION, 1)[1].split("\n## ", 1)[0]
    rows = [split_row(line) for line in section.splitlines() if line.startswith("|")]
    assert rows and rows[0][0] == "Construct", "the section's table starts with a Construct column"
    return rows[2:]


_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)")


def code_spans(cell: str) -> list[str]:
    """The code spans of a cell (``a `b` c`` too), as Markdown reads them."""
    spans = []
    for _, span in _CODE_SPAN.findall(cell):
        spans.append(span[1:-1] if span.startswith(" ") and span.endswith(" ") else span)
    return spans


def test_docs_table_has_one_row_per_construct_saying_what_the_builds_say(
    own: dict[str, dict[str, Compared]],
) -> None:
    rows = docs_table()
    assert [row[0] for row in rows] == list(CONSTRUCTS)
    assert set(DIFFERENCES) <= {row[0] for row in rows}
    for construct, theirs, ours, same in rows:
        assert same == same_cell(construct), (construct, same)
        for cell, side in ((theirs, "theirs"), (ours, "ours")):
            texts = [getattr(own[site][construct], side).text for site in SITES]
            quoted = [span for span in code_spans(cell) if not any(span in t for t in texts)]
            assert not quoted, f"{construct}: {quoted} not in {texts}"


# -- the jekyll-docs corpus ---------------------------------------------------------------------

# What the jekyll-docs site's `_config.yml` says that its posts' Liquid reads, and a stub of the
# one file outside `_posts/` they link to (`{% link _docs/history.md %}`), which Jekyll's build
# needs to exist; its collection writes it where MkDocs writes `_docs/history.md`.
CORPUS_REPOSITORY = "https://github.com/jekyll/jekyll"
CORPUS_CONFIG: dict[str, Any] = {
    "repository": CORPUS_REPOSITORY,
    "collections": {"docs": {"output": True, "permalink": "/_docs/:path/"}},
    "kramdown": {"syntax_highlighter_opts": {"default_lang": "plaintext"}},
}
CORPUS_STUBS = {"_docs/history.md": "---\ntitle: History\n---\nThe changelog.\n"}
# kramdown's typographic characters and the ASCII typed for them: a difference of kramdown's
# (measured by tests/test_jekyll_kramdown.py), folded away in the second text count.
TYPOGRAPHIC = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u2013": "--",
    "\u2014": "---",
    "\u2026": "...",
    "\u00ab": "<<",
    "\u00bb": ">>",
}
_TYPOGRAPHIC = re.compile("|".join(TYPOGRAPHIC))

# Measured with Jekyll 4.3.1 (kramdown 2.4.0, kramdown-parser-gfm 1.1.0) and Markdown 3.11: of
# the corpus's 102 posts, 39 hold Liquid (`{%` or `{{`); how many of those match Jekyll's. A
# count below its floor is a regression and fails; above it, raise the floor and docs/liquid.md.
CORPUS_LIQUID_POSTS = 39
CORPUS_FLOORS: dict[str, int] = {
    "links": 34,
    "text": 10,
    "text, quotes folded": 33,
    "text, quotes folded, and links": 33,
}


def folded(text: str) -> str:
    return _TYPOGRAPHIC.sub(lambda m: TYPOGRAPHIC[m.group()], text)


def corpus_liquid_posts(root: Path) -> dict[str, Compared]:
    """Each jekyll-docs post holding Liquid (by source path), as Jekyll and the plugin read it."""
    blog = corpus_blog("jekyll-docs")
    files = {**blog.files, **CORPUS_STUBS}
    jekyll_blog = Blog(files, {**blog.config, **CORPUS_CONFIG})
    with ThreadPoolExecutor(max_workers=1) as pool:
        future = pool.submit(build_jekyll_liquid, jekyll_blog, root)
        ours = build_mindset_liquid(Blog(files, blog.config), root, repo_url=CORPUS_REPOSITORY)
        theirs = future.result()
    site_url = SITE["url"] + "/"
    return {
        post["path"]: read_post(theirs, ours, theirs.file_of(post["url"]), site_url)
        for post in theirs.posts
        if "{%" in files[post["path"]] or "{{" in files[post["path"]]
    }


def corpus_counts(posts: dict[str, Compared]) -> dict[str, int]:
    counts = dict.fromkeys(CORPUS_FLOORS, 0)
    for post in posts.values():
        links = post.theirs.links == post.ours.links
        text = folded(post.theirs.text) == folded(post.ours.text)
        counts["links"] += links
        counts["text"] += post.theirs.text == post.ours.text
        counts["text, quotes folded"] += text
        counts["text, quotes folded, and links"] += text and links
    return counts


def test_jekyll_docs_posts_with_liquid_match_jekylls_at_least_as_often_as_measured(
    tmp_path: Path,
) -> None:
    require_jekyll()
    posts = corpus_liquid_posts(tmp_path)
    assert len(posts) >= CORPUS_LIQUID_POSTS
    counts = corpus_counts(posts)
    for what, matched in counts.items():
        record("jekyll-docs", f"liquid: {what}", len(posts), matched)
    below = {w: (n, CORPUS_FLOORS[w]) for w, n in counts.items() if n < CORPUS_FLOORS[w]}
    assert not below, f"fewer posts match Jekyll's than measured (now, floor): {below}"


# -- printing what the table is made of ------------------------------------------------------------


def main(args: list[str]) -> None:
    """Print each construct's text and links on every side; with `--corpus` the corpus counts
    and the text of each corpus post whose text, quotes folded, differs."""
    with tempfile.TemporaryDirectory() as tmp:
        own = build_own(Path(tmp) / "own")
        for construct in CONSTRUCTS:
            print(f"== {construct}")
            for site, posts in own.items():
                post = posts[construct]
                print(f"   {site:9} Jekyll {post.theirs}")
                print(f"   {site:9} ours   {post.ours}")
                print(f"   {site:9} {'same' if post.same else 'DIFFERENT'}")
        if "--corpus" in args:
            posts = corpus_liquid_posts(Path(tmp) / "corpus")
            print("jekyll-docs", len(posts), corpus_counts(posts))
            for path, post in posts.items():
                if folded(post.theirs.text) != folded(post.ours.text):
                    print(f"== {path}{shown(post)}")


if __name__ == "__main__":
    main(sys.argv[1:])
