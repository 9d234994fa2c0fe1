"""The maintainers' manual (`make docs`): its data reference and command list come from the code, its architecture
page names every module, its menu every page, and it builds with --strict."""

from __future__ import annotations

import argparse
import importlib.util
import re
import subprocess
import sys
from types import SimpleNamespace

import pytest

from generator import cli
from generator.load import schema
from generator.load.shapes import List, Object

from .support.project import ROOT


def load_manual():
    spec = importlib.util.spec_from_file_location("manual_hooks", ROOT / "tools" / "manual.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


manual = load_manual()


def every_key(shape: Object, prefix: str = "") -> list[str]:
    found = []
    for f in shape.fields:
        found.append(prefix + f.name)
        inner = f.type.item if isinstance(f.type, List) else f.type
        if isinstance(inner, Object):
            found += every_key(inner, prefix + f.name + ("[]." if isinstance(f.type, List) else "."))
    return found


def test_the_data_reference_names_every_file_and_every_key_of_the_schema_with_its_description():
    reference = manual.data_reference()
    for name, shape in schema.FILES.items():
        assert f"### `{name}.yml`" in reference
        record = shape.item if isinstance(shape, List) else shape
        section = reference.split(f"### `{name}.yml`")[1].split("### ")[0]
        for key in every_key(record):
            assert f"| `{key}` |" in section, (name, key)
    assert "| `timezone` | one line of text, at most 200 characters |  | `Asia/Ho_Chi_Minh` |" in reference
    assert "| `schedule.day` | integer 1–28 or `last` | " in reference


def test_the_command_list_names_every_command_and_every_option_of_the_parser():
    reference = manual.command_reference()
    found = manual.subcommands(cli.parser())
    assert {"check", "build", "publish", "serve", "schema", "synth", "workbook export", "workbook import", "account",
            "nginx"} <= {words for words, _, _ in found}
    for words, parser, _ in found:
        assert f"### `sinh-hoat {words}`" in reference, words
        section = reference.split(f"### `sinh-hoat {words}`")[1].split("### ")[0]
        for action in parser._actions:
            if isinstance(action, (argparse._HelpAction, argparse._SubParsersAction)):
                continue
            name = action.option_strings[0] if action.option_strings else (action.metavar or action.dest.upper())
            assert f"`{name}`" in section, (words, name)
    assert "| `--data` |" in reference


def test_the_architecture_page_names_every_module_of_the_package_and_no_other():
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    assert manual.architecture_problems(page) == []
    assert "`cli.py`" in page and "`load/schema.py`" in page


def test_a_module_left_out_of_the_architecture_page_or_gone_from_the_package_is_named():
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    damaged = page.replace("| `load/schema.py` |", "| `load/schemas.py` |")
    assert manual.architecture_problems(damaged) == ["architecture.md leaves out generator/load/schema.py",
                                                     "architecture.md names generator/load/schemas.py, which does "
                                                     "not exist"]


def test_every_make_target_is_in_the_commands_page():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = re.search(r"^\.PHONY: (.+)$", makefile, re.M).group(1).split()
    page = (ROOT / "docs" / "commands.md").read_text(encoding="utf-8")
    missing = [t for t in targets if f"`make {t}" not in page]
    assert missing == []


def test_a_page_of_docs_that_the_menu_does_not_name_is_added_at_its_end(tmp_path):
    (tmp_path / "index.md").write_text("# A\n")
    (tmp_path / "new.md").write_text("# B\n")
    (tmp_path / "more").mkdir()
    (tmp_path / "more" / "deep.md").write_text("# C\n")
    config = SimpleNamespace(nav=[{"Overview": "index.md"}], docs_dir=str(tmp_path))
    assert manual.on_config(config).nav == [{"Overview": "index.md"}, "more/deep.md", "new.md"]


@pytest.mark.slow
def test_the_manual_builds_strict_with_every_page_of_docs_in_its_menu_and_the_generated_parts(tmp_path):
    out = tmp_path / "manual"
    result = subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "--config-file",
                             str(ROOT / "manual.yml"), "--site-dir", str(out)], cwd=ROOT, capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stderr
    home = (out / "index.html").read_text(encoding="utf-8")
    for page in sorted((ROOT / "docs").rglob("*.md")):
        html = page.relative_to(ROOT / "docs").with_suffix(".html").as_posix()
        assert (out / html).is_file(), html
        assert f'href="{html}"' in home or html == "index.html", f"{html} is not in the menu"
    data = (out / "data.html").read_text(encoding="utf-8")
    assert "feed_attendance_reminder_days" in data and "<!-- generated" not in data
    commands = (out / "commands.html").read_text(encoding="utf-8")
    assert "sinh-hoat workbook import" in commands and "--dry-run" in commands
    assert "The build, 26/11/2026" in (out / "benchmarks.html").read_text(encoding="utf-8")


def test_the_readme_stays_short_and_points_to_the_manual():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 150
    assert "make docs" in readme and "make site" in readme and "make test" in readme
    for link in re.findall(r"\]\((docs/[^)#]+)", readme):
        assert (ROOT / link).is_file(), link
    assert all((ROOT / p).is_file() for p in re.findall(r'src="([^"]+)"', readme))


def test_the_commands_printed_in_the_manual_and_the_readme_run_from_the_project_after_make_site():
    """No bare `python -m generator` (it fails outside .venv/), and every line of a shell block that runs the program
    names it as `make site` installs it; a command named in a sentence (`sinh-hoat nginx`) is a name, not a line."""
    pages = [*(ROOT / "docs").rglob("*.md"), ROOT / "README.md", ROOT / "bench" / "history.md"]
    bare = re.compile(r"(?<!\.venv/bin/)\bpython3? -m generator\b")
    found = {}
    for page in pages:
        text = page.read_text(encoding="utf-8")
        blocks = re.findall(r"^```(?:sh|bash|console)?\n(.*?)^```", text, re.M | re.S)
        lines = [line.strip() for block in blocks for line in block.splitlines()]
        wrong = bare.findall(text) + [line for line in lines if re.match(r"(sudo -u \S+ )?sinh-hoat\b", line)]
        if wrong:
            found[page.name] = wrong
    assert found == {}, "write `.venv/bin/sinh-hoat …` (or a make target): the form that runs after `make site`"
