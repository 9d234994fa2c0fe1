"""The wording of the whole built site: every page and every calendar feed, read as text.

Each fix of issue 12 is checked over all of the sample site, not one page: the province's
party committee named once ("Đảng bộ tỉnh Sơn Hà"), no doubled word, clauses cited the Vietnamese
legal way ("khoản 2 Điều 2"), one word for a late report ("gửi muộn"), R2′ naming the member's
own commune by its kind, titles in protocol order (BTV before BCH).
"""

from __future__ import annotations

import html
import re
from datetime import datetime
from functools import cache
from pathlib import Path

import pytest
import yaml

from ..support.project import ROOT


@cache
def texts(site: Path) -> dict[str, str]:
    """Each page's visible text and each feed's unfolded text, whitespace collapsed."""
    found = {}
    for path in sorted(site.rglob("*.html")):
        source = re.sub(r"<(script|style)\b.*?</\1>", " ", path.read_text(encoding="utf-8"), flags=re.S)
        found[path.relative_to(site).as_posix()] = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", source)).split())
    for path in sorted((site / "lich").glob("*.ics")):
        unfolded = path.read_bytes().decode("utf-8").replace("\r\n ", "").replace("\\n", " ").replace("\\", "")
        found[path.relative_to(site).as_posix()] = " ".join(unfolded.split())
    return found


def offenders(built: Path, pattern: str) -> dict[str, list[str]]:
    found = {}
    for name, text in texts(built).items():
        hits = [text[max(0, m.start() - 30):m.end() + 30] for m in re.finditer(pattern, text)]
        if hits:
            found[name] = hits[:2]
    return found


def test_the_site_has_pages_and_feeds_to_read(built):
    names = texts(built)
    assert sum(n.endswith(".html") for n in names) > 250 and sum(n.endswith(".ics") for n in names) > 50


def test_the_provinces_party_committee_is_named_without_the_kind_twice(built):
    assert offenders(built, r"[Tt]ỉnh (ủy )?Tỉnh |[Tt]ỉnh ủy Tỉnh") == {}
    assert "Ban Chấp hành Đảng bộ tỉnh Sơn Hà" in texts(built)["index.html"]


@pytest.mark.parametrize("word", ["ở", "của", "và", "là", "được", "các", "những", "tại", "theo", "cho", "với",
                                  "trong", "đã", "chi bộ"])
def test_no_word_is_written_twice_in_a_row(built, word):
    assert offenders(built, rf"(?<!\w){word} {word}(?!\w)") == {}


def test_clauses_are_cited_khoan_then_dieu_everywhere(built):
    assert offenders(built, r"Điều \d+\.\d|Điều \d+, khoản \d(?! Điều)") == {}
    cited = sum(len(re.findall(r"[Kk]hoản \d Điều \d", text)) for text in texts(built).values())
    assert cited > 1000


def test_a_late_report_is_gui_muon_everywhere(built):
    assert offenders(built, r"[Nn]ộp muộn|gửi ngày \d\d/\d\d/\d{4}, sau hạn") == {}
    assert offenders(built, r"[Gg]ửi muộn") != {}


def test_r2_prime_names_the_members_own_commune_with_its_kind(built):
    organizations = yaml.safe_load((ROOT / "data" / "organizations.yml").read_text(encoding="utf-8"))
    communes = {o["name"][:1].lower() + o["name"][1:] for o in organizations if o["kind"] in ("xa", "phuong", "thi-tran")}
    generic = "đảng bộ xã, phường, thị trấn"  # the rule itself, on the Board's pages
    named, wrong = set(), []
    for text in texts(built).values():
        for match in re.finditer(r"trong báo cáo theo dõi (đảng bộ (xã|phường|thị trấn) )", text):
            rest = text[match.start(1):]
            found = [c for c in communes if rest.startswith(c)]
            if found:
                named.update(found)
            elif not rest.startswith(generic):
                wrong.append(rest[:60])
    assert wrong == []
    assert any(n.startswith("đảng bộ phường") for n in named) and any(n.startswith("đảng bộ xã") for n in named)


def test_titles_come_in_protocol_order_btv_before_bch(built):
    pattern = r"Ủy viên (BCH|Ban Chấp hành)[^.;:()]{0,40}(,| và| hoặc| hay) Ủy viên (BTV|Ban Thường vụ)"
    assert offenders(built, pattern) == {}


def test_the_regulation_page_opens_with_what_it_is(built):
    text = texts(built)["quy-dinh.html"]
    opening = text[text.index("Quy định số"):text.index("Toàn văn Quy định")]
    for part in ("Quy định số 12-QĐ/TU", "Ban Thường vụ Tỉnh ủy Sơn Hà", "ký ngày 14/03/2022",
                 "số, ngày ký và người ký là dữ liệu mẫu", "Có hiệu lực từ ngày ký, 14/03/2022",
                 "Trang này tính việc thực hiện từ ngày 05/01/2026",
                 "Thay thế Quy định số 18-QĐ/TU", "Ai:", "Làm gì:", "Ở đâu:", "Bao lâu một lần:", "Báo cáo:"):
        assert part in opening, part


def test_the_visits_arranged_on_a_committees_page_are_listed_in_date_order(built):
    checked = 0
    for path in sorted((built / "to-chuc").glob("*/index.html")):
        source = path.read_text(encoding="utf-8")
        if 'id="da-bo-tri"' not in source or "<table" not in source[source.index('id="da-bo-tri"'):]:
            continue
        table = source[source.index('id="da-bo-tri"'):]
        table = table[:table.index("</table>")]
        moments = [datetime.strptime(f"{d} {t}", "%d/%m/%Y %H:%M")
                   for t, d in re.findall(r"<td>(\d\d:\d\d) [^,<]+, (\d\d/\d\d/\d{4})</td>", table)]
        assert moments == sorted(moments), path.name
        checked += len(moments) > 1
    assert checked > 3
