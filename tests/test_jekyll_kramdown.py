"""Jekyll decides: what kramdown makes of a post's Markdown, against what the plugin makes of it.

Each blog is built by Jekyll 4.3 (kramdown 2.4) and by MkDocs with the plugin, the Material theme
and the `markdown_extensions` of this repository's own `mkdocs.yml` (what a user of the plugin
realistically has), both with Liquid off. From each post's body the same features are read and
compared: headings (level, text, id), lists and their nesting, code blocks and their language,
footnotes, tables, links, blockquotes, images, emphasis, and the text itself.

- The real corpora (`../shared/corpus/`) are built with each site's own kramdown settings. The
  per-feature counts are recorded for the summary and must not fall below a measured floor.
- A blog of our own holds one post per kramdown construct, built with Jekyll's default (GFM) input
  and with plain kramdown input. Every construct must match, except those listed in `DIFFERENCES`,
  which must still differ (so a fix forces the list and `docs/kramdown.md` to be updated), and
  the table in `docs/kramdown.md` must say exactly that, quoting HTML each side really writes.
  The blog is also built with `MORE_EXTENSIONS`, to check the gaps the docs say they close.

`python tests/test_jekyll_kramdown.py` prints each construct's rendering on every side, which is
where the table's HTML comes from.
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
import textwrap
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import pytest
from bs4.element import NavigableString, PreformattedString
from conftest import Site
from jekyll_oracle import (
    Blog,
    JekyllSite,
    build_jekyll,
    build_mindset_markdown,
    corpus_blog,
    jekyll_body,
    mindset_body,
    record,
    require_jekyll,
)

ROOT = Path(__file__).resolve().parents[1]
DOCS_PAGE = ROOT / "docs" / "kramdown.md"

# The `markdown_extensions` of this repository's `mkdocs.yml`, which docs/kramdown.md names.
MARKDOWN_EXTENSIONS: list[Any] = [
    "attr_list",
    "admonition",
    "tables",
    {"toc": {"permalink": True}},
    {"pymdownx.highlight": {"anchor_linenums": True}},
    "pymdownx.superfences",
    "pymdownx.details",
]

# -- reading a post body ------------------------------------------------------------------------

# kramdown's typographic characters and the ASCII an author typed for them: `text` compares the
# words with these folded back, `typography` compares only these.
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
# What each highlighter calls a block without a language (rouge: `plaintext`, Pygments: `text`).
NO_LANGUAGE = frozenset({"", "text", "plaintext", "plain", "txt"})
# Markup the converters write around the author's own: footnote sections and their links,
# highlighter wrappers, generated ids. Left out of `links` and `attributes`.
FOOTNOTE_SECTIONS = frozenset({"footnotes", "footnote"})
FOOTNOTE_LINKS = frozenset({"footnote", "reversefootnote", "footnote-ref", "footnote-backref"})
GENERATED_CLASS = re.compile(
    r"(?:highlight|highlighter-rouge|language-.*|footnotes?|reversefootnote|footnote-\w+"
    r"|task-list.*|kdmath|arithmatex|admonition.*|mindset-.*|md-.*)"
)
GENERATED_ID = re.compile(r"(?:fn:.*|fnref:.*|__.*|markdown-toc.*)")
# The plugin rebuilds some blockquotes (the lede, pull-quotes, callouts, embeds): each still
# counts as the one quote kramdown wrote, and a blockquote inside a pull-quote is not another.
QUOTE_CLASSES = frozenset({"mindset-pullquote", "mindset-callout", "mindset-embed"})
HEADING = re.compile(r"h[1-6]")
EMPHASIS = {"em": "em", "i": "em", "strong": "strong", "b": "strong", "del": "del", "s": "del"}
MATH = re.compile(r"\\\((.*?)\\\)|\\\[(.*?)\\\]", re.S)


def plain(text: str) -> str:
    """Whitespace collapsed and typographic characters folded back to what the author typed."""
    return " ".join(_TYPOGRAPHIC.sub(lambda m: TYPOGRAPHIC[m.group()], text).split())


def _text(el: Any) -> str:
    return plain(el.get_text(" "))


def _language(pre: Any) -> str | None:
    """The language a code block is labelled with (`language-x` on it or a wrapper), if any."""
    for el in [pre.find("code"), pre, pre.parent, pre.parent and pre.parent.parent]:
        for cls in el.get("class") or [] if el is not None else []:
            if cls.startswith("language-"):
                name = cls[len("language-") :]
                return None if name in NO_LANGUAGE else name
    return None


@dataclass(frozen=True)
class _Context:
    """What an element sits inside (its ancestors), worked out once per element."""

    code: bool = False
    footnotes: bool = False
    hidden: bool = False
    lists: int = 0
    quote: bool = False

    def inner(self, el: Any) -> _Context:
        classes = set(el.get("class") or [])
        return _Context(
            self.code or el.name == "pre",
            self.footnotes or bool(classes & FOOTNOTE_SECTIONS),
            self.hidden or el.name in ("script", "style"),
            self.lists + (el.name in ("ul", "ol")),
            self.quote or el.name == "blockquote" or bool(classes & QUOTE_CLASSES),
        )


def features(body: Any) -> dict[str, Any]:
    """Everything compared, read from one post body (either side's) in one walk."""
    found: dict[str, Any] = {name: [] for name in FEATURE_NAMES}
    refs = notes = quotes = 0
    contexts = {id(body): _Context()}
    prose = []
    for node in body.descendants:
        around = contexts[id(node.parent)]
        if isinstance(node, NavigableString):
            if not isinstance(node, PreformattedString) and not (around.code or around.hidden):
                prose.append(str(node))
            continue
        contexts[id(node)] = around.inner(node)
        name, classes = node.name, set(node.get("class") or [])
        if around.code:
            continue
        if HEADING.fullmatch(name):
            found["headings"].append((int(name[1]), _text(node), node.get("id")))
        elif name in ("ul", "ol") and not around.footnotes:
            items = sum(1 for child in node.children if getattr(child, "name", None) == "li")
            found["lists"].append((name, around.lists, items))
        elif name == "pre":
            code = node.get_text().strip("\n").splitlines()
            found["code"].append("\n".join(line.rstrip() for line in code))
            found["code language"].append(_language(node))
        elif name == "sup" and str(node.get("id", "")).startswith("fnref"):
            refs += 1
        elif name == "li" and around.footnotes:
            notes += 1
        elif name == "table":
            cells = node.find_all(["th", "td"])
            found["tables"].append([_text(cell) for cell in cells])
        elif name == "a" and node.has_attr("href"):
            if not around.footnotes and not classes & FOOTNOTE_LINKS:
                found["links"].append(node["href"])
        elif name == "img":
            found["images"].append(node.get("src"))
        elif name in EMPHASIS:
            found["emphasis"].append((EMPHASIS[name], _text(node)))
        elif name == "dl":
            terms = node.find_all(["dt", "dd"])
            found["definition lists"].append([(d.name, _text(d)) for d in terms])
        elif name == "abbr":
            found["abbreviations"].append((node.get_text(), node.get("title")))
        elif name == "input" and node.get("type") == "checkbox":
            found["task lists"].append("checked" if node.has_attr("checked") else "open")
        if not around.quote and (name == "blockquote" or classes & QUOTE_CLASSES):
            quotes += 1
        kept = tuple(c for c in node.get("class") or [] if not GENERATED_CLASS.fullmatch(c))
        ident = node.get("id")
        if ident and (GENERATED_ID.fullmatch(ident) or HEADING.fullmatch(name)):
            ident = None
        if (kept or ident) and name != "code":
            found["attributes"].append((name, kept, ident))
    text = "".join(prose)
    found["math"] += [a or b for a, b in MATH.findall(text)]
    found["footnotes"] = (refs, notes)
    found["blockquotes"] = quotes
    found["typography"] = _TYPOGRAPHIC.findall(text)
    found["text"] = plain(" ".join(prose)).split()
    return found


FEATURE_NAMES = [
    "headings",
    "lists",
    "code",
    "code language",
    "footnotes",
    "tables",
    "links",
    "blockquotes",
    "images",
    "emphasis",
    "definition lists",
    "abbreviations",
    "task lists",
    "math",
    "attributes",
    "typography",
    "text",
]


def markup(body: Any) -> str:
    """A post body's HTML with whitespace runs collapsed (what docs/kramdown.md quotes)."""
    return re.sub(r">\s+<", "><", " ".join(str(body).split()))


# -- a blog of our own: one post per construct ---------------------------------------------------

CONSTRUCTS: dict[str, str] = {
    "nested list, two-space indent": """
        - fruit
          - apple
          - pear
        - vegetables
        """,
    "paragraph in a list item, two-space indent": """
        - first item

          more about the first item

        - second item
        """,
    "list right after a paragraph": """
        The release brings:
        - faster builds
        - fewer warnings
        """,
    "wrapped line starting `#1234`": """
        The crash was fixed in pull request
        #1234 after a long review.
        """,
    "`{:toc}`": """
        * TOC
        {:toc}

        ## First part

        ## Second part
        """,
    "`{:.no_toc}`": """
        ## Contents
        {:.no_toc}

        ## Chapter
        """,
    "`{::options}`": """
        {::options parse_block_html="true" /}

        <div class="box">
        Some *emphasis* inside HTML.
        </div>
        """,
    "`{::comment}`": """
        Shown.

        {::comment}
        Hidden from readers.
        {:/comment}

        Also shown.
        """,
    "block math `$$`": """
        $$
        E = mc^2
        $$
        """,
    "inline math `$$`": """
        Energy is $$E = mc^2$$ here.
        """,
    "`~~~` fence": """
        ~~~
        plain code
        ~~~
        """,
    "fenced code language": """
        ```python
        print("hello")
        ```
        """,
    "footnotes": """
        A claim.[^1]

        [^1]: The source.
        """,
    "abbreviations": """
        HTML is everywhere.

        *[HTML]: HyperText Markup Language
        """,
    "definition lists": """
        Kramdown
        : A Markdown parser in Ruby.
        """,
    "tables": """
        | Name | Size |
        |------|-----:|
        | a    | 1    |
        | b    | 2    |
        """,
    "`{: .class}` under a table": """
        | Name | Size |
        |------|------|
        | a    | 1    |
        {: .compact}
        """,
    "pipe in a line of text": """
        - GEOS-1 POST /rest | 400: bad request
        """,
    "`~~strike~~`": """
        This is ~~gone~~ now.
        """,
    "task lists": """
        - [ ] open
        - [x] done
        """,
    "typographic quotes and dashes": """
        I'm "here" -- and 'there' --- and so on...
        """,
    "backslash escapes": """
        It\\'s \\<b\\> and \\*not emphasis\\* and 1\\. not a list.
        """,
    "`{: .class}` and `{: #id}`": """
        A classy paragraph.
        {: .note}

        A paragraph with an id.
        {: #here}
        """,
    "heading ids with punctuation": """
        ## What's new in 2.0? (Part 1/2)

        ## Tips & tricks
        """,
    "heading ids with non-ASCII letters": """
        ## Café crème

        ## 日本語の見出し
        """,
    "repeated heading": """
        ## Notes

        ## Notes
        """,
    "bare URL": """
        See https://example.org for more.
        """,
    "emphasis, code, links and images": """
        Some *emphasis*, **strong** words, `code`, a [link](https://example.org/a) and
        ![a picture](/images/a.png "Title").
        """,
    "nested list, four-space indent": """
        1. first
            - inner
        2. second
        """,
    "indented code": """
        Before.

            indented code

        After.
        """,
    "blockquote": """
        Intro.

        > A quoted line
        > and its second line.
        """,
    "`{: .class}` under a blockquote": """
        Intro.

        > Quoted words.
        {: .aside}
        """,
}

# The two inputs a Jekyll blog can have. `GFM` is Jekyll's own default (jekyll/configuration.rb)
# and GitHub Pages', so it is what a blog had unless its `_config.yml` asked for `kramdown`.
VARIANTS: dict[str, dict[str, Any]] = {
    "GFM": {"kramdown": {"input": "GFM"}},
    "kramdown": {"kramdown": {"input": "kramdown"}},
}


def slug(construct: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", construct.lower()).strip("-")


def own_blog(config: dict[str, Any]) -> Blog:
    files = {
        f"_posts/2024-01-01-{slug(name)}.md": f"---\ntitle: {json.dumps(name)}\n---\n"
        + textwrap.dedent(body).lstrip("\n")
        for name, body in CONSTRUCTS.items()
    }
    return Blog(files, {"permalink": "/:title/", **config})


# -- building both sides ------------------------------------------------------------------------


@dataclass
class Compared:
    """One post as Jekyll and as the plugin rendered it."""

    source: str
    theirs: Any
    ours: Any

    @cached_property
    def differing(self) -> list[str]:
        """The features on which the two bodies differ."""
        a, b = features(self.theirs), features(self.ours)
        return [name for name in FEATURE_NAMES if a[name] != b[name]]


def build_all(
    root: Path, jekylls: dict[str, Blog], ours: dict[str, tuple[Blog, list[Any]]]
) -> tuple[dict[str, JekyllSite], dict[str, Site]]:
    """Jekyll builds in threads (each its own process) while MkDocs builds the plugin's sites."""
    require_jekyll()
    with ThreadPoolExecutor(max_workers=len(jekylls)) as pool:
        futures = {
            name: pool.submit(build_jekyll, blog, root / f"jekyll-{name}")
            for name, blog in jekylls.items()
        }
        mine = {
            name: build_mindset_markdown(blog, root / f"mindset-{name}", extensions)
            for name, (blog, extensions) in ours.items()
        }
        return {name: f.result() for name, f in futures.items()}, mine


def paired(jekyll: JekyllSite, ours: Site) -> list[Compared]:
    """Each post Jekyll wrote, with the page the plugin wrote at the same path."""
    compared = []
    for post in jekyll.posts:
        file = jekyll.file_of(post["url"])
        compared.append(Compared(post["path"], jekyll_body(jekyll, file), mindset_body(ours, file)))
    return compared


# -- the corpora --------------------------------------------------------------------------------

CORPORA = ["jekyll-docs", "fastpages", "geoserver"]

# Each site's `kramdown:` settings, from its `_config.yml`; Jekyll merges them into its defaults,
# whose `input` is GFM. fastpages' also says `math_engine: katex` (left out: no corpus post has
# math, and the katex gem is not packaged); geoserver's says nothing.
CORPUS_KRAMDOWN: dict[str, dict[str, Any]] = {
    "jekyll-docs": {"syntax_highlighter_opts": {"default_lang": "plaintext"}},
    "fastpages": {
        "input": "GFM",
        "auto_ids": True,
        "hard_wrap": False,
        "syntax_highlighter": "rouge",
    },
    "geoserver": {},
}

# Posts whose bodies matched Jekyll's, per feature, when these floors were measured (Jekyll
# 4.3.1, kramdown 2.4.0, kramdown-parser-gfm 1.1.0, rouge 3.30; Markdown 3.11, pymdown-extensions
# 13.1, Material 9.8). A count below its floor is a regression and fails; a count above it is
# progress: raise the floor and the figures in docs/kramdown.md with it.
FLOORS: dict[str, dict[str, int]] = {
    "jekyll-docs": {
        "all features": 76,
        "all but typography": 76,
        "headings": 102,
        "lists": 102,
        "code": 102,
        "code language": 94,
        "footnotes": 102,
        "tables": 102,
        "links": 93,
        "blockquotes": 102,
        "images": 102,
        "emphasis": 102,
        "definition lists": 102,
        "abbreviations": 102,
        "task lists": 102,
        "math": 102,
        "attributes": 102,
        "typography": 101,
        "text": 82,
    },
    "fastpages": {
        "all features": 1,
        "all but typography": 1,
        "headings": 3,
        "lists": 3,
        "code": 3,
        "code language": 1,
        "footnotes": 3,
        "tables": 3,
        "links": 3,
        "blockquotes": 3,
        "images": 3,
        "emphasis": 3,
        "definition lists": 3,
        "abbreviations": 3,
        "task lists": 3,
        "math": 3,
        "attributes": 3,
        "typography": 3,
        "text": 3,
    },
    "geoserver": {
        "all features": 424,
        "all but typography": 425,
        "headings": 508,
        "lists": 517,
        "code": 517,
        "code language": 507,
        "footnotes": 520,
        "tables": 455,
        "links": 518,
        "blockquotes": 520,
        "images": 520,
        "emphasis": 510,
        "definition lists": 520,
        "abbreviations": 520,
        "task lists": 520,
        "math": 520,
        "attributes": 518,
        "typography": 511,
        "text": 438,
    },
}


def corpus_comparison(
    name: str, root: Path, extensions: list[Any] = MARKDOWN_EXTENSIONS
) -> list[Compared]:
    blog = corpus_blog(name)
    jekyll = Blog(blog.files, {**blog.config, "kramdown": CORPUS_KRAMDOWN[name]})
    sites, mine = build_all(root, {"corpus": jekyll}, {"corpus": (blog, extensions)})
    return paired(sites["corpus"], mine["corpus"])


def matches_per_feature(posts: list[Compared]) -> dict[str, int]:
    """Feature -> how many posts match on it; `all features` counts posts matching on every one,
    `all but typography` those whose only difference, if any, is kramdown's curly quotes."""
    counts = dict.fromkeys(["all features", "all but typography", *FEATURE_NAMES], 0)
    for post in posts:
        counts["all features"] += not post.differing
        counts["all but typography"] += not set(post.differing) - {"typography"}
        for name in FEATURE_NAMES:
            counts[name] += name not in post.differing
    return counts


@pytest.mark.parametrize("name", CORPORA)
def test_corpus_post_bodies_match_jekylls_at_least_as_often_as_measured(
    name: str, tmp_path: Path
) -> None:
    require_jekyll()
    posts = corpus_comparison(name, tmp_path)
    counts = matches_per_feature(posts)
    for feature, matched in counts.items():
        record(name, f"kramdown: {feature}", len(posts), matched)
    below = {
        feature: (matched, FLOORS[name][feature])
        for feature, matched in counts.items()
        if matched < FLOORS[name][feature]
    }
    assert not below, f"fewer posts match Jekyll's than measured (now, floor): {below}"


# -- our own blog: one post per construct --------------------------------------------------------

# The extensions a migrating blogger can add to close some gaps (see `CLOSED_BY`).
MORE_EXTENSIONS: list[Any] = [
    *MARKDOWN_EXTENSIONS[:4],
    {"pymdownx.highlight": {"anchor_linenums": True, "pygments_lang_class": True}},
    *MARKDOWN_EXTENSIONS[5:],
    "footnotes",
    "abbr",
    "def_list",
    "smarty",
    "pymdownx.tilde",
    "pymdownx.tasklist",
]


@dataclass
class OwnBlog:
    theirs: dict[str, dict[str, Any]]
    """Jekyll input (`GFM`, `kramdown`) -> construct -> post body."""
    ours: dict[str, dict[str, Any]]
    """Extensions (`repository`, `more`) -> construct -> post body."""

    def compared(self, construct: str, variant: str, ours: str = "repository") -> Compared:
        return Compared(construct, self.theirs[variant][construct], self.ours[ours][construct])


def build_own(root: Path) -> OwnBlog:
    """Our blog built by Jekyll with each input and by the plugin with each set of extensions."""
    blog = own_blog({})
    sites, mine = build_all(
        root,
        {name: own_blog(config) for name, config in VARIANTS.items()},
        {"repository": (blog, MARKDOWN_EXTENSIONS), "more": (blog, MORE_EXTENSIONS)},
    )
    # Construct -> its post's output file, the same relative path on every side.
    files = {name: sites["GFM"].file_of(f"/{slug(name)}/") for name in CONSTRUCTS}
    assert all(len(site.posts) == len(CONSTRUCTS) for site in sites.values())
    return OwnBlog(
        {name: {c: jekyll_body(site, f) for c, f in files.items()} for name, site in sites.items()},
        {name: {c: mindset_body(site, f) for c, f in files.items()} for name, site in mine.items()},
    )


@pytest.fixture(scope="module")
def own(tmp_path_factory: pytest.TempPathFactory) -> OwnBlog:
    return build_own(tmp_path_factory.mktemp("kramdown"))


# What the plugin renders differently today, construct -> what differs. A construct listed here
# must still differ (a fix makes this test fail until the entry and docs/kramdown.md are updated);
# every other construct must match. Each differs with both Jekyll inputs unless `ONLY_WITH` says.
DIFFERENCES: dict[str, str] = {
    "list right after a paragraph": "read as GFM: a list; kramdown's parser keeps one paragraph",
    "`{:toc}`": "dropped: the theme's own table of contents shows it (Material's sidebar)",
    "fenced code language": "highlighted, but no language-python class names the language",
    "`{: .class}` under a table": "the line becomes an extra table row; the table gets no class",
    "pipe in a line of text": "kramdown makes a one-row table of the line; ours keeps the text",
    "`~~strike~~`": "read as GFM: struck through, where kramdown's parser shows the tildes",
    "task lists": "read as GFM: checkboxes, where kramdown's parser shows [ ] and [x]",
    "heading ids with non-ASCII letters": "GFM's ids (letters kept), not kramdown's (dropped)",
    "`{: .class}` under a blockquote": "the class lands on the quote's paragraph, not the quote",
}
# Constructs that differ with one Jekyll input only (they match the other). The plugin reads
# posts as GFM unless the Jekyll `_config.yml` says `input: kramdown` (not the case here).
ONLY_WITH: dict[str, str] = {
    "list right after a paragraph": "kramdown",
    "`~~strike~~`": "kramdown",
    "task lists": "kramdown",
    "heading ids with non-ASCII letters": "kramdown",
}
# Differences that `MORE_EXTENSIONS` closes against Jekyll's default (GFM) input: construct ->
# the setting that does it (docs/kramdown.md lists them).
CLOSED_BY: dict[str, str] = {
    "fenced code language": "pygments_lang_class: true",
}


def differs_with(construct: str) -> set[str]:
    """The Jekyll inputs whose rendering of `construct` the plugin's is listed as differing from."""
    if construct not in DIFFERENCES:
        return set()
    return {ONLY_WITH[construct]} if construct in ONLY_WITH else set(VARIANTS)


def same_cell(construct: str) -> str:
    """What the table's "Same?" column must say for a construct."""
    differs = differs_with(construct)
    if not differs:
        return "yes"
    if differs == set(VARIANTS):
        return "no"
    (other,) = set(VARIANTS) - differs
    return f"{other} input only"


@pytest.mark.parametrize("construct", list(CONSTRUCTS))
def test_construct_matches_jekylls_unless_listed_as_a_difference(
    construct: str, own: OwnBlog
) -> None:
    for variant in VARIANTS:
        differing = own.compared(construct, variant).differing
        if variant in differs_with(construct):
            assert differing, (
                f"{construct!r} now matches Jekyll ({variant} input): take it out of "
                f"DIFFERENCES ({DIFFERENCES[construct]!r}) or ONLY_WITH, and update the table "
                "in docs/kramdown.md"
            )
        else:
            assert not differing, (
                f"{construct!r} differs from Jekyll ({variant} input) in {differing}:\n"
                f"  Jekyll: {markup(own.theirs[variant][construct])}\n"
                f"  ours:   {markup(own.ours['repository'][construct])}"
            )


def test_more_extensions_close_the_gaps_they_are_listed_for(own: OwnBlog) -> None:
    assert set(CLOSED_BY) <= {c for c in DIFFERENCES if "GFM" in differs_with(c)}
    for construct in CONSTRUCTS:
        differing = own.compared(construct, "GFM", "more").differing
        if construct in CLOSED_BY or "GFM" not in differs_with(construct):
            assert not differing, (construct, differing, markup(own.ours["more"][construct]))


def test_own_blog_counts(own: OwnBlog) -> None:
    """The per-input totals for the summary printed at the end of the run."""
    for variant in VARIANTS:
        matched = sum(not own.compared(c, variant).differing for c in CONSTRUCTS)
        record(f"blog: kramdown ({variant})", "kramdown: constructs", len(CONSTRUCTS), matched)
        assert matched == len(CONSTRUCTS) - sum(variant in differs_with(c) for c in CONSTRUCTS)


# -- docs/kramdown.md says what the builds say ----------------------------------------------------


def docs_tables() -> dict[str, list[list[str]]]:
    """Each table of docs/kramdown.md by the first cell of its header: its body rows' cells."""
    tables: dict[str, list[list[str]]] = {}
    rows: list[list[str]] = []
    for line in [*DOCS_PAGE.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("|"):
            rows.append([cell.strip() for cell in re.split(r"(?<!\\)\|", line.strip())[1:-1]])
        elif rows:
            tables[rows[0][0]] = rows[2:]
            rows = []
    return tables


def code_spans(cell: str) -> list[str]:
    return re.findall(r"`([^`]+)`", cell)


def test_docs_table_has_one_row_per_construct_saying_what_the_builds_say(own: OwnBlog) -> None:
    rows = docs_tables()["Construct"]
    assert [row[0] for row in rows] == list(CONSTRUCTS)
    assert set(DIFFERENCES) <= {row[0] for row in rows}
    for construct, gfm, kramdown, ours, same in rows:
        assert same == same_cell(construct), (construct, same)
        sides = [
            (gfm, own.theirs["GFM"][construct]),
            (kramdown, own.theirs["kramdown"][construct]),
            (ours, own.ours["repository"][construct]),
        ]
        if kramdown == "as GFM":
            a, b = own.theirs["GFM"][construct], own.theirs["kramdown"][construct]
            assert features(a) == features(b), (construct, markup(a), markup(b))
        for cell, body in sides:
            html = markup(body)
            quoted = [span for span in code_spans(cell) if span not in html]
            assert not quoted, f"{construct}: {quoted} not in {html}"


def test_docs_list_the_extensions_that_close_gaps() -> None:
    rows = docs_tables()["Add"]
    for construct, setting in CLOSED_BY.items():
        assert any(setting in row[0] and construct in row[1] for row in rows), (construct, setting)


# -- printing what the table is made of ------------------------------------------------------------


def main(args: list[str]) -> None:
    """Print each construct's rendering on every side; with `--corpora` the corpus figures, and
    with `--more` too the corpus figures with `MORE_EXTENSIONS` (which the tests do not rebuild)."""
    with tempfile.TemporaryDirectory() as tmp:
        blog = build_own(Path(tmp) / "own")
        for construct in CONSTRUCTS:
            print(f"== {construct}")
            for variant, bodies in blog.theirs.items():
                print(f"   Jekyll {variant:8} {markup(bodies[construct])}")
            for name, bodies in blog.ours.items():
                print(f"   ours {name:10} {markup(bodies[construct])}")
            for variant in VARIANTS:
                for ours in blog.ours:
                    differing = blog.compared(construct, variant, ours).differing
                    print(f"   {variant} vs {ours}: {', '.join(differing) or 'same'}")
        runs = {"--corpora": MARKDOWN_EXTENSIONS, "--more": MORE_EXTENSIONS}
        for flag, extensions in runs.items():
            if flag not in args:
                continue
            for name in CORPORA:
                posts = corpus_comparison(name, Path(tmp) / flag / name, extensions)
                print(flag, name, len(posts), matches_per_feature(posts))


if __name__ == "__main__":
    main(sys.argv[1:])
