"""How a sheet prints: its font, its columns' widths, its rows' heights, its page.

A spreadsheet does not size rows to wrapped text when it opens a file (LibreOffice
keeps the default 15 pt, and a cell of three lines then prints over the next two
rows), so the heights are computed here: each cell's text wrapped at its column's
width, line by line, with the advance widths of Times New Roman (metric-compatible
with Liberation Serif, which LibreOffice uses in its place). Widths lean to the
generous side, so a computed line count is never below the one printed.

Columns get the width of their longest line up to a cap, never less than their
longest word (an id such as “vv-2026-007” is not broken over three lines), and
numbers and dates their full text (a spreadsheet prints “###” for a number that
does not fit). When that is wider than the page, the widest wrapped columns give
way first; the page is then fitted to its width by the spreadsheet, landscape when
the columns do not fit upright.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.indexed_list import IndexedList

FONT = "Times New Roman"  # the font of the Party's papers; Liberation Serif has its metrics
SIZE = 12
TITLE_SIZE = 13
EM = 2048  # font units per em of the widths below
_CHARS = "".join(chr(c) for c in range(32, 127)) + "ơưƠƯ"
_REGULAR = (
    512, 682, 836, 1024, 1024, 1706, 1593, 369, 682, 682, 1024, 1155, 512, 682, 512, 569, 1024, 1024, 1024, 1024,
    1024, 1024, 1024, 1024, 1024, 1024, 569, 569, 1155, 1155, 1155, 909, 1886, 1479, 1366, 1366, 1479, 1251, 1139,
    1479, 1479, 682, 797, 1479, 1251, 1821, 1479, 1479, 1139, 1479, 1366, 1139, 1251, 1479, 1479, 1933, 1479, 1479,
    1251, 682, 569, 682, 961, 1024, 682, 909, 1024, 909, 1024, 909, 682, 1024, 1024, 569, 569, 1024, 569, 1593, 1024,
    1024, 1024, 1024, 682, 797, 569, 1024, 1024, 1479, 1024, 1024, 909, 983, 410, 983, 1108, 1083, 1110, 1479, 1589)
_BOLD = (
    512, 682, 1137, 1024, 1024, 2048, 1706, 569, 682, 682, 1024, 1167, 512, 682, 512, 569, 1024, 1024, 1024, 1024,
    1024, 1024, 1024, 1024, 1024, 1024, 682, 682, 1167, 1167, 1167, 1024, 1905, 1479, 1366, 1479, 1479, 1366, 1251,
    1593, 1593, 797, 1024, 1593, 1366, 1933, 1479, 1593, 1251, 1593, 1479, 1139, 1366, 1479, 1479, 2048, 1479, 1479,
    1366, 682, 569, 682, 1190, 1024, 682, 1024, 1139, 909, 1139, 909, 682, 1024, 1139, 569, 682, 1139, 569, 1706, 1139,
    1024, 1139, 1139, 909, 797, 682, 1139, 1024, 1479, 1024, 1024, 909, 807, 451, 807, 1065, 1134, 1229, 1593, 1630)
ADVANCE = {False: dict(zip(_CHARS, _REGULAR, strict=True)), True: dict(zip(_CHARS, _BOLD, strict=True))}
WIDEST = 2048  # a character not in the table (an em)
SLACK = 1.03   # widths measured a little wide: a renderer's rounding never wraps a line more than counted

UNIT = 6.0     # points per unit of column width: the width of a digit of Times New Roman 12 pt (8 px at 96 dpi)
PADDING = 5.0  # points of a column's width that hold no text (the margins either side, the grid line)
LINE = 15.0    # points per line of 12 pt text in a row, as Excel sizes a row of Times New Roman 12
ROW_PADDING = 3.0
MAX_ROW = 409.0  # the tallest row a spreadsheet keeps
PAGE = {"landscape": 842 - 72, "portrait": 595 - 72}  # A4 in points, less half an inch each side
MARGIN = 0.5   # inches, left and right
CAP = 45.0     # the widest a column of text grows before it wraps, in units
HEADING = 14.0  # a heading wider than this (in units) wraps rather than widen its column
FLOOR = 12.0   # the narrowest a column of text is squeezed to (unless its text is narrower)
MIN_SCALE = 0.8  # how far the page may be scaled down to fit before wrapped columns give way

WRAP = Alignment(wrap_text=True, vertical="top")


def font(bold: bool = False, size: int = SIZE) -> Font:
    return Font(name=FONT, size=size, bold=bold, family=1)


def use_font(book) -> None:
    """Times New Roman 12 pt as the workbook's own font: every cell without a font of its own, and the
    unit of the column widths (a spreadsheet measures widths in digits of this font)."""
    book._fonts = IndexedList([font()])
    book._named_styles["Normal"].font = font()


def char_width(char: str, bold: bool) -> int:
    table = ADVANCE[bold]
    found = table.get(char)
    if found is not None:
        return found
    parts = unicodedata.normalize("NFD", char)
    base = parts[0].replace("đ", "d").replace("Đ", "D")
    if "\u031b" in parts:  # ơ, ư with their tones: wider than o, u
        base = unicodedata.normalize("NFC", base + "\u031b")
    return table.get(base, WIDEST)


VIETNAMESE = "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
WIDTHS = {bold: {c: char_width(c, bold) for c in _CHARS + VIETNAMESE + VIETNAMESE.upper() + "–—“”‘’…"}
          for bold in (False, True)}  # every letter of Vietnamese, looked up at once


@lru_cache(maxsize=1 << 16)
def advance(text: str, bold: bool) -> int:
    """The width of `text` in font units (texts and words repeat: each is measured once)."""
    table = WIDTHS[bold]
    try:
        return sum(map(table.__getitem__, text))
    except KeyError:
        return sum(char_width(c, bold) for c in text)


def text_width(text: str, bold: bool = False, size: float = SIZE) -> float:
    """The width of `text` on one line, in points."""
    return advance(text, bold) * size / EM * SLACK


@lru_cache(maxsize=1 << 16)
def lines(text: str, width: float, bold: bool = False, size: float = SIZE) -> int:
    """How many lines `text` takes wrapped at spaces in `width` points (a word wider than that is broken)."""
    if "\n" not in text and text_width(text, bold, size) <= width:
        return 1
    space = text_width(" ", bold, size)
    count = 0
    for paragraph in text.split("\n"):
        count += 1
        used = 0.0
        for word in paragraph.split():
            size_of = text_width(word, bold, size)
            if used and used + space + size_of <= width:
                used += space + size_of
                continue
            if used:
                count += 1
            if size_of > width:  # broken at the column's edge
                count += int(size_of // width)
                size_of %= width
            used = size_of
    return count


def longest_word(text: str, bold: bool = False) -> float:
    return max((text_width(w, bold) for w in text.split()), default=0.0)


def longest_line(text: str, bold: bool = False) -> float:
    return max((text_width(line, bold) for line in text.split("\n")), default=0.0)


def units(points: float) -> float:
    """A column width in units that holds `points` of text."""
    return round((points + PADDING) / UNIT + 0.25, 1)


def room(width: float) -> float:
    """The points of text a column of `width` units holds on one line."""
    return width * UNIT - PADDING


@dataclass(frozen=True)
class Column:
    """A column as the layout sees it: its heading and the text of its cells, as they are shown."""

    heading: str
    texts: Sequence[str]
    wraps: bool = True  # False for numbers, dates and ids, which must fit on one line
    cap: float = CAP
    wide: float = 0.0   # the least natural width, for a column that is typed in
    keep: float = FLOOR  # the width it keeps when the page is short of room (less when its text is narrower)

    @cached_property
    def longest(self) -> float:
        return max([longest_line(t) for t in set(self.texts)], default=0.0)

    @cached_property
    def word(self) -> float:
        return max([longest_word(self.heading, True)] + [longest_word(t) for t in set(self.texts)])

    def content(self) -> float:
        """The width of the longest line of its cells, up to the cap (all of a number's text)."""
        longest = self.longest
        if not self.wraps:
            return units(max(longest, longest_word(self.heading, True))) + 1  # aligned right: room before the next
        return max(min(max(units(longest), self.wide), self.cap), self.least())

    def natural(self) -> float:
        """The content's width, or the heading's on one line when that is wider and not too wide."""
        return max(self.content(), units(min(longest_line(self.heading, True), room(HEADING))))

    def least(self) -> float:
        """The narrowest it may be: its longest word, and `keep` when its text is that wide."""
        if not self.wraps:
            return self.content()
        return max(units(self.word), min(units(self.longest), self.keep))


def widths(columns: Sequence[Column], min_scale: float = MIN_SCALE) -> tuple[list[float], str]:
    """Each column's width in units and the page's orientation.

    Upright when the columns' text fits upright at full size, else landscape, scaled down at most to
    `min_scale`. When the columns are still too wide, the headings wrap first, then the wrapped text
    columns give way, each in proportion to what it has above its longest word."""
    natural = [c.natural() for c in columns]
    content = [c.content() for c in columns]
    least = [min(c.least(), n) for c, n in zip(columns, content, strict=True)]
    orientation = "portrait" if sum(content) * UNIT <= PAGE["portrait"] else "landscape"
    budget = PAGE[orientation] / UNIT / (1.0 if orientation == "portrait" else min_scale)
    for wide, narrow in ((natural, content), (content, least)):
        if sum(wide) <= budget:
            return wide, orientation
        if sum(narrow) < budget:
            share = (budget - sum(narrow)) / (sum(wide) - sum(narrow))
            return [math.floor((n + share * (w - n)) * 10 + 1e-6) / 10 for w, n in zip(wide, narrow, strict=True)], orientation
    return least, orientation


def height(texts: Sequence[str], column_widths: Sequence[float], bold: bool = False, size: float = SIZE) -> float:
    """The height in points of a row whose cells hold `texts` in columns of `column_widths` units."""
    count = max([lines(t, room(w), bold, size) for t, w in zip(texts, column_widths, strict=False) if t] or [1])
    return min(MAX_ROW, round(count * LINE * size / SIZE + ROW_PADDING, 1))


def set_widths(sheet, column_widths: Sequence[float]) -> None:
    for index, width in enumerate(column_widths, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def page_setup(sheet, orientation: str, title_rows: str | None) -> None:
    """A4 in `orientation`, fitted to one page wide, `title_rows` (“1:2”) on every page, grid lines,
    page numbers below."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = orientation
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    if title_rows:
        sheet.print_title_rows = title_rows
    sheet.print_options.gridLines = True
    sheet.page_margins.left = sheet.page_margins.right = MARGIN
    sheet.oddFooter.center.text = "Trang &P / &N"
