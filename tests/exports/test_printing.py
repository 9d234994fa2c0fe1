"""Every kind of XLSX printed as its reader prints it: LibreOffice makes a PDF, and each page is read back.

The Board's workbooks (the dashboard, its full table, the consolidations, grievances, records that
cannot count) and the clerk's workbook, from the sample province. On the pages: the text of every
cell, whole (a word broken over two lines, or cut at a column's edge, is not found); no word printed
over another (a wrapped cell taller than its row runs over the next rows); nothing off the page; the
header row on every page with all its columns (one page wide, headings repeated); type not shrunk
below legibility.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import openpyxl
import pytest

from ..support import printed
from ..workbook.books import export, sample

DAY = "2026-11-25"
BOARD = {
    "dashboard": "bang-tong-hop/bang-tong-hop",
    "dashboard, full table": "bang-tong-hop/bang-tong-hop-day-du",
    "consolidation": "tong-hop/tong-hop",
    "consolidation of a year": "tong-hop/2026",
    "consolidation of a quarter": "tong-hop/2026-q4",
    "grievances": "van-de/van-de",
    "records that cannot count": "canh-bao/canh-bao",
}
KINDS = [*BOARD, "clerk's workbook"]
SMALLEST_WORD = 9.0  # points: the box of a word of 12 pt type printed at 60%
FOOTER = 60.0  # points at the foot of a page: the page numbers

pytestmark = pytest.mark.libreoffice


@pytest.fixture(scope="module")
def printouts(built, tmp_path_factory) -> dict[str, tuple[Path, list[printed.Page]]]:
    folder = tmp_path_factory.mktemp("printed")
    files = {kind: built / f"{stem}-{DAY}.xlsx" for kind, stem in BOARD.items()}
    files["clerk's workbook"] = export(sample(folder), folder / "so-ghi.xlsx")
    pdfs = printed.convert(list(files.values()), folder / "pdf")
    return {kind: (path, printed.pages(pdfs[path])) for kind, path in files.items()}


def all_words(pages: list[printed.Page]) -> Counter:
    found: Counter = Counter()
    for page in pages:
        found.update(w.text for w in page.words)
    return found


@pytest.mark.parametrize("kind", KINDS)
def test_every_word_of_every_cell_is_printed_whole(printouts, kind):
    path, pages = printouts[kind]
    expected: Counter = Counter()
    for words in printed.cell_words(path).values():
        expected.update(words)
    missing = expected - all_words(pages)
    assert not missing, f"{kind}: not printed whole: {dict(list(missing.items())[:10])}"
    assert "###" not in " ".join(all_words(pages)), f"{kind}: a number too wide for its column"


@pytest.mark.parametrize("kind", KINDS)
def test_no_word_is_printed_over_another_or_off_the_page(printouts, kind):
    _, pages = printouts[kind]
    for number, page in enumerate(pages, 1):
        over = page.overlapping()
        assert not over, f"{kind}, page {number}: {[(a.text, b.text) for a, b in over[:5]]}"
        assert not page.outside(), f"{kind}, page {number}: {[w.text for w in page.outside()[:5]]}"


@pytest.mark.parametrize("kind", KINDS)
def test_every_page_carries_the_whole_header_row_of_its_sheet(printouts, kind):
    path, pages = printouts[kind]
    book = openpyxl.load_workbook(path, read_only=True)
    headers, prose = [], Counter()
    for sheet in book.worksheets:
        rows = list(sheet.iter_rows(min_row=1, max_row=2, values_only=True))
        header = Counter(w for value in (rows[1] if len(rows) > 1 else ()) if value for w in str(value).split())
        if header:
            headers.append(header)
        else:  # a sheet of instructions: prose, no table
            prose.update(w for row in sheet.iter_rows(values_only=True) for v in row if v for w in str(v).split())
    book.close()
    for number, page in enumerate(pages, 1):
        words = Counter(w.text for w in page.words if w.top < page.height - FOOTER)
        assert any(not header - words for header in headers) or not words - prose, f"{kind}, page {number}"


@pytest.mark.parametrize("kind", KINDS)
def test_the_type_is_not_shrunk_below_legibility_to_fit_the_width(printouts, kind):
    _, pages = printouts[kind]
    heights = sorted(w.height for page in pages for w in page.words)
    assert heights[len(heights) // 2] >= SMALLEST_WORD, f"{kind}: words {heights[len(heights) // 2]:.1f} pt high"
