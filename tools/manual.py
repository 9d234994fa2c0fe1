"""The maintainers' manual (`make docs`, `manual.yml`): the pages written at build time, and the hooks that put them in.

A page in `docs/` asks for a generated part with a line of its own:

    <!-- generated: data-reference -->   every data file and key, from `generator/load/schema.py`
    <!-- generated: commands -->         every command and option, from the parser in `generator/cli.py`
    <!-- generated: access -->           every kind of page and file and who may read it, from `site/registry.py`

so the reference is never retyped and cannot drift. The hooks also put every page of `docs/` in the menu
(a page that `manual.yml` does not list goes at the end), and stop a strict build when the architecture page
leaves out a module of `generator/` or names one that does not exist. `tests/test_manual.py` checks the same.
The engine loads this file as a hook; the functions need nothing of the engine.
"""

from __future__ import annotations

import argparse
import logging
import re
from pathlib import Path

from generator import cli
from generator.load import fields, schema
from generator.load.shapes import Field, List, Object
from generator.site import registry

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PACKAGE = ROOT / "generator"
MARKER = re.compile(r"^<!-- generated: ([a-z-]+) -->$", re.M)
log = logging.getLogger("mkdocs.hooks.manual")


# -- the data reference -------------------------------------------------------------------------------------------

def kind(t: fields.Type) -> str:
    """What a value of this type is, in a few words."""
    if isinstance(t, List):
        more = (f", at least {t.min_items}" if t.min_items else "") + (", no repeats" if t.unique else "")
        return f"list of {kind(t.item)}{more}"
    if isinstance(t, Object):
        return "mapping (keys below)"
    if isinstance(t, fields.Ref):
        return f"id of an entry of `{t.target}.yml`"
    if isinstance(t, fields.Id):
        return "id: lowercase ASCII words joined by `-`"
    if isinstance(t, fields.Text):
        return f"{'text, line breaks allowed' if t.multiline else 'one line of text'}, at most {t.max_length} characters"
    if isinstance(t, fields.OneOf):
        return f"{kind(t.number)} or " + ", ".join(f"`{w}`" for w in t.words)
    if isinstance(t, fields.Int):
        return f"integer {t.low}–{t.high}"
    if isinstance(t, fields.Enum):
        return "one of " + ", ".join(f"`{value}` ({label})" for value, label in t.choices.items())
    return {fields.Url: "address: `http://` or `https://`, ending in `/`", fields.Bool: "`true` or `false`",
            fields.Email: "a mail address, bare (`bantochuc@tinhuy.example`), in ASCII",
            fields.Date: "date: `2026-02-05` or `05/02/2026`", fields.Time: "time: `19:30`"}[type(t)]


def cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def keys(shape: Object, prefix: str = "") -> list[tuple[str, Field]]:
    """Every key of a record, nested ones as `schedule.day` or `exceptions[].date`, in the schema's order."""
    found = []
    for f in shape.fields:
        path = prefix + f.name
        found.append((path, f))
        inner = f.type.item if isinstance(f.type, List) else f.type
        if isinstance(inner, Object):
            found += keys(inner, path + ("[]." if isinstance(f.type, List) else "."))
    return found


def groups(shape: Object, prefix: str = "") -> list[str]:
    """The rules on groups of keys (exactly one of, at least one of, all or none of)."""
    def names(group):
        return ", ".join(f"`{prefix}{k}`" for k in group)

    found = []
    if shape.one_of:
        found.append(f"exactly one of {names(shape.one_of)}")
    if shape.any_of:
        found.append(f"at least one of {names(shape.any_of)}")
    if shape.together:
        found.append(f"all or none of {names(shape.together)}")
    for f in shape.fields:
        inner = f.type.item if isinstance(f.type, List) else f.type
        if isinstance(inner, Object):
            found += groups(inner, prefix + f.name + ("[]." if isinstance(f.type, List) else "."))
    return found


def data_reference() -> str:
    lines = []
    for name, shape in schema.FILES.items():
        record = shape.item if isinstance(shape, List) else shape
        what = "a list of records" if isinstance(shape, List) else "one mapping"
        if isinstance(shape, List) and shape.min_items:
            what += f", at least {shape.min_items}"
        needed = "may be left out" if name in schema.OPTIONAL_FILES else "required"
        lines += [f"### `{name}.yml`", "",
                  f"{schema.TITLES[name]} ({cell(record.doc)}). File: {needed}; holds {what}. "
                  f"Editors check it against `schema/{name}.schema.json`.", "",
                  "| key | value | required | default | meaning (as the schema tells the clerk) |",
                  "|---|---|---|---|---|"]
        for path, f in keys(record):
            default = "" if f.default is None else f"`{str(f.default).lower() if isinstance(f.default, bool) else f.default}`"
            lines.append(f"| `{path}` | {cell(kind(f.type))} | {'yes' if f.required else ''} | {default} | "
                         f"{cell(f.doc)} |")
        rules = groups(record)
        if rules:
            lines += ["", "Keys together: " + "; ".join(rules) + "."]
        lines.append("")
    return "\n".join(lines)


# -- the commands ----------------------------------------------------------------------------------------------------

def subcommands(parser: argparse.ArgumentParser) -> list[tuple[str, argparse.ArgumentParser, str]]:
    """Every command and nested command: (its name after the program, its parser, its help line)."""
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help for choice in action._choices_actions}
            for name, sub in action.choices.items():
                words = sub.prog.split(" ", 1)[1]
                found.append((words, sub, helps.get(name, "")))
                found += subcommands(sub)
    return found


def options(parser: argparse.ArgumentParser) -> list[str]:
    rows = []
    for action in parser._actions:
        if isinstance(action, (argparse._HelpAction, argparse._SubParsersAction)):
            continue
        name = ", ".join(f"`{o}`" for o in action.option_strings) or f"`{action.metavar or action.dest.upper()}`"
        default = action.default
        shown = "" if default in (None, False, argparse.SUPPRESS) else f"`{default}`"
        rows.append(f"| {name} | {cell(action.help or '')} | {shown} |")
    return rows


def usage(parser: argparse.ArgumentParser) -> str:
    formatter = argparse.HelpFormatter(parser.prog, width=100)
    formatter.add_usage(parser.usage, parser._actions, parser._mutually_exclusive_groups, prefix="")
    return formatter.format_help().strip()


def command_reference() -> str:
    parser = cli.parser()
    lines = [f"Every command is `{cli.PROGRAM} [--data DATA] COMMAND …`, run from the project's folder "
             f"(`.venv/bin/{cli.PROGRAM}` after `make site`; `python -m generator` is the same program).", "",
             "| argument | what it does | default |", "|---|---|---|", *options(parser), ""]
    for words, sub, help_line in subcommands(parser):
        lines += [f"### `{cli.PROGRAM} {words}`", "", cell(help_line), "", "```", usage(sub), "```", ""]
        rows = options(sub)
        if rows:
            lines += ["| argument | what it does | default |", "|---|---|---|", *rows, ""]
    return "\n".join(lines)


# -- who may read what ------------------------------------------------------------------------------------------

SCOPES = {registry.Scope.ANY: "yes", registry.Scope.SELF: "own only", registry.Scope.SUBTREE: "its organizations"}


def access_table() -> str:
    """Every kind of page and file of `site/registry.py`, with its downloads and who may read it."""
    roles = [("member", [registry.Role.MEMBER]), ("committee", [registry.Role.COMMITTEE]),
             ("Board, Office", [registry.Role.BOARD, registry.Role.OFFICE])]
    lines = ["| path in the site | what it is | not signed in | " + " | ".join(r for r, _ in roles) + " |",
             "|---|---|---|" + "---|" * len(roles)]
    for kind in registry.KINDS.values():
        scopes = {access.role: access.scope for access in kind.readers}
        paths = ", ".join(f"`{p}`" for p in (kind.pattern, *kind.files))
        cells = []
        for _, members in roles:
            found = {SCOPES[scopes[r]] for r in members if r in scopes}
            cells.append(" / ".join(sorted(found)) if found else "–")
        public = "yes" if kind.public else "–"
        if kind.public:
            cells = ["yes"] * len(roles)
        lines.append(f"| {paths} | {cell(kind.what)} | {public} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


# -- the architecture page ------------------------------------------------------------------------------------------

def modules() -> list[str]:
    """Every module and package of `generator/`, as the architecture page names them (`load/schema.py`, `build/`)."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if path.name == "__init__.py":
            if path.parent != PACKAGE:
                found.append(relative.removesuffix("__init__.py"))
        elif path.name != "__main__.py":
            found.append(relative)
    return found


def architecture_problems(text: str) -> list[str]:
    """Modules of `generator/` the page leaves out, and modules it names that do not exist."""
    named = set(re.findall(r"^\| `([\w/]+(?:\.py|/))` \|", text, re.M))
    actual = set(modules())
    return ([f"architecture.md leaves out generator/{m}" for m in sorted(actual - named)]
            + [f"architecture.md names generator/{m}, which does not exist" for m in sorted(named - actual)])


# -- the menu --------------------------------------------------------------------------------------------------------

def listed(nav) -> set[str]:
    found = set()
    for item in nav or []:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            found |= listed(value)
        elif isinstance(value, str):
            found.add(value)
    return found


def unlisted(nav, docs: Path = DOCS) -> list[str]:
    """Pages of `docs/` that the menu does not name."""
    pages = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
    return [page for page in pages if page not in listed(nav)]


GENERATED = {"data-reference": data_reference, "commands": command_reference, "access": access_table}


# -- the hooks -------------------------------------------------------------------------------------------------------

def on_config(config):
    for page in unlisted(config.nav, Path(config.docs_dir)):
        log.info("docs/%s is not in manual.yml's nav: added at the end", page)
        config.nav.append(page)
    return config


def on_page_markdown(markdown, page, config, files):
    def fill(match):
        if match.group(1) not in GENERATED:
            log.warning("%s asks for an unknown generated part: %s", page.file.src_uri, match.group(1))
            return match.group(0)
        return GENERATED[match.group(1)]()

    if page.file.src_uri == "architecture.md":
        for problem in architecture_problems(markdown):
            log.warning(problem)
    return MARKER.sub(fill, markdown)
