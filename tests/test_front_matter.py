"""The simple front matter fast path: PyYAML's exact result, or None so PyYAML decides.

Every case is checked against `yaml.load(text, Loader=posts._Loader)` itself, values and types
both, so the tables say only which texts must be taken and which must be refused. A pure-Python
twin of the loader is checked too: it is what posts read with when PyYAML lacks libyaml, and
the two scanners differ in corners (`[a?]`).
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import math
import random
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import CORPUS

from mkdocs_mindset import posts
from mkdocs_mindset.front_matter import Loader, _timestamp, parse_simple

GENERATE = Path(__file__).resolve().parents[1] / "benchmarks" / "generate.py"


def same(fast: Any, slow: Any) -> bool:
    """Equal and of the same types all the way down (so `True` is not `1`, nor `"true"`)."""
    if type(fast) is not type(slow):
        return False
    if isinstance(fast, dict):
        return list(fast) == list(slow) and all(same(fast[k], slow[k]) for k in fast)
    if isinstance(fast, list):
        return len(fast) == len(slow) and all(same(a, b) for a, b in zip(fast, slow, strict=True))
    if isinstance(fast, float) and math.isnan(fast):
        return math.isnan(slow)
    if isinstance(fast, dt.datetime):
        return fast == slow and fast.tzinfo == slow.tzinfo
    return bool(fast == slow)


class PurePythonLoader(yaml.SafeLoader):
    """posts._Loader without libyaml."""


PurePythonLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)

LOADERS: tuple[type[yaml.SafeLoader], ...] = (posts._Loader, PurePythonLoader)
ERRORS = (yaml.YAMLError, ValueError, OverflowError)


def pyyaml(text: str) -> Any:
    return yaml.load(text, Loader=posts._Loader)


def assert_exact_or_refused(text: str) -> Any:
    """The fast path's result, after checking it is None or exactly PyYAML's with each loader."""
    fast = parse_simple(text)
    for loader in LOADERS:
        try:
            slow = yaml.load(text, Loader=loader)
        except ERRORS:
            assert fast is None, (text, loader)  # PyYAML's error must still be reported
            continue
        if fast is not None:
            assert same(fast, slow), (text, loader, fast, slow)
    return fast


def front_matter_of(text: str) -> str | None:
    match = posts._FRONT_MATTER.match(text.lstrip("\ufeff"))
    return None if match is None else match.group(1) or ""


# -- texts that must take the fast path ----------------------------------------------------------

TAKEN = [
    pytest.param(
        "layout: post\n"
        'title: "Notes on GPU memory"\n'
        'description: "Deploy experiment obvious ... `render()` quite strange."\n'
        "toc: true\n"
        "categories: [statistics]\n"
        'tags: [compilers, "x y"]\n'
        "date: 2020-05-20 10:00:00 +0200\n",
        id="fastpages-shape",
    ),
    pytest.param("title: Hello world\n", id="plain"),
    pytest.param("title: Hello world   \n", id="trailing-spaces"),
    pytest.param("title:    spaced   out   words\n", id="inner-spaces-kept"),
    pytest.param("title: x\n\n\nauthor: y\n", id="blank-lines"),
    pytest.param("title: x\r\nauthor: y\r\n", id="crlf"),
    pytest.param("title: x", id="no-final-newline"),
    pytest.param("search_exclude: true\nmy-key: x\n_private: 1\n", id="key-shapes"),
    pytest.param("image:\n", id="empty-is-none"),
    pytest.param("a: ~\nb: null\nc: Null\nd: NULL\n", id="nulls"),
    pytest.param("a: true\nb: False\nc: yes\nd: No\ne: on\nf: OFF\n", id="bools"),
    pytest.param("a: y\nb: n\nc: Yes please\n", id="not-bools"),
    pytest.param("a: 1\nb: -2\nc: +3\nd: 0x1F\ne: 017\nf: 1_000\ng: 1:30\nh: 007\n", id="ints"),
    pytest.param("a: 1.5\nb: -.inf\nc: .NaN\nd: 1.0e+3\ne: 1e3\nf: 6.8523015e+5\n", id="floats"),
    pytest.param("version: 3.0\nversion2: 4.0.0\nversion3: 2.16.3\n", id="versions"),
    pytest.param("date: 2020-05-20\n", id="date"),
    pytest.param("date: 2020-05-20 10:00:00\n", id="naive-datetime"),
    pytest.param("date: 2006-11-17 19:47:40+00:00\n", id="utc-datetime"),
    pytest.param("date: 2020-05-20 10:00:00 -07:00\n", id="offset-datetime"),
    pytest.param("date: 2020-05-20T10:00:00.123456Z\n", id="iso-datetime"),
    pytest.param("date: 2020-05-20 10:00:00 +0200\n", id="hhmm-offset-is-str"),
    pytest.param("date: 2020-13-45\n", id="impossible-date-is-str"),
    pytest.param("date: 2020-02-30 10:00:00\n", id="impossible-datetime-is-str"),
    pytest.param("date: 2020-5-3\n", id="short-date-is-str"),
    pytest.param("date: 2023-01-29 18:30:22 2023 -0800\n", id="malformed-date-is-str"),
    pytest.param('date: "2020-05-20"\n', id="quoted-date-is-str"),
    pytest.param("title: \"it's #1: [yes], {no}, 'q'\"\n", id="double-quoted-indicators"),
    pytest.param("title: 'it''s \"x\" \\ #1: [a]'\n", id="single-quoted"),
    pytest.param("a: ''\nb: \"\"\nc: ''''\n", id="empty-quoted"),
    pytest.param("title: a [b] {c}, d\n", id="plain-with-brackets"),
    pytest.param("link: http://blog.geoserver.org/2006/11/17/about/#top\n", id="url"),
    pytest.param('title: it\'s "quoted" 100% a#b c:d C:\\x\n', id="plain-inner-marks"),
    pytest.param("a: -1x\nb: -.5\n", id="leading-minus-digit"),
    pytest.param("author: Hamel Husain & Jeremy Howard\n", id="ampersand-inside"),
    pytest.param("title: Café \u2013 naïve 日本語 🚀\n", id="unicode"),
    pytest.param('title: "Café \u2013 🚀"\n', id="unicode-quoted"),
    pytest.param("title: x\xa0\n", id="nbsp-is-not-space"),
    pytest.param("a: []\nb: [ ]\nc: [x]\n", id="flow-small"),
    pytest.param("tags: [machine learning, data ,  web ]\n", id="flow-plain"),
    pytest.param("tags: [\"a, b\", '[c]', 'd''s', \"#e\"]\n", id="flow-quoted"),
    pytest.param("tags: [1, -2, 1.5, true, no, ~, null, 2020-05-20]\n", id="flow-typed"),
    pytest.param("tags: [a,b]\n", id="flow-no-spaces"),
    pytest.param("categories:\n- Announcements\n- Developer notes\n", id="block-list"),
    pytest.param("categories:\n  - a\n  - 'b c'\n  - \"d\"\nnext: 1\n", id="block-list-indented"),
    pytest.param("tags:\n- 1\n- true\n- 2020-05-20\n- x y\n", id="block-list-typed"),
    pytest.param("tags:\n- a\ntitle: t\nmore:\n- b\n", id="two-block-lists"),
]


@pytest.mark.parametrize("text", TAKEN)
def test_taken_and_exactly_pyyaml(text: str) -> None:
    assert parse_simple(text) is not None, text
    assert_exact_or_refused(text)


def test_types_are_pyyamls() -> None:
    """A spot check of the types the tables compare, so `same` is seen to bite."""
    data = parse_simple(
        "a: true\nb: 1\nc: '1'\nd: 2020-05-20\ne: 2020-05-20 10:00:00 +02:00\nf: [1, '1']\n"
    )
    assert data is not None
    assert data["a"] is True
    assert type(data["b"]) is int and data["c"] == "1"
    assert type(data["d"]) is dt.date
    assert data["e"].utcoffset() == dt.timedelta(hours=2)
    assert [type(x) for x in data["f"]] == [int, str]
    assert not same({"a": 1}, {"a": True})
    assert not same({"a": dt.date(2020, 5, 20)}, {"a": dt.datetime(2020, 5, 20)})


# -- texts that must be left to PyYAML ------------------------------------------------------------

REFUSED = [
    pytest.param("", id="empty"),
    pytest.param("\n\n", id="blank-only"),
    pytest.param("# comment\ntitle: x\n", id="comment-line"),
    pytest.param("title: x # comment\n", id="trailing-comment"),
    pytest.param('title: "x" # comment\n', id="comment-after-quoted"),
    pytest.param("tags: [a] # comment\n", id="comment-after-flow"),
    pytest.param("title: # comment\n", id="comment-as-value"),
    pytest.param("a: &anchor 1\n", id="anchor"),
    pytest.param("a: 1\nb: *alias\n", id="alias"),
    pytest.param("a: !!str 1\n", id="tag"),
    pytest.param("a: !local x\n", id="local-tag"),
    pytest.param("- a\n- b\n", id="top-level-list"),
    pytest.param("tags: x\n- a\n", id="list-after-value"),
    pytest.param("tags:\n- a\n\n- b\n", id="list-with-blank-line"),
    pytest.param("tags:\n  - a\n    - b\n", id="list-indents-differ"),
    pytest.param("tags:\n  - a\n- b\n", id="list-indents-differ-2"),
    pytest.param("tags:\n- - a\n", id="nested-list"),
    pytest.param("tags:\n- a: b\n", id="map-in-list"),
    pytest.param("tags:\n-\n", id="empty-item"),
    pytest.param("tags:\n- [a]\n", id="flow-in-list"),
    pytest.param("tags:\n- a # c\n", id="comment-in-list"),
    pytest.param("tags:\n-  a\n", id="item-two-spaces"),
    pytest.param("title: foo\n  bar\n", id="plain-continued"),
    pytest.param('title: "foo\n  bar"\n', id="double-quoted-continued"),
    pytest.param("title: 'foo\n  bar'\n", id="single-quoted-continued"),
    pytest.param("title: |\n  x\n", id="literal-block"),
    pytest.param("title: >\n  x\n", id="folded-block"),
    pytest.param("title: |-\n", id="literal-indicator"),
    pytest.param("title: a\ntitle: b\n", id="duplicate-key"),
    pytest.param("a:\n  b: c\n", id="nested-map"),
    pytest.param("a: {b: c}\n", id="flow-map"),
    pytest.param('title: "a\\"b"\n', id="backslash-quote"),
    pytest.param('title: "a\\nb"\n', id="backslash-n"),
    pytest.param("key: value: x\n", id="colon-space-in-plain"),
    pytest.param("key: value:\n", id="trailing-colon"),
    pytest.param("title:\tx\n", id="tab-after-colon"),
    pytest.param("\ttitle: x\n", id="tab-indent"),
    pytest.param("title: a\tb\n", id="tab-inside"),
    pytest.param(" title: x\n", id="indented-key"),
    pytest.param("title : x\n", id="space-before-colon"),
    pytest.param("title:x\n", id="no-space-after-colon"),
    pytest.param("title\n", id="bare-word"),
    pytest.param('"title": x\n', id="quoted-key"),
    pytest.param("? title\n: x\n", id="complex-key"),
    pytest.param("yes: x\n", id="bool-key"),
    pytest.param("null: x\n", id="null-key"),
    pytest.param("1: x\n", id="int-key"),
    pytest.param("tags: [a, [b]]\n", id="nested-flow"),
    pytest.param("tags: [a, {b: c}]\n", id="map-in-flow"),
    pytest.param("tags: [a,]\n", id="flow-trailing-comma"),
    pytest.param("tags: [a, , b]\n", id="flow-empty-item"),
    pytest.param("tags: [a: b]\n", id="flow-pair"),
    pytest.param("tags: [a\n", id="flow-unclosed"),
    pytest.param("tags: [a,\n  b]\n", id="flow-multiline"),
    pytest.param("tags: [a] b\n", id="flow-then-text"),
    pytest.param("tags: [it's]\n", id="flow-quote-inside-plain"),
    pytest.param("tags: [-a, ?b]\n", id="flow-indicator-start"),
    pytest.param("tags: [a?]\n", id="flow-question-mark"),
    pytest.param('tags: ["a" b]\n', id="flow-quoted-then-text"),
    pytest.param("title: 'unterminated\n", id="unterminated-single"),
    pytest.param('title: "a" b\n', id="text-after-quoted"),
    pytest.param("title: =\n", id="value-tag"),
    pytest.param("title: <<\n", id="merge-tag"),
    pytest.param("---\ntitle: x\n", id="document-start"),
    pytest.param("title: x\n...\n", id="document-end"),
    pytest.param("%YAML 1.1\n---\ntitle: x\n", id="directive"),
    pytest.param("title: a\x07b\n", id="control-char"),
    pytest.param("title: a\x00b\n", id="nul"),
    pytest.param("title: a\x85b\n", id="nel"),
    pytest.param("title: a\u2028b\n", id="line-separator"),
    pytest.param("title: a\ufeffb\n", id="bom-inside"),
    pytest.param("title: a\rb\n", id="lone-cr"),
    pytest.param("title: x\x7f\n", id="delete"),
]


@pytest.mark.parametrize("text", REFUSED)
def test_refused(text: str) -> None:
    assert parse_simple(text) is None


@pytest.mark.parametrize(
    "value", ["@x", "`x`", "%x", "|", ">", "- x", "? x", ":x", "-x", "-", "!x", "&x", "*x", "#x"]
)
def test_indicator_starts_are_refused(value: str) -> None:
    assert parse_simple(f"key: {value}\n") is None


# -- tricky scalars: wherever they go, the fast path is PyYAML or refuses ------------------------

TRICKY = [
    "yes",
    "No",
    "on",
    "OFF",
    "y",
    "n",
    "~",
    "null",
    "NULL",
    "Null",
    "true",
    "True",
    "FALSE",
    "0",
    "-0",
    "+1",
    "007",
    "0x1F",
    "0o17",
    "0b101",
    "017",
    "09",
    "1_000",
    "1:30",
    "-1:30:00",
    "190:20:30.15",
    "1.5",
    "1.",
    ".5",
    "1e3",
    "1.0e3",
    "1.0e+3",
    "6.8523015e+5",
    ".inf",
    "-.Inf",
    "+.INF",
    ".nan",
    "-.NaN",
    "._",
    "2020-05-20",
    "2020-05-20 10:00:00 +0200",
    "2020-05-20 10:00:00 +02:00",
    "2020-05-20T10:00:00Z",
    "2020-05-20t10:00:00.5-7",
    "2020-05-20  10:00:00",
    "2020-13-45",
    "2020-02-30",
    "2020-5-3",
    "0000-00-00",
    "9999-12-31 23:59:60",
    '"007"',
    "'it''s'",
    "''",
    '""',
    "a: b",
    "a:b",
    "a :b",
    "a:",
    "a #b",
    "a#b",
    "[a, [b]]",
    "[a, b]",
    "[]",
    "[a,]",
    "{a: b}",
    "@x",
    "`x`",
    "%x",
    "|",
    ">",
    "- x",
    "? x",
    "?x",
    ":x",
    "-x",
    "-",
    "--",
    "---",
    "...",
    "=",
    "<<",
    "!x",
    "&x",
    "*x",
    "a, b",
    "a]",
    "a}",
    "a' b",
    'a" b',
    "'a' b",
    '"a\\tb"',
    "C:\\x",
    "x\xa0",
    "\xa0x",
    "é",
    "🚀",
    "a\u3000b",
]


@pytest.mark.parametrize("value", TRICKY)
@pytest.mark.parametrize(
    "shape",
    ["key: {v}\n", "key: {v}   \n", "key: [{v}]\n", "key: [x, {v}, y]\n", "key:\n- {v}\n"],
)
def test_tricky_scalars_exact_or_refused(shape: str, value: str) -> None:
    assert_exact_or_refused(shape.format(v=value))


@pytest.mark.parametrize("key", ["yes", "No", "on", "null", "~", "true", "y", "n", "x-1", "_"])
def test_tricky_keys_exact_or_refused(key: str) -> None:
    assert_exact_or_refused(f"{key}: 1\n")


# Pieces that make valid, invalid and borderline front matter when strung together at random.
PIECES = [*"abnoyXY01 9.-+:#,[]{}'\"&*!|>%@`?~=<_/\\\t"]
PIECES += ["\xa0", "é", "🚀", "\u2028", "0x", "e+3", ".inf", "2020-05-20", " 10:00:00"]
PIECES += ["+02:00", "true", "null", ": ", " #", "''", "- ", "  "]


def random_front_matter(rng: random.Random) -> str:
    def scalar() -> str:
        return "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 7)))

    def value() -> str:
        roll = rng.random()
        if roll < 0.3:
            return scalar()
        if roll < 0.45:
            return f'"{scalar()}"'
        if roll < 0.6:
            return f"'{scalar()}'"
        if roll < 0.8:
            items = ", ".join(scalar() for _ in range(rng.randint(0, 3)))
            return "[" + items + rng.choice(["]", "]", " ]", ",]", ""])
        return ""

    lines = []
    for _ in range(rng.randint(1, 4)):
        text = value()
        key = rng.choice(["a", "b", "title", "yes", "n", "x-y", "_k", "1", "a b"])
        lines.append(f"{key}:{rng.choice([' ', '  ', ''])}{text}")
        if not text and rng.random() < 0.5:
            indent = rng.choice(["", "  "])
            lines += [f"{indent}- {value()}" for _ in range(rng.randint(1, 3))]
        if rng.random() < 0.1:
            lines.append("")
    return "\n".join(lines) + rng.choice(["\n", "", "\r\n"])


@pytest.mark.parametrize("seed", range(4))
def test_random_front_matter_exact_or_refused(seed: int) -> None:
    rng = random.Random(f"front-matter:{seed}")
    taken = sum(assert_exact_or_refused(random_front_matter(rng)) is not None for _ in range(2000))
    assert taken  # the generator still reaches the fast path


def test_loader_keeps_pyyamls_str_constructor() -> None:
    """The fast path returns a str-tagged scalar as it is, as SafeConstructor does."""
    str_tag = "tag:yaml.org,2002:str"
    assert Loader.yaml_constructors[str_tag] is yaml.SafeLoader.yaml_constructors[str_tag]
    assert posts._Loader is Loader


# -- real and generated posts ---------------------------------------------------------------------


def _check_posts(paths: list[Path]) -> None:
    """Each post's front matter is PyYAML's exactly or refused, and is what posts read."""
    checked = 0
    for path in paths:
        post = path.read_text("utf-8")
        text = front_matter_of(post)
        if text is None:
            continue
        fast = assert_exact_or_refused(text)
        if fast is not None:
            data, _, error = posts.split_front_matter(post)
            assert error is None and same(data, fast), path
        checked += 1
    assert checked


def test_corpus_posts_exact() -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"corpus not found at {CORPUS}")
    paths = sorted(
        p
        for p in CORPUS.rglob("*")
        if p.suffix in (".md", ".markdown") and p.parent != CORPUS and p.is_file()
    )
    _check_posts(paths)


def test_generated_posts_exact(tmp_path: Path) -> None:
    if not GENERATE.is_file():
        pytest.skip(f"{GENERATE} not found")
    spec = importlib.util.spec_from_file_location("mindset_bench_generate", GENERATE)
    assert spec is not None and spec.loader is not None
    generate = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = generate  # dataclasses look their module up while being made
    try:
        spec.loader.exec_module(generate)
        corpora = generate.write_corpora(tmp_path, 120, ("mindset", "blog"))
    finally:
        del sys.modules[spec.name]
    for corpus in corpora.values():
        _check_posts(sorted(corpus.post_dir.iterdir()))
