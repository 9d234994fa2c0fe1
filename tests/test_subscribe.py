"""The subscribe box: one address per kind of client, and a QR code made offline."""

from dataclasses import replace
from urllib.parse import parse_qs, urlsplit

from generator.subscribe import base_url, subscription

from .builders import province

SETTINGS = province([]).settings  # site_url https://example.test/
NAME = "abcdefghijklmnopqrstuvwxyz234567.ics"


def test_feeds_live_in_the_sites_lich_folder_unless_another_host_is_set():
    assert base_url(SETTINGS) == "https://example.test/lich/"
    assert base_url(replace(SETTINGS, feed_url="https://lich.example.org/")) == "https://lich.example.org/"


def test_each_client_gets_the_same_feed_in_its_own_form():
    box = subscription(replace(SETTINGS, feed_url="https://lich.example.org/"), NAME, "Lịch")
    assert box.https == f"https://lich.example.org/{NAME}"
    assert box.webcal == f"webcal://lich.example.org/{NAME}"
    assert box.path == f"lich/{NAME}"
    google = urlsplit(box.google)
    assert (google.netloc, google.path) == ("calendar.google.com", "/calendar/render")
    assert parse_qs(google.query) == {"cid": [box.webcal]}


def test_the_qr_code_is_an_inline_svg_with_no_outside_reference():
    qr = subscription(SETTINGS, NAME, "Lịch").qr
    assert qr.startswith("<svg") and qr.endswith("</svg>")
    assert "http" not in qr and "href" not in qr and NAME not in qr
