"""Every page says the day its figures are as of; a reader more than a day past it is warned."""

from __future__ import annotations

from datetime import datetime

import pytest
from playwright.sync_api import expect

PAGES = ["index.html", "thanh-vien/nguyen-van-khai.html", "to-chuc/phuong-an-lac.html", "quy-dinh.html",
         "huong-dan/lich.html", "bang-tong-hop/index.html"]


def open_on(browser, url: str, day: str, scripts: bool = True):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN",
                                  java_script_enabled=scripts)
    page = context.new_page()
    if scripts:
        page.clock.set_fixed_time(datetime.fromisoformat(day))
    page.goto(url)
    return context, page


@pytest.mark.parametrize("path", PAGES)
def test_every_page_says_the_day_its_figures_are_as_of(built, path):
    assert "Số liệu tính đến 25/11/2026" in (built / path).read_text(encoding="utf-8")


@pytest.mark.parametrize(("day", "warned"), [("2026-11-25T08:00", False), ("2026-11-26T23:30", False),
                                             ("2026-11-27T00:10", True), ("2027-01-03T09:00", True)])
def test_a_reader_more_than_a_day_past_the_figures_sees_the_page_may_be_out_of_date(browser, base, day, warned):
    context, page = open_on(browser, base + "thanh-vien/nguyen-van-khai.html", day)
    expect(page.locator(".as-of")).to_have_text("Số liệu tính đến 25/11/2026")
    warning = page.locator(".as-of-stale")
    if warned:
        expect(warning).to_be_visible()
        expect(warning).to_contain_text("Trang này có thể đã cũ")
    else:
        expect(warning).to_be_hidden()
    context.close()


def test_without_scripts_the_page_still_shows_its_date_and_no_warning(browser, base):
    context, page = open_on(browser, base + "index.html", "2027-01-03T09:00", scripts=False)
    expect(page.locator(".as-of")).to_be_visible()
    expect(page.locator(".as-of-stale")).to_be_hidden()
    context.close()
