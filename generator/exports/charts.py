"""Charts drawn at build time as SVG files: no script, nothing loaded from elsewhere.

`grid` shows the rate of each organization (rows) in each period (columns) as a
coloured cell with its percentage; `bars` shows, for one period, each group's
obligations split into done, still open and missed. Every text is XML-escaped.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from ..site.tables import percent
from ..rules.compliance import Tally

FONT = "Roboto, 'Helvetica Neue', Arial, sans-serif"
CHAR = 6.8          # average width of a 13px character, for laying out labels
ROW = 28
BANDS = ((0.95, "#66bb6a", "≥ 95%"), (0.85, "#aed581", "85–95%"), (0.70, "#fff176", "70–85%"),
         (0.50, "#ffb74d", "50–70%"), (0.0, "#e57373", "< 50%"))
DONE, OPEN, MISSED = "#43a047", "#90caf9", "#e53935"
RUNNING = "#e3f2fd"


@dataclass(frozen=True)
class Series:
    label: str
    values: tuple  # one Tally per column (grid) or a single Tally (bars)


def colour(rate: float | None) -> str:
    if rate is None:
        return "#eceff1"
    return next(fill for floor, fill, _ in BANDS if rate >= floor)


def text(x: float, y: float, content: str, anchor: str = "start", size: int = 13, weight: str = "normal",
         fill: str = "#212121") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" font-weight="{weight}" '
            f'fill="{fill}">{escape(content)}</text>')


def svg(width: float, height: float, title: str, description: str, body: list[str]) -> str:
    return "\n".join([
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" font-family={quoteattr(FONT)} role="img">',
        f"<title>{escape(title)}</title>",
        f"<desc>{escape(description)}</desc>",
        f'<rect width="{width:.0f}" height="{height:.0f}" fill="#ffffff"/>',
        *body,
        "</svg>",
    ]) + "\n"


def short(label: str) -> str:
    """“Đảng bộ huyện An Phú” → “Huyện An Phú”: the chart's title already says these are organizations."""
    if label.startswith("Đảng bộ "):
        rest = label[len("Đảng bộ "):]
        return rest[:1].upper() + rest[1:]
    return label


def grid(title: str, columns: list[tuple[str, str, bool]], rows: list[Series]) -> str:
    """Rates of each row (an organization) in each column (a period: two label lines, running)."""
    label_width = max([len(short(r.label)) for r in rows] + [10]) * CHAR + 24
    cell_width = max([len(a) for a, _, _ in columns] + [len(b) for _, b, _ in columns] + [6]) * CHAR + 12
    top = 88
    width = label_width + cell_width * len(columns) + 16
    height = top + ROW * len(rows) + 68
    body = [text(8, 22, title, size=15, weight="bold")]
    for n, (first, second, running) in enumerate(columns):
        x = label_width + cell_width * n + cell_width / 2
        body.append(text(x, top - 34, first, "middle", 12, "bold"))
        body.append(text(x, top - 20, second, "middle", 12, "bold"))
        if running:
            body.append(text(x, top - 6, "đang diễn ra", "middle", 10, fill="#616161"))
    for r, series in enumerate(rows):
        y = top + ROW * r
        body.append(text(8, y + ROW / 2 + 5, short(series.label), weight="bold" if r == 0 else "normal"))
        for n, (tally, (_, _, running)) in enumerate(zip(series.values, columns, strict=True)):
            body += grid_cell(label_width + cell_width * n, y, cell_width, tally.rate if tally else None, running)
    body += grid_legend(top + ROW * len(rows) + 24)
    description = "; ".join(
        f"{s.label}: " + ", ".join(f"{a} {b} {percent(t.rate) if t and t.rate is not None else '—'}"
                                   for (a, b, _), t in zip(columns, s.values, strict=True)) for s in rows)
    return svg(width, height, title, description, body)


def grid_cell(x: float, y: float, width: float, rate: float | None, running: bool) -> list[str]:
    """A rate in the grid: coloured by its band, or hatched grey while its period runs."""
    dash = ' stroke-dasharray="4 3"' if running else ""
    fill = RUNNING if running and rate is not None else colour(rate)
    return [f'<rect x="{x + 2:.1f}" y="{y + 2:.1f}" width="{width - 4:.1f}" height="{ROW - 4}" '
            f'rx="3" fill="{fill}" stroke="#9e9e9e"{dash}/>',
            text(x + width / 2, y + ROW / 2 + 5, percent(rate) if rate is not None else "—", "middle", 12)]


def grid_legend(y: float) -> list[str]:
    """The bands' colours, then what a running period's cell means."""
    body, x = [], 8.0
    for _, fill, label in BANDS:
        body.append(f'<rect x="{x:.1f}" y="{y - 11:.1f}" width="14" height="14" fill="{fill}" stroke="#9e9e9e"/>')
        body.append(text(x + 20, y, label, size=12))
        x += 20 + len(label) * CHAR + 18
    body.append(f'<rect x="8" y="{y + 13:.1f}" width="14" height="14" fill="{RUNNING}" stroke="#9e9e9e" '
                'stroke-dasharray="4 3"/>')
    body.append(text(28, y + 24, "Kỳ đang diễn ra: tiến độ đến ngày tính, chưa phải kết quả của kỳ.",
                     size=12, fill="#424242"))
    return body


def bars(title: str, rows: list[Series]) -> str:
    """For each row, its applicable obligations as one bar: done, still open (due, planned), missed."""
    label_width = max([len(short(r.label)) for r in rows] + [10]) * CHAR + 24
    bar_width = 360
    top = 40
    width = label_width + bar_width + 90
    height = top + ROW * len(rows) + 48
    body = [text(8, 22, title, size=15, weight="bold")]
    for r, series in enumerate(rows):
        y = top + ROW * r
        tally: Tally = series.values[0]
        body.append(text(8, y + ROW / 2 + 5, short(series.label), weight="bold" if r == 0 else "normal"))
        x = label_width
        if tally.applicable:
            for count, fill in ((tally.done, DONE), (tally.open, OPEN), (tally["missed"], MISSED)):
                w = bar_width * count / tally.applicable
                if w > 0:
                    body.append(f'<rect x="{x:.1f}" y="{y + 5:.1f}" width="{w:.1f}" height="{ROW - 10}" fill="{fill}"/>')
                x += w
        body.append(f'<rect x="{label_width:.1f}" y="{y + 5:.1f}" width="{bar_width}" height="{ROW - 10}" '
                    'fill="none" stroke="#9e9e9e"/>')
        shown = percent(tally.rate) if tally.rate is not None else "—"
        body.append(text(label_width + bar_width + 8, y + ROW / 2 + 5, shown, size=12, weight="bold"))
    legend_y = top + ROW * len(rows) + 24
    x = 8.0
    for fill, label in ((DONE, "Đã thực hiện (kể cả gửi muộn)"), (OPEN, "Còn hạn (chưa thực hiện, đã có lịch)"),
                        (MISSED, "Không thực hiện")):
        body.append(f'<rect x="{x:.1f}" y="{legend_y - 11:.1f}" width="14" height="14" fill="{fill}"/>')
        body.append(text(x + 20, legend_y, label, size=12))
        x += 20 + len(label) * CHAR + 18
    width = max(width, x)
    description = "; ".join(
        f"{s.label}: {s.values[0].done} đã thực hiện, {s.values[0].open} còn hạn, {s.values[0]['missed']} "
        f"không thực hiện trên {s.values[0].applicable} nghĩa vụ áp dụng" for s in rows)
    return svg(width, height, title, description, body)
