"""The subscribe box of a feed: its addresses for each kind of client, and a QR code made at build time."""

from __future__ import annotations

import io
from dataclasses import dataclass
from urllib.parse import quote

import segno

FEEDS_DIR = "lich"   # where the feeds sit in the site, unless settings `feed_url` names another place
GOOGLE = "https://calendar.google.com/calendar/render?cid="
# Outlook's "subscribe from web" page, filled in: Outlook.com and Microsoft 365 (work accounts).
OUTLOOK = ("https://outlook.live.com/calendar/0/addfromweb", "https://outlook.office.com/calendar/0/addfromweb")
CALENDAR_NAME = "Dự sinh hoạt chi bộ"


@dataclass(frozen=True)
class Subscription:
    about: str       # what the feed holds, for the box's first paragraph
    path: str        # the file in the site, to download: lich/<token>.ics
    https: str       # to paste into a client
    webcal: str      # opens the system's calendar app, which subscribes
    google: str      # Google Calendar's "add by URL", already filled in
    qr: str | None   # the SVG file of a QR code that opens `opens` on a phone (members' feeds)
    opens: str | None = None  # the member's page: scanned from a computer's screen, it opens on the phone

    @property
    def outlook(self) -> str:
        """Outlook.com's subscribe page with the address filled in."""
        return outlook(OUTLOOK[0], self.https)

    @property
    def office(self) -> str:
        """The same page of Outlook on the web for Microsoft 365 (work) accounts."""
        return outlook(OUTLOOK[1], self.https)


def outlook(page: str, url: str) -> str:
    return f"{page}?url={quote(url, safe='')}&name={quote(CALENDAR_NAME, safe='')}"


def base_url(settings) -> str:
    """Where the feed files are served: settings `feed_url`, else the site's `lich/` folder."""
    return settings.feed_url or f"{settings.site_url}{FEEDS_DIR}/"


def subscription(settings, file_name: str, about: str, page_url: str | None = None) -> Subscription:
    """The box's links; with a QR code opening `page_url` when given (a member's page, to open on the phone
    and subscribe there with one tap)."""
    url = base_url(settings) + file_name
    webcal = "webcal://" + url.split("://", 1)[1]
    stem = file_name.removesuffix(".ics")
    return Subscription(about, f"{FEEDS_DIR}/{file_name}", url, webcal, GOOGLE + quote(webcal, safe=""),
                        f"{FEEDS_DIR}/{stem}.svg" if page_url else None, page_url)


def qr_code(text: str) -> bytes:
    """An SVG file of a QR code of `text`, made here (no outside service)."""
    out = io.BytesIO()
    # A fixed mask: any mask makes a valid code, and choosing the best one takes 90% of the time.
    segno.make(text, error="m", mask=0).save(out, kind="svg", omitsize=True, xmldecl=False,
                                             title="Mã QR để đăng ký lịch bằng điện thoại")
    return out.getvalue()
