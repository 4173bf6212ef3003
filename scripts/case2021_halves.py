"""CASE-2021 dev half, scored on its two halves: `tune` (the snippets the team studied while writing the
sub-event rules) and `test` (never looked at, measured once per round). The halves are fixed by the
parity of the sha1 of each snippet's id, so anyone gets the same split.

    .venv/bin/python scripts/case2021_halves.py [--split tune|test|all] [--gold PATH] [--errors]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
from collections import Counter
from pathlib import Path

from sitrep.evaluate.acled import first_reported
from sitrep.evaluate.case2021 import load_codes
from sitrep.extract.events import Extractor
from sitrep.model import Document

GOLD = Path(__file__).resolve().parents[2] / "shared" / "data" / "dev" / "case2021" / "dev_half.tsv"


def half(snippet_id: str) -> str:
    return "tune" if int(hashlib.sha1(snippet_id.encode()).hexdigest(), 16) % 2 == 0 else "test"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("tune", "test", "all"), default="test")
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--errors", action="store_true", help="list the snippets typed wrong")
    args = parser.parse_args()
    codes = load_codes()
    extractor = Extractor(geocoder=None)
    n: Counter[str] = Counter()
    right: Counter[str] = Counter()
    predicted: Counter[str] = Counter()
    with args.gold.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            gold = codes.get(row["SubType"].strip().upper())
            if not gold or (args.split != "all" and half(row["id"]) != args.split):
                continue
            event = first_reported(extractor.extract(Document(text=row["EventSnippet"])))
            guess = (event.sub_event_type or "untyped") if event else "no event"
            n[gold] += 1
            predicted[guess] += 1
            right[gold] += guess == gold
            if args.errors and guess != gold:
                print(f"[{gold} -> {guess}] {row['EventSnippet'][:160]}")
    f1 = {}
    for c in sorted(n):
        precision = right[c] / predicted[c] if predicted[c] else 0.0
        recall = right[c] / n[c]
        f1[c] = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        print(f"{c:40s} n={n[c]:3d} P={precision:.2f} R={recall:.2f} F1={f1[c]:.2f}")
    total = sum(n.values())
    weighted = sum(f1[c] * n[c] for c in n) / total
    print(
        f"case2021 {args.split}: snippets {total}, accuracy {sum(right.values()) / total:.3f}, "
        f"weighted F1 {weighted:.3f}, macro F1 {sum(f1.values()) / len(f1):.3f}, "
        f"lowest recall {min(right[c] / n[c] for c in n):.2f}"
    )


if __name__ == "__main__":
    main()
