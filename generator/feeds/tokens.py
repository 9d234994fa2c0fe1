"""Unguessable feed addresses: each feed's file name is an HMAC of what the feed is, under a secret.

The secret is given at build time (the `FEED_SECRET` environment variable,
read by the command line); without it the build uses `DEVELOPMENT_SECRET`,
which anyone can read here, and says so. A member's address changes when the
member's `feed_rotation` is raised in the data.
"""

from __future__ import annotations

import base64
import hashlib
import hmac

DEVELOPMENT_SECRET = "phat-trien-khong-dung-cho-nguoi-dung-that"
MINIMUM_SECRET = 32   # characters
TOKEN_BYTES = 20      # 160 bits, written as 32 base32 letters and digits


def token(secret: str, identity: tuple[str, ...]) -> str:
    """32 characters from a–z and 2–7, e.g. for ("thanh-vien", "nguyen-van-an", "0")."""
    message = "\x1f".join(identity).encode("utf-8")
    digest = hmac.new(secret.encode("utf-8"), message, hashlib.sha256).digest()
    return base64.b32encode(digest[:TOKEN_BYTES]).decode("ascii").lower()


def file_name(secret: str, identity: tuple[str, ...]) -> str:
    return f"{token(secret, identity)}.ics"
