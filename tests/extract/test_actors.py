"""The actor dictionary: aliases, state forces and police per country, joint mentions, country scoping,
the document country, armed groups beyond Syria; the last tests run the real pipeline on wire text."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.extract.actors import FOREIGN_INTER, STATE_INTER, ActorDictionary, load_actors
from sitrep.extract.events import Extractor
from sitrep.model import Document, Event


@pytest.fixture(scope="module")
def actors() -> ActorDictionary:
    return load_actors()


def test_cased_alias_is_not_the_verb_is(actors: ActorDictionary) -> None:
    text = "IS fighters stormed a checkpoint that is close to Deir ez-Zor."
    found = actors.find(text, "SY")
    assert [(m.text, m.name) for m in found] == [("IS", "Islamic State (Syria)")]
    assert found[0].start == 0 and found[0].end == 2


def test_joint_air_forces_are_two_state_actors(actors: ActorDictionary) -> None:
    text = "Russian and Syrian air forces bombed a market in Ariha."
    found = actors.find(text, "SY")
    assert [(m.text, m.name, m.kind) for m in found] == [
        ("Russian", "Military Forces of Russia (2000-)", "state"),
        ("Syrian", "Military Forces of Syria (2000-)", "state"),
    ]
    assert found[0].inter == FOREIGN_INTER
    assert found[1].inter == STATE_INTER
    for mention in found:
        assert text[mention.start : mention.end] == mention.text


def test_generic_army_resolves_to_the_document_country(actors: ActorDictionary) -> None:
    found = actors.find("The army shelled rebel positions overnight.", "SY")
    assert [(m.text, m.name, m.kind) for m in found] == [
        ("The army", "Military Forces of Syria (2000-)", "state")
    ]


def test_generic_army_without_country_is_an_unnamed_state(actors: ActorDictionary) -> None:
    # Not an armed-group anaphor: "the army" of an unknown country must never become the group named last.
    found = actors.find("The army shelled rebel positions overnight.", None)
    assert len(found) == 1
    assert found[0].kind == "unknown_state"
    assert found[0].name == "" and found[0].inter == 1


def test_unit_carries_its_parent(actors: ActorDictionary) -> None:
    found = actors.find("The Tiger Forces advanced along the highway.", "SY")
    assert [(m.name, m.kind, m.parent) for m in found] == [
        ("Tiger Forces", "unit", "Military Forces of Syria (2000-)")
    ]


def test_rebel_group_alias(actors: ActorDictionary) -> None:
    found = actors.find("Fighters of Hayat Tahrir al-Sham overran the post.", "SY")
    assert [m.name for m in found] == ["HTS: Hayat Tahrir al Sham"]


def test_document_country(actors: ActorDictionary) -> None:
    assert actors.document_country("Syrian troops clashed with rebels near Homs.") == "SY"
    assert actors.document_country("Heavy rain fell over the weekend.") is None


# --- Country scoping ----------------------------------------------------------------------------


def test_syrian_units_and_groups_never_fire_on_a_salvadoran_report(actors: ActorDictionary) -> None:
    text = (
        "The Republican Guard and the Tiger Forces joined the Southern Front against the opposition factions."
    )
    assert [m.name for m in actors.find(text, "SV")] == []
    assert [m.name for m in actors.find(text, "SY")] == [
        "Republican Guard",
        "Tiger Forces",
        "Southern Front",
        "Opposition Rebels (Syria)",
    ]


def test_local_aliases_need_a_known_country_but_scoped_names_do_not(actors: ActorDictionary) -> None:
    # A report of unknown country: "the Southern Front" could be anyone's, Hayat Tahrir al-Sham is one group.
    text = "Hayat Tahrir al-Sham and the Southern Front shelled the town."
    assert [m.name for m in actors.find(text, None)] == ["HTS: Hayat Tahrir al Sham"]
    assert [m.name for m in actors.find(text, "SV")] == []


def test_a_foreign_report_that_names_the_groups_country_may_name_the_group(actors: ActorDictionary) -> None:
    text = "A BOMB HIT THE SALVADORAN EMBASSY IN LIMA; PERUVIAN POLICE BLAMED THE FMLN."
    country = actors.document_country(text)
    assert country == "PE" and country.named == {"PE", "SV"}
    assert [m.name for m in actors.find(text, country)] == [
        "Police Forces of Peru",
        "FMLN: Farabundo Marti National Liberation Front",
    ]
    # A Peruvian report that never names El Salvador has no FMLN; local phrases need the report's own country.
    assert "FMLN: Farabundo Marti National Liberation Front" not in [m.name for m in actors.find(text, "PE")]
    # A people named counts half a place: Lima and the Peruvians outweigh Syria.
    syria = actors.document_country(
        "In Lima, Peruvian officials said troops left for Syria, where the Southern Front and HTS fight."
    )
    assert syria == "PE"
    found = actors.find("The Southern Front and HTS fight.", syria)
    assert [m.name for m in found] == ["HTS: Hayat Tahrir al Sham"]


def test_the_country_meaning_of_a_shared_phrase_wins(actors: ActorDictionary) -> None:
    # "The national army" is the SNA in Syria and the state's army elsewhere.
    text = "The national army advanced."
    assert [m.name for m in actors.find(text, "SY")] == ["JWS: Syrian National Army"]
    assert [(m.name, m.inter) for m in actors.find(text, "CO")] == [
        ("Military Forces of Colombia", STATE_INTER)
    ]
    # "Al-Shabaab" in Mozambique is Cabo Delgado's insurgency, in Somalia the Somali group.
    assert [m.name for m in actors.find("Al-Shabaab attacked Mocimboa da Praia.", "MZ")] == [
        "Ahlu Sunnah Wa-Jamo"
    ]
    assert [m.name for m in actors.find("Al-Shabaab attacked a base.", "SO")] == ["Al Shabaab"]


def test_maoists_are_named_by_the_report_country(actors: ActorDictionary) -> None:
    text = "The Maoists torched two vehicles."
    assert [m.name for m in actors.find(text, "IN")] == ["CPI (Maoist): Communist Party of India (Maoist)"]
    assert [m.name for m in actors.find(text, "NP")] == ["CPN-M: Communist Party of Nepal (Maoist)"]
    assert [m.kind for m in actors.find(text, None)] == []


def test_short_cased_acronyms_are_words_in_capitals(actors: ActorDictionary) -> None:
    wire = "THE ARMY IS PREPARED TO REPEL ANY GUERRILLA ATTACK ON THE CAPITAL, THE MINISTER SAID."
    assert "Islamic State" not in [m.name for m in actors.find(wire, "SV")]
    assert [m.name for m in actors.find("IS fighters attacked.", "SY")] == ["Islamic State (Syria)"]


# --- Document country ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("THE SALVADORAN ARMY TODAY REPELLED AN ATTACK ON USULUTAN.", "SV"),
        ("Guatemalan soldiers were ambushed near the border.", "GT"),
        ("PERUVIAN POLICE ARRESTED FOUR SUSPECTS.", "PE"),
        ("Colombian troops clashed with rebels.", "CO"),
        ("Bolivian and Chilean officials met; the Chilean delegation left.", "CL"),
        ("Honduran troops patrolled the border.", "HN"),
        ("Nicaraguan soldiers crossed the river.", "NI"),
        ("Ecuadorian police seized arms.", "EC"),
        ("Indian security forces killed two militants.", "IN"),
        ("Pakistani troops shelled the area.", "PK"),
        ("Nigerian soldiers repelled an attack.", "NG"),
        ("Somali forces retook the town.", "SO"),
        ("Malian troops were ambushed.", "ML"),
    ],
)
def test_demonyms_tell_the_country(actors: ActorDictionary, text: str, country: str) -> None:
    assert actors.document_country(text) == country


def test_country_words_inside_other_names_do_not_count(actors: ActorDictionary) -> None:
    # "Latin American" is not the United States, "New Jersey" not Jersey.
    assert actors.document_country("Latin American leaders met in New Jersey.") is None
    assert actors.document_country("LATIN AMERICAN GUERRILLAS ATTACKED LIMA.") == "PE"


def test_a_report_with_no_country_word_takes_its_groups_country(actors: ActorDictionary) -> None:
    assert actors.document_country("AN FMLN UNIT AMBUSHED A MILITARY VEHICLE AT EL BOTIJON.") == "SV"
    assert actors.document_country("THE MRTA CLAIMED RESPONSIBILITY FOR THE MURDER.") == "PE"


def test_demonym_before_a_military_noun_is_that_state(actors: ActorDictionary) -> None:
    found = actors.find("Salvadoran troops and Honduran soldiers patrolled the border.", "SV")
    assert [(m.name, m.inter) for m in found] == [
        ("Military Forces of El Salvador", STATE_INTER),
        ("Military Forces of Honduras", FOREIGN_INTER),
    ]
    # One demonym and the forces' own noun are one mention; a platform after it is not part of the actor.
    assert [m.text for m in actors.find("THE SALVADORAN ARMY ATTACKED.", "SV")] == ["SALVADORAN ARMY"]
    assert [(m.text, m.name) for m in actors.find("Jordanian warplanes struck.", "SY")] == [
        ("Jordanian", "Military Forces of Jordan")
    ]
    found = actors.find("Costa Rican and Nicaraguan forces met.", "CR")
    assert [m.name for m in found] == ["Military Forces of Costa Rica", "Military Forces of Nicaragua"]
    # A Latin American army is nobody's.
    assert [m.name for m in actors.find("Latin American armies met.", "SV")] == []


# --- Police -------------------------------------------------------------------------------------


def test_police_are_the_report_country_police(actors: ActorDictionary) -> None:
    found = actors.find("The police raided the house.", "SV")
    assert [(m.name, m.inter, m.kind) for m in found] == [
        ("Police Forces of El Salvador", STATE_INTER, "state")
    ]
    # The police take their state's period (ACLED: `Police Forces of India (2014-)`).
    assert [m.name for m in actors.find("Policemen were attacked.", "IN")] == [
        "Police Forces of India (2014-)"
    ]
    assert [m.name for m in actors.find("Peruvian police arrested him.", "PE")] == ["Police Forces of Peru"]
    assert [m.kind for m in actors.find("The police raided the house.", None)] == ["unknown_state"]
    # A unit of the police: ACLED's own example.
    found = actors.find("Assam Rifles personnel arrested two cadres.", "IN")
    assert [(m.name, m.kind, m.parent) for m in found] == [
        ("Assam Rifles", "unit", "Police Forces of India (2014-)")
    ]


def test_police_as_a_source_are_a_claimant_not_a_side(actors: ActorDictionary) -> None:
    found = actors.find("Guerrillas killed two peasants, police sources said.", "CO")
    assert [(m.name, m.kind) for m in found] == [
        ("Rebel Forces (Colombia)", "actor"),
        ("Civilians (Colombia)", "actor"),
        ("Police (Colombia)", "claimant"),
    ]


def test_a_defence_ministry_is_the_report_states(actors: ActorDictionary) -> None:
    found = actors.find("The defense ministry said 12 guerrillas died.", "PE")
    assert [(m.name, m.kind, m.parent) for m in found[:1]] == [
        ("Ministry of Defence (Peru)", "claimant", "Military Forces of Peru")
    ]
    found = actors.find("The defense ministry said 12 militants died.", "SY")
    assert found[0].name == "Ministry of Defence of Syria"


# --- Armed groups beyond Syria ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "country", "name"),
    [
        ("Militants of the Lashkar e Toiba attacked a post.", "IN", "LeT: Lashkar-e-Taiba"),
        ("Jaish-e-Mohammed claimed the attack.", "IN", "JeM: Jaish-e-Mohammad"),
        ("Hizb ul Mujahideen cadres fled.", "IN", "HM: Hizbul Mujahideen"),
        ("Three Tehreek e Taliban Pakistan militants were killed.", "PK", "TTP: Tehreek-i-Taliban Pakistan"),
        ("A woman CPI Maoist cadre was killed.", "IN", "CPI (Maoist): Communist Party of India (Maoist)"),
        (
            "NSCN IM militants attacked a post.",
            "IN",
            "NSCN-IM: National Socialist Council of Nagaland (Isak-Muivah)",
        ),
        ("ULFA-I cadres abducted a trader.", "IN", "ULFA-I: United Liberation Front of Asom (Independent)"),
        ("ISWAP fighters overran the base.", "NG", "Islamic State (West Africa)"),
        ("Islamic State fighters overran the base.", "NG", "Islamic State (West Africa)"),
        ("JNIM claimed the ambush.", "ML", "JNIM: Group for Support of Islam and Muslims"),
        ("AQIM kidnapped two tourists.", "ML", "AQIM: Al Qaeda in the Islamic Maghreb"),
        ("SENDERO LUMINOSO COLUMNS ATTACKED THE TOWN.", "PE", "PCP-SL: Shining Path"),
        (
            "THE TUPAC AMARU REVOLUTIONARY MOVEMENT CLAIMED IT.",
            "PE",
            "MRTA: Tupac Amaru Revolutionary Movement",
        ),
        ("THE MANUEL RODRIGUEZ PATRIOTIC FRONT CLAIMED IT.", "CL", "FPMR: Manuel Rodriguez Patriotic Front"),
        ("THE EXTRADITABLES CLAIMED THE BOMBING.", "CO", "Medellin Cartel"),
        ("M-19 GUERRILLAS TOOK THE TOWN.", "CO", "M-19: 19th of April Movement"),
        ("THE CONTRAS ATTACKED A COOPERATIVE.", "NI", "RN: Nicaraguan Resistance (Contras)"),
        ("Fulani herdsmen attacked the village.", "NG", "Fulani Ethnic Militia (Nigeria)"),
    ],
)
def test_armed_groups_beyond_syria(actors: ActorDictionary, text: str, country: str, name: str) -> None:
    assert [m.name for m in actors.find(text, country)][:1] == [name]


def test_a_generic_noun_after_a_named_group_is_that_group(actors: ActorDictionary) -> None:
    found = actors.find("FARC rebels and ELN guerrillas clashed.", "CO")
    assert [(m.text, m.name) for m in found] == [
        ("FARC rebels", "FARC: Revolutionary Armed Forces of Colombia"),
        ("ELN guerrillas", "ELN: National Liberation Army"),
    ]


# --- The real pipeline on wire text -------------------------------------------------------------


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(geocoder=None)


def _events(extractor: Extractor, text: str) -> list[Event]:
    return extractor.extract(Document(text=text, published=date(1990, 1, 12), id="wire"))


def test_upper_case_salvadoran_wire(extractor: Extractor) -> None:
    text = (
        "SAN SALVADOR, 12 JAN 90 -- SALVADORAN ARMY TROOPS CLASHED WITH FMLN GUERRILLAS NEAR SAN MIGUEL "
        "TODAY, LEAVING FIVE REBELS DEAD."
    )
    events = _events(extractor, text)
    assert [(e.actor1, e.actor2, e.inter1, e.inter2) for e in events] == [
        ("Military Forces of El Salvador", "FMLN: Farabundo Marti National Liberation Front", 1, 2)
    ]


def test_upper_case_peruvian_wire_with_police(extractor: Extractor) -> None:
    text = (
        "LIMA, 3 FEB 90 -- SHINING PATH GUERRILLAS AMBUSHED A POLICE PATROL IN AYACUCHO DEPARTMENT, "
        "KILLING THREE POLICEMEN."
    )
    events = _events(extractor, text)
    assert [(e.actor1, e.actor2) for e in events] == [("PCP-SL: Shining Path", "Police Forces of Peru")]


def test_indian_report_names_the_maoists_and_the_police_source(extractor: Extractor) -> None:
    events = _events(
        extractor, "Maoists killed a villager in Sukma District of Chhattisgarh on Monday, police said."
    )
    assert [(e.actor1, e.actor2, e.claimed_by) for e in events] == [
        ("CPI (Maoist): Communist Party of India (Maoist)", "Civilians (India)", "Police (India)")
    ]


def test_unnamed_militants_are_an_unidentified_armed_group_and_named_ones_their_group(
    actors: ActorDictionary,
) -> None:
    mali = "Suspected jihadists killed eight people in central Mali."
    assert [m.name for m in actors.find(mali, actors.document_country(mali))] == [
        "Unidentified Armed Group (Mali)"
    ]
    syria = "Militants of the Islamic State attacked a village in Syria."
    assert [m.name for m in actors.find(syria, "SY")] == ["Islamic State (Syria)"]
    assert [m.name for m in actors.find("Islamic State militants attacked a village.", "SY")] == [
        "Islamic State (Syria)"
    ]
