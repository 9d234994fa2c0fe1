"""The generated Markdown pages: members, organizations.

Every page is rendered from a template in `templates/` with all data values
escaped by `markup.md` (the Jinja `finalize` hook), so a template cannot forget.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from . import urls, vi
from .markup import link, md, md_lines
from .model import Province
from .rules import Evaluation, Obligation
from .tree import Tree


@dataclass(frozen=True)
class Site:
    """Everything the pages are made from, computed before anything is written."""

    province: Province
    tree: Tree
    evaluation: Evaluation

    @property
    def as_of(self) -> date:
        return self.evaluation.as_of


def environment() -> Environment:
    env = Environment(loader=PackageLoader("generator"), finalize=escape, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, autoescape=True)
    env.filters.update(day=vi.day, span=vi.span, lines=md_lines)
    env.globals.update(vi=vi, link=link, urls=urls)
    return env


def escape(value) -> Markup:
    """Every `{{ value }}` in a template: Markdown-escaped unless already Markup."""
    return value if isinstance(value, Markup) else Markup(md(value))


def render(site: Site) -> dict[str, str]:
    env = environment()
    pages = {
        urls.MEMBERS_INDEX: env.get_template("members.md").render(site=site, rows=member_rows(site)),
        urls.ORGANIZATIONS_INDEX: env.get_template("organizations.md").render(site=site),
    }
    member_template = env.get_template("member.md")
    for member in site.province.members.values():
        page = urls.member_page(member.id)
        pages[page] = member_template.render(site=site, page=page, member=member,
                                             obligations=site.evaluation.by_member[member.id])
    org_template = env.get_template("organization.md")
    for org in site.province.organizations.values():
        page = urls.organization_page(org.id)
        pages[page] = org_template.render(site=site, page=page, org=org)
    return pages


def member_rows(site: Site) -> list[dict]:
    """One row per member for the index: name, roles, and this quarter's and half's statuses."""
    rows = []
    for member in sorted(site.province.members.values(), key=lambda m: sort_name(m.name)):
        current = [o for o in site.evaluation.by_member[member.id] if site.as_of in o.period]
        rows.append(dict(member=member, current=current))
    return rows


def sort_name(name: str) -> tuple:
    """Vietnamese names sort by given name (the last word), then the rest."""
    words = name.split()
    return (words[-1:], words)


def status_text(obligation: Obligation) -> str:
    return vi.STATUSES[obligation.status]
