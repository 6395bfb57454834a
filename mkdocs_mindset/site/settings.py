"""Settings from the Jekyll site's `_config.yml`, merged under the plugin's own options.

The plugin's options win where the user wrote them in `mkdocs.yml`; `_config.yml` fills the
rest; the plugin's defaults come last. A value that cannot be used is a warning naming the file
and the key, and the option keeps its value.
"""

from __future__ import annotations

from collections.abc import Set

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from ..config import MindsetConfig
from ..jekyll.dates import DateError, resolve_timezone
from ..jekyll.permalinks import is_valid_site_permalink
from ..jekyll.posts import author_name
from ..jekyll.site_config import JekyllConfig, SiteConfigError, parse_site_config


def apply_jekyll_config(options: MindsetConfig, given: Set[str]) -> tuple[JekyllConfig, list[str]]:
    """Read `options.jekyll_config` (if set) and apply what the user did not set in `mkdocs.yml`."""
    path = options.jekyll_config
    if not path:
        return JekyllConfig(), []
    try:
        with open(path, encoding="utf-8-sig") as handle:
            jekyll = parse_site_config(handle.read())
    except UnicodeDecodeError as exc:  # Jekyll reads the file as UTF-8 too
        where = f"byte {exc.start}"
        return JekyllConfig(), [f"jekyll_config: {path}: not UTF-8 text ({where}); it was not used"]
    except (OSError, SiteConfigError) as exc:
        return JekyllConfig(), [f"jekyll_config: {path}: {exc}; it was not used"]
    warnings = [f"jekyll_config: {path}: {problem}" for problem in jekyll.problems]
    if jekyll.permalink is not None and "permalink" not in given:
        if is_valid_site_permalink(jekyll.permalink):
            options["permalink"] = jekyll.permalink
        else:
            warnings.append(f"jekyll_config: {path}: 'permalink': {jekyll.permalink!r} is not a "
                            "style or template Jekyll knows; ignored")  # fmt: skip
    if jekyll.timezone is not None and "timezone" not in given:
        try:
            resolve_timezone(jekyll.timezone)
            options["timezone"] = jekyll.timezone
        except DateError as exc:
            warnings.append(f"jekyll_config: {path}: 'timezone': {exc}; ignored")
    if jekyll.future is not None and "future" not in given:
        options["future"] = jekyll.future
    feed = jekyll.site.get("feed")
    if isinstance(feed, dict):  # jekyll-feed's settings, under the plugin's names
        for key, option, kind, expected in (
            ("path", "feed_path", str, "a path inside the site"),
            ("posts_limit", "feed_posts_limit", int, "a whole number"),
            ("excerpt_only", "feed_excerpt_only", bool, "true or false"),
        ):
            written = feed.get(key)
            if written is None or option in given:
                continue
            value = written.strip("/") if isinstance(written, str) else written
            if isinstance(value, str) and any(p in {"", ".", ".."} for p in value.split("/")):
                value = None  # a path that would leave the site folder
            if isinstance(value, kind) and not (kind is int and isinstance(value, bool)):
                options[option] = value
            else:
                warnings.append(f"jekyll_config: {path}: 'feed.{key}': expected {expected}, "
                                f"got {written!r}; ignored")  # fmt: skip
    return jekyll, warnings


def apply_jekyll_site(config: MkDocsConfig, jekyll: JekyllConfig) -> None:
    """The Jekyll site's `description`, `author` and `url` + `baseurl`, where `mkdocs.yml` has none.

    They are MkDocs' `site_description`, `site_author` and `site_url`, which the descriptions,
    feeds and head tags read. Its `title` is `site_name`, which MkDocs requires anyway.
    """
    site = jekyll.site
    description = site.get("description")
    if not config.site_description and isinstance(description, str) and description.strip():
        config.site_description = description.strip()
    author = author_name(site.get("author"))
    if not config.site_author and author:
        config.site_author = author
    url, baseurl = site.get("url"), site.get("baseurl") or ""
    if not config.site_url and isinstance(url, str) and url.startswith(("https://", "http://")):
        path = baseurl.strip("/") if isinstance(baseurl, str) else ""
        config.site_url = url.rstrip("/") + "/" + (path + "/" if path else "")


def drop_jekyll_excluded(files: Files, jekyll: JekyllConfig) -> list[str]:
    """Leave out what `exclude:` names (paths relative to `docs/`), as Jekyll never read them."""
    dropped = [file.src_uri for file in files if jekyll.excludes(file.src_uri)]
    for src_uri in dropped:
        file = files.get_file_from_path(src_uri)
        if file is not None:
            files.remove(file)
    return dropped
