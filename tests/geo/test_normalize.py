from __future__ import annotations

import pytest

from sitrep.geo.normalize import fold, name_variants, normalize, skeleton


@pytest.mark.parametrize(
    ("news", "gazetteer"),
    [
        ("Deir Hafer", "Dayr Hafir"),
        ("Athria", "Athriya"),
        ("Rasm Ayn Ahmar", "Ra's al `Ayn al Ahmar"),
        ("Ras al-Ain al-Ahmar", "Ra’s al ‘Ayn al Aḩmar"),
        ("Maskana", "Maskanah"),
        ("Raqqah", "Ar Raqqah"),
        ("Deir ez-Zor", "Dayr az Zawr"),
        ("Tell Shmeiran", "Tall Shamīrān"),
        ("Kfar Nabl", "Kafr Nabl"),
        ("Khirbet al-Joz", "Khirbat al Jawz"),
        ("Jebel Zawiya", "Jabal az Zawiyah"),
    ],
)
def test_transliterations_meet_on_the_skeleton(news: str, gazetteer: str) -> None:
    assert skeleton(news) == skeleton(gazetteer)


def test_normal_form_folds_case_diacritics_articles_and_generic_words() -> None:
    assert normalize("Ra’s al ‘Ayn al Aḩmar") == "ras ayn ahmar"
    assert normalize("Rasm Ayn Ahmar") == "ras ayn ahmar"
    assert normalize("Tell Abyad") == normalize("Tall Abyad") == "tall abyad"
    assert normalize("Deir ez-Zor") == "dayr zor"
    assert normalize("Maskana town") == "maskana"
    assert normalize("Aleppo Governorate") == "aleppo"


def test_fold_uses_anyascii_for_any_script() -> None:
    assert fold("Ḩalab") == "halab"
    assert fold("مسكنة") == "msknh"


def test_skeleton_keeps_a_word_initial_vowel_apart() -> None:
    assert skeleton("Athria") != skeleton("Tayri")


def test_name_variants() -> None:
    assert name_variants("Tadmur/Palmyra") == ["Tadmur/Palmyra", "Tadmur", "Palmyra"]
    assert name_variants("Homs (Hims)") == ["Homs (Hims)", "Homs", "Hims"]
    assert "Ghariyah gharbiyah" in name_variants("Western Ghariyah")


def test_direction_words_in_either_order() -> None:
    assert normalize("Jabar Eastern") != normalize("East Jabar")
    assert normalize("Eastern Jabar") == normalize("East Jabar")
    assert "Eastern Jabar" in name_variants("Jabar Eastern")
    assert "Jabar sharqiyah" in name_variants("Jabar Eastern")
