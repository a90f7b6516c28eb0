"""Cheap MIME for thousands of recipients.

The rendered HTML and text are quoted-printable encoded ONCE, split at the personal-link
tokens. Per recipient only the short personal values are encoded and joined in between,
each framed by soft line breaks ("=" + CRLF, which decoders remove), so the encoded lines stay
valid. Building a message this way costs microseconds instead of milliseconds.
"""

import binascii
import html
import re

from .rendering import TOKENS

CRLF = b"\r\n"
SOFT_BREAK = b"=\r\n"
TOKEN_NAMES = {token: name for name, token in TOKENS.items()}
TOKEN_PATTERN = re.compile("(" + "|".join(map(re.escape, TOKEN_NAMES)) + ")")


def quoted_printable(text, open_end=False):
    """QP-encoded text. open_end: a soft break will follow, so the last line is kept one
    character short (encoded with a sentinel that is then dropped) to stay within 76."""
    if not open_end:
        return binascii.b2a_qp(text.encode("utf-8")).replace(b"\n", CRLF)
    encoded = binascii.b2a_qp(text.encode("utf-8") + b"X")[:-1]
    return encoded.replace(b"\n", CRLF)


class EncodedBody:
    """One body part, encoded once, with gaps for the personal values."""

    def __init__(self, content, is_html):
        self.is_html = is_html
        pieces = TOKEN_PATTERN.split(content)
        last = len(pieces) - 1
        self.pieces = [
            TOKEN_NAMES[piece] if index % 2 else quoted_printable(piece, open_end=index < last)
            for index, piece in enumerate(pieces)
        ]

    def encode(self, values):
        return b"".join(
            self.encode_value(values[piece]) if index % 2 else piece
            for index, piece in enumerate(self.pieces)
        )

    def encode_value(self, value):
        value = html.escape(value) if self.is_html else value
        return SOFT_BREAK + quoted_printable(value, open_end=True) + SOFT_BREAK


def part(content_type, encoded_body):
    head = (
        f'Content-Type: {content_type}; charset="utf-8"\r\n'
        "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
    )
    return head.encode("ascii") + encoded_body


def alternative(boundary, text_body, html_body):
    """A multipart/alternative body: plain text first, HTML last (the preferred part)."""
    marker = b"--" + boundary.encode("ascii")
    return b"".join(
        [
            marker,
            CRLF,
            part("text/plain", text_body),
            CRLF,
            marker,
            CRLF,
            part("text/html", html_body),
            CRLF,
            marker,
            b"--",
            CRLF,
        ]
    )
