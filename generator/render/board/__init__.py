"""The Organization Board's pages and files: chase lists, consolidations, grievances, warnings,
report drafts and reminder notices.

`produce(site)` yields every page and file as (path in the docs folder, content or a function that
makes it); the build collects them (`Output.collect`). Numbers come from `rules/compliance.py`,
the lists to act on from `rules/chase.py`.
"""

from __future__ import annotations

from ...site.context import Site
from . import drafts, notices, records
from .common import Produced, Shared
from .consolidation import Consolidations
from .dashboard import Dashboard, current


def produce(site: Site) -> Produced:
    shared = Shared(site)
    consolidations = Consolidations(shared)
    dashboard = Dashboard(shared, consolidations.summary(current(site.as_of)))
    yield from dashboard.produce()
    yield from consolidations.produce()
    yield from records.produce(shared)
    yield from drafts.produce(shared)
    yield from notices.produce(shared, dashboard.lists)
