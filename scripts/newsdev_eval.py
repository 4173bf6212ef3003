"""Score sitrep's extractor against the hand-coded real-news dev set (docs/newsdev/).

Inputs: docs/newsdev/articles.jsonl (id, url, published, ...), docs/newsdev/gold.jsonl (events and
non-events per article) and the article texts in devdata/news/<id>.txt (git-ignored; see
docs/newsdev/RECIPE.md to rebuild them). Articles whose text is missing are skipped and counted.

Matching rule (one record -> at most one gold event, one gold event -> at most one record):
  1. Only gold events of the same article are candidates.
  2. A candidate must be in the same sub-event *family* (ACLED event_type: Battles,
     Explosions/Remote violence, Violence against civilians, Protests, Riots, Strategic developments)
     AND agree on location or on date:
       - location: equal after normalising (case, accents, apostrophes, a leading "al-"/"ar-"/...;
         a gold "City - District" also accepts "City" or "District"); one containing the other
         ("Baghdad's Tahrir Square" and "Baghdad"); or the gold place named in the record's own
         evidence sentences (a record placed at the market the sentence names, gold at its town), or
       - event_date: equal ISO dates (a gold date of null never agrees).
     A location-only agreement is void when both dates are known and lie more than 7 days apart
     (a recap of "the operation began in October 2016" must not take a June 2017 capture).
  3. Score = location agrees + date agrees + exact sub_event_type agrees; pairs are assigned
     greedily, best score first, then in document order. So when two gold events share family,
     place and day (common: several captures in "Mosul - Old City" the same day), which record
     takes which is arbitrary; the per-field figures are then slightly noisy.
  4. A record with a candidate whose every candidate is already taken is a "duplicate"; a record
     with no candidate at all is "unmatched" (not an event, or an event the gold does not hold).
Gold actor fields may be a string or a list of acceptable names (any one is right); comparison is
case-insensitive and exact otherwise.

Figures: records total; unmatched (+ share) and duplicates; gold recall; on matched pairs:
actor1 right, actor1/actor2 swapped, event_date right (pairs whose gold date is known; biased
upwards, since a date agreement is one way to match, so also shown on location-matched pairs only),
claimed marking right (gold "claimed" events whose record has status "claimed"), and records
marked claimed where gold says occurred; "denials reported as events": happened records whose
evidence sentence carries a denial cue (deny/denied/refute/...) in an article whose gold lists a
denial non-event; "old-dated": records dated more than 14 days before publication (usually a
background recap turned into an event).

Split: --split tune|test sorts the ids by sha1(id) and takes the first or second half, so the
team tunes on one half and reports the other. --ids-file restricts to the ids listed (one a line).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "docs" / "newsdev" / "articles.jsonl"
GOLD = ROOT / "docs" / "newsdev" / "gold.jsonl"
NEWS = ROOT / "devdata" / "news"

FAMILY = {
    "Armed clash": "Battles",
    "Government regains territory": "Battles",
    "Non-state actor overtakes territory": "Battles",
    "Chemical weapon": "Explosions/Remote violence",
    "Air/drone strike": "Explosions/Remote violence",
    "Suicide bomb": "Explosions/Remote violence",
    "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Remote explosive/landmine/IED": "Explosions/Remote violence",
    "Grenade": "Explosions/Remote violence",
    "Peaceful protest": "Protests",
    "Protest with intervention": "Protests",
    "Excessive force against protesters": "Protests",
    "Violent demonstration": "Riots",
    "Mob violence": "Riots",
    "Agreement": "Strategic developments",
    "Arrests": "Strategic developments",
    "Change to group/activity": "Strategic developments",
    "Disrupted weapons use": "Strategic developments",
    "Headquarters or base established": "Strategic developments",
    "Looting/property destruction": "Strategic developments",
    "Non-violent transfer of territory": "Strategic developments",
    "Other": "Strategic developments",
    "Sexual violence": "Violence against civilians",
    "Attack": "Violence against civilians",
    "Abduction/forced disappearance": "Violence against civilians",
}
DENIAL_CUE = re.compile(r"\b(den(y|ies|ied|ial)|refut\w*|reject\w*|dismiss\w*)\b", re.IGNORECASE)
OLD_DAYS = 14
LOC_ONLY_DAYS = 7


# -- loading ---------------------------------------------------------------------------------------
def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def split_ids(ids: list[str], split: str | None) -> list[str]:
    """The tune or test half of `ids` (by sha1 of the id), or all of them."""
    if split is None:
        return ids
    ranked = sorted(ids, key=lambda i: hashlib.sha1(i.encode("utf-8")).hexdigest())
    half = (len(ranked) + 1) // 2
    chosen = set(ranked[:half] if split == "tune" else ranked[half:])
    return [i for i in ids if i in chosen]


# -- comparison helpers ----------------------------------------------------------------------------
def norm_place(name: str | None) -> str:
    if not name:
        return ""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[’'`]", "", text)
    text = re.sub(r"^(al|ar|as|ad|an|at|el|ash|az)[- ]", "", text.strip())
    return re.sub(r"[^a-z0-9]+", "", text)


def place_variants(gold_location: str | None) -> set[str]:
    if not gold_location:
        return set()
    parts = [gold_location, *gold_location.split(" - ")]
    return {norm_place(p) for p in parts if norm_place(p)}


def options(value: str | list[str] | None) -> set[str]:
    if value is None:
        return set()
    values = value if isinstance(value, list) else [value]
    return {v.strip().lower() for v in values}


def same_actor(record_actor: str | None, gold_actor: str | list[str] | None) -> bool:
    return bool(record_actor) and record_actor.strip().lower() in options(gold_actor)


YEARS = re.compile(r"\s*\((\d{4})-(\d{4})?\)")


def same_actor_loose(record_actor: str | None, gold_actor: str | list[str] | None) -> bool:
    """`same_actor`, ignoring a regime-years suffix such as "(2014-)"."""
    if not record_actor:
        return False
    return YEARS.sub("", record_actor).strip().lower() in {YEARS.sub("", o) for o in options(gold_actor)}


def iso(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else str(value)


# -- matching --------------------------------------------------------------------------------------
@dataclass
class Pair:
    record: Any
    gold: dict[str, Any] | None
    kind: str  # "matched", "duplicate", "unmatched"
    by_location: bool = False


def same_place(record: Any, gold: dict[str, Any]) -> bool:
    variants = {v for v in place_variants(gold.get("location")) if len(v) >= 4}
    if not variants:
        return False
    own = norm_place(record.location) if record.location else ""
    if own and any(own == v or (len(own) >= 4 and (own in v or v in own)) for v in variants):
        return True
    evidence = norm_place(" ".join(e.text for e in record.evidence))
    return any(v in evidence for v in variants)


def agreement(record: Any, gold: dict[str, Any]) -> tuple[bool, bool]:
    loc = same_place(record, gold)
    day = gold.get("event_date") is not None and iso(record.event_date) == gold["event_date"]
    if loc and not day and gold.get("event_date") and isinstance(record.event_date, date):
        # A place alone does not match a record dated far from the gold event (a recap).
        gap = abs((record.event_date - date.fromisoformat(gold["event_date"])).days)
        loc = gap <= LOC_ONLY_DAYS
    return loc, day


def match(records: list[Any], golds: list[dict[str, Any]]) -> list[Pair]:
    scored: list[tuple[int, int, int]] = []
    has_candidate: set[int] = set()
    for r_index, record in enumerate(records):
        family = FAMILY.get(record.sub_event_type or "")
        for g_index, gold in enumerate(golds):
            if family is None or FAMILY.get(gold["sub_event_type"]) != family:
                continue
            loc, day = agreement(record, gold)
            if not (loc or day):
                continue
            has_candidate.add(r_index)
            score = int(loc) + int(day) + int(record.sub_event_type == gold["sub_event_type"])
            scored.append((score, r_index, g_index))
    scored.sort(key=lambda t: (-t[0], t[1], t[2]))
    taken_r: dict[int, int] = {}
    taken_g: set[int] = set()
    for _, r_index, g_index in scored:
        if r_index in taken_r or g_index in taken_g:
            continue
        taken_r[r_index] = g_index
        taken_g.add(g_index)
    pairs: list[Pair] = []
    for r_index, record in enumerate(records):
        if r_index in taken_r:
            gold = golds[taken_r[r_index]]
            pairs.append(Pair(record, gold, "matched", agreement(record, gold)[0]))
        elif r_index in has_candidate:
            pairs.append(Pair(record, None, "duplicate"))
        else:
            pairs.append(Pair(record, None, "unmatched"))
    return pairs


# -- tallies ---------------------------------------------------------------------------------------
@dataclass
class Tally:
    articles: int = 0
    missing_text: list[str] = field(default_factory=list)
    gold_events: int = 0
    gold_non_events: int = 0
    records: int = 0
    unmatched: int = 0
    duplicates: int = 0
    matched: int = 0
    actor1_right: int = 0
    actor1_loose: int = 0
    swapped: int = 0
    dated_pairs: int = 0
    date_right: int = 0
    loc_dated_pairs: int = 0
    loc_date_right: int = 0
    gold_claimed: int = 0
    claimed_right: int = 0
    false_claimed: int = 0
    gold_occurred_matched: int = 0
    denials_as_events: int = 0
    old_dated: int = 0


def share(part: int, whole: int) -> str:
    return f"{part}/{whole} = {part / whole:.0%}" if whole else f"{part}/0 = n/a"


def evidence_text(record: Any) -> str:
    return " ".join(e.text for e in (record.evidence or []))


def score_article(
    article: dict[str, Any], gold: dict[str, Any], records: list[Any], tally: Tally, verbose: bool
) -> None:
    golds = gold["events"]
    pairs = match(records, golds)
    has_denial = any(n["kind"] == "denial" for n in gold["non_events"])
    published = date.fromisoformat(article["published"])
    tally.articles += 1
    tally.gold_events += len(golds)
    tally.gold_non_events += len(gold["non_events"])
    tally.records += len(records)
    for pair in pairs:
        record = pair.record
        # A denial made into a record of its own: the sentence the record was read from denies; a
        # claim that a denial disputes carries the denial as evidence too, tagged "disputed".
        made_from = record.evidence[0].text if record.evidence else ""
        if has_denial and DENIAL_CUE.search(made_from) and "disputed" not in (record.tags or ""):
            tally.denials_as_events += 1
        if isinstance(record.event_date, date) and (published - record.event_date).days > OLD_DAYS:
            tally.old_dated += 1
        if pair.kind == "unmatched":
            tally.unmatched += 1
            continue
        if pair.kind == "duplicate":
            tally.duplicates += 1
            continue
        g = pair.gold
        assert g is not None
        tally.matched += 1
        tally.actor1_right += same_actor(record.actor1, g["actor1"])
        tally.actor1_loose += same_actor_loose(record.actor1, g["actor1"])
        tally.swapped += same_actor(record.actor1, g["actor2"]) and (
            g["actor1"] is None or same_actor(record.actor2, g["actor1"]) or record.actor2 is None
        )
        if g.get("event_date"):
            tally.dated_pairs += 1
            tally.date_right += iso(record.event_date) == g["event_date"]
            if pair.by_location:
                tally.loc_dated_pairs += 1
                tally.loc_date_right += iso(record.event_date) == g["event_date"]
        if g["status"] == "claimed":
            tally.gold_claimed += 1
            tally.claimed_right += record.status == "claimed"
        else:
            tally.gold_occurred_matched += 1
            tally.false_claimed += record.status == "claimed"
    if verbose:
        print_article(article, golds, pairs)


def print_article(article: dict[str, Any], golds: list[dict[str, Any]], pairs: list[Pair]) -> None:
    print(f"\n== {article['id']}  ({article['published']}, {article['conflict']})")
    matched_golds = {id(p.gold) for p in pairs if p.gold is not None}
    for pair in pairs:
        r = pair.record
        mark = {"matched": "OK ", "duplicate": "DUP", "unmatched": "-- "}[pair.kind]
        print(
            f"  {mark} {r.sub_event_type} | {r.actor1} / {r.actor2} | {iso(r.event_date)} | "
            f"{r.location} | {r.status}" + (f" ({r.claimed_by})" if r.claimed_by else "")
        )
        snippet = evidence_text(r)[:140].replace("\n", " ")
        print(f"        evidence: {snippet}")
        if pair.gold is not None:
            g = pair.gold
            print(
                f"        gold: {g['sub_event_type']} | {g['actor1']} / {g['actor2']} | {g['event_date']} | {g['status']}"
            )
    for g in golds:
        if id(g) not in matched_golds:
            print(
                f"  MISS gold: {g['sub_event_type']} | {g['event_date']} | {g['location']} | {g['what'][:90]}"
            )


def report(tally: Tally, label: str) -> None:
    print(f"\n### {label}")
    print(
        f"articles scored: {tally.articles}"
        + (f" (text missing: {len(tally.missing_text)})" if tally.missing_text else "")
    )
    print(f"gold events: {tally.gold_events}   gold non-events: {tally.gold_non_events}")
    print(f"records total: {tally.records}")
    print(f"records matching no gold event (not events): {share(tally.unmatched, tally.records)}")
    print(f"duplicate records (their gold event already taken): {share(tally.duplicates, tally.records)}")
    print(f"matched records: {share(tally.matched, tally.records)}")
    print(f"gold recall (gold events matched): {share(tally.matched, tally.gold_events)}")
    print(f"  actor1 right: {share(tally.actor1_right, tally.matched)}")
    print(f"  actor1 right ignoring regime years: {share(tally.actor1_loose, tally.matched)}")
    print(f"  actor1/actor2 swapped: {share(tally.swapped, tally.matched)}")
    print(f"  event_date right (gold date known): {share(tally.date_right, tally.dated_pairs)}")
    print(
        "  event_date right, pairs matched on location (unbiased by the date rule): "
        f"{share(tally.loc_date_right, tally.loc_dated_pairs)}"
    )
    print(f"  claimed marking right (gold claimed): {share(tally.claimed_right, tally.gold_claimed)}")
    print(f"  marked claimed but gold occurred: {share(tally.false_claimed, tally.gold_occurred_matched)}")
    print(f"denials reported as events: {tally.denials_as_events}")
    print(
        f"records dated > {OLD_DAYS} days before publication (background recaps): {share(tally.old_dated, tally.records)}"
    )

    def pct(a: int, b: int) -> str:
        return f"{a / b:.0%}" if b else "n/a"

    print(
        f"newsdev {label}: records {tally.records}, not events {pct(tally.unmatched, tally.records)}, "
        f"duplicates {pct(tally.duplicates, tally.records)}, gold found {pct(tally.matched, tally.gold_events)}, "
        f"actor1 {pct(tally.actor1_right, tally.matched)} ({pct(tally.actor1_loose, tally.matched)} without "
        f"regime years), swapped {pct(tally.swapped, tally.matched)}, date {pct(tally.date_right, tally.dated_pairs)}, "
        f"claimed {pct(tally.claimed_right, tally.gold_claimed)}, denials as events {tally.denials_as_events}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("tune", "test"), help="score one deterministic half")
    parser.add_argument("--ids-file", type=Path, help="score only the ids listed (one a line)")
    parser.add_argument("--verbose", "-v", action="store_true", help="per-article listing")
    parser.add_argument("--no-geocode", action="store_true", help="extract without the gazetteer")
    args = parser.parse_args(argv)

    from sitrep.core import make_extractor
    from sitrep.model import Document

    articles = {a["id"]: a for a in read_jsonl(ARTICLES)}
    golds = {g["id"]: g for g in read_jsonl(GOLD)}
    ids = [i for i in golds if i in articles]
    if args.ids_file:
        wanted = {line.strip() for line in args.ids_file.read_text().splitlines() if line.strip()}
        ids = [i for i in ids if i in wanted]
    ids = split_ids(ids, args.split)

    tally = Tally()
    documents: list[tuple[str, Any]] = []
    for article_id in ids:
        path = NEWS / f"{article_id}.txt"
        if not path.exists():
            tally.missing_text.append(article_id)
            continue
        article = articles[article_id]
        text = path.read_text(encoding="utf-8")
        documents.append(
            (
                article_id,
                Document(
                    text=text,
                    title=article.get("title"),
                    published=date.fromisoformat(article["published"]),
                    source=article.get("outlet"),
                    url=article.get("url"),
                    path=str(path),
                ),
            )
        )
    extractor = make_extractor(geocode=not args.no_geocode)
    results = extractor.extract_many([d for _, d in documents]) if documents else []
    for (article_id, _), records in zip(documents, results, strict=True):
        score_article(articles[article_id], golds[article_id], records, tally, args.verbose)
    report(tally, f"split={args.split or 'all'}" + (f" ids-file={args.ids_file}" if args.ids_file else ""))
    if tally.missing_text:
        print(f"missing texts: {', '.join(tally.missing_text)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
