"""The built site in a real browser: Debian's Chromium driven by Playwright.

The site is served on localhost under a sub-path, as on an intranet server;
every test fails if a page asks anything of another host or logs an error.
Screenshots land in test-output/screenshots/ for a person to look at.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import zxingcpp
from PIL import Image
from playwright.sync_api import Page, expect

from generator.load.data import load
from generator.model import vi

from ..support.browser import SHOTS
from ..support.project import ROOT


def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def search(page: Page, query: str):
    page.wait_for_load_state("networkidle")  # the search index is loaded
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=20)
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible(timeout=10_000)
    return results


def obligations(built: Path, member: str) -> dict[str, str]:
    data = json.loads((built / "api" / "obligations.json").read_text())
    return {f"{o['period']}/{o['rule']}": o["status_label"] for o in data["obligations"] if o["member"] == member}


def shown_obligations(page: Page) -> dict[str, str]:
    found = page.locator("[data-obligation]")
    return {found.nth(i).get_attribute("data-obligation"): found.nth(i).inner_text() for i in range(found.count())}


def test_the_board_finds_a_member_by_a_name_typed_without_diacritics_and_the_page_matches_the_api(page, base, built):
    page.goto(base + "thanh-vien/index.html")
    page.locator(".data-table .filter-input").fill("nguyen van kh")
    page.locator(".data-table tbody tr:visible a", has_text="Nguyễn Văn Khải").first.click()
    expect(page).to_have_url(re.compile(r"thanh-vien/nguyen-van-khai\.html"))
    expect(page.locator("h1")).to_contain_text("Nguyễn Văn Khải")
    shot(page, "member")
    shown = shown_obligations(page)
    expected = obligations(built, "nguyen-van-khai")
    assert shown, "the member page shows no obligation"
    for key, label in shown.items():
        assert expected[key] == label, key
    now_and_next = {"2026-Q4", "2026-H2", "2027-Q1", "2027-H1"}
    assert {k for k in expected if k.split("/")[0] in now_and_next} <= set(shown)


def test_search_finds_no_member_page_as_only_pages_every_account_may_open_are_indexed(page, base):
    page.goto(base)
    page.wait_for_load_state("networkidle")
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially("Nguyễn Văn Khải", delay=20)
    expect(page.locator(".md-search-result__meta")).to_be_visible(timeout=10_000)
    page.wait_for_timeout(500)
    assert page.locator(".md-search-result a[href*='thanh-vien/']").count() == 0
    page.locator("input.md-search__input").fill("")
    expect(search(page, "quy dinh").first).to_be_visible()


def test_a_clause_link_lands_on_the_clause(page, base):
    page.goto(base + "thanh-vien/nguyen-van-khai.html")
    page.locator(".obligation a[href*='quy-dinh.html#dieu-']").first.click()
    expect(page).to_have_url(re.compile(r"quy-dinh\.html#dieu-\d-khoan-\d$"))
    anchor = page.url.rsplit("#", 1)[1]
    expect(page.locator(f"[id='{anchor}']")).to_be_in_viewport()


def test_the_members_table_filters_and_sorts(page, base):
    page.goto(base + "thanh-vien/index.html")
    rows = page.locator(".data-table tbody tr:visible")
    total = rows.count()
    page.locator(".data-table .filter-input").fill("nguyen")
    assert 0 < rows.count() < total
    assert all("Nguyễn" in rows.nth(i).inner_text() for i in range(rows.count()))
    page.locator(".data-table .filter-input").fill("")
    page.locator(".data-table select").first.select_option("Ủy viên BTV")
    assert all("Ủy viên BTV" in rows.nth(i).inner_text() for i in range(rows.count()))
    page.locator(".data-table th", has_text="Họ và tên").click()
    names = [rows.nth(i).locator("td a").first.inner_text() for i in range(rows.count())]
    assert names == sorted(names, key=vi.name_key)  # given name, middle names, family name
    page.locator(".data-table th", has_text="Họ và tên").click()
    assert [rows.nth(i).locator("td a").first.inner_text() for i in range(rows.count())] == names[::-1]
    shot(page, "members")


def test_an_organization_page_lists_assignments_cells_and_schedules(page, base):
    page.goto(base + "to-chuc/phuong-an-lac.html")
    expect(page.locator("#chi-bo + p, #chi-bo ~ div table").first).to_be_visible()
    expect(page.get_by_text("19:30 ngày 5 hằng tháng").first).to_be_visible()
    expect(page.get_by_text("05/02/2026: dời sang 12/02/2026").first).to_be_visible()
    shot(page, "organization")


def test_a_member_page_fits_a_phone_screen(browser, base):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    page.goto(base + "thanh-vien/nguyen-van-khai.html")
    width = page.evaluate("document.documentElement.scrollWidth")
    shot(page, "member-phone")
    context.close()
    assert width <= 390


def test_a_page_opened_from_disk_renders_and_searches(page, built):
    page.goto((built / "thanh-vien" / "nguyen-van-khai.html").as_uri())
    expect(page.locator("h1")).to_contain_text("Nguyễn Văn Khải")
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") in ("sticky", "fixed")
    expect(search(page, "quy dinh").first).to_be_visible()


def test_every_member_page_weighs_under_100_kb(built):
    sizes = {p.name: p.stat().st_size for p in (built / "thanh-vien").glob("*.html")}
    assert len(sizes) > 50
    assert max(sizes.values()) < 100_000, max(sizes.items(), key=lambda kv: kv[1])


def test_no_page_loads_anything_from_another_host(built):
    pattern = re.compile(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="(https?:)?//(?!tinhuy\.sonha\.example)')
    offenders = [p.relative_to(built).as_posix() for p in built.rglob("*.html")
                 if pattern.search(p.read_text()) and "canonical" not in pattern.search(p.read_text()).group(0)]
    assert offenders == []


def test_a_member_page_prints_on_a4_without_the_site_chrome(page, base):
    page.goto(base + "thanh-vien/nguyen-van-khai.html")
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer", ".md-banner"):
        expect(page.locator(chrome).first).to_be_hidden()
    expect(page.locator(".obligation").first).to_be_visible()
    SHOTS.mkdir(parents=True, exist_ok=True)
    pdf = page.pdf(path=str(SHOTS / "member-a4.pdf"), format="A4", print_background=True)
    pages = max(int(n) for n in re.findall(rb"/Count (\d+)", pdf))
    assert 1 <= pages <= 8


def test_the_search_index_stays_small_enough_for_a_phone(built):
    assert (built / "search" / "search_index.json").stat().st_size < 400_000


def test_the_copy_button_puts_the_members_calendar_address_on_the_clipboard(page, base, built):
    member = json.loads((built / "api" / "members.json").read_text())["members"][0]
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(base + member["page"] + "#theo-doi-lich")
    expect(page.locator(".feed-qr img")).to_be_visible()
    button = page.locator("button.feed-copy")
    button.click()
    expect(button).to_have_text("Đã sao chép")
    assert page.evaluate("navigator.clipboard.readText()") == member["feed"]


def test_the_qr_code_on_a_member_page_scans_to_that_page_for_opening_it_on_a_phone(page, base, built):
    member = json.loads((built / "api" / "members.json").read_text())["members"][0]
    page.goto(base + member["page"] + "#theo-doi-lich")
    image = Image.open(io.BytesIO(page.locator(".feed-qr img").screenshot()))
    scanned = [code.text for code in zxingcpp.read_barcodes(image)]
    assert scanned == [load(ROOT / "data").settings.site_url + member["page"]]
