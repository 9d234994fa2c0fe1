"""Member, cell and area cells: a label from the drop-down list, an id, or a name as a clerk types it.

In order: the id; a label of the drop-down list (or a name followed by its id in
brackets, as messages list them); then the words typed (`labels.words`): the name
alone, or with its organization before or after it, in any case, with or without
diacritics, punctuation or the words of a kind. Words that name several items are
refused with their labels; words that name none, with the closest labels: first an
item whose name was typed exactly but whose organization was not, then by likeness.
"""

from __future__ import annotations

import difflib
import re

from ..load.fields import ID_PATTERN
from . import labels as labelling
from .sheets import folded

WHAT = {"members": "đồng chí", "cells": "chi bộ", "areas": "khu dân cư"}
SHOWN = 5
QUOTED_ID = re.compile(r".*\(\s*([a-z0-9-]+)\s*\)")
CUTOFF = 0.6


class Names:
    def __init__(self, recs: dict[str, list]):
        self.recs = recs
        self.ids = {target: {r["id"] for r in recs.get(target, ())} for target in WHAT}
        self._labels: labelling.Labels | None = None

    @property
    def labels(self) -> labelling.Labels:
        if self._labels is None:
            self._labels = labelling.from_records(self.recs)
        return self._labels

    def resolve(self, target: str, text: str) -> tuple[str, str | None]:
        """The id meant by `text`, or the text and why it names none (the candidates)."""
        if target not in WHAT or text in self.ids[target]:
            return text, None
        key = folded(text)
        if key in self.ids[target]:
            return key, None
        found = self.labels.exact[target].get(key)
        if found is not None:
            return found, None
        quoted = QUOTED_ID.fullmatch(key)  # “Chi bộ Tổ dân phố 1 (phuong-an-lac-cb-1)”, as a message lists it
        if quoted and quoted.group(1) in self.ids[target]:
            return quoted.group(1), None
        typed = labelling.words(text)
        matches = self.labels.typed(target).get(" ".join(typed), []) if typed else []
        if len(matches) == 1:
            return matches[0], None
        if matches:
            how = "" if target == "members" else ", hoặc ghi kèm tên đảng bộ"
            return text, (f"tên này khớp {len(matches)} {WHAT[target]}: {self.listed(target, matches)}; "
                          f"hãy chọn một trong danh sách thả xuống (ghi đúng như một tên trên){how}")
        if ID_PATTERN.fullmatch(text):
            return text, None  # an id-like word: the cross-checks say it is unknown, with the closest id
        close = self.closest(target, typed)
        hint = f"; có phải: {self.listed(target, close)}?" if close else ""
        return text, f"không có {WHAT[target]} nào mang mã hoặc tên này{hint}"

    def listed(self, target: str, ids: list[str]) -> str:
        shown = ", ".join(f"“{self.labels.label(target, i)}”" for i in ids[:SHOWN])
        return shown + (f" và {len(ids) - SHOWN} {WHAT[target]} khác" if len(ids) > SHOWN else "")

    def closest(self, target: str, typed: tuple[str, ...]) -> list[str]:
        """The ids whose names come closest to the words typed, the closest first.

        An item whose name (without its organization) begins or ends the words typed comes before
        any other: its name was typed exactly, its organization not. Then by likeness of the words."""
        if not typed:
            return []
        key = " ".join(typed)
        ranked: dict[str, tuple[int, float]] = {}
        matcher = difflib.SequenceMatcher(autojunk=False)
        matcher.set_seq2(key)
        for item in self.labels.items.get(target, []):
            named, likeness = False, 0.0
            for form, bare in self.labels.forms(target, item).items():
                named = named or (bare and len(form) < len(typed) and form in (typed[:len(form)], typed[-len(form):]))
                matcher.set_seq1(" ".join(form))
                if matcher.real_quick_ratio() > likeness and matcher.quick_ratio() > likeness:
                    likeness = max(likeness, matcher.ratio())
            if named or likeness >= CUTOFF:
                ranked[item.id] = (0 if named else 1, -likeness)
        return sorted(ranked, key=lambda i: (ranked[i], self.labels.label(target, i)))[:SHOWN]
