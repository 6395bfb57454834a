"""Deterministic blog corpora for the build benchmark.

One synthetic blog of N posts is written three times, laid out for three builders:

``bare``
    Plain MkDocs + Material: the posts as ordinary pages under ``docs/posts/``, kept out of the
    automatic navigation with ``not_in_nav`` (a nav listing every post is quadratic).
``bare-urls``
    The same, but each post's file sits where its URL under the plugin is
    (``docs/machine learning/2014/03/25/title.md`` for ``/machine%20learning/2014/03/25/title/``):
    what bare MkDocs needs to keep a Jekyll blog's URLs. Those folders cost system time whatever
    builds them, so this baseline separates the plugin's own work from the cost of the URLs.
``mindset``
    This plugin: the same files, unchanged, under ``docs/_posts/``, with
    ``plugins: [search, mindset]``.
``blog``
    Material's blog plugin: ``docs/blog/posts/`` with the front matter that plugin wants (``date:``,
    a ``categories:`` list) and ``<!-- more -->`` after the lede; its category pages are on.

Posts are in fastpages' shape: front matter ``layout: post``, ``title``, ``description``,
``categories: [..]`` (1-3 of 10, skewed so some categories are big), ``tags``; the date is in the
file name; the body is ``# Title``, a ``> lede`` blockquote, then about 600 words of paragraphs,
headings, a list and sometimes a code block. Everything comes from one seeded ``random.Random``,
so the same N and seed give byte-identical files.

Run ``python benchmarks/generate.py --posts 100 --out /tmp/corpus`` to look at one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

BUILDERS: tuple[str, ...] = ("bare", "bare-urls", "mindset", "blog")

SITE_NAME = "Mindset benchmark"
SITE_URL = "https://bench.example.org/"
FIRST_DAY = dt.date(2012, 1, 2)
MAX_SPAN_DAYS = 3000
TARGET_WORDS = 600

CATEGORIES: tuple[str, ...] = (
    "python",
    "machine learning",
    "data",
    "web",
    "devops",
    "statistics",
    "jupyter",
    "tutorial",
    "notes",
    "fastpages",
)
# Zipf-like weights: a few big categories, a long tail of small ones.
CATEGORY_WEIGHTS: tuple[float, ...] = tuple(1.0 / (rank + 1) for rank in range(len(CATEGORIES)))

_TAGS_TEXT = (
    "arrays caching cli colab compilers containers css dashboards debugging deployment docker "
    "embeddings fastai git gpus html http images kubernetes linux logging markdown notebooks "
    "numpy optimisation pandas performance plotting pytorch regex rust scraping security sql "
    "testing text timeseries typing unicode visualisation"
)
TAGS: tuple[str, ...] = tuple(_TAGS_TEXT.split())

_WORDS_TEXT = (
    "the a of to and in is that for it as with was on be by this are from at or an which "
    "model data value function build page site post blog file folder result error test example "
    "number string list table column row index query cache server client request response "
    "version release change commit branch merge review notebook cell kernel plot chart figure "
    "training loss gradient batch epoch layer weight bias feature label sample dataset metric "
    "score accuracy baseline experiment pipeline stage step job runner container image volume "
    "network latency throughput memory disk thread process queue worker schedule deadline "
    "simple quick careful small large early late better worse faster slower clear useful "
    "obvious subtle strange common rare stable fragile explicit implicit lazy eager "
    "write read run check measure compare explain describe show keep drop move split join "
    "sort filter group count parse render escape quote link publish deploy migrate convert "
    "because although when while after before until unless since so then also only just "
    "really quite often rarely always never usually again together instead"
)
WORDS: tuple[str, ...] = tuple(_WORDS_TEXT.split())

HEADINGS: tuple[str, ...] = (
    "Background",
    "The problem",
    "A first attempt",
    "What went wrong",
    "Measuring it",
    "A better approach",
    "Results",
    "Trade-offs",
    "Further reading",
    "Wrapping up",
    "Setting things up",
    "Edge cases",
)

TITLE_LEADS: tuple[str, ...] = (
    "Notes on",
    "A gentle introduction to",
    "Lessons from",
    "Why I stopped worrying about",
    "Debugging",
    "Speeding up",
    "Thinking about",
    "Ten minutes with",
    "Revisiting",
    "Getting started with",
    "What nobody tells you about",
    "Understanding",
)

_TITLE_NOUNS_TEXT = (
    "gradient descent,data pipelines,static sites,feature stores,unit tests,type hints,"
    "GPU memory,tokenisers,time series,category pages,search indexes,build caches,"
    "notebooks in CI,pandas groupby,regular expressions,Docker layers,HTTP caching,"
    "SQL window functions,Python packaging,embeddings,dashboards,async I/O,"
    "random seeds,CSV files,matrix maths,logging,profilers,dependency pins"
)
TITLE_NOUNS: tuple[str, ...] = tuple(_TITLE_NOUNS_TEXT.split(","))


@dataclass(frozen=True)
class Post:
    """One synthetic post, independent of any builder's layout."""

    index: int
    date: dt.date
    slug: str
    title: str
    description: str
    categories: tuple[str, ...]
    tags: tuple[str, ...]
    lede: str
    body: str  # Markdown after the lede

    @property
    def filename(self) -> str:
        return f"{self.date.isoformat()}-{self.slug}.md"

    @property
    def jekyll_path(self) -> str:
        """Where Jekyll's ``pretty`` permalink (the plugin's default) puts the post, as a file.

        ``/:categories/:year/:month/:day/:title/``: categories lowercased, not slugified.
        """
        folders = [c.lower() for c in self.categories]
        folders += [f"{self.date.year:04d}", f"{self.date.month:02d}", f"{self.date.day:02d}"]
        return "/".join([*folders, f"{self.slug}.md"])


def _slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _sentence(rng: random.Random, low: int = 8, high: int = 20) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    # A little inline markup, as real posts have.
    roll = rng.random()
    if roll < 0.12:
        i = rng.randrange(len(words))
        words[i] = f"`{words[i]}()`"
    elif roll < 0.22:
        i = rng.randrange(len(words))
        words[i] = f"**{words[i]}**"
    elif roll < 0.28:
        i = rng.randrange(len(words))
        words[i] = f"[{words[i]}](https://example.org/{words[i].strip('`*')}/)"
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(3, 6)))


def _code_block(rng: random.Random) -> str:
    name = rng.choice(WORDS[20:80])
    lines = [
        "```python",
        f"def {name}(items: list[int]) -> int:",
        f'    """{_sentence(rng, 4, 8)}"""',
        "    total = 0",
        "    for item in items:",
        f"        total += item * {rng.randint(2, 9)}",
        "    return total",
        "```",
    ]
    return "\n".join(lines)


def _body(rng: random.Random) -> str:
    """About TARGET_WORDS words of Markdown: paragraphs, headings, one list, maybe code."""
    blocks: list[str] = []
    words = 0
    headings = rng.sample(HEADINGS, 4)
    listed = False
    while words < TARGET_WORDS:
        if blocks and len(blocks) % 3 == 0 and headings:
            blocks.append(f"## {headings.pop()}")
        if not listed and words > TARGET_WORDS // 3:
            items = [_sentence(rng, 4, 9) for _ in range(rng.randint(3, 5))]
            blocks.append("\n".join(f"- {item}" for item in items))
            words += sum(len(item.split()) for item in items)
            listed = True
            continue
        if rng.random() < 0.08:
            blocks.append(_code_block(rng))
            continue
        paragraph = _paragraph(rng)
        blocks.append(paragraph)
        words += len(paragraph.split())
    return "\n\n".join(blocks)


def make_posts(n: int, seed: int = 2020) -> list[Post]:
    """Return N posts, oldest first; the same (n, seed) always gives the same posts."""
    rng = random.Random(f"mindset-bench:{seed}:{n}")
    span = min(max(n, 1), MAX_SPAN_DAYS)
    posts: list[Post] = []
    used: set[tuple[dt.date, str]] = set()
    for i in range(n):
        date = FIRST_DAY + dt.timedelta(days=i * span // max(n, 1))
        while True:
            title = f"{rng.choice(TITLE_LEADS)} {rng.choice(TITLE_NOUNS)}"
            if rng.random() < 0.5:
                title += f", part {rng.randint(2, 9)}"
            slug = _slugify(title)
            if (date, slug) not in used:
                used.add((date, slug))
                break
        k = rng.choice((1, 1, 2, 2, 2, 3))
        categories: list[str] = []
        while len(categories) < k:
            choice = rng.choices(CATEGORIES, weights=CATEGORY_WEIGHTS)[0]
            if choice not in categories:
                categories.append(choice)
        tags = tuple(rng.sample(TAGS, rng.randint(1, 4)))
        description = _sentence(rng, 12, 22)
        if rng.random() < 0.1:
            description = description[:-1] + ' & why "fast" matters.'
        posts.append(
            Post(
                index=i,
                date=date,
                slug=slug,
                title=title,
                description=description,
                categories=tuple(categories),
                tags=tags,
                lede=" ".join(_sentence(rng, 10, 18) for _ in range(2)),
                body=_body(rng),
            )
        )
    return posts


def _flow_list(items: tuple[str, ...]) -> str:
    return "[" + ", ".join(items) + "]"


def jekyll_text(post: Post) -> str:
    """The post as a fastpages ``_posts/`` file (also what bare MkDocs gets)."""
    return (
        "---\n"
        "layout: post\n"
        f"title: {json.dumps(post.title)}\n"
        f"description: {json.dumps(post.description)}\n"
        "toc: true\n"
        f"categories: {_flow_list(post.categories)}\n"
        f"tags: {_flow_list(post.tags)}\n"
        "---\n\n"
        f"# {post.title}\n\n"
        f"> {post.lede}\n\n"
        f"{post.body}\n"
    )


def material_blog_text(post: Post) -> str:
    """The post as Material's blog plugin wants it: ``date:``, a ``categories:`` list, excerpt."""
    categories = "".join(f"  - {c}\n" for c in post.categories)
    return (
        "---\n"
        f"date: {post.date.isoformat()}\n"
        f"description: {json.dumps(post.description)}\n"
        "categories:\n"
        f"{categories}"
        f"tags: {_flow_list(post.tags)}\n"
        "---\n\n"
        f"# {post.title}\n\n"
        f"> {post.lede}\n\n"
        "<!-- more -->\n\n"
        f"{post.body}\n"
    )


HOME = (
    "# Mindset benchmark\n\n"
    "A synthetic blog used to time builds. Every builder gets the same posts.\n"
)

_COMMON_YAML = (
    f"site_name: {SITE_NAME}\nsite_url: {SITE_URL}\ntheme:\n  name: material\n  font: false\n"
)

CONFIGS: dict[str, str] = {
    "bare": _COMMON_YAML + "not_in_nav: |\n  /posts/\nplugins:\n  - search\n",
    "bare-urls": _COMMON_YAML + "not_in_nav: |\n  /*/\nplugins:\n  - search\n",
    "mindset": _COMMON_YAML + "plugins:\n  - search\n  - mindset\n",
    "blog": _COMMON_YAML + "plugins:\n  - search\n  - blog:\n      categories: true\n",
}

POST_DIRS: dict[str, str] = {
    "bare": "docs/posts",
    "bare-urls": "docs",
    "mindset": "docs/_posts",
    "blog": "docs/blog/posts",
}


@dataclass(frozen=True)
class Corpus:
    """Where one builder's copy of the blog was written."""

    builder: str
    root: Path
    posts: int
    newest: Path  # the newest post's file: the one the rebuild benchmark edits

    @property
    def config_file(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def post_dir(self) -> Path:
        return self.root / POST_DIRS[self.builder]


def write_corpus(builder: str, root: Path, posts: list[Post]) -> Corpus:
    """Write one builder's layout of ``posts`` into ``root`` (emptied first)."""
    if builder not in CONFIGS:
        raise ValueError(f"unknown builder {builder!r}; expected one of {BUILDERS}")
    if root.exists():
        shutil.rmtree(root)
    post_dir = root / POST_DIRS[builder]
    post_dir.mkdir(parents=True)
    (root / "mkdocs.yml").write_text(CONFIGS[builder], encoding="utf-8")
    (root / "docs" / "index.md").write_text(HOME, encoding="utf-8")
    render = material_blog_text if builder == "blog" else jekyll_text
    if builder == "blog":
        (root / "docs" / "blog" / "index.md").write_text("# Blog\n", encoding="utf-8")
    paths = {}
    for post in posts:
        path = paths[post.filename] = post_dir / (
            post.jekyll_path if builder == "bare-urls" else post.filename
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render(post), encoding="utf-8")
    newest = paths[max(paths)] if paths else root / "docs" / "index.md"
    return Corpus(builder=builder, root=root, posts=len(posts), newest=newest)


def write_corpora(
    work_dir: Path, n: int, builders: tuple[str, ...] = BUILDERS, seed: int = 2020
) -> dict[str, Corpus]:
    """Write the N-post blog for each builder under ``work_dir/<builder>-<n>/``."""
    posts = make_posts(n, seed)
    return {b: write_corpus(b, work_dir / f"{b}-{n}", posts) for b in builders}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=100, help="number of posts (default 100)")
    parser.add_argument("--seed", type=int, default=2020, help="corpus seed (default 2020)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write corpora into")
    parser.add_argument(
        "--builders", nargs="+", choices=BUILDERS, default=list(BUILDERS), help="layouts to write"
    )
    args = parser.parse_args(argv)
    corpora = write_corpora(args.out, args.posts, tuple(args.builders), args.seed)
    for corpus in corpora.values():
        print(f"{corpus.builder:8} {corpus.config_file}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
