"""Feed addresses: unguessable without the secret, stable with it, new after a rotation."""

import re

from generator.feeds.tokens import DEVELOPMENT_SECRET, file_name, token

SECRET = "s" * 40
MEMBER = ("thanh-vien", "nguyen-van-an", "0")


def test_a_token_carries_at_least_128_bits_in_url_safe_letters():
    value = token(SECRET, MEMBER)
    assert re.fullmatch(r"[a-z2-7]{32}", value)  # 32 base32 characters: 160 bits
    assert file_name(SECRET, MEMBER) == f"{value}.ics"


def test_the_same_secret_and_member_give_the_same_address_in_every_build():
    assert token(SECRET, MEMBER) == token(SECRET, MEMBER)


def test_another_secret_gives_other_addresses():
    assert token(SECRET, MEMBER) != token(DEVELOPMENT_SECRET, MEMBER)


def test_rotating_a_members_feed_changes_the_address():
    assert token(SECRET, MEMBER) != token(SECRET, ("thanh-vien", "nguyen-van-an", "1"))


def test_members_organizations_and_the_province_never_share_an_address():
    names = {token(SECRET, ("thanh-vien", "huyen-a", "0")), token(SECRET, ("to-chuc", "huyen-a")),
             token(SECRET, ("tinh",))}
    assert len(names) == 3


def test_parts_of_an_identity_cannot_be_shifted_into_one_another():
    assert token(SECRET, ("to-chuc", "a-b")) != token(SECRET, ("to-chuc-a", "b"))
