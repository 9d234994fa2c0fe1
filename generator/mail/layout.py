"""A letter, and the same letter as plain text and as HTML.

A `Letter` is plain data (sections of numbered items, each with its lines, a few meetings and a link);
`text` and `html` lay it out, so the two parts of a message say the same thing. The HTML is one column of
ordinary text, sized for a phone, with inline styles only (mail clients drop style sheets), every value from
the data escaped, and links shown by their words (the plain-text part shows the addresses).
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup


@dataclass(frozen=True)
class Link:
    text: str
    url: str


@dataclass(frozen=True)
class Item:
    title: str
    lines: tuple[str, ...] = ()
    list_title: str = ""            # "Các buổi sắp tới được tính:"
    listed: tuple[str, ...] = ()
    link: Link | None = None


@dataclass(frozen=True)
class Section:
    heading: str
    items: tuple[Item, ...] = ()
    lead: str = ""                  # a sentence before the items
    link: Link | None = None        # "see all": after the items
    numbered: bool = True


@dataclass(frozen=True)
class Letter:
    subject: str
    greeting: str                   # "Kính gửi đồng chí Nguyễn Văn An,"
    opening: str
    sections: tuple[Section, ...]
    link: Link                      # the reader's own page
    signature: str                  # "Ban Tổ chức Tỉnh ủy"
    footer: str                     # why this letter came, and what to do about a mistake


# -- plain text


def text(letter: Letter) -> str:
    out = [letter.greeting, "", letter.opening, ""]
    for section in letter.sections:
        out += [section.heading, "=" * min(len(section.heading), 40), ""]
        if section.lead:
            out += [section.lead, ""]
        for n, item in enumerate(section.items, 1):
            out += item_text(item, f"{n}. " if section.numbered else "- ")
            if item.lines or item.listed or item.link or n == len(section.items):
                out.append("")   # one-line items follow one another; longer ones are set apart
        if section.link:
            out += [link_text(section.link), ""]
    out += [link_text(letter.link), "", letter.signature, "", "-- ", letter.footer]
    return "\n".join(out) + "\n"


def item_text(item: Item, marker: str) -> list[str]:
    indent = " " * len(marker)
    lines = [marker + item.title] + [indent + line for line in item.lines]
    if item.listed:
        lines += ([indent + item.list_title] if item.list_title else []) + [f"{indent}- {x}" for x in item.listed]
    if item.link:
        lines.append(indent + link_text(item.link))
    return lines


def link_text(link: Link) -> str:
    return f"{link.text}: {link.url}"


# -- HTML

PAGE = ("margin:0;padding:0;background:#ffffff;color:#1a1a1a;font-family:Arial,Helvetica,sans-serif;"
        "font-size:16px;line-height:1.5;overflow-wrap:break-word;word-wrap:break-word")
COLUMN = "max-width:600px;margin:0 auto;padding:16px"
HEADING = "font-size:18px;line-height:1.3;margin:24px 0 8px"
LIST = "margin:0 0 8px;padding-left:24px"
ITEM = "margin:0 0 12px"
LINK = "color:#0b57d0"
BUTTON = ("display:inline-block;padding:10px 16px;border-radius:4px;background:#0b57d0;color:#ffffff;"
          "text-decoration:none;font-weight:bold")
SMALL = "font-size:14px;color:#4d4d4d"


def html(letter: Letter) -> str:
    parts = [Markup('<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
                    '<meta name="viewport" content="width=device-width, initial-scale=1">\n'),
             Markup("<title>{}</title>\n</head>\n").format(letter.subject),
             Markup('<body style="{}">\n<main style="{}">\n').format(PAGE, COLUMN),
             paragraph(letter.greeting), paragraph(letter.opening)]
    for section in letter.sections:
        parts.append(Markup('<h2 style="{}">{}</h2>\n').format(HEADING, section.heading))
        if section.lead:
            parts.append(paragraph(section.lead))
        if section.items:
            tag = Markup("ol") if section.numbered else Markup("ul")
            parts.append(Markup('<{} style="{}">\n').format(tag, LIST))
            parts += [item_html(item) for item in section.items]
            parts.append(Markup("</{}>\n").format(tag))
        if section.link:
            parts.append(Markup("<p>{}</p>\n").format(anchor(section.link)))
    parts += [Markup('<p style="margin:24px 0"><a href="{}" style="{}">{}</a></p>\n').format(
                  letter.link.url, BUTTON, letter.link.text),
              paragraph(letter.signature),
              Markup('<hr style="border:0;border-top:1px solid #cccccc;margin:24px 0 8px">\n'
                     '<p style="{}">{}</p>\n').format(SMALL, letter.footer),
              Markup("</main>\n</body>\n</html>\n")]
    return str(Markup("").join(parts))


def paragraph(value: str) -> Markup:
    return Markup("<p>{}</p>\n").format(value)


def anchor(link: Link) -> Markup:
    return Markup('<a href="{}" style="{}">{}</a>').format(link.url, LINK, link.text)


def item_html(item: Item) -> Markup:
    if not (item.lines or item.listed or item.link):   # a line of a short list: no heading of its own
        return Markup('<li style="margin:0 0 4px">{}</li>\n').format(item.title)
    body = [Markup("<strong>{}</strong>").format(item.title)]
    body += [Markup("<br>{}").format(line) for line in item.lines]
    if item.listed:
        if item.list_title:
            body.append(Markup("<br>{}").format(item.list_title))
        body.append(Markup('<ul style="{}">').format(LIST) + Markup("").join(
            Markup("<li>{}</li>").format(x) for x in item.listed) + Markup("</ul>"))
    if item.link:
        body.append(Markup("<br>") + anchor(item.link))
    return Markup('<li style="{}">{}</li>\n').format(ITEM, Markup("").join(body))

