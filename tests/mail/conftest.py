"""The mail tests' province: the small province of `support/files.py` with an address for every member and
every committee, and the mail settings pointing at a test server."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ..support.files import write_data

BOARD, OFFICE, SENDER = "bantochuc@tinhuy.example.test", "vanphong@tinhuy.example.test", "nhac-viec@tinhuy.example.test"


def address(id: str) -> str:
    return f"{id}@example.test"


def mail_data(folder: Path, members: dict | None = None, organizations: dict | None = None, **mail) -> Path:
    """The small province in `folder`, every member and every organization directly under the province with an
    address; `members` and `organizations` change fields of records by id; `mail` the mail settings."""
    write_data(folder)

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


@pytest.fixture
def mail_dir(tmp_path: Path) -> Path:
    return mail_data(tmp_path / "data")
