"""Make the posts' output folders, and their empty files, in a helper process while MkDocs renders.

A Jekyll URL such as `/devops/python/2014/03/25/title/` needs up to six nested folders per post,
about three times as many as MkDocs' own `posts/title/`. MkDocs makes them one by one as it
writes each page. On a slow file system (the benchmark's virtual machine, and likely Docker
bind mounts or Windows with on-access scanning) one folder can cost 0.1 to 0.5 ms: at 1,000
posts that was the largest part of what the plugin added to a build. A helper process makes
them on another core while this one renders Markdown; when MkDocs writes a page, its own
`os.makedirs(exist_ok=True)` finds the folder there, or makes it if the helper has not got to
it yet. Both sides tolerate the other, so the helper can never break a build: if it cannot
start or fails, MkDocs simply makes the folders itself, as it always does.

In a clean build the helper also creates each page's file, empty: creating a file costs the
file system more than filling one that exists (at 1,000 posts MkDocs' writes took 0.13 to
0.15 s instead of 0.16 to 0.55 s). It never touches a file that is already there (`O_EXCL`), and
`finish` deletes any that MkDocs left empty, which MkDocs itself never writes. Not with
`--dirty`: there MkDocs skips pages whose file is newer than their source.

Under `mkdocs serve`, deleting the previous build's folders before a rebuild costs as much again;
`FolderMaker.set_aside` hands them to a second helper (see there).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable

MIN_FOLDERS = 200
"""Below this many folders a helper's start-up costs more than it saves."""

# Run with -I -S (no site-packages, no user paths): it starts in milliseconds.
# The listing: folders, an empty entry, then the files to create (paths are never empty).
_HELPER = """
import os, sys
with open(sys.argv[1], encoding="utf-8", errors="surrogateescape") as listing:
    folders, _, files = listing.read().partition("\\0\\0")
for folder in folders.split("\\0"):
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError:
        pass  # MkDocs makes it (and reports any real problem) when it writes the page
for name in files.split("\\0") if files else ():
    try:
        os.close(os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    except OSError:
        pass  # there already, or not possible: MkDocs creates it when it writes the page
"""
_DISCARD = "import shutil, sys\nshutil.rmtree(sys.argv[1], ignore_errors=True)\n"
DISCARD_PREFIX = ".mindset-discard-"
"""Hidden, so MkDocs' clean of the site folder leaves it to the helper."""


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


def files_inside(site_dir: str, dest_paths: Iterable[str]) -> list[str]:
    """The files among `dest_paths` that lie inside `site_dir`, as absolute paths."""
    root = os.path.abspath(site_dir) + os.sep
    return sorted({p for p in map(os.path.abspath, dest_paths) if p.startswith(root)})


def _top_folders(site_dir: str, folders: Iterable[str]) -> set[str]:
    """The first path segment below `site_dir` of each folder (`site/a/b/c` -> `a`)."""
    root = os.path.abspath(site_dir) + os.sep
    return {f[len(root) :].split(os.sep, 1)[0] for f in folders if f.startswith(root)}


def _spawn(code: str, argument: str) -> subprocess.Popen[bytes] | None:
    try:
        return subprocess.Popen(
            [sys.executable, "-I", "-S", "-c", code, argument],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    except OSError:
        return None


def _wait(process: subprocess.Popen[bytes] | None) -> None:
    if process is None:
        return
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:  # pragma: no cover - a wedged file system
        process.kill()
        process.wait()


class FolderMaker:
    """One helper per build; `finish` waits for it (it is long done by then).

    Under `mkdocs serve` it also takes the previous build's post folders out of MkDocs' way:
    MkDocs deletes everything in the site folder before each rebuild, and deleting the extra
    folders of Jekyll URLs costs as much as making them. `set_aside` moves them (one rename
    per top-level folder) into a hidden folder that a second helper deletes during the build.
    """

    def __init__(self) -> None:
        self._process: subprocess.Popen[bytes] | None = None
        self._discarding: subprocess.Popen[bytes] | None = None
        self._listing: str | None = None
        self._made: tuple[str, set[str]] | None = None
        """The site folder and top-level folders of the last helper's work."""
        self._placeholders: list[str] = []
        """Files the helper was asked to create empty, for MkDocs to fill."""

    def start(self, site_dir: str, dest_paths: Iterable[str], *, files: bool = False) -> bool:
        """Start the helper for these output files; False when there is nothing worth it.

        With `files` (clean builds only) it also creates each file, empty.
        """
        self._wait_for_folders()
        paths = files_inside(site_dir, dest_paths)
        folders = leaf_folders(site_dir, paths)
        if len(folders) < MIN_FOLDERS or not sys.executable:
            return False
        placeholders = paths if files else []
        fd, self._listing = tempfile.mkstemp(prefix="mindset-folders-", suffix=".txt")
        with os.fdopen(fd, "w", encoding="utf-8", errors="surrogateescape") as listing:
            listing.write("\0".join(folders))
            if placeholders:
                listing.write("\0\0" + "\0".join(placeholders))
        self._process = _spawn(_HELPER, self._listing)
        if self._process is None:
            self._remove_listing()  # no helper: MkDocs makes the folders as usual
            return False
        self._placeholders = placeholders
        self._made = (os.path.abspath(site_dir), _top_folders(site_dir, folders))
        return True

    def set_aside(self, site_dir: str) -> bool:
        """Before MkDocs cleans `site_dir`, hand the folders the last helper made to a deleter.

        Only folders directly in `site_dir` move, by rename; anything that cannot move is left
        for MkDocs' own clean, as without the plugin. False when nothing was set aside.
        """
        made, self._made = self._made, None
        if made is None or made[0] != os.path.abspath(site_dir) or not sys.executable:
            return False
        _wait(self._discarding)
        try:
            trash = tempfile.mkdtemp(prefix=DISCARD_PREFIX, dir=site_dir)
        except OSError:  # the site folder is gone or read-only: nothing to hand over
            return False
        moved = 0
        for name in sorted(made[1]):
            with contextlib.suppress(OSError):  # gone already, or in use: MkDocs cleans it
                os.rename(os.path.join(site_dir, name), os.path.join(trash, name))
                moved += 1
        self._discarding = _spawn(_DISCARD, trash)
        if self._discarding is None:
            shutil.rmtree(trash, ignore_errors=True)  # no helper: deleted here, as MkDocs would
        return moved > 0

    def finish(self) -> None:
        """Wait for the helpers and clean up; safe to call at any time, any number of times.

        Called once MkDocs has written every page (or failed): a file the helper created that
        is still empty was never written, and goes.
        """
        self._wait_for_folders()
        _wait(self._discarding)
        self._discarding = None
        placeholders, self._placeholders = self._placeholders, []
        for path in placeholders:
            with contextlib.suppress(OSError):  # gone already, or never created
                if os.stat(path).st_size == 0:
                    os.remove(path)

    def _wait_for_folders(self) -> None:
        _wait(self._process)
        self._process = None
        self._remove_listing()

    def _remove_listing(self) -> None:
        if self._listing is not None:
            with contextlib.suppress(OSError):  # already gone
                os.remove(self._listing)
            self._listing = None
