"""The mail tests' province: the small province of `support/files.py` with an address for every member and
every committee, and the mail settings pointing at a test server."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml

from generator.load.data import load
from generator.mail.letters import Addressed, Writer
from generator.model.tree import Tree
from generator.rules.obligations import evaluate
from generator.site.context import Site

from ..support.files import write_data
from ..support.project import AS_OF

DAY = date.fromisoformat(AS_OF)

BOARD, OFFICE, SENDER = "bantochuc@tinhuy.example.test", "vanphong@tinhuy.example.test", "nhac-viec@tinhuy.example.test"


def address(id: str) -> str:
    return f"{id}@example.test"


def mail_data(folder: Path, members: dict | None = None, organizations: dict | None = None,
              files: dict[str, str] | Path | None = None, **mail) -> Path:
    """The small province in `folder`, every member and every organization directly under the province with an
    address; `files` replaces data files first (texts by name, or a folder of `.yml` files); `members` and
    `organizations` change fields of records by id; `mail` the mail settings."""
    write_data(folder, **(files if isinstance(files, dict) else {}))
    if isinstance(files, Path):
        for file in files.glob("*.yml"):
            shutil.copy(file, folder / file.name)

    def edit(name: str, change) -> None:
        path = folder / f"{name}.yml"
        value = change(yaml.safe_load(path.read_text(encoding="utf-8")))
        path.write_text(yaml.safe_dump(value, allow_unicode=True, sort_keys=False), encoding="utf-8")

    def people(records):
        for r in records:
            r["email"] = address(r["id"])
            r.update((members or {}).get(r["id"], {}))
        return records

    def orgs(records):
        for r in records:
            if "parent" not in r:
                r["email"] = address(r["id"])
            r.update((organizations or {}).get(r["id"], {}))
        return records

    edit("members", people)
    edit("organizations", orgs)
    edit("settings", lambda s: {**s, "mail": {"sender": SENDER, "board": BOARD, "office": OFFICE, **mail}})
    return folder


def site_of(data: Path, as_of: date = DAY) -> Site:
    province = load(data)
    tree = Tree(province)
    return Site(province, tree, evaluate(province, as_of, tree))


def letters(data: Path, as_of: date = DAY) -> dict[str, Addressed]:
    """This week's letters of the data, by reader ("thanh-vien/btv-one", "to-chuc/huyen-a", "ban-to-chuc")."""
    return {a.recipient.key: a for a in Writer(site_of(data, as_of)).letters()}


@pytest.fixture
def mail_dir(tmp_path: Path) -> Path:
    return mail_data(tmp_path / "data")
