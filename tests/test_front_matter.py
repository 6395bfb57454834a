"""Front matter: split from the body and read with PyYAML, as Jekyll reads it (pure)."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from conftest import corpus_posts

from mkdocs_mindset.jekyll.front_matter import FrontMatter, Loader, split_front_matter


def test_valid() -> None:
    front = split_front_matter("---\ntitle: Hi\ncount: 3\n---\n# Body\n")
    assert front == FrontMatter(
        {"title": "Hi", "count": 3}, "# Body\n", "---\ntitle: Hi\ncount: 3\n---\n"
    )


@pytest.mark.parametrize(
    "text",
    [
        "No front matter at all.\n",
        "Text\n---\ntitle: not front matter\n---\n",  # must start on the first line
    ],
)
def test_absent(text: str) -> None:
    assert split_front_matter(text) == FrontMatter({}, text)


def test_empty_block_and_dots_end() -> None:
    assert split_front_matter("---\n---\nBody\n") == FrontMatter({}, "Body\n", "---\n---\n")
    front = split_front_matter("---\ntitle: x\n...\nBody\n")
    assert (front.data, front.body, front.error) == ({"title": "x"}, "Body\n", None)


def test_bom_and_crlf() -> None:
    front = split_front_matter("\ufeff---\r\ntitle: x\r\n---\r\nBody\r\n")
    assert (front.data, front.body, front.error) == ({"title": "x"}, "Body\r\n", None)


@pytest.mark.parametrize(
    ("yaml_text", "line"),
    [("title: [unclosed\n", 3), ("title: a: b: c\n", 2), ("\tbad: tab\n", 2)],
)
def test_invalid_yaml_is_dropped_and_located(yaml_text: str, line: int) -> None:
    front = split_front_matter(f"---\n{yaml_text}---\nThe body.\n")
    assert (front.data, front.body) == ({}, "The body.\n")
    assert front.block == f"---\n{yaml_text}---\n"
    assert front.error is not None and "not valid YAML" in front.error
    assert f"at line {line}:" in front.error  # where, then what YAML found wrong


@pytest.mark.parametrize("yaml_text", ["- a\n- b\n", "just a string\n", "42\n"])
def test_not_a_mapping(yaml_text: str) -> None:
    front = split_front_matter(f"---\n{yaml_text}---\nThe body.\n")
    assert (front.data, front.body) == ({}, "The body.\n")
    assert front.error is not None and "mapping" in front.error


def test_impossible_timestamp_stays_text_and_other_keys_survive() -> None:
    front = split_front_matter("---\ndate: 2020-13-45\ntitle: Kept\n---\n")
    assert front.data == {"date": "2020-13-45", "title": "Kept"}
    assert front.error is None
    with pytest.raises(ValueError):
        yaml.load("date: 2020-13-45\n", Loader=yaml.SafeLoader)  # what PyYAML alone does


def test_types_are_pyyamls() -> None:
    text = "a: 1\nb: 1.5\nc: true\nd: 2020-05-20\ne: 2020-05-20 10:00:00+02:00\nf: ~\ng: [x, 'y']\n"
    assert yaml.load(text, Loader=Loader) == yaml.load(text, Loader=yaml.SafeLoader)
    data = yaml.load(text, Loader=Loader)
    assert data["d"] == dt.date(2020, 5, 20)
    assert data["e"].utcoffset() == dt.timedelta(hours=2)


@pytest.mark.parametrize("name", ["jekyll-docs", "fastpages", "geoserver"])
def test_every_corpus_post_reads(name: str) -> None:
    """Every real post's front matter reads without an error."""
    for path in corpus_posts(name):
        front = split_front_matter(path.read_text("utf-8"))
        assert front.error is None, (path, front.error)
        assert front.data, path


def test_unclosed_front_matter_is_reported_and_never_becomes_text() -> None:
    text = "---\ntitle: Half\ndescription: never closed\n\nThe body.\n"
    front = split_front_matter(text)
    assert (front.data, front.body, front.block) == ({}, "", text)
    assert front.error is not None and "no closing '---'" in front.error


def test_a_leading_rule_is_not_front_matter() -> None:
    text = "---\n\nA post that opens with a rule.\n"
    assert split_front_matter(text) == FrontMatter({}, text)
