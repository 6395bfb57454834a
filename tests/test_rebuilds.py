"""Every rebuild path gives the listings and feeds a clean build gives.

A blog goes through a series of edits: a post added, one deleted, one renamed, one re-dated
(by its file name and by its front matter), one moved to other categories and one re-tagged.
After each edit the generated pages (category, tag and posts index pages) and the feeds are
compared byte for byte with a clean `mkdocs build` of the same sources, in a fresh process:

- `mkdocs build --dirty` into the site folder of the previous builds;
- a real `mkdocs serve` (and `mkdocs serve --dirty`), edited while it runs, read over HTTP.

Post pages are not compared for the dirty paths: `--dirty` rebuilds only the pages whose source
changed (and the posts whose HTML a feed carries) and leaves a deleted page's file behind, for
posts as for any MkDocs page.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import write_site

GENERATED = ("categories/", "tags/", "blog/", "feed.xml", "feed.json")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def _post(title: str, categories: str, tags: str = "[]", extra: str = "") -> str:
    return (
        f"---\ntitle: {title}\ncategories: {categories}\ntags: {tags}\n{extra}"
        f"description: About {title.lower()}.\n---\n\n> The lede of {title.lower()}.\n\nBody.\n"
    )


BLOG = {
    "_posts/2021-01-01-first.md": _post("First", "[alpha]", "[one]"),
    "_posts/2021-01-02-doomed.md": _post("Doomed", "[alpha, beta]", "[two]"),
    "_posts/2021-01-03-old-name.md": _post("Renamed", "[beta]", "[one, two]"),
    "_posts/2021-01-04-traveller.md": _post("Traveller", "[gamma]"),
    "_posts/2021-01-05-mover.md": _post("Mover", "[alpha]", "[three]"),
    "_posts/2021-01-06-clock.md": _post("Clock", "[beta]", "[one]"),
}


def _touch(path: Path) -> None:
    """Newer than anything built so far, as an editor's save would be."""
    later = time.time() + 5
    os.utime(path, (later, later))


def _write(docs: Path, rel: str, text: str) -> None:
    path = docs / rel
    path.write_text(text, encoding="utf-8")
    _touch(path)


def _add(docs: Path) -> None:
    _write(docs, "_posts/2021-02-01-added.md", _post("Added", "[beta, delta]", "[four]"))


def _delete(docs: Path) -> None:
    (docs / "_posts/2021-01-02-doomed.md").unlink()


def _rename(docs: Path) -> None:
    new = docs / "_posts/2021-01-03-new-name.md"
    (docs / "_posts/2021-01-03-old-name.md").rename(new)
    _touch(new)


def _redate(docs: Path) -> None:
    old = docs / "_posts/2021-01-04-traveller.md"
    new = docs / "_posts/2020-06-30-traveller.md"
    old.rename(new)
    _touch(new)
    clock = _post("Clock", "[beta]", "[one]", "date: 2019-01-01\n")
    _write(docs, "_posts/2021-01-06-clock.md", clock)


def _recategorise(docs: Path) -> None:
    _write(docs, "_posts/2021-01-05-mover.md", _post("Mover", "[epsilon]", "[three]"))


def _retag(docs: Path) -> None:
    _write(docs, "_posts/2021-01-01-first.md", _post("First", "[alpha]", "[five, one]"))


STEPS: list[tuple[str, Callable[[Path], None]]] = [
    ("add", _add),
    ("delete", _delete),
    ("rename", _rename),
    ("re-date", _redate),
    ("re-categorise", _recategorise),
    ("re-tag", _retag),
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _mkdocs(root: Path, *args: str) -> None:
    cmd = [sys.executable, "-m", "mkdocs", *args, "-q"]
    done = subprocess.run(cmd, cwd=root, env=ENV, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr


def _generated(site: Path) -> dict[str, bytes]:
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file() and path.relative_to(site).as_posix().startswith(GENERATED)
    }


def _blog(root: Path, port: int) -> Path:
    cfg = {
        "site_url": f"http://127.0.0.1:{port}/",
        "theme": {"name": "material", "font": False},
        "plugins": ["search", {"mindset": {"timezone": "UTC"}}],
        # Titles in the nav: a dirty build does not read unchanged pages, so MkDocs shows
        # "None" for a page whose title would come from its `# heading`.
        "nav": [
            {"Home": "index.md"},
            {"Posts": "blog.md"},
            {"Categories": "categories.md"},
            {"Tags": "tags.md"},
        ],
    }
    write_site(root, BLOG, cfg)
    return root


@dataclass
class Clean:
    port: int
    outputs: list[dict[str, bytes]]
    """The generated files of a clean build before the first edit, then after each one."""


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> Clean:
    port = _free_port()
    root = _blog(tmp_path_factory.mktemp("clean"), port)
    outputs = []
    for index in range(len(STEPS) + 1):
        if index:
            STEPS[index - 1][1](root / "docs")
        site = root / f"site-{index}"
        _mkdocs(root, "build", "-d", str(site))
        outputs.append(_generated(site))
    # the edits show in the clean builds, so each comparison below checks something
    assert "categories/delta/index.html" in outputs[1]
    assert b"Doomed" not in outputs[2]["feed.xml"]
    assert "categories/epsilon/index.html" in outputs[5]
    assert "tags/five/index.html" in outputs[6]
    return Clean(port, outputs)


def test_build_dirty_after_each_edit_matches_a_clean_build(tmp_path: Path, clean: Clean) -> None:
    root = _blog(tmp_path, clean.port)
    site = root / "site"
    _mkdocs(root, "build", "-d", str(site))
    assert _generated(site) == clean.outputs[0]
    for index, (name, edit) in enumerate(STEPS, start=1):
        edit(root / "docs")
        _mkdocs(root, "build", "--dirty", "-d", str(site))
        built = _generated(site)
        expected = clean.outputs[index]
        differing = sorted(rel for rel in expected if built.get(rel) != expected[rel])
        assert differing == [], f"after '{name}': {differing}"
        stale = sorted(set(built) - set(expected))
        assert stale == [], f"after '{name}', left from earlier builds: {stale}"


# What `mkdocs serve` adds to each page: one script, just before `</body>`.
_LIVERELOAD = re.compile(rb"<script>\s*var livereload = .*?</script>(?=</body>)", re.S)


class _Serve:
    """A running `mkdocs serve`; counts the builds it reports on stderr."""

    def __init__(self, root: Path, port: int, *flags: str) -> None:
        cmd = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", *flags]
        self.base = f"http://127.0.0.1:{port}/"
        self.process = subprocess.Popen(
            cmd, cwd=root, env=ENV, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True
        )
        self.log: list[str] = []
        self.started = self.finished = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        # MkDocs logs each distinct message once ("Documentation built in 0.51 seconds" may not
        # show twice); the server's own lines show every time: the first build ends with
        # "Serving on", each rebuild starts with "Detected file changes" and, when it built,
        # ends with "Reloading browsers".
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.log.append(line)
            self.started += "Detected file changes" in line
            self.finished += "Serving on" in line or "Reloading browsers" in line

    def wait_for_build(self, after: int, timeout: float = 120) -> None:
        """Until a build newer than `after` finished and no other started for a moment."""
        deadline = time.monotonic() + timeout
        quiet_since = None
        while time.monotonic() < deadline:
            assert self.process.poll() is None, "".join(self.log)
            settled = self.finished > after and self.finished >= self.started
            if settled:
                quiet_since = quiet_since or time.monotonic()
                if time.monotonic() - quiet_since > 1.5:
                    return
            else:
                quiet_since = None
            time.sleep(0.1)
        raise AssertionError("no rebuild:\n" + "".join(self.log))

    def get(self, rel: str) -> bytes | None:
        try:
            with urllib.request.urlopen(self.base + rel, timeout=30) as response:
                return _LIVERELOAD.sub(b"", response.read())
        except urllib.error.HTTPError as error:
            if error.code == 404:
                return None
            raise

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


@pytest.fixture
def serve(tmp_path: Path, clean: Clean) -> Iterator[Callable[..., _Serve]]:
    running: list[_Serve] = []

    def start(*flags: str) -> _Serve:
        server = _Serve(_blog(tmp_path, clean.port), clean.port, *flags)
        running.append(server)
        return server

    yield start
    for server in running:
        server.stop()


@pytest.mark.parametrize("flags", [(), ("--dirty",)], ids=["serve", "serve --dirty"])
def test_serve_rebuild_after_each_edit_matches_a_clean_build(
    tmp_path: Path, clean: Clean, serve: Callable[..., _Serve], flags: tuple[str, ...]
) -> None:
    server = serve(*flags)
    server.wait_for_build(after=0)
    for index, (name, edit) in enumerate([("start", lambda docs: None), *STEPS]):
        if index:
            before = server.finished
            edit(tmp_path / "docs")
            server.wait_for_build(after=before)
        expected = clean.outputs[index]
        differing = sorted(rel for rel in expected if server.get(rel) != expected[rel])
        assert differing == [], f"after '{name}': {differing}"
        if index:  # what a clean build no longer has is gone from the served site too
            gone = set(clean.outputs[index - 1]) - set(expected)
            assert sorted(rel for rel in gone if server.get(rel) is not None) == [], name
