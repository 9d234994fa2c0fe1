"""The command line as the Organization Board's staff use it: check, build, schema."""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from icalendar import Calendar

from generator.load import schema

from .support.files import SMALL, write_data
from .support.project import ROOT, project, run


def test_check_prints_the_counts_of_the_sample_province():
    result = run(ROOT, "check")
    assert result.returncode == 0, result.stderr
    assert "Dữ liệu hợp lệ: Tỉnh Sơn Hà" in result.stdout
    for label in ("Đảng bộ", "Chi bộ", "Đồng chí", "Phân công", "Lần dự sinh hoạt", "Báo cáo đã gửi"):
        assert label in result.stdout


def test_check_lists_every_problem_without_a_traceback_and_fails(tmp_path):
    data = write_data(tmp_path / "data", cells=SMALL["cells"].replace('"14:00"', '"26:00"'),
                      settings=SMALL["settings"].replace("2026-01-01", "2026-02-30"))
    result = subprocess.run([sys.executable, "-m", "generator", "--data", str(data), "check"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "cells.yml:19:29: cb-ca-1.schedule.time = “26:00”" in result.stderr
    assert "settings.yml:2:17: effective_date = “2026-02-30”" in result.stderr
    assert "Dữ liệu có 2 lỗi" in result.stderr


def test_build_makes_a_browsable_site_with_member_and_organization_pages(built):
    assert (built / "index.html").is_file()
    assert (built / "quy-dinh.html").is_file()
    member = json.loads((built / "api/members.json").read_text())["members"][0]
    page = (built / member["page"]).read_text()
    assert member["name"] in page
    assert 'id="dieu-2-khoan-3"' in (built / "quy-dinh.html").read_text()
    assert (built / "to-chuc/xa-khanh-an.html").is_file()
    assert "Dữ liệu mẫu" in (built / "index.html").read_text()


def test_the_api_twin_lists_every_member_and_obligation(built):
    members = json.loads((built / "api/members.json").read_text())
    obligations = json.loads((built / "api/obligations.json").read_text())
    assert members["as_of"] == obligations["as_of"] == "2026-11-25"
    assert len(members["members"]) == len({o["member"] for o in obligations["obligations"]})
    first = obligations["obligations"][0]
    assert set(first) >= {"member", "rule", "clause", "period", "period_start", "period_end", "due", "status", "met_by"}


def test_the_sample_records_exercise_every_status(built):
    obligations = json.loads((built / "api/obligations.json").read_text())["obligations"]
    statuses = Counter(o["status"] for o in obligations if o["period"].startswith("2026"))
    assert set(statuses) == {"met", "late", "planned", "due", "missed", "not-applicable"}


def test_a_build_with_bad_data_leaves_the_previous_site_untouched(tmp_path, built):
    root = project(tmp_path)
    shutil.copytree(built, root / "site")
    before = {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    (root / "data" / "members.yml").write_text("- id: Bad Id\n", encoding="utf-8")
    result = run(root, "build", "--as-of", "2026-11-25")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "members.yml:1:7" in result.stderr
    after = {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    assert after == before


def test_the_same_data_and_date_build_the_same_pages(tmp_path, built):
    root = project(tmp_path)
    assert run(root, "build", "--as-of", "2026-11-25").returncode == 0
    for name in ("api/obligations.json", "api/members.json", "thanh-vien/index.html"):
        assert (root / "site" / name).read_bytes() == (built / name).read_bytes()


def test_the_committed_json_schemas_match_the_data_format(tmp_path):
    written = schema.write_all(tmp_path)
    for path in map(Path, written):
        assert path.read_text() == (ROOT / "schema" / path.name).read_text(), f"run `make schema`: {path.name}"


def test_every_sample_data_file_points_editors_to_its_schema():
    for name in schema.FILES:
        first = (ROOT / "data" / f"{name}.yml").read_text().splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../schema/{name}.schema.json"


# -- calendar feeds


def feed_files(site: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (site / "lich").glob("*.ics")}


def test_every_feed_is_published_under_a_secret_name_and_offered_on_its_page(built):
    members = json.loads((built / "api/members.json").read_text())["members"]
    organizations = list((built / "to-chuc").glob("*.html"))  # the organizations' pages and their index
    files = feed_files(built)
    assert len(files) == len(members) + len(organizations) - 1 + 1  # the index is no organization; the province
    assert all(re.fullmatch(r"[a-z2-7]{32}\.ics", name) for name in files)
    member = members[0]
    feed = member["feed"]
    assert feed.startswith("https://sinhhoat.tinhuy.sonha.example/lich/") and feed.rsplit("/", 1)[1] in files
    page = (built / member["page"]).read_text()
    assert f'href="webcal://{feed.removeprefix("https://")}"' in page
    assert 'href="https://calendar.google.com/calendar/render?cid=webcal%3A%2F%2Fsinhhoat.tinhuy.sonha.example%2F' in page
    assert f'href="../lich/{feed.rsplit("/", 1)[1]}" download' in page
    assert f'value="{feed}"' in page and 'class="md-button feed-copy"' in page
    qr = f'lich/{feed.rsplit("/", 1)[1].removesuffix(".ics")}.svg'
    assert f'<figure class="feed-qr"><img src="../{qr}"' in page and (built / qr).read_bytes().startswith(b"<svg")
    for client in ("google", "outlook", "apple", "thunderbird", "android"):
        assert f'href="../huong-dan/lich.html#{client}"' in page
    assert 'src="../javascripts/feeds.js"' in page and (built / "javascripts/feeds.js").is_file()
    assert "Hạn báo cáo và tổng hợp" not in page
    # Since the feeds for a large province, QR codes are on members' boxes only. The organizations' and the
    # province's boxes are on pages of their own (their committee and the Board may open them), not on the
    # organization pages and the members' index that every member reads.
    for box, shared in (("to-chuc/xa-khanh-an/lich.html", "to-chuc/xa-khanh-an.html"),
                        ("bang-tong-hop/lich.html", "thanh-vien/index.html")):
        assert 'class="feed-subscribe' in (built / box).read_text()
        assert 'class="feed-qr"' not in (built / box).read_text()
        assert 'class="feed-subscribe' not in (built / shared).read_text()


def test_feed_addresses_never_appear_in_the_sitemap_or_the_search_index(built):
    tokens = [name.removesuffix(".ics") for name in feed_files(built)]
    assert any(t in (built / "bang-tong-hop" / "lich.html").read_text() for t in tokens)
    listed = [(built / "sitemap.xml").read_text(), gzip.decompress((built / "sitemap.xml.gz").read_bytes()).decode()]
    listed += [p.read_text() for p in (built / "search").iterdir()]
    assert len(listed) >= 3
    for text in listed:
        assert not any(t in text for t in tokens)


def test_the_api_twin_of_a_members_feed_holds_its_events_but_not_its_address(built):
    members = json.loads((built / "api/members.json").read_text())["members"]
    tokens = [name.removesuffix(".ics") for name in feed_files(built)]
    for member in members:
        twin = (built / "api/feeds" / f"{member['id']}.json").read_text()
        assert not any(t in twin for t in tokens)
        calendar = Calendar.from_ical((built / "lich" / member["feed"].rsplit("/", 1)[1]).read_bytes())
        events = json.loads(twin)["events"]
        assert [(e["uid"], e["summary"]) for e in events] == [
            (str(v["UID"]), str(v["SUMMARY"])) for v in calendar.walk("VEVENT")]


def small_project(tmp_path: Path) -> Path:
    return project(tmp_path, write_data(tmp_path / "data"))


@pytest.mark.slow
def test_without_a_secret_the_build_warns_loudly_and_a_secret_changes_every_address(tmp_path):
    root = small_project(tmp_path)
    plain = run(root, "build", "--as-of", "2026-11-25")
    assert plain.returncode == 0 and "CẢNH BÁO: chưa đặt biến môi trường FEED_SECRET" in plain.stderr
    development = set(feed_files(root / "site"))
    secret = run(root, "build", "--as-of", "2026-11-25", env={**os.environ, "FEED_SECRET": "k" * 40})
    assert secret.returncode == 0 and "CẢNH BÁO" not in secret.stderr
    assert not development & set(feed_files(root / "site"))
    short = run(root, "build", "--as-of", "2026-11-25", env={**os.environ, "FEED_SECRET": "ngan"})
    assert short.returncode == 1 and "FEED_SECRET quá ngắn (4 ký tự)" in short.stderr


@pytest.mark.slow
def test_the_feeds_alone_go_to_their_own_folder_and_a_rotated_address_disappears(tmp_path):
    root = small_project(tmp_path)
    public = tmp_path / "public"
    public.mkdir()
    (public / "robots.txt").write_text("User-agent: *\nDisallow: /\n")
    assert run(root, "build", "--as-of", "2026-11-25", "--feeds-dir", str(public)).returncode == 0
    before = {p.name for p in public.iterdir()}
    assert before == set(feed_files(root / "site")) | {"robots.txt"}
    assert len(before) == 2 + 3 + 1 + 1  # members, organizations, the province, robots.txt
    member_feed = json.loads((root / "site/api/members.json").read_text())["members"][0]["feed"].rsplit("/", 1)[1]
    members = root / "data" / "members.yml"
    members.write_text(members.read_text().replace("residence: {cell: cb-thon-2}",
                                                   "residence: {cell: cb-thon-2}\n  feed_rotation: 1"))
    assert run(root, "build", "--as-of", "2026-11-25", "--feeds-dir", str(public)).returncode == 0
    after = {p.name for p in public.iterdir()}
    assert member_feed not in after and member_feed not in feed_files(root / "site")
    assert len(after - before) == 1 and before - after == {member_feed}


def sequences(site: Path) -> dict[tuple, int]:
    found = {}
    for content in feed_files(site).values():
        for event in Calendar.from_ical(content).walk("VEVENT"):
            rid = event.get("RECURRENCE-ID")
            found[(str(event["UID"]), rid.to_ical() if rid else None)] = int(event["SEQUENCE"])
    return found


@pytest.mark.slow
def test_rebuilding_after_a_data_edit_keeps_uids_and_never_lowers_sequence(tmp_path):
    root = small_project(tmp_path)
    cells = root / "data" / "cells.yml"
    original = cells.read_text()
    moved = original.replace('schedule: {weekday: saturday, week: 1, time: "19:30"}',
                             'schedule: {weekday: saturday, week: 1, time: "20:00"}')
    assert moved != original
    history = []
    for text in (original, moved, original):
        cells.write_text(text)
        assert run(root, "build", "--as-of", "2026-11-25").returncode == 0
        history.append(sequences(root / "site"))
    assert history[0].keys() == history[1].keys() == history[2].keys()
    series = ("chi-bo.cb-thon-2@example.test", None)
    assert [h[series] for h in history] == [0, 1, 2]
    for earlier, later in zip(history, history[1:], strict=False):
        assert all(later[key] >= number for key, number in earlier.items())
    assert sum(1 for key, number in history[2].items() if number) == 1
    assert '"chi-bo.cb-thon-2@example.test": {"timing": "FREQ=MONTHLY;BYDAY=1SA 19:30 120min", "sequence": 2' in (
        root / "state" / "feed-revisions.json").read_text()


def test_check_lists_records_that_cannot_count_with_file_line_and_why_and_still_succeeds():
    result = run(ROOT, "check")
    assert result.returncode == 0, result.stderr
    lines = (ROOT / "data" / "attendance.yml").read_text(encoding="utf-8").splitlines()
    line = lines.index("- id: dsh-pham-minh-hung-20261105") + 1
    assert "Cảnh báo: 9 bản ghi không được tính cho nghĩa vụ nào (dữ liệu vẫn hợp lệ):" in result.stdout
    assert (f"data/attendance.yml:{line}: dsh-pham-minh-hung-20261105\n"
            "    → Chi bộ Thôn Thượng (Đảng bộ xã Hòa Bình) không thuộc đảng bộ nào") in result.stdout


@pytest.mark.slow
def test_build_prints_the_warnings_and_builds_the_site(tmp_path):
    data = write_data(tmp_path / "data", attendance="""
        - id: dsh-ngoai
          member: bch-two
          cell: cb-ca-1
          date: 2026-03-10
    """)
    root = project(tmp_path, data)
    result = run(root, "build", "--as-of", "2026-06-01")
    assert result.returncode == 0, result.stderr
    assert "data/attendance.yml:1: dsh-ngoai\n    → Chi bộ Phòng Tham mưu (Đảng bộ Công an tỉnh) không thuộc" in result.stdout
    assert "Đã dựng" in result.stdout
    assert "dsh-ngoai" in (root / "site" / "canh-bao" / "index.html").read_text()


@pytest.mark.slow
def test_a_broken_link_in_a_page_fails_the_build_and_keeps_the_previous_site(tmp_path):
    root = project(tmp_path, write_data(tmp_path / "data"))
    (root / "site").mkdir()
    (root / "site" / "index.html").write_text("trang cũ")
    (root / "content" / "huong-dan" / "hoi-dap.md").write_text("# Hỏi đáp\n\n[Hỏng](khong-co.md)\n")
    result = run(root, "build", "--as-of", "2026-06-01")
    assert result.returncode == 2
    assert "khong-co.md" in result.stderr
    assert (root / "site" / "index.html").read_text() == "trang cũ"


def test_check_takes_an_as_of_date_and_names_the_line_of_each_record_written_in_flow_style(tmp_path):
    data = write_data(tmp_path / "data", attendance="""
        - {id: dsh-dung, member: bch-two, cell: cb-thon-1, date: 2026-02-05}
        - {id: dsh-ngoai, member: bch-two, cell: cb-ca-1, date: 2026-03-10}
        - member: bch-two
          id: dsh-sau
          cell: cb-ca-1
          date: 2026-05-10
    """)

    def check(as_of):
        result = subprocess.run([sys.executable, "-m", "generator", "--data", str(data), "check", "--as-of", as_of],
                                cwd=tmp_path, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        return result.stdout

    early, late = check("2026-03-01"), check("2026-06-01")
    assert "data/attendance.yml:2: dsh-ngoai\n    → ngày dự 10/03/2026 sau ngày tính trạng thái (01/03/2026)" in early
    assert "data/attendance.yml:2: dsh-ngoai\n    → Chi bộ Phòng Tham mưu (Đảng bộ Công an tỉnh) không thuộc" in late
    assert "data/attendance.yml:4: dsh-sau\n" in late
    assert "dsh-dung" not in early + late
