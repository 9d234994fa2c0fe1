"""`mail --dry-run DIR` on the sample: one message per reader with something to do, written and never sent; the
HTML part of each kind of letter on a 390 px phone in Chromium."""

from __future__ import annotations

import email
from datetime import timedelta
from email import policy
from pathlib import Path

import pytest

from generator.load.data import load
from generator.mail.ledger import PATH as LEDGER
from generator.model.tree import Tree
from generator.render.board.common import Shared
from generator.render.board.notices import owing, visits_under
from generator.rules import chase, compliance
from generator.rules.obligations import evaluate
from generator.site.context import Site

from ..support.browser import assert_clean, checked_page
from ..support.project import AS_OF, ROOT, project, run
from ..site.test_layout import PHONE, serious_violations
from ..site.test_site import shot
from .conftest import DAY


@pytest.fixture(scope="module")
def dry_run(tmp_path_factory) -> tuple[Path, Path, str]:
    """The sample's letters of the week of 25/11/2026, written by `mail --dry-run`."""
    folder = tmp_path_factory.mktemp("dry-run")
    root = project(folder)
    out = folder / "thu"
    result = run(root, "mail", "--as-of", AS_OF, "--dry-run", str(out))
    assert result.returncode == 0, result.stderr
    return root, out, result.stdout


def readers_with_something_to_do() -> set[str]:
    """From the rules and the pages' own functions: members with open duties, committees with someone still to
    arrange for or a visit this week or next, and the staff when anyone is to be chased or a grievance is late."""
    province = load(ROOT / "data")
    tree = Tree(province)
    site = Site(province, tree, evaluate(province, DAY, tree))
    shared = Shared(site)
    monday = DAY - timedelta(days=DAY.weekday())
    found = {f"thanh-vien-{m}.eml" for m in site.evaluation.by_member if chase.open_duties(site.evaluation, m)}
    found |= {f"to-chuc-{r}.eml" for r in tree.roots if owing(shared, r) or any(
        monday <= v.date <= monday + timedelta(days=13) and v.status != "cancelled" for v in visits_under(shared, r))}
    lists = chase.chase(province, tree, site.evaluation)
    late = [g for g in compliance.grievance_lines(province, shared.groups, DAY)
            if g.status != "resolved" and g.days > province.settings.mail.grievance_days]
    if any((lists.reports_soon, lists.unrecorded, lists.behind, lists.overdue, late)):
        found |= {"ban-to-chuc.eml", "van-phong.eml"}
    return found


def test_a_dry_run_on_the_sample_writes_one_message_per_reader_with_something_to_do_and_sends_nothing(dry_run):
    root, out, stdout = dry_run
    province = load(ROOT / "data")
    assert all(m.email and m.mail for m in province.members.values())   # every reader of the sample has an address
    assert all(province.organizations[r].email for r in Tree(province).roots)
    written = {p.name for p in out.glob("*.eml")}
    assert written == readers_with_something_to_do()
    assert f"Đã ghi {len(written)} thư vào {out}" in stdout and "không gửi thư nào" in stdout
    assert not (root / LEDGER).exists()
    for path in out.glob("*.eml"):
        m = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        key = path.stem
        if key.startswith("thanh-vien-"):
            assert m["To"].addresses[0].addr_spec == province.members[key.removeprefix("thanh-vien-")].email
        assert m.get_body(("plain",)) is not None and m.get_body(("html",)) is not None


def test_a_second_dry_run_writes_the_same_bytes_and_clears_the_previous_files(dry_run):
    root, out, _ = dry_run
    before = {p.name: p.read_bytes() for p in out.glob("*.eml")}
    (out / "thanh-vien-khong-con.eml").write_text("old")
    (out / "ghi-chu.txt").write_text("kept")
    assert run(root, "mail", "--as-of", AS_OF, "--dry-run", str(out)).returncode == 0
    assert {p.name: p.read_bytes() for p in out.glob("*.eml")} == before
    assert (out / "ghi-chu.txt").read_text() == "kept"


def test_a_dry_run_into_a_file_says_so_in_one_line(dry_run, tmp_path):
    root, _, _ = dry_run
    blocker = tmp_path / "thu"
    blocker.write_text("")
    result = run(root, "mail", "--as-of", AS_OF, "--dry-run", str(blocker))
    assert result.returncode == 1 and "Traceback" not in result.stderr and len(result.stderr.splitlines()) == 1


def html_part(path: Path) -> str:
    return email.message_from_bytes(path.read_bytes(), policy=policy.default).get_body(("html",)).get_content()


@pytest.mark.browser
def test_each_kind_of_letter_fits_a_phone_without_sideways_scroll_and_axe_finds_nothing_serious(dry_run, browser):
    _, out, _ = dry_run
    members = sorted(out.glob("thanh-vien-*.eml"), key=lambda p: (-p.stat().st_size, p.name))
    committees = sorted(out.glob("to-chuc-*.eml"), key=lambda p: (-p.stat().st_size, p.name))
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True, locale="vi-VN")
    for name, path in (("member", members[0]), ("committee", committees[0]), ("board", out / "ban-to-chuc.eml"),
                       ("office", out / "van-phong.eml")):
        page = checked_page(context)
        page.set_content(html_part(path))
        width, visible = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert width <= visible, f"{path.name} is {width} px wide on a {visible} px screen"
        assert page.evaluate("getComputedStyle(document.body).fontSize") == "16px"
        assert serious_violations(page) == []
        shot(page, f"mail-{name}-phone")
        assert_clean(page)
        page.close()
    context.close()
