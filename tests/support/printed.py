"""Workbooks printed as a clerk or the Board prints them: LibreOffice converts them to PDF, poppler reads it back.

`convert` runs `soffice --headless --convert-to pdf` on several files at once (one start of LibreOffice);
`pages` reads each word of a PDF with its box (`pdftotext -bbox`); `cell_words` is the text of every
cell of a workbook as a spreadsheet shows it, word by word, to look for on the pages.
"""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import openpyxl

SOFFICE = "/usr/bin/soffice"
PDFTOTEXT = "/usr/bin/pdftotext"
PDFTOPPM = "/usr/bin/pdftoppm"
XHTML = "{http://www.w3.org/1999/xhtml}"


@dataclass(frozen=True)
class Word:
    text: str
    left: float
    top: float
    right: float
    bottom: float

    @property
    def height(self) -> float:
        return self.bottom - self.top

    def overlaps(self, other: Word, tolerance: float = 0.5) -> bool:
        """Whether the two words are printed over each other: their boxes meet across, and their lines are
        closer than 60% of a line's height. (A word's box is a little taller than the distance between two
        lines of a paragraph; a line printed among other lines is always within half a line of one of them.)"""
        across = min(self.right, other.right) - max(self.left, other.left)
        return across > tolerance and abs(self.top - other.top) < 0.6 * min(self.height, other.height)


@dataclass(frozen=True)
class Page:
    width: float
    height: float
    words: tuple[Word, ...]

    def outside(self) -> list[Word]:
        return [w for w in self.words if w.left < 0 or w.top < 0 or w.right > self.width or w.bottom > self.height]

    def overlapping(self) -> list[tuple[Word, Word]]:
        """Pairs of words printed over each other."""
        found = []
        ordered = sorted(self.words, key=lambda w: w.left)
        for n, word in enumerate(ordered):
            for other in ordered[n + 1:]:
                if other.left >= word.right:
                    break
                if word.overlaps(other):
                    found.append((word, other))
        return found

    def text(self) -> str:
        return " ".join(w.text for w in self.words)


def convert(files: list[Path], folder: Path) -> dict[Path, Path]:
    """Each workbook printed to PDF by LibreOffice (its own profile in `folder`): workbook → PDF."""
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{folder}/profile", "--headless", "--convert-to", "pdf",
                    "--outdir", str(folder), *map(str, files)], check=True, capture_output=True, timeout=600)
    found = {f: folder / f"{f.stem}.pdf" for f in files}
    missing = [str(f) for f, pdf in found.items() if not pdf.is_file()]
    assert not missing, f"LibreOffice printed no PDF for {missing}"
    return found


def pages(pdf: Path) -> list[Page]:
    out = subprocess.run([PDFTOTEXT, "-bbox", str(pdf), "-"], check=True, capture_output=True, timeout=120).stdout
    root = ET.fromstring(out)
    found = []
    for page in root.iter(f"{XHTML}page"):
        words = tuple(Word(w.text or "", float(w.get("xMin")), float(w.get("yMin")), float(w.get("xMax")),
                           float(w.get("yMax"))) for w in page.iter(f"{XHTML}word"))
        found.append(Page(float(page.get("width")), float(page.get("height")), words))
    return found


def picture(pdf: Path, page: int, target: Path) -> Path:
    """One page of the PDF as a PNG at 80 dpi, to look at."""
    target.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([PDFTOPPM, "-r", "80", "-f", str(page), "-l", str(page), "-singlefile", "-png", str(pdf),
                    str(target.with_suffix(""))], check=True, capture_output=True, timeout=120)
    return target


def shown(cell) -> str:
    """A cell's text as the spreadsheet prints it (LibreOffice prints numbers in its own locale: 0.5, not 0,5)."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, (datetime, date)):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, (int, float)):
        fmt = cell.number_format
        places = Decimal(1).scaleb(-decimals(fmt))
        if fmt.endswith("%"):
            return f"{(Decimal(repr(value)) * 100).quantize(places, ROUND_HALF_UP)}%"
        return f"{Decimal(repr(value)).quantize(places, ROUND_HALF_UP)}"
    return str(value)


def decimals(fmt: str) -> int:
    found = re.search(r"\.(0+)", fmt)
    return len(found.group(1)) if found else 0


def cell_words(workbook: Path, sheets: list[str] | None = None) -> dict[str, Counter]:
    """Sheet → every word of its cells (a merged title included), as they print."""
    book = openpyxl.load_workbook(workbook)
    found = {}
    for sheet in book.worksheets:
        if sheets is not None and sheet.title not in sheets:
            continue
        words: Counter = Counter()
        for row in sheet.iter_rows():
            for cell in row:
                words.update(shown(cell).split())
        found[sheet.title] = words
    return found
