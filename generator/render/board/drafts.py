"""Report drafts (khoản 3 Điều 3): a printable page and a Word file per reporting obligation."""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, StrictUndefined

from ...exports import drafts
from ...model import vi
from ...rules.obligations import Obligation
from ...site import paths
from ...site.context import Site
from .common import Produced, Shared


def produce(s: Shared) -> Produced:
    """Made later, while the engine runs: a draft is shared by its page and its .docx."""
    template = printable(s.site, "bao-cao.html")
    word = drafts.Word(s.as_of)
    drafter = drafts.Drafter(s.province, s.site.tree, s.evaluation, s.site.warnings)
    made: dict = {}

    def draft(o: Obligation) -> drafts.Draft:
        if o not in made:
            made[o] = drafter.draft(o)
        return made[o]

    for o in drafter.reporting():
        path, docx = paths.draft_page(o.member, o.period), paths.draft_file(o.member, o.period, s.as_of)
        yield path, lambda o=o, path=path, docx=docx: template.render(
            d=draft(o), member=s.province.members[o.member], docx=paths.relative(path, docx),
            member_page=paths.html(paths.relative(path, paths.member_page(o.member))),
            regulation=paths.html(paths.relative(path, paths.REGULATION)) + "#dieu-3-khoan-3")
        yield docx, lambda o=o: word.write(draft(o))


def printable(site: Site, name: str):
    """The template of a printable page: plain HTML, outside the site engine, escaped as HTML."""
    env = Environment(loader=PackageLoader("generator.render"), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters.update(day=vi.day)
    env.globals.update(vi=vi, site=site, province=site.province, sample_notice=vi.SAMPLE_NOTICE)
    return env.get_template(name)
