from pathlib import Path

import pytest

from sitrep.extract.equipment import Equipment, Instrument, MaterielCount

SHARED = Path(__file__).resolve().parents[2].parent / "shared"


@pytest.fixture(scope="module")
def equipment() -> Equipment:
    return Equipment.load()


def materiel(equipment: Equipment, text: str) -> list[tuple[str, int | None, str | None, str]]:
    return [(m.item, m.count, m.owner, m.text) for m in equipment.find_materiel(text)]


def instruments(equipment: Equipment, text: str) -> list[tuple[str, str]]:
    return [(i.weapon_class, i.text) for i in equipment.find_instruments(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They destroyed 115 technical vehicles.", [("technical", 115, None, "technical vehicles")]),
        ("Two technicals were hit.", [("technical", 2, None, "technicals")]),
        (
            "They seized pickup trucks mounted with heavy machine guns.",
            [("technical", None, None, "pickup trucks mounted with heavy machine guns")],
        ),
        ("A T-72 and three T-55s burned.", [("tank", 1, None, "T-72"), ("tank", 3, None, "T-55s")]),
        ("The rebels destroyed tanks.", [("tank", None, None, "tanks")]),
        ("Several tanks of the Syrian Arab Army", [("tank", 3, "the Syrian Arab Army", "tanks")]),
        ("They destroyed 2 BMP-2s and an APC.", [("ifv", 2, None, "BMP-2s"), ("ifv", 1, None, "APC")]),
        ("An armoured personnel carrier overturned.", [("ifv", 1, None, "armoured personnel carrier")]),
        (
            "4 howitzers and a rocket launcher",
            [("artillery", 4, None, "howitzers"), ("artillery", 1, None, "rocket launcher")],
        ),
        ("The operations room was hit.", [("operations_room", None, None, "operations room")]),
        ("They stormed the headquarters.", [("command_center", None, None, "headquarters")]),
        ("Five booby-trapped vehicles exploded.", [("vbied", 5, None, "booby-trapped vehicles")]),
        ("A car bomb exploded.", [("vbied", 1, None, "car bomb")]),
        (
            "A bulldozer and 2 military vehicles",
            [("vehicle", 1, None, "bulldozer"), ("vehicle", 2, None, "military vehicles")],
        ),
        (
            "They shot down a helicopter and a drone.",
            [("helicopter", 1, None, "helicopter"), ("drone", 1, None, "drone")],
        ),
        ("An ammunition depot blew up.", [("ammunition_depot", 1, None, "ammunition depot")]),
        (
            "Jets struck ISIS units and their vehicles.",
            [("aircraft", None, None, "Jets"), ("vehicle", None, "their", "vehicles")],
        ),
        ("The SAA's 3 tanks advanced.", [("tank", 3, "The SAA", "tanks")]),
        ("They fired anti-tank rounds.", []),
        ("The tank of unknown origin", [("tank", None, None, "tank")]),
    ],
)
def test_find_materiel(equipment: Equipment, text: str, expected: list[tuple]) -> None:
    assert materiel(equipment, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Warplanes struck the town.", [("air", "Warplanes")]),
        ("An air strike hit the market.", [("air", "air strike")]),
        ("Helicopters dropped barrel bombs.", [("air", "Helicopters"), ("air", "barrel bombs")]),
        ("A drone strike killed two.", [("air", "drone strike")]),
        ("Heavy shelling and mortar fire", [("artillery", "shelling"), ("artillery", "mortar fire")]),
        ("Grad rockets fell on the town.", [("artillery", "Grad rockets")]),
        ("They hit a tank with an ATGM.", [("missile", "ATGM")]),
        ("An anti-tank guided missile hit the tank.", [("missile", "anti-tank guided missile")]),
        ("A Kornet struck the BMP.", [("missile", "Kornet")]),
        ("They had to tow the car away.", []),
        ("A roadside bomb exploded.", [("explosive", "roadside bomb")]),
        ("The vehicle hit a landmine.", [("explosive", "landmine")]),
        ("An IED went off.", [("explosive", "IED")]),
        (
            "A suicide bomber blew himself up.",
            [("suicide", "suicide bomber"), ("suicide", "blew himself up")],
        ),
        ("An SVBIED hit the checkpoint.", [("suicide", "SVBIED")]),
        ("He threw a hand grenade.", [("grenade", "hand grenade")]),
        ("Witnesses smelled chlorine gas.", [("chemical", "chlorine gas")]),
        ("Sniper fire pinned them down.", [("small_arms", "Sniper fire")]),
    ],
)
def test_find_instruments(equipment: Equipment, text: str, expected: list[tuple[str, str]]) -> None:
    assert instruments(equipment, text) == expected


def test_offsets_point_into_the_text(equipment: Equipment) -> None:
    text = "ISIS destroyed 7 tanks with TOW missiles."
    found = equipment.find_materiel(text) + equipment.find_instruments(text)
    assert all(text[x.start : x.end] == x.text for x in found)


def test_load_reads_an_analyst_file(tmp_path: Path) -> None:
    path = tmp_path / "equipment.yaml"
    path.write_text(
        "materiel:\n  camel:\n    aliases: [camel, camels]\nweapons:\n  sling:\n    aliases: [slingshot]\n",
        encoding="utf-8",
    )
    custom = Equipment.load(path)
    text = "They lost 3 camels to a slingshot."
    assert custom.find_materiel(text) == [MaterielCount("camel", 3, 12, 18, "camels", None)]
    assert custom.find_instruments(text) == [Instrument("sling", 24, 33, "slingshot")]


def seed_text() -> str:
    seed = SHARED / "data" / "seed" / "maskanah_2017.txt"
    if not seed.exists():
        pytest.skip(f"seed report not found at {seed} (../shared is absent)")
    return seed.read_text(encoding="utf-8")


def seed_sentence(text: str, needle: str) -> str:
    start = text.index(needle)
    stop = text.index(".", start + len(needle))
    return text[start : stop + 1]


def test_seed_materiel_claim(equipment: Equipment) -> None:
    sentence = seed_sentence(seed_text(), "destroyed 115")
    assert [(m.item, m.count) for m in equipment.find_materiel(sentence)] == [
        ("technical", 115),
        ("tank", 7),
        ("ifv", 6),
        ("artillery", 4),
        ("operations_room", 1),
        ("command_center", 14),
        ("vbied", 5),
    ]


def test_seed_tank_destroyed_with_atgm(equipment: Equipment) -> None:
    sentence = seed_sentence(seed_text(), "ISIS militants destroyed a tank")
    assert [(m.item, m.count, m.owner) for m in equipment.find_materiel(sentence)] == [("tank", 1, "the SAA")]
    assert [i.weapon_class for i in equipment.find_instruments(sentence)] == ["missile"]


def test_seed_vehicle_destroyed_with_mine(equipment: Equipment) -> None:
    sentence = seed_sentence(seed_text(), "claimed the destruction")
    assert [(m.item, m.count, m.owner) for m in equipment.find_materiel(sentence)] == [
        ("vehicle", 1, "the SAA")
    ]
    assert [i.weapon_class for i in equipment.find_instruments(sentence)] == ["explosive"]


def test_seed_warplanes_are_air(equipment: Equipment) -> None:
    sentence = seed_sentence(seed_text(), "Warplanes of the Russian")
    assert {i.weapon_class for i in equipment.find_instruments(sentence)} == {"air"}
    found = equipment.find_materiel(sentence)
    assert [(m.item, m.owner) for m in found] == [
        ("aircraft", "the Russian and Syrian air forces"),
        ("vehicle", "their"),
    ]
