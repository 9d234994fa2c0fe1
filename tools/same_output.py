"""Build the sample and a synthetic province into a folder, and compare two such folders byte for byte.

    .venv/bin/python tools/same_output.py build OUT [--rev REV]   # the code of REV (default: the working tree)
    .venv/bin/python tools/same_output.py compare REFERENCE OUT [--ignore-generator]

`build` copies the site's sources (generator/, mkdocs.yml, content/, overrides/, data/) of a git revision, or of
the working tree, into a scratch folder and runs that copy's own code there (`python -m generator` finds the
copy first, whatever `.venv` has installed): the sample as of 25/11/2026, then `synth --seed 1` as of the same
day (the default size) and its build. OUT gets `sample/site`, `sample/state`, `synth/data`, `synth/site` and
`synth/state`. Both builds use the development secret, so the feeds' addresses are the same on both sides.

`compare` lists every file only on one side and every file that differs, and exits 1 when there is any;
`--ignore-generator` leaves out the engine's `<meta name="generator">` line (a change of engine).
Used before and after a restructuring that must not change the output (issue 22).
"""

from __future__ import annotations

import argparse
import filecmp
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("generator", "mkdocs.yml", "content", "overrides", "data")
AS_OF = "2026-11-25"
GENERATOR_LINE = re.compile(rb'<meta name="generator" content="[^"]*">')


def sources(rev: str | None, into: Path) -> Path:
    """The site's sources of `rev` (or of the working tree) in `into`."""
    into.mkdir(parents=True)
    if rev is None:
        for name in SOURCES:
            source = ROOT / name
            if source.is_dir():
                shutil.copytree(source, into / name, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                shutil.copy(source, into / name)
        return into
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", rev, *SOURCES],
                             check=True, capture_output=True).stdout
    tar = into.parent / "sources.tar"
    tar.write_bytes(archive)
    with tarfile.open(tar) as files:
        files.extractall(into, filter="data")
    tar.unlink()
    return into


def run(project: Path, *args: str) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("FEED_SECRET", "PYTHONPATH")}
    result = subprocess.run([sys.executable, "-m", "generator", *args], cwd=project, env=env,
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed in {project}:\n{result.stderr}")


def build(out: Path, rev: str | None) -> None:
    if out.exists():
        raise SystemExit(f"{out} exists: give a new folder")
    with tempfile.TemporaryDirectory() as scratch:
        sample = sources(rev, Path(scratch) / "sample")
        run(sample, "build", "--as-of", AS_OF)
        synth = sources(rev, Path(scratch) / "synth")
        shutil.rmtree(synth / "data")
        run(synth, "synth", "--seed", "1", "--as-of", AS_OF, "data")
        run(synth, "build", "--as-of", AS_OF)
        for name, project in (("sample", sample), ("synth", synth)):
            for folder in ("site", "state") + (("data",) if name == "synth" else ()):
                shutil.copytree(project / folder, out / name / folder, symlinks=True)
    print(f"{out}: the sample and the synthetic province as of {AS_OF}, built with {rev or 'the working tree'}")


def files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def same(a: Path, b: Path, ignore_generator: bool) -> bool:
    if filecmp.cmp(a, b, shallow=False):
        return True
    if not ignore_generator or a.suffix != ".html":
        return False
    return GENERATOR_LINE.sub(b"", a.read_bytes()) == GENERATOR_LINE.sub(b"", b.read_bytes())


def compare(reference: Path, out: Path, ignore_generator: bool) -> int:
    left, right = files(reference), files(out)
    only_left, only_right = sorted(left - right), sorted(right - left)
    differing = [name for name in sorted(left & right) if not same(reference / name, out / name, ignore_generator)]
    for name in only_left:
        print(f"only in {reference}: {name}")
    for name in only_right:
        print(f"only in {out}: {name}")
    for name in differing:
        print(f"differs: {name}")
    print(f"{len(left & right)} files compared: {len(differing)} differ, {len(only_left) + len(only_right)} on one "
          "side only")
    return 1 if only_left or only_right or differing else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    build_cmd = commands.add_parser("build", help="build the sample and synth --seed 1 into OUT")
    build_cmd.add_argument("out", type=Path)
    build_cmd.add_argument("--rev", help="a git revision (default: the working tree)")
    compare_cmd = commands.add_parser("compare", help="compare two folders made by build")
    compare_cmd.add_argument("reference", type=Path)
    compare_cmd.add_argument("out", type=Path)
    compare_cmd.add_argument("--ignore-generator", action="store_true",
                             help='leave out the engine\'s <meta name="generator"> line')
    args = parser.parse_args()
    if args.command == "build":
        build(args.out.absolute(), args.rev)
        return 0
    return compare(args.reference, args.out, args.ignore_generator)


if __name__ == "__main__":
    sys.exit(main())
