"""What every reader shares: the error record, text decoding and date parsing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass
class ReadError:
    """An input that could not be read, with a one-line reason; the batch goes on without it."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


class UnreadableInput(ValueError):
    """Raised inside a reader when its input cannot become a document; turned into a ReadError."""


def decode_text(data: bytes) -> str:
    """Decode bytes as UTF-8 text (a byte-order mark dropped, line endings made "\\n")."""
    if b"\x00" in data[:4096]:
        raise UnreadableInput("binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise UnreadableInput(f"not UTF-8 text (byte {err.start})") from None
    # One line-ending convention, so that paragraph splitting and offsets agree across platforms.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_date(value: object) -> date | None:
    """A publication date from "YYYY-MM-DD" or an ISO datetime; None for empty values."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise UnreadableInput(f"published is not a date: {value!r}")
    text = value.strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        raise UnreadableInput(f"published is not YYYY-MM-DD or an ISO datetime: {value!r}") from None
