"""Province names as ACLED writes them (sitrep/data/admin1_names.csv), with the spellings news uses as
aliases that lead to them."""

from __future__ import annotations

from sitrep.geo.geonames import admin1_names

# ACLED's Syrian admin1 names.
ACLED_SYRIA = {
    "Al Hasakeh", "Lattakia", "Quneitra", "Ar Raqqa", "As-Sweida", "Dara", "Deir ez Zor",
    "Rural Damascus", "Aleppo", "Hama", "Homs", "Idleb", "Damascus", "Tartous",
}  # fmt: skip


def test_syrian_provinces_are_named_as_acled_names_them() -> None:
    names = {row.name for row in admin1_names() if row.country_code == "SY"}
    assert names == ACLED_SYRIA


def test_the_hyphenated_spellings_are_aliases_of_acleds() -> None:
    rows = {row.name: row for row in admin1_names() if row.country_code == "SY"}
    assert "Ar-Raqqa" in rows["Ar Raqqa"].aliases
    assert "Deir-ez-Zor" in rows["Deir ez Zor"].aliases
    assert "Al-Hasakeh" in rows["Al Hasakeh"].aliases
