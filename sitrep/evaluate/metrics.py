"""Measures every gold format shares: distance between points and finding a quoted passage in a text."""

from __future__ import annotations

import math

EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two points, in kilometres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlam = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlam / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def normalise(text: str) -> str:
    """Lower case with every run of whitespace made one space, for comparing quoted passages."""
    return " ".join(text.split()).lower()


def locate(text: str, passage: str) -> list[tuple[int, int]]:
    """Every (start, end) of `passage` in `text`, ignoring case and differences in whitespace."""
    needle = normalise(passage)
    if not needle:
        return []
    # Build the normalised text with, for each of its characters, the offset it came from.
    chars: list[str] = []
    origin: list[int] = []
    pending_space = False
    for i, ch in enumerate(text):
        if ch.isspace():
            pending_space = bool(chars)
            continue
        if pending_space:
            chars.append(" ")
            origin.append(i - 1)
            pending_space = False
        for lowered in ch.lower():  # a few letters lower-case to two characters
            chars.append(lowered)
            origin.append(i)
    flat = "".join(chars)
    spans = []
    start = flat.find(needle)
    while start != -1:
        end = start + len(needle)
        spans.append((origin[start], origin[end - 1] + 1))
        start = flat.find(needle, start + 1)
    return spans
