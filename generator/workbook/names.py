"""Member, cell and area cells: the id, or a name that matches exactly one (without diacritics, any case)."""

from __future__ import annotations

import difflib
import re

from ..load.fields import ID_PATTERN
from .sheets import folded

WHAT = {"members": "đồng chí", "cells": "chi bộ", "areas": "khu dân cư"}
SHOWN = 5
QUOTED_ID = re.compile(r".*\(([a-z0-9-]+)\)")


class Names:
    def __init__(self, recs: dict[str, list]):
        self.recs = recs
        self.ids = {target: {r["id"] for r in recs.get(target, ())} for target in WHAT}
        self.index: dict[str, dict[str, list[tuple[str, str]]]] = {}

    def named(self, target: str) -> dict[str, list[tuple[str, str]]]:
        """Folded name -> (id, name) of every item of `target`; made when a name is first looked up."""
        if target not in self.index:
            named: dict[str, list[tuple[str, str]]] = {}
            for r in self.recs.get(target, ()):
                named.setdefault(folded(r["name"]), []).append((r["id"], r["name"]))
            self.index[target] = named
        return self.index[target]

    def resolve(self, target: str, text: str) -> tuple[str, str | None]:
        """The id meant by `text`, or the text and why it names none (the candidates)."""
        if target not in WHAT or text in self.ids[target]:
            return text, None
        key = folded(text)
        if key in self.ids[target]:
            return key, None
        quoted = QUOTED_ID.fullmatch(key)  # “Chi bộ Tổ dân phố 1 (phuong-an-lac-cb-1)”, as a message lists it
        if quoted and quoted.group(1) in self.ids[target]:
            return quoted.group(1), None
        matches = self.named(target).get(key, [])
        if len(matches) == 1:
            return matches[0][0], None
        if matches:
            listed = ", ".join(f"{name} ({id_})" for id_, name in matches[:SHOWN])
            more = f" và {len(matches) - SHOWN} mục khác" if len(matches) > SHOWN else ""
            return text, f"tên này khớp {len(matches)} {WHAT[target]}: {listed}{more}; hãy ghi mã của một trong số đó"
        if ID_PATTERN.fullmatch(text):
            return text, None  # an id-like word: the cross-checks say it is unknown, with the closest id
        close = difflib.get_close_matches(key, list(self.named(target)), n=SHOWN, cutoff=0.6)
        listed = ", ".join(f"{name} ({id_})" for k in close for id_, name in self.named(target)[k][:1])
        hint = f"; có phải: {listed}?" if listed else ""
        return text, f"không có {WHAT[target]} nào mang mã hoặc tên này{hint}"
