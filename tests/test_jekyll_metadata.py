"""Jekyll decides: each post's head says what jekyll-seo-tag 2.8 said, or a documented difference.

Each blog (the three corpora and `OWN`, a small blog with one post per front matter feature) is
built once by Jekyll 4.3, whose layout calls `{% seo %}`, and once by MkDocs with the plugin on
the `mkdocs` theme. For every post and every field in `FIELDS`, the value in Jekyll's page is
compared with the value in ours (the same file: URLs are proven equal by test_jekyll_urls).

Where the plugin differs from jekyll-seo-tag on purpose, a rule in `KNOWN_DIFFERENCES` says why;
its code lives in `RULES`, which may only narrow a pair of values down to what the rule explains.
Each rule is named in the "Differences from jekyll-seo-tag" section of docs/metadata.md (a test
checks it), and each is tried only after exact equality failed, so nothing else is tolerated.
The summary at the end of the run counts, per blog and field, the posts where either side has a
value (compared) and those that matched; `meta rule:` lines count the posts each rule explained.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from jekyll_oracle import (
    SITE,
    Blog,
    Head,
    build_jekyll_seo,
    build_mindset,
    corpus_blog,
    read_head,
    record,
    require_jekyll,
)

from mkdocs_mindset.jekyll.excerpt import truncate_words
from mkdocs_mindset.jekyll.front_matter import split_front_matter
from mkdocs_mindset.jekyll.text import same_words
from mkdocs_mindset.site.description import _HTML_ELEMENTS, excerpt_text, plain_text

CORPORA = ["jekyll-docs", "fastpages", "geoserver"]
OWN_NAME = "blog: metadata"
DOCS = Path(__file__).resolve().parents[1] / "docs" / "metadata.md"
WORDS = 100  # the plugin's default `description_words`


def post(front_matter: str, body: str = "Words.\n") -> str:
    return f"---\n{front_matter.strip()}\n---\n{body}"


LONG = " ".join(f"word{i}" for i in range(1, 121))
OWN = Blog(
    {
        # The description: Markdown, HTML, quotes and apostrophes, ampersands, markup look-alikes.
        "_posts/2020-05-20-markdown-description.md": post(
            "title: Markdown description\n"
            "description: 'Notes on *Python* packaging, with [a link](https://example.com/a)"
            " and `code`'"
        ),
        "_posts/2020-05-21-html-description.md": post(
            "title: HTML description\n"
            'description: \'A tutorial on <a href="https://github.com/features/actions">GitHub'
            " Actions</a>, <b>bold</b> and <em>more</em>.<script>alert(1)</script>'"
        ),
        "_posts/2020-05-22-quotes.md": post(
            "title: 'Jekyll''s \"quoted\" title -- with dashes...'\n"
            "description: 'It''s \"quoted\" -- and that''s that... isn''t it?'"
        ),
        "_posts/2020-05-23-ampersands.md": post(
            "title: 'Q&A: AT&T'\ndescription: 'AT&T & friends &amp; more, 5 > 3'"
        ),
        "_posts/2020-05-24-looks-like-markup.md": post(
            "title: Looks like markup\ndescription: 'If x<y and y>z then x<z.'"
        ),
        "_posts/2020-05-25-long-description.md": post(
            f"title: Long description\ndescription: {LONG}"
        ),
        # No description: the excerpt, front matter `excerpt`, the fastpages title line.
        "_posts/2020-06-01-excerpt-fallback.md": post(
            "title: Excerpt fallback",
            "First *paragraph* with a [link](https://example.com/b) & an ampersand.\n\n"
            "Second paragraph.\n",
        ),
        "_posts/2020-06-02-own-excerpt.md": post(
            "title: Own excerpt\nexcerpt: A *hand-written* excerpt.", "Body paragraph.\n"
        ),
        "_posts/2020-06-03-fastpages-shape.md": post(
            "title: Fastpages shape", "# Fastpages shape\n\n> The lede, written once.\n\nBody.\n"
        ),
        "_posts/2020-06-04-reference-link.md": post(
            "title: Reference link",
            "See [the release][rel] for details.\n\nMore.\n\n[rel]: {% post_url x %}\n",
        ),
        "_posts/2020-06-05-pipes.md": post(
            "title: Pipes",
            "Downloads ([war](https://example.com/w)\\|[zip](https://example.com/z)), escaped.\n\n"
            "More.\n",
        ),
        "_posts/2020-06-06-bare-pipes.md": post(
            "title: Bare pipes", "Downloads (war|zip) and docs (html|pdf).\n\nMore.\n"
        ),
        "_posts/2020-06-07-no-break-spaces.md": post(
            "title: No-break spaces", "The release of&nbsp;GeoServer 2.15.5&nbsp;is out.\n"
        ),
        "_posts/2020-06-08-emphasis-after-space.md": post(
            "title: Emphasis after a space", "**Released tomorrow!\u00a0**Be ready.\n"
        ),
        "_posts/2020-06-09-image-first.md": post(
            "title: Image first", "![A chart](/images/chart.png)\n\nThe words after it.\n"
        ),
        "_posts/2020-06-10-nothing-to-say.md": post("title: Nothing to say", ""),
        # The image: a path, a root path with a space, `{path, alt}`, a full URL.
        "_posts/2020-07-01-image-path.md": post("title: Image path\nimage: images/chart.png"),
        "_posts/2020-07-02-image-root.md": post("title: Image root\nimage: /images/two words.png"),
        "_posts/2020-07-03-image-alt.md": post(
            'title: Image alt\nimage:\n  path: images/chart.png\n  alt: A chart & a "quote"'
        ),
        "_posts/2020-07-04-image-url.md": post(
            "title: Image URL\nimage: https://cdn.example.org/pictures/a.png"
        ),
        # The author: a string, a mapping, a list, `authors`.
        "_posts/2020-08-01-author-string.md": post("title: Author string\nauthor: Ada Lovelace"),
        "_posts/2020-08-02-author-mapping.md": post(
            "title: Author mapping\nauthor:\n  name: Grace Hopper\n  url: https://example.org/grace"
        ),
        "_posts/2020-08-03-author-organization.md": post(
            "title: Author organization\nauthor:\n  name: The Team\n  type: Organization"
        ),
        "_posts/2020-08-04-author-list.md": post(
            "title: Author list\nauthor: [Ada Lovelace, Grace Hopper]"
        ),
        "_posts/2020-08-05-authors.md": post(
            "title: Authors\nauthors: [Katherine Johnson, Dorothy Vaughan]"
        ),
        # Dates: a time with an offset, `last_modified_at` with a time and as a bare date.
        "_posts/2020-09-01-timed.md": post("title: Timed\ndate: 2020-09-01 10:30:00 +0200"),
        "_posts/2020-09-02-modified.md": post(
            "title: Modified\nlast_modified_at: 2021-02-03 09:30:00 +0100"
        ),
        "_posts/2020-09-03-modified-day.md": post(
            "title: Modified day\nlast_modified_at: 2021-02-04"
        ),
        # Tags and categories (in the URL), a post without a title, one titled by its heading.
        "_posts/2020-10-01-grouped.md": post(
            "title: Grouped\ncategories: [Deep Work, Mindset]\ntags: [alpha, beta]"
        ),
        "_posts/2020-10-02-untitled-post.md": post("categories: notes", "Just words.\n"),
        "_posts/2020-10-03-heading-title.md": post("tags: x", "# A heading title\n\nWords.\n"),
        "_posts/2020-10-04-spaced-title.md": post("title: 'Spaced  out:   a title'"),
        "_posts/2020-10-05-markdown-title.md": post("title: 'Using `code` and *stars*'"),
        # A permalink without an extension.
        "_posts/2020-11-02-extensionless.md": post(
            "title: Extensionless\npermalink: /extensionless"
        ),
    },
    {"permalink": "date", "timezone": "UTC"},
)


# -- what is compared ---------------------------------------------------------------------------


def _meta(key: str) -> Callable[[Head], Any]:
    return lambda head: head.metas.get(key)


def _json_ld(key: str) -> Callable[[Head], Any]:
    return lambda head: head.json_ld[0].get(key) if len(head.json_ld) == 1 else head.json_ld


FIELDS: dict[str, Callable[[Head], Any]] = {
    "description": _meta("description"),
    "og:title": _meta("og:title"),
    "og:description": _meta("og:description"),
    "og:url": _meta("og:url"),
    "og:type": _meta("og:type"),
    "og:site_name": _meta("og:site_name"),
    "og:locale": _meta("og:locale"),
    "og:image": _meta("og:image"),
    "article:published_time": _meta("article:published_time"),
    "twitter:card": _meta("twitter:card"),
    "twitter:title": _meta("twitter:title"),
    "canonical": lambda head: head.canonical or None,
    **{
        f"JSON-LD {key}": _json_ld(key)
        for key in (
            "@type",
            "headline",
            "description",
            "datePublished",
            "dateModified",
            "author",
            "image",
            "url",
            "mainEntityOfPage",
        )
    },
}
DESCRIPTIONS = frozenset({"description", "og:description", "JSON-LD description"})
TITLES = frozenset({"og:title", "twitter:title", "JSON-LD headline"})
URLS = frozenset({"og:url", "canonical", "JSON-LD url", "JSON-LD mainEntityOfPage"})
JSON_LD_TEXT = frozenset({"JSON-LD headline", "JSON-LD description", "JSON-LD author"})


# -- the known differences ----------------------------------------------------------------------

KNOWN_DIFFERENCES: dict[str, str] = {
    "Typographic punctuation": "kramdown turns ' \" -- ... into typographic marks in titles and "
    "descriptions; the plugin keeps them as written",
    "Entities in JSON-LD": "jekyll-seo-tag writes HTML entities (&amp;) into JSON-LD strings; "
    "the plugin writes the plain text",
    "Word limit": f"descriptions are cut to description_words ({WORDS}) words with …; "
    "jekyll-seo-tag 2.8 does not cut them",
    "Excerpt skips headings and non-prose blocks": "jekyll-seo-tag's excerpt is the first "
    "paragraph, even a heading or an image; the plugin's is the first block with prose",
    "Titles from headings": "a post without `title` takes its first `# heading` (GitHub Pages' "
    "jekyll-titles-from-headings); plain Jekyll titleizes the file name",
    "No-break spaces": "descriptions collapse all whitespace, `&nbsp;` included",
    "Pipes in paragraphs": "kramdown reads a paragraph line holding `|` as a table row, so the "
    "pipe vanishes between cells; the plugin keeps the text",
    "Emphasis closed after a no-break space": "kramdown closes `**` after a no-break space "
    "(`**bold&nbsp;**text`); Python-Markdown reads it as a space and leaves the asterisks",
    "Titles are text": "a title is used as written; jekyll-seo-tag renders Markdown in it "
    "(`code` loses its backticks)",
    "Text that only looks like markup": "`x<y and y>z` stays in the description; Liquid's "
    "strip_html removes everything between < and >",
    "Image in JSON-LD": "the JSON-LD `image` is the image URL; jekyll-seo-tag makes an object "
    "(with a non-schema.org `imageObject` type) when the image has `alt`",
    "Author lists": "`author: [a, b]` names every author; jekyll-seo-tag 2.8 writes no author",
    "Extension-less permalinks": "a permalink without an extension (`/codespaces`) is written as "
    "`codespaces.html` by both, and the plugin's URLs name that file",
}


@dataclass(frozen=True)
class Post:
    """What the rules may look at for one post."""

    blog: str
    path: str
    title: str
    """Jekyll's `page.title` (from the Liquid dump)."""
    data: dict[str, Any]
    body: str


Rule = Callable[[str, Any, Any, Post], "tuple[Any, Any] | None"]
"""(field, Jekyll's value, ours, post) -> both values narrowed by the rule, or None."""

# kramdown's typographic symbols (smart quotes, dashes, ellipsis, guillemets) and what they were.
_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2026": "...",
        "\u2013": "--",
        "\u2014": "---",
        "\u00ab": "<<",
        "\u00bb": ">>",
    }
)


def _strings(value: Any, change: Callable[[str], str]) -> Any:
    """`value` with `change` applied to every string in it (lists and JSON objects too)."""
    if isinstance(value, str):
        return change(value)
    if isinstance(value, list):
        return [_strings(v, change) for v in value]
    if isinstance(value, dict):
        return {k: _strings(v, change) for k, v in value.items()}
    return value


def _both(change: Callable[[str], str], fields: frozenset[str]) -> Rule:
    def rule(field: str, theirs: Any, ours: Any, post: Post) -> tuple[Any, Any] | None:
        if field not in fields:
            return None
        return _strings(theirs, change), _strings(ours, change)

    return rule


def _entities(field: str, theirs: Any, ours: Any, post: Post) -> tuple[Any, Any] | None:
    return (_strings(theirs, html.unescape), ours) if field in JSON_LD_TEXT else None


def _word_limit(field: str, theirs: Any, ours: Any, post: Post) -> tuple[Any, Any] | None:
    if field not in DESCRIPTIONS:
        return None

    def cut(text: str) -> str:  # only what is too long: truncate_words also collapses spaces
        return truncate_words(text, WORDS) if len(text.split()) > WORDS else text

    return _strings(theirs, cut), ours


def _own_description(post: Post) -> bool:
    return any(isinstance(post.data.get(k), str) for k in ("description", "excerpt"))


_LEADING_BLANK_LINES = re.compile(r"\A\s*\n")


def _excerpt_skips(field: str, theirs: Any, ours: Any, post: Post) -> tuple[Any, Any] | None:
    """Jekyll's excerpt was a first block the plugin skips: a heading, an image, an HTML block."""
    if field not in DESCRIPTIONS or _own_description(post):
        return None
    separator = str(post.data.get("excerpt_separator") or "\n\n")
    # Jekyll's front matter pattern (`---\s*$`) also takes the blank lines after it.
    raw = _LEADING_BLANK_LINES.sub("", post.body).split(separator, 1)[0]
    if excerpt_text(raw, separator) == excerpt_text(post.body, separator):
        return None  # the plugin's excerpt is Jekyll's first block
    said = theirs[0] if isinstance(theirs, list) and len(theirs) == 1 else theirs
    if isinstance(said, str) and (said == SITE["description"] or same_words(raw, said)):
        return ours, ours
    return None


_ATX_H1 = re.compile(r"^#[ \t]+\S", re.M)


def _title_from_heading(field: str, theirs: Any, ours: Any, post: Post) -> tuple[Any, Any] | None:
    if field not in TITLES or "title" in post.data or not _ATX_H1.search(post.body):
        return None
    said = theirs[0] if isinstance(theirs, list) and len(theirs) == 1 else theirs
    return (ours, ours) if said == post.title else None


def _title_markdown(field: str, theirs: Any, ours: Any, post: Post) -> tuple[Any, Any] | None:
    return (theirs, _strings(ours, plain_text)) if field in TITLES else None


def _nbsp(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split())


def _pipes(text: str) -> str:
    return " ".join(text.replace("|", " ").split())


# `**bold **` or `*em *`: the closing marker follows a space, so Python-Markdown kept both.
_CLOSED_AFTER_SPACE = re.compile(r"(\*{1,2})(?=\S)(.+?\s)\1")


def _emphasis(field: str, theirs: Any, ours: Any, post: Post) -> tuple[Any, Any] | None:
    if field not in DESCRIPTIONS:
        return None
    return theirs, _strings(ours, lambda text: _CLOSED_AFTER_SPACE.sub(r"\2", text))


# `<y and y>`: between < and > but not an element, so the plugin kept it as text.
_ELEMENT = "|".join(sorted(_HTML_ELEMENTS))
_LOOKALIKE = re.compile(rf"<(?!/?(?:{_ELEMENT})\b)[^>]*>")


def _lookalike(field: str, theirs: Any, ours: Any, post: Post) -> tuple[Any, Any] | None:
    if field not in DESCRIPTIONS:
        return None
    return theirs, _strings(ours, lambda text: " ".join(_LOOKALIKE.sub("", text).split()))


def _image_object(field: str, theirs: Any, ours: Any, post: Post) -> tuple[Any, Any] | None:
    if field != "JSON-LD image" or not isinstance(theirs, dict):
        return None
    return theirs.get("url"), ours


def _author_list(field: str, theirs: Any, ours: Any, post: Post) -> tuple[Any, Any] | None:
    if field != "JSON-LD author" or not isinstance(post.data.get("author"), list):
        return None
    return (ours, ours) if theirs is None else None


def _extensionless(field: str, theirs: Any, ours: Any, post: Post) -> tuple[Any, Any] | None:
    if field not in URLS:
        return None

    def bare(text: str) -> str:
        return text.removesuffix(".html")

    return theirs, _strings(ours, bare)


RULES: dict[str, Rule] = {
    "Word limit": _word_limit,  # first: it counts Jekyll's words as they were written
    "Typographic punctuation": _both(lambda t: t.translate(_TYPOGRAPHY), DESCRIPTIONS | TITLES),
    "Entities in JSON-LD": _entities,
    "No-break spaces": _both(_nbsp, DESCRIPTIONS),
    "Pipes in paragraphs": _both(_pipes, DESCRIPTIONS),
    "Emphasis closed after a no-break space": _emphasis,
    "Text that only looks like markup": _lookalike,
    "Excerpt skips headings and non-prose blocks": _excerpt_skips,
    "Titles from headings": _title_from_heading,
    "Titles are text": _title_markdown,
    "Image in JSON-LD": _image_object,
    "Author lists": _author_list,
    "Extension-less permalinks": _extensionless,
}


def explain(field: str, theirs: Any, ours: Any, post: Post) -> list[str] | None:
    """The rules that, applied in order, make two different values equal; None if none do.

    A rule counts only if it changed something; the values must end up equal.
    """
    used = []
    for name, rule in RULES.items():
        narrowed = rule(field, theirs, ours, post)
        if narrowed is not None and narrowed != (theirs, ours):
            theirs, ours = narrowed
            used.append(name)
            if theirs == ours:
                return used
    return None


# -- the builds ---------------------------------------------------------------------------------


@dataclass
class Compared:
    name: str
    pairs: list[tuple[Post, Head, Head]]


RULES_USED: dict[tuple[str, str], set[str]] = defaultdict(set)
"""(blog, rule) -> the posts for which the rule explained at least one field."""


@pytest.fixture(scope="module", params=[*CORPORA, OWN_NAME])
def compared(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Compared:
    """One blog built by Jekyll and by the plugin, its posts paired with both heads."""
    require_jekyll()
    name: str = request.param
    blog = OWN if name == OWN_NAME else corpus_blog(name)
    root = tmp_path_factory.mktemp(re.sub(r"\W+", "-", name))
    jekyll = build_jekyll_seo(blog, root)
    ours = build_mindset(blog, root)
    pairs = []
    for entry in jekyll.posts:
        path = str(entry["path"])
        file = jekyll.file_of(entry["url"])
        matter = split_front_matter(blog.files[path])
        info = Post(name, path, str(entry["title"]), matter.data, matter.body)
        mine = ours.site_dir / file
        assert mine.is_file(), f"{path}: Jekyll wrote {file}, the plugin did not (see URL tests)"
        pairs.append((info, read_head(jekyll.site_dir / file), read_head(mine)))
    return Compared(name, pairs)


@pytest.mark.parametrize("field", list(FIELDS))
def test_head_field_equals_jekyll_seo_tags(compared: Compared, field: str) -> None:
    read = FIELDS[field]
    seen = matched = 0
    unexplained = []
    for post, theirs_head, ours_head in compared.pairs:
        theirs, ours = read(theirs_head), read(ours_head)
        if theirs is None and ours is None:
            continue
        seen += 1
        if theirs == ours:
            matched += 1
            continue
        used = explain(field, theirs, ours, post)
        if used is None:
            unexplained.append((post.path, theirs, ours))
            continue
        matched += 1
        for rule in used:
            RULES_USED[compared.name, rule].add(post.path)
    record(compared.name, f"meta: {field}", seen, matched)
    for (blog, rule), posts in RULES_USED.items():
        if blog == compared.name:
            record(blog, f"meta rule: {rule}", len(posts), len(posts))
    assert not unexplained, unexplained


# -- the rules and the docs agree ---------------------------------------------------------------


def _documented_differences() -> str:
    text = DOCS.read_text(encoding="utf-8")
    start = text.index("## Differences from jekyll-seo-tag")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else len(text)]


def test_every_known_difference_is_documented() -> None:
    section = _documented_differences()
    missing = [name for name in KNOWN_DIFFERENCES if f"**{name}**" not in section]
    assert not missing, f"add these to docs/metadata.md, Differences from jekyll-seo-tag: {missing}"


def test_every_rule_has_a_reason_and_every_reason_a_rule() -> None:
    assert set(RULES) == set(KNOWN_DIFFERENCES)
