"""Fusion and control through `sitrep.core.ingest`: the real extractor, real SQLite files, the seed report."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from sitrep.core import ingest
from sitrep.store import Store
from tests.fuse.conftest import DENIAL, OTHER_VILLAGE, SECOND, WEEK_LATER, report

SAA = "Military Forces of Syria (2000-)"
IS = "Islamic State (Syria)"
RAS_AL_AIN = 165507
MASKANAH = 167080
DEIR_HAFER = 170785


def fused_by_place(store: Store) -> dict[tuple, object]:
    return {(e.geonameid, e.event_date, e.sub_event_type): e for e in store.fused_events() if e.geonameid}


def test_seed_control_as_of_its_day_matches_the_gold(tmp_path, extractor, seed):
    with Store(str(tmp_path / "seed.db")) as store:
        result = ingest([seed], store, extractor)
        assert result.places >= {RAS_AL_AIN, MASKANAH}
        rows = {row.geonameid: row for row in store.control_as_of(date(2017, 5, 29))}
    ras = rows[RAS_AL_AIN]
    assert (ras.holder, ras.since, ras.contested) == (SAA, date(2017, 5, 28), False)
    assert ras.confidence == pytest.approx(0.9)
    assert len(ras.evidence) == 1
    # The railway station west of Maskanah (geo_precision 2) does not move the town; the strike inside it
    # shows Islamic State is there.
    maskanah = rows[MASKANAH]
    assert maskanah.holder == IS
    assert maskanah.holder != SAA
    assert maskanah.confidence == pytest.approx(0.5)
    # Before the capture, nothing is known about Ras al-Ain al-Ahmar.
    assert RAS_AL_AIN not in {row.geonameid for row in store_rows(tmp_path / "seed.db", date(2017, 5, 27))}


def store_rows(path, day):
    with Store(str(path)) as store:
        return store.control_as_of(day)


def test_ingesting_the_seed_twice_changes_nothing(tmp_path, extractor, seed):
    with Store(str(tmp_path / "twice.db")) as store:
        ingest([seed], store, extractor)
        first = [e.to_dict() for e in store.fused_events(statuses=None)]
        control = store.control_as_of(date(2017, 5, 29))
        again = ingest([seed], store, extractor)
        assert (again.stored, again.already) == (0, 1)
        assert [e.to_dict() for e in store.fused_events(statuses=None)] == first
        assert store.control_as_of(date(2017, 5, 29)) == control
        assert store.fused_count() == len(first) == store.counts()["events"]


def test_a_second_report_of_the_same_fighting_adds_sources_not_events(tmp_path, extractor, seed):
    with Store(str(tmp_path / "two.db")) as store:
        ingest([seed], store, extractor)
        before = store.fused_count()
        ingest([report(SECOND, "Other Outlet")], store, extractor)
        assert store.counts()["documents"] == 2
        assert store.fused_count() == before
        fused = fused_by_place(store)
        ras = fused[(RAS_AL_AIN, date(2017, 5, 28), "Government regains territory")]
        assert ras.source == "Other Outlet; Seed Wire"
        assert {span.document_id for span in ras.evidence} == {seed.id, report(SECOND, "Other Outlet").id}
        assert len(store.fused_reports(ras.event_id)) == 2
        assert {s.source for s in store.fused_sources(ras.event_id)} == {"Seed Wire", "Other Outlet"}
        strike = next(e for e in store.fused_events() if e.sub_event_type == "Air/drone strike")
        assert (strike.geonameid, strike.source) == (MASKANAH, "Other Outlet; Seed Wire")
        station = fused[(MASKANAH, date(2017, 5, 27), "Government regains territory")]
        assert station.geo_precision == 2 and "; " in station.source
        rows = {row.geonameid: row for row in store.control_as_of(date(2017, 5, 29))}
        assert rows[RAS_AL_AIN].holder == SAA
        assert rows[MASKANAH].holder == IS


def test_reports_of_other_events_stay_apart(tmp_path, extractor, seed):
    with Store(str(tmp_path / "apart.db")) as store:
        ingest([seed], store, extractor)
        before = store.fused_count()
        ingest([report(OTHER_VILLAGE, "Village Wire")], store, extractor)
        ingest([report(WEEK_LATER, "Later Wire", date(2017, 6, 5))], store, extractor)
        assert store.fused_count() == before + 2
        fused = fused_by_place(store)
        assert fused[(DEIR_HAFER, date(2017, 5, 28), "Government regains territory")].source == "Village Wire"
        assert fused[(RAS_AL_AIN, date(2017, 5, 28), "Government regains territory")].source == "Seed Wire"
        assert (
            fused[(RAS_AL_AIN, date(2017, 6, 4), "Non-state actor overtakes territory")].source
            == "Later Wire"
        )
        # The recapture a week later moves Ras al-Ain al-Ahmar back; the history keeps both spans.
        history = store.control_history("Ras al-Ain al-Ahmar")
        assert [(s.holder, s.since, s.until, s.contested) for s in history] == [
            (SAA, date(2017, 5, 28), date(2017, 6, 4), False),
            (IS, date(2017, 6, 4), None, False),
        ]
        assert store.control_history(RAS_AL_AIN) == history
        assert {
            row.holder for row in store.control_as_of(date(2017, 6, 1)) if row.geonameid == RAS_AL_AIN
        } == {SAA}
        deir = [row for row in store.control_as_of(date(2017, 5, 29)) if row.geonameid == DEIR_HAFER]
        assert [(r.holder, r.since) for r in deir] == [(SAA, date(2017, 5, 28))]


def test_a_denial_is_kept_and_flagged_and_the_lowest_toll_wins(tmp_path, extractor, seed):
    with Store(str(tmp_path / "denial.db")) as store:
        ingest([seed, report(DENIAL, "Denial Wire")], store, extractor)
        fused = fused_by_place(store)
        ras = fused[(RAS_AL_AIN, date(2017, 5, 28), "Government regains territory")]
        assert ras.status == "occurred"
        assert ras.tags == "disputed"
        assert sorted(m.status for m in store.fused_reports(ras.event_id)) == ["denied", "occurred"]
        strike = next(e for e in store.fused_events() if e.sub_event_type == "Air/drone strike")
        assert strike.fatalities == 5
        assert strike.claims["killed"].value == 5
        row = next(r for r in store.control_as_of(date(2017, 5, 29)) if r.geonameid == RAS_AL_AIN)
        # Still held, but a disputed capture is less certain than an undisputed one.
        assert row.holder == SAA
        assert row.confidence == pytest.approx(0.54)


def test_ingest_order_does_not_change_the_fused_events_or_control(tmp_path, extractor, seed):
    documents = [seed, report(SECOND, "Other Outlet"), report(DENIAL, "Denial Wire")]
    outcomes = []
    for n, order in enumerate(itertools.permutations(documents)):
        with Store(str(tmp_path / f"order{n}.db")) as store:
            for document in order:
                ingest([document], store, extractor)
            events = sorted(
                (e.to_dict() for e in store.fused_events(statuses=None)), key=lambda d: str(sorted(d.items()))
            )
            outcomes.append((events, store.control_as_of(date(2017, 5, 29))))
    assert len(outcomes) == 6
    for events, control in outcomes[1:]:
        assert events == outcomes[0][0]
        assert control == outcomes[0][1]
