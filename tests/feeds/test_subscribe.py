"""The subscribe box: one address per kind of client, and a QR code made offline."""

import html
from dataclasses import replace
from datetime import date
from urllib.parse import parse_qs, urlsplit

import markdown

from generator.feeds.subscribe import base_url, qr_code, subscription
from generator.model.tree import Tree
from generator.render import pages
from generator.rules.obligations import evaluate

from ..support.builders import assign, btv, feeds_as_of, province

AS_OF = date(2026, 11, 25)

SETTINGS = province([]).settings  # site_url https://example.test/
NAME = "abcdefghijklmnopqrstuvwxyz234567.ics"
PAGE = "https://so.example.org/sinh-hoat/thanh-vien/m.html"  # the page a member's QR code opens


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


def test_the_qr_code_is_an_svg_file_beside_the_feed_with_no_outside_reference():
    box = subscription(SETTINGS, NAME, "Lịch", PAGE)
    assert box.qr == "lich/abcdefghijklmnopqrstuvwxyz234567.svg"
    svg = qr_code(box.opens).decode()
    assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>") and 'viewBox="' in svg
    assert "http" not in svg.replace("http://www.w3.org/2000/svg", "") and "href" not in svg and NAME not in svg


def test_only_a_members_own_feed_has_a_qr_code():
    assert subscription(SETTINGS, NAME, "Lịch").qr is None


def test_the_box_on_a_member_page_escapes_the_name_and_offers_every_address():
    member = replace(btv("m"), name='Lê <script>alert("x")</script> *Văn* | # `c`')
    prov = province([member], [assign("m", "huyen-a", "phu-trach")])
    tree = Tree(prov)
    feed = next(f for f in feeds_as_of(prov, AS_OF) if f.identity[0] == "thanh-vien")
    box = subscription(prov.settings, NAME, feed.about, PAGE)
    source = dict(pages.produce(pages.Site(prov, tree, evaluate(prov, AS_OF, tree), {feed.page: box})))[feed.page]
    page = markdown.markdown(source, extensions=["tables", "attr_list", "md_in_html", "toc", "pymdownx.escapeall"])
    assert "<script" not in page and "&lt;script&gt;" in page
    assert f'href="{box.webcal}"' in page and f'value="{box.https}"' in page
    assert f'href="../lich/{NAME}" download' in page
    assert f'href="{box.google}"' in page
    assert all(f'href="{html.escape(address)}"' in page for address in (box.outlook, box.office))
    assert 'data-device="android"' in page and "ICSx⁵" in page and "Internet" in page


def test_outlook_opens_its_subscribe_page_with_the_address_filled_in():
    box = subscription(SETTINGS, NAME, "Lịch")
    for address, host in ((box.outlook, "outlook.live.com"), (box.office, "outlook.office.com")):
        parts = urlsplit(address)
        assert (parts.netloc, parts.path) == (host, "/calendar/0/addfromweb")
        assert parse_qs(parts.query) == {"url": [box.https], "name": ["Dự sinh hoạt chi bộ"]}


def test_a_site_built_for_the_local_trial_offers_feeds_pages_and_qr_codes_at_the_address_it_is_served_at():
    """`build --site-url http://127.0.0.1:8088/` (make nginx): every address a reader taps points at the
    machine serving the site; the events keep their identity, so a later real build updates them."""
    from generator.cli import served_at
    from generator.feeds.calendars import Calendars

    prov = province([btv("m")], [assign("m", "huyen-a", "phu-trach")])
    trial = served_at(prov, "http://127.0.0.1:8088")
    tree = Tree(trial)
    calendars = Calendars(trial, tree, evaluate(trial, AS_OF, tree), "bí mật", {})
    box = calendars.subscriptions["thanh-vien/m.md"]
    assert box.https.startswith("http://127.0.0.1:8088/lich/") and box.webcal.startswith("webcal://127.0.0.1:8088/")
    assert box.opens == "http://127.0.0.1:8088/thanh-vien/m.html"
    real = Calendars(prov, Tree(prov), evaluate(prov, AS_OF, Tree(prov)), "bí mật", {})
    assert {e.uid for f in calendars.feeds.values() for e in f.events} == \
           {e.uid for f in real.feeds.values() for e in f.events}
