"""The Organization Board's pages and charts, as Markdown, HTML and SVG: escaped, complete, linked."""

from __future__ import annotations

import functools
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import date

import markdown

from generator.build.output import Output
from generator.exports import charts
from generator.load.data import load
from generator.model import Grievance
from generator.model.tree import Tree
from generator.render import board, pages
from generator.rules.compliance import Tally
from generator.rules.obligations import evaluate

from ..support.builders import assign, bch, btv, province, visit, went
from ..support.project import ROOT
from .test_pages import EXTENSIONS, HOSTILE

SVG = "{http://www.w3.org/2000/svg}"


def hostile_files() -> dict:
    prov = province([replace(btv("m"), name=HOSTILE), bch("n")],
                    [assign("m", "huyen-a", "phu-trach"), assign("n", "xa-a1", "theo-doi")],
                    [went("m", "cb-thon-1", date(2026, 3, 5)), went("n", "cb-ca-1", date(2026, 2, 2))],
                    [visit("n", "cb-thon-2", date(2026, 12, 5))])
    orgs = dict(prov.organizations)
    orgs["huyen-a"] = replace(orgs["huyen-a"], name=HOSTILE)
    grievance = Grievance("vv-1", "m", "dsh-m-cb-thon-1-2026-03-05", HOSTILE, HOSTILE, date(2026, 3, 6), None,
                          "open", None, None)
    prov = replace(prov, organizations=orgs, grievances={"vv-1": grievance})
    tree = Tree(prov)
    return board_files(pages.Site(prov, tree, evaluate(prov, date(2026, 11, 25), tree)))


def board_files(site) -> dict[str, str | bytes]:
    """Every page and file of the Board for `site`: text as str, the rest (xlsx, docx) as bytes."""
    out = Output()
    out.collect(board.produce(site))
    files = {**out.files, **out.make_later()}
    return {p: c if p.endswith((".xlsx", ".docx")) else c.decode("utf-8") for p, c in files.items()}


def test_a_hostile_name_is_text_on_every_board_page_and_in_every_chart():
    files = hostile_files()
    markdown_pages = [p for p in files if p.endswith(".md")]
    assert {"bang-tong-hop/index.md", "tong-hop/index.md", "tong-hop/2026.md", "van-de/index.md",
            "canh-bao/index.md"} <= set(markdown_pages)
    for path in markdown_pages:
        page = markdown.markdown(files[path], extensions=EXTENSIONS)
        assert "<script" not in page and 'href="javascript' not in page, path
    for path in ("bang-tong-hop/index.md", "bang-tong-hop/giay-nhac.md", "to-chuc/huyen-a/index.md", "van-de/index.md",
                 "tong-hop/2026.md"):
        assert "&lt;script&gt;" in markdown.markdown(files[path], extensions=EXTENSIONS), path
    for path in ("bao-cao/m-2026-h2.html", "bang-tong-hop/giay-nhac/m.html", "bang-tong-hop/giay-nhac/tat-ca.html"):
        assert "<script" not in files[path] and files[path].count("&lt;script&gt;") >= 2, path
    assert {"to-chuc/huyen-a/index.md", "bang-tong-hop/giay-nhac.md", "bang-tong-hop/day-du.md"} <= set(markdown_pages)
    for path in (p for p in files if p.endswith(".svg")):
        root = ET.fromstring(files[path])
        assert not root.findall(f".//{SVG}script") and "href" not in files[path], path
        assert any("<script>" in (t.text or "") for t in root.iter(f"{SVG}text")) or path == "tong-hop/2026-q1.svg"
    assert "tong-hop/ty-le-2026.svg" in files


def test_the_dashboard_tables_filter_on_role_organization_period_rule_and_status():
    files = hostile_files()
    full = files["bang-tong-hop/day-du.md"]
    assert 'data-name="nghia-vu" data-filters="2,3,4,5,7"' in full
    assert '<span class="filter-value">' in full
    assert "[Tải về Excel (.xlsx)](bang-tong-hop-day-du-2026-11-25.xlsx)" in full
    assert "[Tải bảng này (.csv)](bang-tong-hop-day-du-nghia-vu-2026-11-25.csv)" in full
    assert "bang-tong-hop/bang-tong-hop-day-du-nghia-vu-2026-11-25.csv" in files


def test_the_consolidated_pages_link_their_files_and_the_warnings_page_names_each_record():
    files = hostile_files()
    year = files["tong-hop/2026.md"]
    assert "![Biểu đồ" in year and "(2026.svg)" in year and "(2026-2026-11-25.xlsx)" in year
    for slug in ("theo-nghia-vu", "theo-dang-bo", "theo-vai-tro", "theo-dong-chi"):
        assert f"(2026-{slug}-2026-11-25.csv)" in year and f"tong-hop/2026-{slug}-2026-11-25.csv" in files
    warnings = files["canh-bao/index.md"]
    assert "dsh\\-n\\-cb\\-ca\\-1\\-2026\\-02\\-02" in warnings and "| Dự sinh hoạt |" in warnings


def test_board_pages_speak_of_the_clerks_workbook_and_never_of_data_files():
    files = hostile_files()
    board_pages = {p: text for p, text in files.items() if p.endswith((".md", ".html")) and isinstance(text, str)}
    assert len(board_pages) > 10
    for path, text in board_pages.items():
        for word in (".yml", "data/"):
            assert word not in text.replace("\\", ""), f"{path}: {word}"
    warnings = files["canh-bao/index.md"]
    assert "sổ ghi" in warnings and "Trang của sổ ghi" in warnings
    assert "theo thứ tự danh sách Ủy viên BCH." in files["bang-tong-hop/index.md"]


def test_the_boards_pages_have_its_section_in_their_menu(built):
    home = (built / "bang-tong-hop" / "giay-nhac.html").read_text()
    for label, href in (("Bảng tổng hợp", "index.html"), ("Tổng hợp theo kỳ", "tong-hop/index.html"),
                        ("Vấn đề bức xúc", "van-de/index.html"), ("Bản ghi không được tính", "canh-bao/index.html")):
        assert href in home and label in home
    assert "Ban Tổ chức" in home
    for name in ("2026-q1", "2026-q4", "2026-h1", "2026-h2", "2026"):
        assert (built / "tong-hop" / f"{name}.html").is_file() and (built / "tong-hop" / f"{name}.svg").is_file()


def test_the_warnings_page_of_the_sample_lists_the_meeting_outside_the_assignment(built):
    page = (built / "canh-bao" / "index.html").read_text()
    assert "dsh-pham-minh-hung-20261105" in page
    assert "Chi bộ Thôn Thượng (Đảng bộ xã Hòa Bình) không thuộc đảng bộ nào" in page


def test_the_grid_chart_writes_each_rate_and_marks_running_periods():
    done, running = Tally((3, 1, 0, 0, 0, 0)), Tally((1, 0, 1, 2, 0, 1))
    svg = charts.grid("Tỷ lệ", [("Quý I", "2026", False), ("Quý II", "2026", True)],
                     [charts.Series("Toàn tỉnh", (done, running)), charts.Series("Đảng bộ huyện A", (None, running))])
    root = ET.fromstring(svg)
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "100,0%" in texts and texts.count("25,0%") == 2 and "—" in texts
    assert "Huyện A" in texts and texts.count("đang diễn ra") == 1
    assert root.find(f"{SVG}title").text == "Tỷ lệ"


def test_the_bar_chart_splits_done_open_and_missed():
    svg = charts.bars("Quý I", [charts.Series("Toàn tỉnh", (Tally((2, 0, 1, 0, 1, 5)),))])
    root = ET.fromstring(svg)
    widths = [float(r.get("width")) for r in root.iter(f"{SVG}rect") if r.get("fill") in
              (charts.DONE, charts.OPEN, charts.MISSED) and r.get("height") != "14"]
    assert widths == [180.0, 90.0, 90.0]  # 2, 1 and 1 of 4 applicable, on a 360-wide bar
    assert "2 đã thực hiện, 1 còn hạn, 1 không thực hiện trên 4 nghĩa vụ áp dụng" in root.find(f"{SVG}desc").text


@functools.cache
def sample_files(as_of: date) -> dict:
    """Every Board page and file of the sample as of a date, made once per date for all the tests that read them."""
    prov = load(ROOT / "data")
    tree = Tree(prov)
    return board_files(pages.Site(prov, tree, evaluate(prov, as_of, tree)))


def rows_of(markdown_page: str, name: str) -> list[str]:
    """The body rows of the table `name` of a Markdown page."""
    block = markdown_page.split(f'data-name="{name}"', 1)[1].split("</div>", 1)[0]
    return [line for line in block.splitlines() if line.startswith("| [")]


def test_the_dashboard_opens_with_the_four_chase_lists_in_order_before_the_full_table():
    dashboard = sample_files(date(2026, 12, 1))["bang-tong-hop/index.md"]
    headings = [line for line in dashboard.splitlines() if line.startswith("## ")]
    assert [h.split(" {#")[0] for h in headings] == [
        "## 1. Báo cáo đến hạn trong 30 ngày, chưa gửi (47)",
        "## 2. Lịch đã qua, chưa có kết quả (9)",
        "## 3. Chưa thực hiện nghĩa vụ nào khi kỳ sắp kết thúc (25)",
        "## 4. Không thực hiện, báo cáo gửi muộn (61)",
        "## Tóm tắt", "## Lịch dự đã hủy (1)", "## Từng đồng chí, từng nghĩa vụ"]
    assert 'data-name="nghia-vu"' not in dashboard and "[trang riêng](day-du.md)" in dashboard
    unrecorded = rows_of(dashboard, "lich-chua-co-ket-qua")
    assert [row.split("](../thanh-vien/")[1].split(".md")[0] for row in unrecorded] == [
        "pham-thanh-thang", "dinh-cong-hung", "luong-dinh-tung", "dinh-van-tung", "duong-van-thang",
        "nguyen-cong-dung", "huynh-xuan-tung", "le-van-dung", "luong-thu-mai"]
    assert "Kết quả buổi dự sinh hoạt ngày 27/11/2026 tại Chi bộ Tổ dân phố 7" in unrecorded[0]
    assert "| 31/12/2026 |" in unrecorded[0] and "Ban Thường vụ Đảng ủy phường Đông Tiến" in unrecorded[0]
    reports = rows_of(dashboard, "bao-cao-sap-den-han")
    assert len(reports) == 47 and all("| 24/12/2026 |" in r and "trước ngày 25/12/2026 \\(còn 23 ngày\\)" in r
                                      for r in reports)
    for name in ("bao-cao-sap-den-han", "lich-chua-co-ket-qua", "chua-thuc-hien", "qua-han"):
        header = dashboard.split(f'data-name="{name}"', 1)[1].split("\n")[2]
        assert header.startswith("| Đồng chí |") and "Hạn" in header and "Đảng bộ" in header, name
        assert header.rstrip().endswith("| Việc cần làm |"), name


def test_on_25_november_no_visit_is_unrecorded_and_the_cancelled_visit_keeps_its_reason():
    dashboard = sample_files(date(2026, 11, 25))["bang-tong-hop/index.md"]
    assert "## 2. Lịch đã qua, chưa có kết quả (0)" in dashboard
    assert "Không có lịch đã qua nào thiếu kết quả" in dashboard
    assert "## 1. Báo cáo đến hạn trong 30 ngày, chưa gửi (47)" in dashboard
    cancelled = rows_of(dashboard, "lich-da-huy")
    assert len(cancelled) == 1 and "Đồng chí bận công tác đột xuất; đã bố trí lại\\." in cancelled[0]


def test_the_committee_page_lists_who_still_owes_a_meeting_there_with_its_next_meetings():
    prov = province([btv("m"), bch("n"), bch("k")],
                    [assign("m", "huyen-a", "phu-trach"), assign("n", "xa-a1", "theo-doi"),
                     assign("k", "phuong-1", "theo-doi")],
                    [went("m", "cb-thon-1", date(2026, 11, 5))])
    tree = Tree(prov)
    files = board_files(pages.Site(prov, tree, evaluate(prov, date(2026, 12, 1), tree)))
    page = files["to-chuc/huyen-a/index.md"]
    rows = [line for line in page.splitlines() if line.startswith("| [")]
    assert len(rows) == 1 and "[n](giay-nhac.html#n)" in rows[0] and "| C, Quý IV/2026 | 31/12/2026 |" in rows[0]
    assert "[trang in](giay-nhac.html)" in page
    notices = files["to-chuc/huyen-a/giay-nhac.html"]
    assert "Giấy nhắc: Đảng bộ huyện A" in notices and "Quý IV/2026" in notices
    assert "19\\:30 Thứ Bảy, 05/12/2026\\: Chi bộ cb\\-thon\\-1 \\(Đảng bộ xã A1\\)" in rows[0]
    assert "cb\\-truong" not in rows[0]  # not a residential cell: C counts only residential ones here
    assert "[n]" not in files["to-chuc/thanh-pho/index.md"] and "[k]" in files["to-chuc/thanh-pho/index.md"]
    index = files["bo-tri/index.md"]
    assert "| [Đảng bộ huyện A](../to-chuc/huyen-a/index.md) | 1 |" in index
    assert "| [Đảng bộ Công an tỉnh](../to-chuc/cong-an/index.md) | 0 |" in index
    assert "to-chuc/cong-an/giay-nhac.html" not in files  # no one to remind there


def test_a_members_notice_is_linked_from_the_boards_notices_page_not_from_the_page_the_member_reads(built):
    assert "giay-nhac/luong-van-nam.html" not in (built / "thanh-vien" / "luong-van-nam.html").read_text()
    assert 'href="giay-nhac/luong-van-nam.html"' in (built / "bang-tong-hop" / "giay-nhac.html").read_text()
    assert (built / "bang-tong-hop" / "giay-nhac" / "luong-van-nam.html").is_file()
