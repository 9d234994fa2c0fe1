"""The generated pages, as Markdown and as the HTML Python-Markdown makes of it."""

from dataclasses import replace
from datetime import date, time

import markdown

from generator.model import Change
from generator.model.tree import Tree
from generator.render import pages
from generator.rules.obligations import evaluate

from ..support.builders import CELLS, assign, bch, btv, province, visit

EXTENSIONS = ["tables", "attr_list", "md_in_html", "admonition", "def_list", "toc", "pymdownx.escapeall"]
HOSTILE = 'Lê <script>alert("x")</script> *Văn* [Một](javascript:x) | # `c`'


def render(prov, as_of=date(2026, 11, 25)) -> dict[str, str]:
    tree = Tree(prov)
    return dict(pages.produce(pages.Site(prov, tree, evaluate(prov, as_of, tree))))


def html(source: str) -> str:
    return markdown.markdown(source, extensions=EXTENSIONS)


def test_a_hostile_name_is_text_on_every_page_it_appears_on():
    member = replace(btv("m"), name=HOSTILE, title="<b>Bí thư</b>")
    out = render(province([member], [assign("m", "huyen-a", "phu-trach")]))
    for path in ("thanh-vien/index.md", "thanh-vien/m.md", "to-chuc/huyen-a.md"):
        page = html(out[path])
        assert "<script" not in page and "<b>" not in page and 'href="javascript' not in page, path
        assert "&lt;script&gt;" in page, path


def test_the_member_page_states_each_current_and_next_obligation_once_with_its_clause():
    out = render(province([bch("m")], [assign("m", "xa-a1", "theo-doi")]))["thanh-vien/m.md"]
    for code in ("2026-Q4/C", "2026-Q4/R2′", "2026-H2/D", "2027-Q1/C", "2027-H1/D"):
        assert out.count(f'data-obligation="{code}"') == 1, code
    assert "(../quy-dinh.md#dieu-2-khoan-3)" in out
    assert "Hạn <strong>24/12/2026</strong> (trước ngày 25/12)" in html(out)


def test_the_next_meetings_show_a_moved_meeting_at_its_new_date():
    moved = Change(date(2026, 12, 5), False, date(2026, 12, 12), time(20, 0), "Trùng lịch")
    cells = [replace(c, changes=(moved,)) if c.id == "cb-to-1" else c for c in CELLS]
    out = render(province([btv("m")], [assign("m", "huyen-a", "phu-trach")], cells=cells))["thanh-vien/m.md"]
    assert "20\\:00 Thứ Bảy, 12/12/2026 · Chi bộ cb\\-to\\-1" in out
    assert "05/12/2026 · Chi bộ cb\\-to\\-1" not in out


def test_a_planned_visit_is_shown_with_its_time_and_place():
    prov = province([bch("m")], [assign("m", "xa-a1", "theo-doi")], visits=[visit("m", "cb-thon-2", date(2026, 12, 5))])
    out = render(prov)["thanh-vien/m.md"]
    assert "Đã bố trí dự: 19\\:30 Thứ Bảy, 05/12/2026 tại Chi bộ cb\\-thon\\-2" in out


def test_a_not_applicable_obligation_gives_its_reason():
    prov = province([bch("m", since=date(2026, 11, 20))], [assign("m", "xa-a1", "theo-doi", start=date(2026, 11, 20))])
    out = render(prov, as_of=date(2026, 11, 25))["thanh-vien/m.md"]
    assert "Là Ủy viên BCH 42/92 ngày của kỳ" in out


def test_an_organization_page_lists_the_members_assigned_below_it():
    prov = province([btv("a"), bch("b")], [assign("a", "huyen-a", "phu-trach"), assign("b", "xa-a1", "theo-doi")])
    out = render(prov)["to-chuc/huyen-a.md"]
    assert "| a | Phụ trách | Đảng bộ huyện A |" in out
    assert "| b | Theo dõi | [Đảng bộ xã A1](xa-a1.md) |" in out
    assert "thanh-vien/" not in out   # every reader opens this page: no link to a member's own page


def test_the_members_index_summarizes_each_period_by_its_worst_status():
    assert pages.summary([]) == "not-applicable"
    prov = province([bch("m")], [assign("m", "xa-a1", "theo-doi")])
    out = html(render(prov)["thanh-vien/index.md"])
    assert '<span class="status status-due">Chưa thực hiện</span><br><small>C: chưa thực hiện; R2′: chưa thực hiện</small>' in out
