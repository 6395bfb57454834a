"""Jekyll 4.3 as the oracle: build one blog with Jekyll and with MkDocs + the plugin, read both.

A `Blog` is a Jekyll site as its author wrote it: files under their Jekyll paths
(`_posts/2020-05-20-x.md`, `travel/_posts/…`) and the `_config.yml` settings both builds share.
`build_jekyll` runs the real `jekyll build` with a two-line layout calling jekyll-seo-tag and a
Liquid page that dumps `site.posts`, `site.categories` and `site.tags` as JSON; `build_mindset`
copies the same files into `docs/` and builds them with MkDocs' real `build()`. The readers below
turn both outputs into plain values (URL sets, group memberships) for the tests to compare, and
`record` keeps the per-axis counts that the test run prints at its end.

Where Jekyll is not installed the tests skip, saying so; CI sets `MINDSET_REQUIRE_JEKYLL=1`,
which turns the skip into a failure.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import textwrap
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import CORPUS_SETTINGS, Site, build_site, corpus_posts, theme, write_site

JEKYLL = shutil.which("jekyll")
PACKAGES = (
    "jekyll ruby-jekyll-feed ruby-jekyll-redirect-from ruby-jekyll-seo-tag ruby-kramdown-parser-gfm"
)

# The smallest layout that still runs jekyll-seo-tag: what a migrated post's <head> said.
LAYOUT = "<!DOCTYPE html>\n<html><head>{% seo %}</head><body>{{ content }}</body></html>\n"
# A Liquid page in the Jekyll build that writes down what Jekyll decided about every post.
DUMP = """---
layout: null
render_with_liquid: true
---
{"posts": [{% for p in site.posts %}{"path": {{ p.path | jsonify }}, "url": {{ p.url | jsonify }},
  "title": {{ p.title | jsonify }}, "date": {{ p.date | date_to_xmlschema | jsonify }},
  "categories": {{ p.categories | jsonify }}, "tags": {{ p.tags | jsonify }},
  "hide": {{ p.hide | jsonify }}}{% unless forloop.last %},{% endunless %}{% endfor %}],
 "categories": { {% for g in site.categories %}{{ g[0] | jsonify }}: [{% for p in g[1] %}
  {{ p.url | jsonify }}{% unless forloop.last %},{% endunless %}{% endfor %}]{% unless forloop.last
  %},{% endunless %}{% endfor %} },
 "tags": { {% for g in site.tags %}{{ g[0] | jsonify }}: [{% for p in g[1] %}
  {{ p.url | jsonify }}{% unless forloop.last %},{% endunless %}{% endfor %}]{% unless forloop.last
  %},{% endunless %}{% endfor %} }}
"""

SITE = {"title": "Oracle blog", "url": "https://oracle.example.org", "description": "A test blog."}


def require_jekyll() -> str:
    """The `jekyll` command; skips (fails under `MINDSET_REQUIRE_JEKYLL=1`) when it is absent."""
    if JEKYLL is None:
        reason = f"needs Jekyll 4.3 (Debian: apt-get install -y {PACKAGES})"
        if os.environ.get("MINDSET_REQUIRE_JEKYLL"):
            pytest.fail(reason)
        pytest.skip(reason)
    return JEKYLL


@dataclass
class Blog:
    """One Jekyll blog, written once for both builds."""

    files: dict[str, str]
    """Jekyll source path (relative to the site root) -> text; posts live under `_posts/`."""
    config: dict[str, Any] = field(default_factory=dict)
    """`_config.yml` settings that mean the same to both: permalink, timezone, future."""
    options: dict[str, Any] = field(default_factory=dict)
    """Plugin options beyond those mapped from `config`."""

    def mindset_options(self) -> dict[str, Any]:
        """The plugin's options saying what `config` says to Jekyll (whose default is `date`)."""
        options: dict[str, Any] = {
            "permalink": self.config.get("permalink", "date"),
            "timezone": self.config.get("timezone", "UTC"),
            "future": self.config.get("future", True),
        }
        return {**options, **self.options}


@dataclass
class JekyllSite:
    root: Path
    site_dir: Path
    dump: dict[str, Any]

    @property
    def posts(self) -> list[dict[str, Any]]:
        return list(self.dump["posts"])

    def file_of(self, url: str) -> str:
        """The file Jekyll wrote for a post's URL (`/a/` -> `a/index.html`, `/a` -> `a.html`)."""
        path = unquote(url).lstrip("/")
        for candidate in (path + "index.html", path, path + ".html"):
            if candidate and not candidate.endswith("/") and (self.site_dir / candidate).is_file():
                return candidate
        raise AssertionError(f"Jekyll wrote no file for {url}")

    def post_files(self) -> set[str]:
        """Every post's output file, relative to the site folder."""
        return {self.file_of(p["url"]) for p in self.posts}

    def groups(self, kind: str) -> dict[str, set[str]]:
        """`site.categories` or `site.tags`: name -> the output files of its posts."""
        return {name: {self.file_of(u) for u in urls} for name, urls in self.dump[kind].items()}

    def html(self, url: str) -> str:
        path = self.site_dir / url.lstrip("/")
        if url.endswith("/"):
            path /= "index.html"
        return path.read_text(encoding="utf-8")


def _write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")


def build_jekyll(blog: Blog, root: Path) -> JekyllSite:
    """`jekyll build` of `blog` under `root/jekyll`; every post renders without Liquid.

    Corpus posts use includes and plugins the corpus does not ship, so Liquid is off for posts
    (`render_with_liquid: false` in `defaults:`), as the plugin's own builds here turn it off too.
    """
    command = require_jekyll()
    source, site_dir = root / "jekyll", root / "jekyll-site"
    _write(source, blog.files)
    _write(source, {"_layouts/default.html": LAYOUT, "oracle-dump.json": DUMP})
    config = {
        **SITE,
        "plugins": ["jekyll-seo-tag"],
        "defaults": [
            {
                "scope": {"path": "", "type": "posts"},
                "values": {"layout": "default", "render_with_liquid": False},
            }
        ],
        **blog.config,
    }
    (source / "_config.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    result = subprocess.run(
        [command, "build", "--quiet", "--source", str(source), "--destination", str(site_dir)],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "JEKYLL_ENV": "production"},
    )
    assert result.returncode == 0, result.stderr
    dump = json.loads((site_dir / "oracle-dump.json").read_text(encoding="utf-8"))
    return JekyllSite(source, site_dir, dump)


def build_mindset(
    blog: Blog,
    root: Path,
    theme_name: str = "mkdocs",
    *,
    liquid: str = "off",
    skip: tuple[str, ...] = (),
    **settings: Any,
) -> Site:
    """The same files in `docs/`, built by MkDocs with the plugin (Liquid off, as for Jekyll).

    `settings` are more `mkdocs.yml` settings (`markdown_extensions`, `use_directory_urls`, …);
    files whose path starts with one of `skip` stay out of `docs/`.
    """
    options = {"liquid": liquid, **blog.mindset_options()}
    config = {
        "site_name": SITE["title"],
        "site_url": SITE["url"] + "/",
        "site_description": SITE["description"],
        "theme": theme(theme_name),
        "plugins": ["search", {"mindset": options}],
        **settings,
    }
    files = {
        rel: textwrap.dedent(text).lstrip("\n")
        for rel, text in blog.files.items()
        if not rel.startswith(skip)
    }
    return build_site(write_site(root / "mkdocs", files, config))


# -- reading the plugin's output --------------------------------------------------------------


def mindset_post_files(site: Site) -> set[str]:
    """The output file of every page the plugin built as a post (it carries the post header)."""
    return {
        path.relative_to(site.site_dir).as_posix()
        for path in site.site_dir.rglob("*.html")
        if 'class="mindset-post-header"' in path.read_text(encoding="utf-8")
    }


def _links(site: Site, page: str, selector: str) -> list[tuple[str, str]]:
    """(text, file it leads to) for each link on the page written at `page`."""
    soup = BeautifulSoup((site.site_dir / page).read_text(encoding="utf-8"), "html.parser")
    found = []
    for link in soup.select(selector):
        target = unquote(urljoin("http://site.test/" + page, str(link["href"])).split("#")[0])
        path = target[len("http://site.test/") :]
        found.append(
            (
                link.get_text(" ", strip=True),
                path + "index.html" if path.endswith("/") or not path else path,
            )
        )
    return found


def mindset_groups(site: Site, kind: str) -> dict[str, set[str]]:
    """Each category (or tag) page's name -> the output files of the posts it lists."""
    index = f"{kind}/index.html"
    if not (site.site_dir / index).is_file():
        return {}
    return {
        name: {file for _, file in _links(site, page, "a.mindset-entry__title")}
        for name, page in _links(site, index, "ul.mindset-index a")
    }


def merged_by_case(groups: dict[str, set[str]]) -> dict[str, set[str]]:
    """Jekyll's groups with names equal ignoring case merged, as the plugin merges them."""
    merged: dict[str, set[str]] = defaultdict(set)
    for name, urls in groups.items():
        merged[name.casefold()] |= urls
    return dict(merged)


# -- the corpora ------------------------------------------------------------------------------


def corpus_blog(name: str) -> Blog:
    """A corpus as its Jekyll site had it: the posts under `_posts/`, the site's own settings."""
    files = {f"_posts/{p.name}": p.read_text(encoding="utf-8") for p in corpus_posts(name)}
    settings = CORPUS_SETTINGS[name]
    return Blog(files, {**settings, "future": True})


# -- what CI prints -----------------------------------------------------------------------------

RESULTS: dict[tuple[str, str], tuple[int, int]] = {}
"""(blog, axis) -> (posts compared, posts that matched); printed at the end of the test run."""


def record(blog: str, axis: str, compared: int, matched: int) -> None:
    RESULTS[(blog, axis)] = (compared, matched)


def summary_lines() -> list[str]:
    """One line per blog and axis: how many posts were compared and how many matched."""
    lines = []
    for (blog, axis), (compared, matched) in sorted(RESULTS.items()):
        share = f"{100 * matched / compared:.1f}%" if compared else "-"
        lines.append(f"{blog:24} {axis:12} {matched:5} of {compared:5} matched ({share})")
    return lines


# -- post bodies, for comparing what Markdown became -------------------------------------------


def build_mindset_markdown(
    blog: Blog, root: Path, markdown_extensions: list[Any], theme_name: str = "material"
) -> Site:
    """`build_mindset` with the theme and `markdown_extensions` a user of the plugin would have."""
    return build_mindset(blog, root, theme_name, markdown_extensions=markdown_extensions)


def jekyll_body(site: JekyllSite, file: str) -> Any:
    """What kramdown made of a post: the layout's `<body>` (the whole file for a post whose
    `layout:` names a layout the test site lacks, which Jekyll then writes bare)."""
    text = (site.site_dir / file).read_text(encoding="utf-8")
    start, end = text.find("<body>"), text.rfind("</body>")
    if 0 <= start < end:  # the layout's <head> (jekyll-seo-tag) is not wanted: skip parsing it
        text = text[start : end + len("</body>")]
    soup = BeautifulSoup(text, "html.parser")
    return soup.body or soup


def mindset_body(site: Site, file: str) -> Any:
    """What Python-Markdown made of a post: the theme's content area without what the theme and
    the plugin add around the Markdown (the post header, `toc`'s permalink anchors, the anchors
    keeping MkDocs' heading ids beside kramdown's, and the `<h1>`
    Material writes from the title when the post has none, the one `<h1>` without an `id`)."""
    text = (site.site_dir / file).read_text(encoding="utf-8")
    # Material's content area, cut out before parsing: a whole page costs five times as much.
    start, end = text.find('<article class="md-content__inner'), text.rfind("</article>")
    if 0 <= start < end:
        text = text[start : end + len("</article>")]
    soup = BeautifulSoup(text, "html.parser")
    body = (
        soup.select_one("article.md-content__inner")
        or soup.select_one('[role="main"]')
        or soup.select_one("div.rst-content")
        or soup.body
        or soup
    )
    for el in body.find_all(["header", "a", "span", "h1"]):
        if el.decomposed:  # inside the header, already gone
            continue
        classes = el.get("class") or []
        if (
            (el.name == "header" and "mindset-post-header" in classes)
            or (el.name == "a" and "headerlink" in classes)
            or (el.name == "span" and "mindset-anchor" in classes)
            or (el.name == "h1" and not el.has_attr("id"))
        ):
            el.decompose()
    return body


# -- jekyll-seo-tag's head ----------------------------------------------------------------------

_LAYOUT = re.compile(r"^layout:[ \t]*[\"']?([\w-]+)", re.M)


def layouts_named(blog: Blog) -> set[str]:
    """The layouts the blog's front matter names (`layout: post`), which the oracle lacks."""
    names: set[str] = set()
    for text in blog.files.values():
        text = textwrap.dedent(text).lstrip("\n")
        if text.startswith("---"):
            names |= set(_LAYOUT.findall(text.split("\n---", 1)[0]))
    return names - {"default", "null", "none"}


def build_jekyll_seo(blog: Blog, root: Path) -> JekyllSite:
    """`build_jekyll`, with every layout the posts name rendered through the `{% seo %}` one.

    Real posts say `layout: post` (or `news_item`); without such a layout Jekyll writes the bare
    body and no head at all, so each name becomes a layout that wraps the oracle's.
    """
    wrapper = "---\nlayout: default\n---\n{{ content }}\n"
    _write(root / "jekyll", {f"_layouts/{name}.html": wrapper for name in layouts_named(blog)})
    return build_jekyll(blog, root)


@dataclass(frozen=True)
class Head:
    """What a page's `<head>` says, as plain values (entities decoded by the HTML parser)."""

    metas: dict[str, list[str]]
    """`name` or `property` -> the `content` of each such tag, in order."""
    canonical: list[str]
    json_ld: list[Any]


def read_head(path: Path) -> Head:
    """The head of the HTML file at `path`: meta tags, canonical links, parsed JSON-LD blocks."""
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    head = soup.head
    assert head is not None, f"{path} has no <head>"
    metas: dict[str, list[str]] = {}
    for tag in head.find_all("meta"):
        key = tag.get("name") or tag.get("property")
        if key:
            metas.setdefault(str(key), []).append(str(tag.get("content", "")))
    canonical = [str(link.get("href")) for link in head.find_all("link", rel="canonical")]
    scripts = head.find_all("script", type="application/ld+json")
    return Head(metas, canonical, [json.loads(s.string or "null") for s in scripts])


# -- jekyll-redirect-from -----------------------------------------------------------------------

REDIRECT_PLUGINS = ["jekyll-seo-tag", "jekyll-redirect-from"]


def build_jekyll_redirects(blog: Blog, root: Path) -> JekyllSite:
    """`build_jekyll` with jekyll-redirect-from 0.16 among the site's plugins."""
    config = {**blog.config, "plugins": REDIRECT_PLUGINS}
    return build_jekyll(Blog(blog.files, config, blog.options), root)


def build_mindset_with(blog: Blog, root: Path, theme_name: str = "mkdocs", **extra: Any) -> Site:
    """`build_mindset` with more MkDocs settings, e.g. `use_directory_urls=False`, which writes
    ordinary pages where Jekyll does (`about.md` -> `about.html`)."""
    return build_mindset(blog, root, theme_name, **extra)


_REFRESH_URL = re.compile(r"^\s*\d+\s*;\s*url=(.*)$", re.I | re.S)


def redirect_targets(site_dir: Path) -> dict[str, str]:
    """Every redirect page a build wrote: its file (relative to the site) -> its refresh URL.

    jekyll-redirect-from writes redirect pages under any name (`old.html`, `x.php`), so every
    file holding a `<meta http-equiv="refresh">` counts.
    """
    found: dict[str, str] = {}
    for path in sorted(site_dir.rglob("*")):
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if 'http-equiv="refresh"' not in text:
            continue
        meta = BeautifulSoup(text, "html.parser").find("meta", attrs={"http-equiv": "refresh"})
        match = _REFRESH_URL.match(str(meta.get("content", ""))) if meta is not None else None
        if match:
            found[path.relative_to(site_dir).as_posix()] = match.group(1).strip()
    return found


# -- Liquid on, both sides ----------------------------------------------------------------------

SOURCE_ONLY = ("_includes/", "_data/")
"""Jekyll folders the plugin does not read: left out of `docs/`, where MkDocs would publish them."""


def build_jekyll_liquid(blog: Blog, root: Path) -> JekyllSite:
    """`build_jekyll` with Liquid on in posts, as Jekyll renders them by default.

    The `defaults:` entry keeps only the oracle's layout; a `defaults:` in `blog.config` wins.
    """
    defaults = [{"scope": {"path": "", "type": "posts"}, "values": {"layout": "default"}}]
    config = {"defaults": defaults, **blog.config}
    return build_jekyll(Blog(blog.files, config, blog.options), root)


def build_mindset_liquid(
    blog: Blog,
    root: Path,
    theme_name: str = "mkdocs",
    *,
    extra: dict[str, Any] | None = None,
    **settings: Any,
) -> Site:
    """The same blog built by MkDocs with the plugin's Liquid on (its default, `posts`).

    What Jekyll's `_config.yml` says is said the MkDocs way: `url` + `baseurl` is `site_url`, and
    `extra` holds the site values a post reads as `{{ site.<key> }}` (pass the ones Jekyll has).
    `_includes/` and `_data/` stay out of `docs/`: the plugin reads neither.
    """
    url = str(blog.config.get("url", SITE["url"])) + str(blog.config.get("baseurl") or "")
    more = {"extra": extra} if extra else {}
    site_url = url.rstrip("/") + "/"
    return build_mindset(
        blog,
        root,
        theme_name,
        liquid="posts",
        skip=SOURCE_ONLY,
        **{"site_url": site_url, **more, **settings},
    )


def body_text(body: Any) -> str:
    """A post body's text, whitespace collapsed: `get_text(" ")`, with each code block read as
    one string first (highlighters split code into differently-sized tokens)."""
    for pre in body.find_all("pre"):
        pre.replace_with(" ".join(pre.get_text().split()))
    return " ".join(body.get_text(" ", strip=True).split())


def body_links(body: Any, file: str, site_url: str) -> list[str]:
    """Where each link and image of a post body leads, in order: a file of the site (with its
    `#fragment`) when the URL, resolved from the page written at `file`, lies under `site_url`
    (ending in `/`); else the resolved URL itself."""
    found = []
    for el in body.find_all(["a", "img"]):
        ref = el.get("href" if el.name == "a" else "src")
        if ref is None:
            continue
        url = urljoin(site_url + file, str(ref))
        if url.startswith(site_url):
            path, mark, fragment = unquote(url[len(site_url) :]).partition("#")
            if not path or path.endswith("/"):
                path += "index.html"
            url = path + mark + fragment
        found.append(url)
    return found
