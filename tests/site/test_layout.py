"""Every kind of page on a 390 × 844 phone and a 1366 × 768 laptop, in Chromium.

No page scrolls sideways on the phone (a wide table scrolls in its own box, reachable by keyboard,
with its first column kept in view); on the laptop every table shows all its columns; axe-core
(WCAG 2.1 A and AA rules) finds no serious or critical violation. A member's page shows what to
do and the calendar button within the first two screens, and the button does what works on the
device it is opened on. One browser context per screen size; each page is loaded once per test.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from ..support.browser import assert_clean, checked_page
from ..support.project import ROOT
from .test_site import shot

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 768}
IPHONE = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
          "Version/17.5 Mobile/15E148 Safari/604.1")
ANDROID = ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
           "Chrome/126.0 Mobile Safari/537.36")

# One page of each kind: home, regulation, a guide, the members index and a member, the
# organizations index and an organization, each Board page kind, a printable report draft and
# notice, a committee's arrange list, an organization's feed page.
PAGES = ("index.html", "quy-dinh.html", "huong-dan/lich.html", "thanh-vien/index.html",
         "thanh-vien/nguyen-van-khai.html", "to-chuc/index.html", "to-chuc/phuong-an-lac.html",
         "bang-tong-hop/index.html", "tong-hop/index.html", "tong-hop/2026-q4.html", "van-de/index.html",
         "canh-bao/index.html", "bao-cao/phan-thi-ha-2026-h2.html", "bang-tong-hop/day-du.html",
         "bang-tong-hop/giay-nhac.html", "bang-tong-hop/giay-nhac/tat-ca.html", "bo-tri/index.html",
         "to-chuc/xa-khanh-an/index.html", "to-chuc/xa-khanh-an/giay-nhac.html", "to-chuc/xa-khanh-an/lich.html")

RUN_AXE = """() => axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
  .then(r => r.violations.filter(v => v.impact === "serious" || v.impact === "critical")
  .map(v => `${v.id} (${v.nodes.length}): ${v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", ")}`))"""

# Each scroll box of a table: whether it scrolls, and what a keyboard and a screen reader get.
SCROLL_BOXES = """() => [...document.querySelectorAll(".md-typeset__scrollwrap")].map(box => ({
  scrolls: box.scrollWidth > box.clientWidth + 1, tabindex: box.getAttribute("tabindex"),
  role: box.getAttribute("role"), label: box.getAttribute("aria-label") || "",
  sticky: box.querySelector("td") ? getComputedStyle(box.querySelector("td")).position : "sticky",
  cut: [...box.querySelectorAll("thead th")].filter(th => th.getBoundingClientRect().right >
       box.getBoundingClientRect().right + 1).map(th => th.textContent.trim())}))"""


@pytest.fixture(scope="module")
def phone(browser):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True,
                                  locale="vi-VN")
    yield context
    context.close()


@pytest.fixture(scope="module")
def laptop(browser):
    context = browser.new_context(viewport=LAPTOP, locale="vi-VN")
    yield context
    context.close()


def serious_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate(RUN_AXE)


@pytest.mark.parametrize("path", PAGES)
def test_on_a_phone_the_page_never_scrolls_sideways_and_axe_finds_nothing_serious(phone, base, path):
    page = checked_page(phone)
    page.goto(base + path)
    width, visible = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert width <= visible, f"{path} is {width} px wide on a {visible} px screen"
    for box in page.evaluate(SCROLL_BOXES):
        assert box["tabindex"] == "0" and box["role"] == "region" and box["label"].startswith("Bảng: "), box
        if box["scrolls"]:
            assert box["sticky"] == "sticky", f"{path}: the first column of {box['label']} scrolls away"
    assert serious_violations(page) == []
    assert_clean(page)
    page.close()


@pytest.mark.parametrize("path", PAGES)
def test_on_a_laptop_every_table_shows_all_its_columns_and_axe_finds_nothing_serious(laptop, base, path):
    page = checked_page(laptop)
    page.goto(base + path)
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    cut = {box["label"]: box["cut"] for box in page.evaluate(SCROLL_BOXES) if box["cut"]}
    assert cut == {}, f"{path}: columns cut off at 1366 px: {cut}"
    assert serious_violations(page) == []
    assert_clean(page)
    page.close()


@pytest.mark.parametrize("path", ["index.html", "thanh-vien/nguyen-van-khai.html", "bang-tong-hop/index.html"])
def test_in_the_dark_palette_axe_finds_nothing_serious_either(browser, base, path):
    context = browser.new_context(viewport=PHONE, color_scheme="dark", locale="vi-VN")
    page = checked_page(context)
    page.goto(base + path)
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    assert serious_violations(page) == []
    assert_clean(page)
    context.close()


def busiest_member(built: Path) -> str:
    """The member page with the most open duties: the longest what-to-do box of the sample."""
    pages = sorted((built / "thanh-vien").glob("*.html"))
    counts = {p.name: p.read_text().count('class="todo-item"') for p in pages if p.name != "index.html"}
    return max(sorted(counts), key=counts.get)


def test_a_members_page_shows_what_to_do_and_the_calendar_button_within_two_phone_screens(phone, base, built):
    for name in ("nguyen-van-khai.html", busiest_member(built)):
        page = checked_page(phone)
        page.goto(base + "thanh-vien/" + name)
        todo = page.locator(".todo")
        button = page.locator(".feed-button .md-button")
        expect(todo.locator("h2")).to_have_text(re.compile("Việc cần làm"))
        expect(todo).to_contain_text("25/11/2026")
        first_table = page.locator("article table").first.bounding_box()
        assert todo.bounding_box()["y"] < first_table["y"], "the what-to-do box comes before any table"
        bottom = button.bounding_box()
        assert bottom["y"] + bottom["height"] <= 2 * PHONE["height"], name
        assert bottom["width"] >= 300, "one large button, the width of the phone"
        if name == "nguyen-van-khai.html":
            shot(page, "member-phone-top")
        assert_clean(page)
        page.close()


def test_each_open_duty_says_its_deadline_days_left_and_meetings_in_plain_words(built):
    text = (built / "thanh-vien" / busiest_member(built)).read_text()
    box = text[text.index('class="todo"'):text.index('class="feed-button')]
    items = box.split('class="todo-item"')[1:]
    assert items
    for item in items:
        assert re.search(r"Hạn <strong>\d\d/\d\d/\d{4}</strong>", item) and re.search(r"còn \d+ ngày|hạn là hôm nay", item)
        assert re.search(r"theo khoản \d Điều \d", item), "the clause follows in small type"
        assert "Các buổi sắp tới được tính" in item or "Đã bố trí dự" in item or "Bản nháp" in item


def subscribe_page(browser, base, agent):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, user_agent=agent, locale="vi-VN")
    page = checked_page(context)
    page.goto(base + "thanh-vien/nguyen-van-khai.html")
    return context, page


def test_on_an_iphone_the_button_opens_the_calendar_apps_subscribe_sheet(browser, base):
    context, page = subscribe_page(browser, base, IPHONE)
    assert page.locator(".feed-button .md-button").get_attribute("href").startswith("webcal://")
    first = page.locator(".feed-subscribe details").first
    assert first.get_attribute("data-device") == "apple" and first.get_attribute("open") is not None
    assert_clean(page)
    context.close()


def test_on_android_the_button_leads_to_icsx5_and_google_with_the_internet_limit(browser, base):
    context, page = subscribe_page(browser, base, ANDROID)
    button = page.locator(".feed-button .md-button")
    assert button.get_attribute("href") == "#theo-doi-lich"
    button.click()
    android = page.locator(".feed-subscribe details").first
    assert android.get_attribute("data-device") == "android" and android.get_attribute("open") is not None
    expect(android).to_contain_text("ICSx⁵")
    expect(android).to_contain_text("Internet")
    assert android.locator("a[href^='webcal://']").count() == 1
    assert android.locator("a[href^='https://calendar.google.com/']").count() == 1
    shot(page, "member-android-subscribe")
    assert_clean(page)
    context.close()


def test_the_home_page_leads_to_the_readers_own_start_and_the_regulation_in_its_first_screen(phone, base):
    page = checked_page(phone)
    page.goto(base)
    shot(page, "home")
    expect(page.locator(".md-content a.md-button", has_text="Trang của tôi")).to_be_in_viewport()
    assert page.locator("#loi-tat").bounding_box()["y"] < PHONE["height"] * 1.5
    assert page.locator("a[href*='thanh-vien/'], a[href*='bang-tong-hop/']").count() == 0
    assert_clean(page)
    page.close()
