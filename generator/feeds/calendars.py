"""The calendar feeds of one build: their secret addresses (known at once, for the pages' subscribe
boxes), and their files and version ledger (made once, when first asked for, while the engine renders)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cached_property

from ..model import Province
from ..model.tree import Tree
from ..site import paths
from ..rules.obligations import Evaluation
from . import ics, revisions, subscribe, tokens
from .contents import Feed, feeds, headings
from .revisions import Revision


class Calendars:
    """`evaluation` reaches the end of the feeds' horizon (`contents.horizon`); `previous` is the ledger
    of the last build."""

    def __init__(self, province: Province, tree: Tree, evaluation: Evaluation, secret: str,
                 previous: dict[str, Revision]):
        self.province, self.tree, self.evaluation, self.previous = province, tree, evaluation, previous
        self.headings = headings(province)
        self.names = {h.identity: tokens.file_name(secret, h.identity) for h in self.headings}
        self.subscriptions = {h.page: subscribe.subscription(province.settings, self.names[h.identity], h.about,
                                                             self.page_url(h))
                              for h in self.headings}  # by page: the feed its box offers

    def page_url(self, h) -> str | None:
        """A member's page, which the QR code on it opens on a phone; other feeds have no QR code."""
        return self.province.settings.site_url + paths.html(h.page) if h.identity[0] == "thanh-vien" else None

    @cached_property
    def feeds(self) -> dict[tuple[str, ...], Feed]:
        """Every feed by its identity."""
        return {f.identity: f for f in feeds(self.province, self.tree, self.evaluation)}

    @cached_property
    def revisions(self) -> dict[str, Revision]:
        """The feeds' version ledger after this build."""
        events = (e for f in self.feeds.values() for e in f.events)
        return revisions.revise(self.previous, events, self.evaluation.as_of)

    @cached_property
    def files(self) -> dict[str, bytes]:
        """Each feed's .ics file by its secret file name."""
        writer = ics.Writer(self.revisions, self.province.settings)
        return {self.names[identity]: writer.render(f) for identity, f in self.feeds.items()}

    def produce(self) -> Iterator[tuple[str, Callable[[], bytes]]]:
        """Each feed's file at its address, and the QR code of a member's feed, made while the engine renders."""
        for h in self.headings:
            box = self.subscriptions[h.page]
            yield box.path, lambda name=self.names[h.identity]: self.files[name]
            if box.qr:
                yield box.qr, lambda box=box: subscribe.qr_code(box.opens)
