"""How nginx serves what may be read: security headers, compression, caching; the site in Chromium under its CSP."""

from __future__ import annotations

import base64
import gzip
import re

import pytest
from playwright.sync_api import expect

from ..support.browser import LOCAL, SHOTS

MEMBER = "nguyen-van-khai"


def test_every_answer_carries_the_security_headers(server):
    feed = next((server.site / "lich").glob("*.ics")).name
    for path, login in ((f"/thanh-vien/{MEMBER}.html", MEMBER), ("/bang-tong-hop/", MEMBER), ("/quy-dinh.html", None),
                        (f"/lich/{feed}", None)):
        headers = server.get(path, login).headers
        assert headers["x-content-type-options"] == "nosniff", path
        assert headers["referrer-policy"] == "no-referrer", path
        assert "default-src 'self'" in headers["content-security-policy"], path
        assert "server" not in headers or "nginx/" not in headers["server"], path


def test_text_files_are_compressed_and_files_nginx_cannot_shrink_are_not(server):
    bundle = next((server.site / "assets/javascripts").glob("bundle.*.min.js")).name
    feed = next((server.site / "lich").glob("*.ics")).name
    for path, login in ((f"/thanh-vien/{MEMBER}.html", MEMBER), (f"/assets/javascripts/{bundle}", MEMBER),
                        ("/assets/site/site.css", MEMBER), ("/search/search_index.json", MEMBER),
                        (f"/api/feeds/{MEMBER}.json", MEMBER), ("/tong-hop/2026.svg", "ban-to-chuc"),
                        (f"/lich/{feed}", None)):
        answer = server.get(path, login, headers={"Accept-Encoding": "gzip"})
        assert answer.status == 200 and answer.headers.get("content-encoding") == "gzip", path
        assert gzip.decompress(answer.body) == (server.site / path.lstrip("/")).read_bytes(), path
    docx = server.get(f"/bao-cao/{MEMBER}-2026-q1-2026-11-25.docx", MEMBER, headers={"Accept-Encoding": "gzip"})
    assert docx.status == 200 and "content-encoding" not in docx.headers


def test_fingerprinted_theme_files_are_kept_a_year_and_pages_are_revalidated(server):
    bundle = next((server.site / "assets/javascripts").glob("bundle.*.min.js")).name
    kept = server.get(f"/assets/javascripts/{bundle}", MEMBER).headers["cache-control"]
    assert "max-age=31536000" in kept and "immutable" in kept
    page = server.get(f"/thanh-vien/{MEMBER}.html", MEMBER)
    assert "no-cache" in page.headers["cache-control"] and "private" in page.headers["cache-control"]
    again = server.get(f"/thanh-vien/{MEMBER}.html", MEMBER, headers={"If-None-Match": page.headers["etag"]})
    assert again.status == 304 and again.body == b""
    assert "no-cache" in server.get("/assets/site/site.js", MEMBER).headers["cache-control"]


@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844}, {"width": 1366, "height": 768}])
def test_a_member_page_through_nginx_passes_the_content_security_policy_in_chromium(browser, server, viewport):
    signed = "Basic " + base64.b64encode(f"{MEMBER}:{server.passwords[MEMBER]}".encode()).decode()
    context = browser.new_context(viewport=viewport, locale="vi-VN", extra_http_headers={"Authorization": signed})
    page = context.new_page()
    errors, requests = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"http://127.0.0.1:{server.port}/thanh-vien/{MEMBER}.html")
    page.wait_for_load_state("networkidle")
    expect(page.locator("h1")).to_contain_text("Nguyễn Văn Khải")
    expect(page.locator(".feed-qr img")).to_be_visible()
    assert page.evaluate("typeof __md_scope") == "object"   # the theme's inline script ran
    page.keyboard.press("/")   # the theme's shortcut to the search box (a script of its own)
    page.keyboard.type("quy dinh", delay=20)
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=10_000)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"nginx-member-{viewport['width']}.png"), full_page=True)
    context.close()
    assert errors == [], errors
    assert [u for u in requests if not u.startswith(LOCAL)] == []
    assert not [u for u in requests if re.search(r"/thanh-vien/(?!nguyen-van-khai)", u)]
