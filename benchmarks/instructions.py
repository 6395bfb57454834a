"""Count the instructions of one build per builder under valgrind: a measure without noise.

    python benchmarks/instructions.py --posts 200 [--builders bare mindset]

Wall and CPU times on a shared virtual machine vary by ±20% from run to run, which hides a 2%
improvement. The number of instructions a build executes repeats exactly (with a fixed hash
seed), so this is the tool for checking an optimisation before and after. It counts only the
main process, in user space: kernel work such as making folders, and the plugin's folder
helper, are not in it; `run.py` measures those. A 200-post build takes about 25 s under
valgrind's cachegrind.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from generate import write_corpora
from run import snapshot_plugin

_REFS = re.compile(r"I\s+refs:\s+([\d,]+)")


def count(config_file: Path, site: Path, pythonpath: Path | None) -> int:
    """Instructions executed by one `mkdocs build` of `config_file`."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONHASHSEED="0")
    if pythonpath is not None:
        paths = (str(pythonpath), env.get("PYTHONPATH", ""))
        env["PYTHONPATH"] = os.pathsep.join(p for p in paths if p)
    cmd = [
        "valgrind",
        "--tool=cachegrind",
        "--cache-sim=no",
        "--cachegrind-out-file=/dev/null",
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "-q",
        "-f",
        str(config_file),
        "-d",
        str(site),
    ]
    # Not run from the repository: `python -m` puts the working folder first on `sys.path`,
    # where the working tree's package would shadow the frozen copy on PYTHONPATH.
    done = subprocess.run(cmd, env=env, cwd=site.parent, capture_output=True, text=True, check=True)
    found = _REFS.search(done.stderr)
    if found is None:
        raise RuntimeError(f"no instruction count in valgrind's output:\n{done.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=200, help="posts per corpus (default 200)")
    parser.add_argument("--builders", nargs="+", default=["bare", "mindset"])
    args = parser.parse_args(argv)
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (apt-get install valgrind)", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="mindset-instructions-"))
    try:
        code = snapshot_plugin(work)
        corpora = write_corpora(work / "corpora", args.posts, tuple(args.builders))
        counts = {
            builder: count(corpus.config_file, work / f"site-{builder}", code)
            for builder, corpus in corpora.items()
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)
    base = counts.get("bare")
    for builder, instructions in counts.items():
        ratio = f"  {instructions / base:.3f} of bare" if base else ""
        print(f"{builder:8s} {instructions / 1e9:8.3f} G instructions{ratio}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
