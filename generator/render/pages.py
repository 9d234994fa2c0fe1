"""The generated Markdown pages: home, members, organizations.

Every page is rendered from a template in `templates/` with all data values
escaped by `markup.md` (the Jinja `finalize` hook), so a template cannot forget.
What a page shows is computed here, in plain functions; templates only lay it out.
"""

from __future__ import annotations

from collections.abc import Iterator

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from ..model import Member, vi
from ..model.index import in_force
from ..model.periods import Period
from ..rules import compliance
from ..rules.obligations import Obligation
from ..site import paths
from ..site.context import Site
from .markup import link, md, md_lines, safe

TODO_MEETINGS = 2  # the next meetings shown for each open duty at the top of a member's page (all are below)
RANK = ("missed", "due", "planned", "late", "met")  # worst first, for a period's summary


def row(*cells) -> Markup:
    """A Markdown table row; built here, not in the template, for the thousands of cells of a large province."""
    return Markup("| " + " | ".join(c if isinstance(c, Markup) else md(c) for c in cells) + " |")


def changes(place) -> Markup:
    """The exceptions of a place's schedule, one per line of a table cell."""
    return Markup("<br>").join(safe(vi.change(c)) for c in place.changes)


def escape(value) -> str:
    """Every `{{ value }}` in a template: Markdown-escaped unless already Markup."""
    return value if isinstance(value, Markup) else md(value)


def environment(site: Site) -> Environment:
    env = Environment(loader=PackageLoader("generator.render"), finalize=escape, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                      comment_start_string="{#-", comment_end_string="-#}")  # "{#id}" is a Markdown anchor
    env.filters.update(day=vi.day, lines=md_lines, moment=vi.moment)
    words = Words(site)
    env.globals.update(vi=vi, paths=paths, site=site, province=site.province, badge=badge, to=to,
                       period_cell=period_cell, **{name: getattr(words, name) for name in Words.EXPORTS})
    return env


def to(page: str, target: str, anchor: str = "") -> Markup:
    """A link target from `page`; built from ids, which are safe in Markdown as they are."""
    return Markup(paths.to(page, target, anchor))


def produce(site: Site) -> Iterator[tuple[str, str]]:
    """Every page of this module: the members' (`members`), then the others (`rest`)."""
    yield from members(site)
    yield from rest(site)


def members(site: Site) -> Iterator[tuple[str, str]]:
    """A page per member."""
    template = environment(site).get_template("member.md")
    for m in site.province.members.values():
        page = paths.member_page(m.id)
        yield page, template.render(page=page, **member_view(site, m))


def rest(site: Site) -> Iterator[tuple[str, str]]:
    """The home page, the indexes and a page per organization."""
    env = environment(site)
    yield paths.HOME, env.get_template("home.md").render(page=paths.HOME)
    yield paths.MEMBERS_INDEX, env.get_template("members.md").render(page=paths.MEMBERS_INDEX, rows=member_rows(site))
    yield paths.ORGANIZATIONS_INDEX, env.get_template("organizations.md").render(page=paths.ORGANIZATIONS_INDEX)
    settings = site.province.settings
    yield paths.REGULATION, env.get_template("quy-dinh.md").render(
        page=paths.REGULATION, settings=settings, signed=settings.regulation_signed or settings.effective_date)
    template = env.get_template("organization.md")
    for org in site.province.organizations.values():
        page = paths.organization_page(org.id)
        yield page, template.render(page=page, **organization_view(site, org.id))
    yield from feed_pages(site, env)


def feed_pages(site: Site, env: Environment) -> Iterator[tuple[str, str]]:
    """The organizations' and the Board's feed addresses, each on a page only its readers may open."""
    template = env.get_template("feed.md")
    for o in site.province.organizations.values():
        page = paths.organization_feed_page(o.id)
        yield page, template.render(page=page, title=f"Lịch bố trí dự sinh hoạt – {o.name}")
    yield paths.PROVINCE_FEED, template.render(page=paths.PROVINCE_FEED, title="Lịch hạn báo cáo và tổng hợp")


# -- shared pieces


def badge(obligation: Obligation | None, tagged: bool = False, status: str | None = None) -> Markup:
    """A coloured status label; `tagged` marks the one place a page states the obligation."""
    status = status or obligation.status
    tag = f' data-obligation="{obligation.period.code}/{obligation.rule.code}"' if tagged else ""
    return Markup(f'<span class="status status-{status}"{tag}>{vi.STATUSES[status]}</span>')


def summary(obligations: list[Obligation]) -> str:
    """One status for a set of obligations: the worst among those that apply."""
    applying = [o.status for o in obligations if o.applies]
    return min(applying, key=RANK.index) if applying else "not-applicable"


def members_by_name(site: Site) -> list[Member]:
    return sorted(site.province.members.values(), key=lambda m: name_key(m.name))


name_key = vi.name_key  # given name, middle names, family name, in the Vietnamese alphabet


def active_assignments(site: Site, member: str):
    return [a for a in site.index.assignments.get(member, ()) if in_force(a, site.as_of)]


def period_cell(obligations: list[Obligation]) -> Markup:
    """A period's summary status with each obligation's own status below, for index tables."""
    if not obligations:
        return Markup("—")
    detail = "; ".join(f"{o.rule.code}: {vi.STATUSES[o.status].lower()}" for o in obligations)
    return badge(None, status=summary(obligations)) + Markup("<br><small>") + safe(detail) + Markup("</small>")


class Words:
    """Phrases the templates need about places, members and outcomes, with data escaped."""

    EXPORTS = ("org_link", "member_link", "place_text", "residence", "host_cells", "outcome", "qualifying",
               "role_line", "draft_links", "duty_title")

    def __init__(self, site: Site):
        self.site, self.province = site, site.province

    def org_link(self, page: str, org: str) -> Markup:
        return link(self.province.organizations[org].name, to(page, paths.organization_page(org)))

    def member_link(self, page: str, member: str) -> Markup:
        return link(self.province.members[member].name, to(page, paths.member_page(member)))

    def place_text(self, place_id: str, where: bool = False) -> str:
        """Chi bộ Thôn Đông (Đảng bộ xã Phú Hữu), and its meeting place when `where`."""
        place = self.province.place_by_id(place_id)
        text = f"{place.name} ({self.province.organizations[place.organization].name})"
        return f"{text}, {place.location}" if where and place.location else text

    def residence(self, member: Member) -> str:
        parts = [self.place_text(p) for p in (member.residence_cell,) if p]
        if member.residence_area:
            parts.append(self.province.areas[member.residence_area].name)
        return "; ".join(parts)

    def host_cells(self, assignment) -> str:
        names = ", ".join(self.province.cells[c].name for c in assignment.host_cells)
        return f"; chi bộ đảng bộ đề xuất: {names}" if names else ""

    @staticmethod
    def role_line(member: Member, roles: list[str]) -> Markup:
        """**Bí thư Tỉnh ủy** · Ủy viên BTV Tỉnh ủy"""
        parts = ([Markup(f"**{md(member.title)}**")] if member.title else []) + [safe(vi.ROLES[r]) for r in roles]
        return Markup(" · ").join(parts)

    def duty_title(self, o: Obligation) -> str:
        """The obligation's title; R2′ names the member's own communes ("… theo dõi đảng bộ phường An Lạc")."""
        if o.rule.code != "R2′":
            return o.rule.title
        names = ", ".join(vi.lower_first(self.province.organizations[c].name) for c in o.communes)
        return f"Báo cáo kết quả dự sinh hoạt (quý), trong báo cáo theo dõi {names}"

    def outcome(self, o: Obligation) -> str:
        """Why it does not apply, what met it, and the R2′ note: what a reader needs to know."""
        parts = [o.reason, o.note]
        if o.met_by and o.rule.kind == "attend":
            record = self.province.attendance[o.met_by]
            parts.append(f"Đã dự ngày {vi.day(record.date)} tại {self.place_text(record.cell or record.area)}")
        elif o.met_by:
            sent = self.province.reports[o.met_by].submitted
            parts.append(f"Đã {'gửi muộn' if o.status == 'late' else 'gửi'} ngày {vi.day(sent)}")
        return ". ".join(p for p in parts if p)

    def draft_links(self, page: str, o: Obligation) -> Markup:
        """Links to the report draft of a report obligation (khoản 3 Điều 3), when one is made for its period."""
        if not compliance.has_draft(o, self.site.as_of):
            return Markup("—")
        return (Markup(f"[Trang in]({paths.relative(page, paths.draft_page(o.member, o.period))}) · ")
                + Markup(f"[Word]({paths.relative(page, paths.draft_file(o.member, o.period, self.site.as_of))})"))

    def qualifying(self, page: str, q) -> Markup:
        if q.places:
            names = " hoặc ".join(self.place_text(p) for p in q.places)
            return Markup(md(names) + " (nơi cư trú)")
        kind = "chi bộ khu dân cư" if q.residential_only else "bất kỳ chi bộ nào"
        orgs = Markup(", ").join(self.org_link(page, org) for org in q.organizations)
        count = len({c for org in q.organizations for c in self.site.tree.cells_under(org, q.residential_only)}
                    - set(q.exclude))
        tail = ", trừ chi bộ nơi cư trú" if q.exclude and not q.places else ""
        return Markup(f"{kind} thuộc ") + orgs + Markup(md(f" ({count} chi bộ){tail}"))


# -- members


def member_rows(site: Site) -> list[dict]:
    """One row per member for the index: roles, assignments, residence, this quarter's and half's status."""
    rows = []
    for member in members_by_name(site):
        obligations = site.evaluation.by_member[member.id]
        periods = {p.kind: [o for o in obligations if o.period == p] for p in site.now}
        rows.append(dict(member=member, roles=current_roles(site, member),
                         assignments=active_assignments(site, member.id), quarter=periods["Q"], half=periods["H"]))
    return rows


def current_roles(site: Site, member: Member) -> list[str]:
    held = {r.role for r in member.roles if in_force(r, site.as_of)}
    return ["btv"] if "btv" in held else sorted(held)


def member_view(site: Site, member: Member) -> dict:
    obligations = site.evaluation.by_member[member.id]
    attended = list(reversed(site.index.attended.get(member.id, ())))
    met = {}
    for o in obligations:
        if o.met_by:
            met.setdefault(o.met_by, []).append(o)
    return dict(
        member=member,
        roles=current_roles(site, member),
        todo=todo(site, member, obligations),
        sections=[("Kỳ hiện tại", "ky-hien-tai", period_groups(obligations, site.now)),
                  ("Kỳ tới", "ky-toi", period_groups(obligations, site.upcoming))],
        assignments=sorted(site.index.assignments.get(member.id, ()), key=lambda a: (a.start, a.id)),
        visits=sorted(site.index.visits.get(member.id, ()), key=lambda v: (site.agenda.visit_start(v), v.id),
                      reverse=True),
        reports=[o for o in obligations if o.rule.kind == "report"],
        attended=attended,
        met=met,
        past=[o for o in obligations if o.period.end < site.as_of],
    )


def todo(site: Site, member: Member, obligations) -> dict:
    """The first box of a member's page: each duty still open in the periods running now (soonest
    deadline first) with the next meetings that count for it, and what is already done."""
    current = [o for o in obligations if o.applies and any(o.period == p for p in site.now)]
    still = sorted((o for o in current if o.status in ("due", "planned")), key=lambda o: (o.due, o.rule.kind))
    meetings = {o: site.agenda.upcoming(member, o, limit=TODO_MEETINGS) if o.rule.kind == "attend" and o.status == "due" else []
                for o in still}
    return dict(open=[(o, meetings[o]) for o in still], done=[o for o in current if o.status in ("met", "late")])


def period_groups(obligations, periods: list[Period]) -> list[tuple[Period, list[Obligation]]]:
    groups = [(p, [o for o in obligations if o.period == p]) for p in sorted(periods, key=Period.sort_key)]
    return [(p, found) for p, found in groups if found]


# -- organizations


def organization_view(site: Site, org_id: str) -> dict:
    """An organization's page for every reader: who is assigned to it or below it, its cells and schedules.
    No statuses, residences or visits: those are on its committee's page (`committee.md`) and the Board's."""
    below = site.tree.subtree(org_id)
    depth = {org: n for n, org in enumerate(below)}
    assigned = sorted((a for org in below for a in site.index.assigned_to.get(org, ())),
                      key=lambda a: (depth[a.organization], a.kind, name_key(site.province.members[a.member].name)))
    return dict(
        org=site.province.organizations[org_id],
        ancestors=list(reversed(site.tree.ancestors(org_id))),
        children=site.tree.children.get(org_id, []),
        assigned=assigned,
        cells=[row(c.name, "Có" if c.residential else "Không", vi.schedule(c.schedule), c.location or "",
                   changes(c)) for c in map(site.province.cells.get, site.tree.direct_cells.get(org_id, []))],
        areas=[row(a.name, vi.schedule(a.schedule), a.location or "", changes(a))
               for a in site.index.areas.get(org_id, ())],
        counts=counts(site, org_id),
    )


def counts(site: Site, org_id: str) -> dict:
    cells = site.tree.cells_under(org_id)
    return dict(orgs=len(site.tree.subtree(org_id)) - 1, cells=len(cells),
                residential=len(site.tree.cells_under(org_id, residential_only=True)))
