"""The evaluated province every page and file is made from, computed before anything is written."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from ..model import Province
from ..model.periods import Period, containing
from ..model.tree import Tree
from ..rules import compliance
from ..rules.obligations import Evaluation
from ..rules.upcoming import Agenda


@dataclass
class Site:
    """Everything the pages are made from, computed before anything is written."""

    province: Province
    tree: Tree
    evaluation: Evaluation
    # by page: the feed its box offers (a `feeds.subscribe.Subscription`, made by the feeds, which come after)
    subscriptions: dict[str, Any] = field(default_factory=dict)
    agenda: Agenda = field(init=False)

    def __post_init__(self):
        self.agenda = Agenda(self.province, self.tree, self.as_of)
        self.index = self.province.index

    @property
    def as_of(self) -> date:
        return self.evaluation.as_of

    @cached_property
    def warnings(self) -> list[compliance.RecordWarning]:
        """Records that no obligation can count: on the Board's page, and printed after a build."""
        return compliance.record_warnings(self.province, self.evaluation, self.tree)

    @property
    def now(self) -> list[Period]:
        """The current half and quarter."""
        return [containing(self.as_of, "H"), containing(self.as_of, "Q")]

    @property
    def upcoming(self) -> list[Period]:
        return [p.next() for p in self.now]
