"""Create the posts' output folders in a helper process while MkDocs renders the pages.

A Jekyll URL such as `/devops/python/2014/03/25/title/` needs up to six nested folders per post,
about three times as many as MkDocs' own `posts/title/`. MkDocs makes them one by one as it
writes each page. On a slow file system (the benchmark's virtual machine, and likely Docker
bind mounts or Windows with on-access scanning) one folder can cost 0.1 to 0.5 ms: at 1,000
posts that was the largest part of what the plugin added to a build. A helper process makes
them on another core while this one renders Markdown; when MkDocs writes a page, its own
`os.makedirs(exist_ok=True)` finds the folder there, or makes it if the helper has not got to
it yet. Both sides tolerate the other, so the helper can never break a build: if it cannot
start or fails, MkDocs simply makes the folders itself, as it always does.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterable

MIN_FOLDERS = 200
"""Below this many folders a helper's start-up costs more than it saves."""

# Run with -I -S (no site-packages, no user paths): it starts in milliseconds.
_HELPER = """
import os, sys
with open(sys.argv[1], encoding="utf-8", errors="surrogateescape") as listing:
    folders = listing.read().split("\\0")
for folder in folders:
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError:
        pass  # MkDocs makes it (and reports any real problem) when it writes the page
"""


def leaf_folders(site_dir: str, dest_paths: Iterable[str]) -> list[str]:
    """The deepest folders the files need, inside `site_dir` only (parents come with them)."""
    root = os.path.abspath(site_dir)
    folders = {os.path.dirname(os.path.abspath(path)) for path in dest_paths}
    inside = [f for f in folders if f.startswith(root + os.sep)]
    inside.sort(key=lambda folder: folder.split(os.sep))  # each folder just before its children
    # A folder that holds the next one is made along with it.
    return [f for i, f in enumerate(inside) if not _is_parent(f, inside[i + 1 : i + 2])]


def _is_parent(folder: str, following: list[str]) -> bool:
    return bool(following) and following[0].startswith(folder + os.sep)


class FolderMaker:
    """One helper per build; `finish` waits for it (it is long done by then)."""

    def __init__(self) -> None:
        self._process: subprocess.Popen[bytes] | None = None
        self._listing: str | None = None

    def start(self, site_dir: str, dest_paths: Iterable[str]) -> bool:
        """Start the helper for these output files; False when there is nothing worth it."""
        self.finish()
        folders = leaf_folders(site_dir, dest_paths)
        if len(folders) < MIN_FOLDERS or not sys.executable:
            return False
        fd, self._listing = tempfile.mkstemp(prefix="mindset-folders-", suffix=".txt")
        with os.fdopen(fd, "w", encoding="utf-8", errors="surrogateescape") as listing:
            listing.write("\0".join(folders))
        try:
            self._process = subprocess.Popen(
                [sys.executable, "-I", "-S", "-c", _HELPER, self._listing],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        except OSError:
            self._remove_listing()  # no helper: MkDocs makes the folders as usual
            return False
        return True

    def finish(self) -> None:
        """Wait for the helper and clean up; safe to call at any time, any number of times."""
        if self._process is not None:
            try:
                self._process.wait(timeout=60)
            except subprocess.TimeoutExpired:  # pragma: no cover - a wedged file system
                self._process.kill()
                self._process.wait()
            self._process = None
        self._remove_listing()

    def _remove_listing(self) -> None:
        if self._listing is not None:
            with contextlib.suppress(OSError):  # already gone
                os.remove(self._listing)
            self._listing = None
