"""Each role's start page and the 404 page in Chromium through real nginx, signed in, on a phone and a laptop:
nothing scrolls sideways, axe-core finds nothing serious, the regulation is one tap away. Screenshots land
in test-output/screenshots/ (start-<role>-<width>.png) for a person to look at."""

from __future__ import annotations

import base64

import pytest
from playwright.sync_api import expect

from ..site.test_layout import LAPTOP, PHONE, serious_violations
from ..support.browser import LOCAL, SHOTS
from .test_access import accounts_of

pytestmark = [pytest.mark.nginx, pytest.mark.browser]

ROLES = ("member", "committee", "board", "office")


def signed_in(browser, server, login: str, viewport: dict):
    secret = base64.b64encode(f"{login}:{server.passwords[login]}".encode()).decode()
    phone = viewport["width"] < 500
    # axe-core is added as a script of the test's own: the site's CSP (tested in test_served) would refuse it
    return browser.new_context(viewport=viewport, locale="vi-VN", is_mobile=phone, has_touch=phone, bypass_csp=True,
                               extra_http_headers={"Authorization": "Basic " + secret})


def opened(context, url: str):
    page = context.new_page()
    page.errors, page.requests, page.failed = [], [], []
    # The 404 page is itself answered 404, which Chromium logs: what matters is that nothing it loads fails.
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" and "status of 404" not in m.text
            else None)
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("request", lambda r: page.requests.append(r.url))
    page.on("response", lambda r: page.failed.append(r.url) if r.status >= 400 and r.request.resource_type != "document"
            else None)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return page


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
@pytest.mark.parametrize("role", ROLES)
def test_each_roles_start_page_fits_the_screen_and_axe_finds_nothing_serious(browser, server, role, viewport):
    login = accounts_of(role)[0]
    context = signed_in(browser, server, login, viewport)
    page = opened(context, f"http://127.0.0.1:{server.port}/")
    assert page.url != f"http://127.0.0.1:{server.port}/"   # taken to the role's own start
    expect(page.locator("h1")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    if viewport is LAPTOP:   # the menu is on screen, the regulation in it
        expect(page.locator(".md-nav--primary").get_by_role("link", name="Quy định", exact=True)).to_be_visible()
    assert serious_violations(page) == []
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"start-{role}-{viewport['width']}.png"))
    assert page.errors == [] and page.failed == [] and [u for u in page.requests if not u.startswith(LOCAL)] == []
    context.close()


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_the_404_page_is_themed_fits_a_phone_and_leads_back_to_the_readers_start(browser, server, viewport):
    login = accounts_of("member")[0]
    context = signed_in(browser, server, login, viewport)
    page = opened(context, f"http://127.0.0.1:{server.port}/thanh-vien/khong-co-ai.html")
    expect(page.locator("h1")).to_have_text("Không mở được trang này")
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    assert page.locator("link[rel=stylesheet]").count() > 0 and page.locator(".md-header").count() == 1
    assert serious_violations(page) == []
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"404-{viewport['width']}.png"))
    page.get_by_role("link", name="Về trang của tôi").click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith(f"/thanh-vien/{login}.html")
    assert page.errors == [] and page.failed == []
    context.close()
