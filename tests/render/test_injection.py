"""Hostile text in the data renders as text: in the browser no script runs and no markup appears."""

from __future__ import annotations

import unicodedata

import pytest
from playwright.sync_api import expect

from ..support.files import SMALL, write_data
from ..support.project import AS_OF, project, run

SCRIPT = '<script>window.pwned = 1</script>'
IMAGE = '<img src=x onerror="window.pwned = 2">'
MARKDOWN = '*đậm* [liên kết](javascript:alert(1)) | cột # tiêu đề `mã`'
ICAL = 'dấu; phẩy, gạch \\ ngược'
NAME = f"Nguyễn </title>{SCRIPT} Văn"  # the page title once let this out of <title>
TITLE = f"{IMAGE} {MARKDOWN}"
ORG = f"Đảng bộ xã {ICAL}"
NFD = unicodedata.normalize("NFD", "Chi bộ Thôn Đông Hưng")


def quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    data = write_data(
        folder / "data",
        members=SMALL["members"].replace("name: Nguyễn Văn Một", f"name: {quoted(NAME)}\n          title: {quoted(TITLE)}"),
        organizations=SMALL["organizations"].replace("name: Đảng bộ xã A1", f"name: {quoted(ORG)}"),
        cells=SMALL["cells"].replace("name: Chi bộ Thôn 1", f"name: {quoted(NFD)}\n          location: {quoted(SCRIPT)}")
        .replace('schedule: {day: 10, time: "14:00"}',
                 'schedule: {day: 10, time: "14:00"}\n          exceptions:\n'
                 f'            - {{date: 2026-12-10, cancelled: true, reason: {quoted(IMAGE + " & " + MARKDOWN)}}}'),
    )
    root = project(folder, data=data)
    result = run(root, "build", "--as-of", AS_OF)
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.mark.parametrize("path, texts", [
    ("thanh-vien/btv-one.html", [NAME, TITLE]),
    ("thanh-vien/index.html", [NAME]),
    ("to-chuc/xa-a1.html", [ORG, SCRIPT, unicodedata.normalize("NFC", NFD)]),
    ("to-chuc/cong-an.html", [IMAGE + " & " + MARKDOWN]),
])
@pytest.mark.slow
def test_hostile_names_and_notes_show_as_written_and_never_run(page, hostile_site, path, texts):
    page.goto(hostile_site.joinpath(path).as_uri())
    body = page.locator("article")
    for text in texts:
        expect(body).to_contain_text(text)
    assert page.evaluate("window.pwned") is None
    if path == "thanh-vien/btv-one.html":
        assert page.title().startswith(NAME)
    assert page.locator("article script, article img:not(.feed-qr img)").count() == 0
    assert page.locator("article a[href^='javascript']").count() == 0


