"""What the workbook shows for a member, a cell or an area, and the words a clerk may type for one.

A cell or an area is shown with its organization, “Chi bộ Thôn Nam – xã Khánh An”
(an area whose name already ends with its organization, “Khu dân cư Thôn Nam, Xã
Hòa Bình”, by its name); a member by name, with the title when two share a name.
No two labels are the same: one that still repeats gets its id in brackets. The
label alone therefore names one item, so the workbook shows labels and reads them
back to the same ids.

What a clerk types is compared as words: without case, diacritics or punctuation,
and without the words of a kind (“chi bộ”, “đảng bộ”, “xã”, “phường”, “thị trấn”,
“khu dân cư”, “đồng chí”…), so “Chi bo Thon Nam, xa Khanh An”, “Thôn Nam (Khánh
An)” and “Khánh An – Thôn Nam” are all the words “thon nam khanh an”.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from .sheets import folded

TARGETS = ("members", "cells", "areas")
KIND_WORDS = (("chi", "bo"), ("dang", "bo"), ("khu", "dan", "cu"), ("thi", "tran"), ("thi", "xa"),
              ("thanh", "pho"), ("dong", "chi"), ("d", "c"), ("xa",), ("phuong",), ("huyen",), ("kdc",))
PUNCTUATION = re.compile(r"[^\w]+")
DASH = "–"


@dataclass(frozen=True)
class Item:
    """A member, cell or area as its label is made from: its organization's short name, or its title."""

    id: str
    name: str
    organization: str | None = None  # for cells and areas
    title: str | None = None         # for members


@lru_cache(maxsize=1 << 16)
def words(text: str) -> tuple[str, ...]:
    """The words that matter in `text`: folded, without punctuation or the words of a kind."""
    found = PUNCTUATION.sub(" ", folded(text).replace("_", " ")).split()
    kept: list[str] = []
    i = 0
    while i < len(found):
        for kind in KIND_WORDS:
            if tuple(found[i:i + len(kind)]) == kind:
                i += len(kind)
                break
        else:
            kept.append(found[i])
            i += 1
    return tuple(kept)


def short(organization: str) -> str:
    """“Đảng bộ xã Khánh An” → “xã Khánh An”: the organization as a label names it."""
    for kind in ("Đảng bộ ", "Chi bộ "):
        if organization.lower().startswith(kind.lower()) and len(organization) > len(kind):
            return organization[len(kind):]
    return organization


def place_label(name: str, organization: str) -> str:
    """“Chi bộ Thôn Nam – xã Khánh An”; the name alone when it already ends with its organization."""
    where = short(organization)
    core = words(where)
    if core and folded(name).endswith(core[-1]) and words(name)[-len(core):] == core:  # the cheap test first
        return name
    return f"{name} {DASH} {where}"


def member_labels(items: list[Item]) -> dict[str, str]:
    """Each member's name; a name two members share gets the title (the id when the titles do not tell)."""
    by_name: dict[str, list[Item]] = {}
    for item in items:
        by_name.setdefault(folded(item.name), []).append(item)
    labels = {}
    for same in by_name.values():
        titles = [folded(i.title or "") for i in same]
        for item in same:
            if len(same) == 1:
                labels[item.id] = item.name
            elif item.title and titles.count(folded(item.title)) == 1:
                labels[item.id] = f"{item.name} ({item.title})"
            else:
                labels[item.id] = f"{item.name} ({item.id})"
    return labels


def unique(labels: dict[str, str], keys: dict[str, str]) -> dict[str, str]:
    """The labels, with the id added to any that two items still share (`keys`: each label folded)."""
    seen: dict[str, int] = {}
    for key in keys.values():
        seen[key] = seen.get(key, 0) + 1
    return {i: label if seen[keys[i]] == 1 or label.endswith(f"({i})") else f"{label} ({i})"
            for i, label in labels.items()}


class Labels:
    """The labels of one province's members, cells and areas, and the words each may be typed as."""

    def __init__(self, items: dict[str, list[Item]], organizations: dict[str, str], parent: dict[str, str | None]):
        self.items = items
        self.organizations = organizations  # id -> name
        self.parent = parent                # id -> the organization above, for the words a clerk may add
        self.by_id: dict[str, dict[str, str]] = {}
        self.exact: dict[str, dict[str, str]] = {}  # a label folded -> its id
        for target in TARGETS:
            listed = items.get(target, [])
            if target == "members":
                made = member_labels(listed)
            else:
                made = {i.id: place_label(i.name, organizations.get(i.organization, "")) for i in listed}
            keys = {i: folded(label) for i, label in made.items()}
            self.by_id[target] = unique(made, keys)
            self.exact[target] = {folded(label) if label != made[i] else keys[i]: i
                                  for i, label in self.by_id[target].items()}
        self.keys: dict = {}  # made when first asked: the words typed, by target; the widest label

    def label(self, target: str, item_id: str) -> str:
        return self.by_id.get(target, {}).get(item_id, item_id)

    def widest(self, target: str, width) -> str:
        """The label of `target` that is widest by `width` (a function of the text), measured once."""
        key = ("widest", target)
        if key not in self.keys:
            self.keys[key] = max(self.by_id.get(target, {}).values(), key=width, default="")
        return self.keys[key]

    def forms(self, target: str, item: Item) -> dict[tuple[str, ...], bool]:
        """The word sequences `item` may be typed as, each True when it names the item without its
        organization (a name alone, that items of other organizations may share)."""
        found: dict[tuple[str, ...], bool] = {words(self.label(target, item.id)): False}
        if target == "members":
            name = words(item.name)
            found.setdefault(name, True)
            if item.title:
                found.setdefault(name + words(item.title), False)
            return found
        name = words(item.name)
        where = words(short(self.organizations.get(item.organization, "")))
        core = name[:-len(where)] if where and name[-len(where):] == where and len(name) > len(where) else name
        found[core] = True
        for form in (core + where, where + core, name, name + where, where + name):
            found.setdefault(form, False)
        for parent in parents_of(item.organization, self.parent):
            above = words(short(self.organizations.get(parent, "")))
            found.setdefault(core + where + above, False)
        return found

    def typed(self, target: str) -> dict[str, list[str]]:
        """Words as typed → the ids they name; made when a cell is first read this way."""
        if target not in self.keys:
            index: dict[str, list[str]] = {}
            for item in self.items.get(target, []):
                for form in self.forms(target, item):
                    ids = index.setdefault(" ".join(form), [])
                    if item.id not in ids:
                        ids.append(item.id)
            self.keys[target] = index
        return self.keys[target]


def parents_of(organization: str | None, parent: dict[str, str | None], limit: int = 3) -> tuple[str, ...]:
    found: list[str] = []
    current = parent.get(organization) if organization else None
    while current and current not in found and len(found) < limit:
        found.append(current)
        current = parent.get(current)
    return tuple(found)


def from_province(province) -> Labels:
    """The labels of a loaded province (`model.Province`), for the workbook it exports."""
    parent = {o.id: o.parent for o in province.organizations.values()}
    items = {
        "members": [Item(m.id, m.name, title=m.title) for m in province.members.values()],
        "cells": [Item(c.id, c.name, c.organization) for c in province.cells.values()],
        "areas": [Item(a.id, a.name, a.organization) for a in province.areas.values()],
    }
    return Labels(items, {o.id: o.name for o in province.organizations.values()}, parent)


def from_records(recs: dict[str, Iterable[dict]]) -> Labels:
    """The labels of the data files as read (`load.data.Data.recs`), for the workbook being imported."""
    organizations = list(recs.get("organizations", ()))
    parent = {o["id"]: o.get("parent") for o in organizations}
    items = {
        "members": [Item(m["id"], m["name"], title=m.get("title")) for m in recs.get("members", ())],
        **{target: [Item(r["id"], r["name"], r.get("organization")) for r in recs.get(target, ())]
           for target in ("cells", "areas")},
    }
    return Labels(items, {o["id"]: o["name"] for o in organizations}, parent)
