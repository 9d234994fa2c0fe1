"""The command line as the Organization Board's staff use it: check, build, schema."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

from generator import schema

from .conftest import ROOT, SMALL, project, run, write_data


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
    assert (built / "to-chuc/huyen-an-phu.html").is_file()
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
