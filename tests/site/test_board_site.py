"""The Board's pages in Chromium: filter the dashboard, see the charts, print a report draft.

Uses the served site, browser and checked page of conftest.py: every test fails on a request
to another host or a console error.
"""

from __future__ import annotations

import csv
import io
import re

from playwright.sync_api import expect

from ..support.browser import SHOTS
from .test_site import shot


def visible_rows(page):
    return page.locator('.data-table[data-name="nghia-vu"] tbody tr:visible')


def test_the_dashboard_filters_by_organization_status_and_name_as_the_csv_counts(page, base, built):
    page.goto(base + "bang-tong-hop/day-du.html")
    table = page.locator('.data-table[data-name="nghia-vu"]')
    rows = visible_rows(page)
    total = rows.count()
    export = list(csv.DictReader(io.StringIO(
        (built / "bang-tong-hop" / "bang-tong-hop-day-du-nghia-vu-2026-11-25.csv").read_text(encoding="utf-8-sig"), newline="")))
    assert total == len(export) > 100

    table.locator('select[aria-label="Đảng bộ"]').select_option("Đảng bộ xã Khánh An")
    expected = [r for r in export if "Đảng bộ xã Khánh An" in r["Đảng bộ"].split("; ")]
    expect(rows).to_have_count(len(expected))
    assert all("Đảng bộ xã Khánh An" in rows.nth(i).locator("td").nth(2).inner_text() for i in range(rows.count()))

    table.locator('select[aria-label="Trạng thái"]').select_option("Đã có lịch")
    planned = [r for r in expected if r["Trạng thái"] == "Đã có lịch"]
    expect(rows).to_have_count(len(planned))
    assert planned and all(rows.nth(i).locator(".status-planned").count() == 1 for i in range(rows.count()))
    shot(page, "dashboard-filtered")

    table.locator('select[aria-label="Trạng thái"]').select_option("")
    table.locator('select[aria-label="Đảng bộ"]').select_option("")
    table.locator(".filter-input").fill("nguyen van khai")
    expect(rows).to_have_count(len([r for r in export if r["Đồng chí"] == "Nguyễn Văn Khải"]))
    expect(rows.first).to_contain_text("Nguyễn Văn Khải")


def test_a_member_under_two_organizations_is_found_under_each(page, base):
    page.goto(base + "bang-tong-hop/day-du.html")
    table = page.locator('.data-table[data-name="nghia-vu"]')
    organization = table.locator('select[aria-label="Đảng bộ"]')
    for name in ("Đảng bộ xã An Mỹ", "Đảng bộ Ủy ban nhân dân tỉnh"):
        organization.select_option(name)
        expect(visible_rows(page).filter(has_text="Phạm Thanh Thắng")).to_have_count(3)  # A, B, R1 of H2


def test_the_consolidation_pages_show_their_charts_and_link_their_files(page, base):
    page.goto(base + "tong-hop/index.html")
    chart = page.locator("img.chart")
    expect(chart).to_be_visible()
    assert page.evaluate("document.querySelector('img.chart').naturalWidth") > 600
    page.locator("a", has_text="6 tháng đầu năm 2026").first.click()
    expect(page).to_have_url(re.compile(r"tong-hop/2026-h1\.html$"))
    expect(page.locator("h1")).to_contain_text("Tổng hợp 6 tháng đầu năm 2026")
    expect(page.locator("img.chart")).to_be_visible()
    assert page.locator('a[href="2026-h1-2026-11-25.xlsx"]').count() == 1
    shot(page, "consolidation-h1")


def test_a_report_draft_prints_on_a4_as_the_report_alone(page, base):
    page.goto(base + "thanh-vien/phan-thi-ha.html")
    page.locator('a[href="../bao-cao/phan-thi-ha-2026-h2.html"]').first.click()  # also in the what-to-do box
    expect(page.locator(".draft")).to_contain_text("ĐẢNG CỘNG SẢN VIỆT NAM")
    assert page.evaluate("getComputedStyle(document.querySelector('.draft')).fontFamily").startswith('"Times New Roman"')
    shot(page, "draft")
    page.emulate_media(media="print")
    expect(page.locator(".help")).to_be_hidden()
    expect(page.locator(".draft")).to_be_visible()
    SHOTS.mkdir(parents=True, exist_ok=True)
    pdf = page.pdf(path=str(SHOTS / "draft-a4.pdf"), format="A4", print_background=True)
    assert 1 <= max(int(n) for n in re.findall(rb"/Count (\d+)", pdf)) <= 3
    page.emulate_media(media="screen")
    page.locator("a", has_text="Trang của đồng chí").click()
    expect(page).to_have_url(re.compile(r"thanh-vien/phan-thi-ha\.html$"))


A4_LANDSCAPE_PX = 1047  # 297 mm less 2 × 10 mm of margin, at 96 px per inch


def test_every_board_page_prints_its_tables_whole_within_a4_landscape(page, base):
    page.set_viewport_size({"width": A4_LANDSCAPE_PX, "height": 740})
    page.emulate_media(media="print")
    for path in ("bang-tong-hop/index.html", "bang-tong-hop/day-du.html", "bang-tong-hop/giay-nhac.html",
                 "to-chuc/xa-khanh-an/index.html", "tong-hop/index.html", "tong-hop/2026.html", "van-de/index.html",
                 "canh-bao/index.html"):
        page.goto(base + path)
        tables = page.locator("article table")
        assert tables.count() >= 1, path
        cut = page.evaluate("""width => [...document.querySelectorAll('article table')].filter(t =>
            t.getBoundingClientRect().right > width + 1 || t.scrollWidth > t.parentElement.clientWidth + 1
            || getComputedStyle(t.closest('.md-typeset__scrollwrap') || t).overflowX !== 'visible').length""",
                            A4_LANDSCAPE_PX)
        assert cut == 0, path
        assert page.locator(".md-sidebar").first.is_hidden() and page.locator(".filter-bar:visible").count() == 0, path
    page.emulate_media(media="screen")


def test_the_dashboard_prints_on_a4_in_a_few_pages_with_the_chase_lists_first(page, base):
    page.goto(base + "bang-tong-hop/index.html")
    headings = page.locator("article h2").all_inner_texts()
    assert [h.split(" (")[0] for h in headings[:4]] == [
        "1. Báo cáo đến hạn trong 30 ngày, chưa gửi", "2. Lịch đã qua, chưa có kết quả",
        "3. Chưa thực hiện nghĩa vụ nào khi kỳ sắp kết thúc", "4. Không thực hiện, báo cáo gửi muộn"]
    page.emulate_media(media="print")
    SHOTS.mkdir(parents=True, exist_ok=True)
    pdf = page.pdf(path=str(SHOTS / "dashboard-a4.pdf"), prefer_css_page_size=True, print_background=True)
    sizes = {tuple(round(float(n)) for n in box) for box in re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)}
    assert sizes == {(842, 595)}  # A4 landscape, in points
    assert 2 <= max(int(n) for n in re.findall(rb"/Count (\d+)", pdf)) <= 20
    page.emulate_media(media="screen")
