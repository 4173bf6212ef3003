"""Typed entity spans scored against re3d (Dstl's defence entity gold standard).

A re3d folder holds `documents.json` and `entities.json` (JSON Lines, character offsets into the
document text). Gold spans below `min_confidence` are candidates the annotators rejected and are left
out. Scores are per type and micro over the scored types, for exact spans and for overlapping spans
(a prediction counts if it overlaps a gold span of its type, and a gold span is found if a prediction
of its type overlaps it).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table

from sitrep.extract.entities import EntitySpan, find_entities
from sitrep.model import Document

NAME = "re3d"
SCORED_TYPES = ("Organisation", "Location", "Person", "Weapon", "Vehicle", "MilitaryPlatform")
MIN_CONFIDENCE = 0.5

Finder = Callable[[Document], list[EntitySpan]]


@dataclass
class GoldDocument:
    """One re3d document: its text and its accepted gold spans."""

    id: str
    text: str
    title: str | None
    entities: list[EntitySpan]


@dataclass
class Counts:
    """Counts for one entity type: predictions, gold spans, and the matches under each criterion."""

    predicted: int = 0
    gold: int = 0
    exact: int = 0
    overlap_predicted: int = 0  # predictions that overlap a gold span of their type
    overlap_gold: int = 0  # gold spans overlapped by a prediction of their type

    def add(self, other: Counts) -> None:
        self.predicted += other.predicted
        self.gold += other.gold
        self.exact += other.exact
        self.overlap_predicted += other.overlap_predicted
        self.overlap_gold += other.overlap_gold

    def scores(self, overlap: bool) -> tuple[float, float, float]:
        """Precision, recall and F1 (overlapping spans when `overlap`, exact spans otherwise)."""
        hit_p, hit_g = (self.overlap_predicted, self.overlap_gold) if overlap else (self.exact, self.exact)
        precision = hit_p / self.predicted if self.predicted else 0.0
        recall = hit_g / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1


@dataclass
class Re3dScore:
    """Per-type counts over all scored folders; `types` are the ones the micro average covers."""

    folders: list[str]
    documents: int = 0
    by_type: dict[str, Counts] = field(default_factory=dict)
    types: tuple[str, ...] = SCORED_TYPES

    def micro(self) -> Counts:
        total = Counts()
        for name in self.types:
            total.add(self.by_type.get(name, Counts()))
        return total

    def summary_line(self) -> str:
        micro = self.micro()
        return (
            f"re3d: documents {self.documents}, micro-F1 overlap {micro.scores(True)[2]:.2f} "
            f"(exact {micro.scores(False)[2]:.2f}) over {', '.join(self.types)}"
        )

    def to_json(self) -> dict[str, Any]:
        def row(c: Counts) -> dict[str, Any]:
            out: dict[str, Any] = {"predicted": c.predicted, "gold": c.gold}
            for label, overlap in (("overlap", True), ("exact", False)):
                p, r, f = c.scores(overlap)
                out[label] = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}
            return out

        return {
            "format": NAME,
            "folders": self.folders,
            "documents": self.documents,
            "types": list(self.types),
            "micro": row(self.micro()),
            "by_type": {name: row(c) for name, c in sorted(self.by_type.items())},
        }

    def render(self) -> RenderableType:
        table = Table(title=f"re3d entities ({self.documents} documents)")
        for column in ("type", "gold", "predicted", "P overlap", "R overlap", "F1 overlap", "F1 exact"):
            table.add_column(column, justify="left" if column == "type" else "right")
        rows = [(name, self.by_type[name]) for name in sorted(self.by_type)]
        rows.append(("micro (" + str(len(self.types)) + " types)", self.micro()))
        for name, c in rows:
            p, r, f = c.scores(True)
            style = None if name in self.types or name.startswith("micro") else "dim"
            table.add_row(
                name, str(c.gold), str(c.predicted), f"{p:.2f}", f"{r:.2f}", f"{f:.2f}",
                f"{c.scores(False)[2]:.2f}", style=style,
            )  # fmt: skip
        return Group(table)


def folders(gold_path: str | Path) -> list[Path]:
    """The re3d folders at `gold_path`: itself if it holds entities.json, else its subfolders that do."""
    root = Path(gold_path)
    if (root / "entities.json").is_file():
        return [root]
    found = sorted(p.parent for p in root.glob("*/entities.json"))
    if not found:
        raise FileNotFoundError(f"no re3d folder (documents.json + entities.json) at {root}")
    return found


def _json_lines(path: Path) -> Iterable[dict[str, Any]]:
    # utf-8-sig: the exported files may begin with a byte-order mark.
    with path.open(encoding="utf-8-sig") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def load_folder(folder: Path, min_confidence: float = MIN_CONFIDENCE) -> list[GoldDocument]:
    """The documents of one re3d folder with their gold spans of at least `min_confidence`."""
    docs: dict[str, GoldDocument] = {}
    for row in _json_lines(folder / "documents.json"):
        docs[row["_id"]] = GoldDocument(row["_id"], row["text"], row.get("title"), [])
    for row in _json_lines(folder / "entities.json"):
        doc = docs.get(row["documentId"])
        if doc is None or float(row.get("confidence", 1)) < min_confidence:
            continue
        start, end = int(row["begin"]), int(row["end"])
        doc.entities.append(EntitySpan(start, end, doc.text[start:end], row["type"]))
    return list(docs.values())


def score_document(predicted: list[EntitySpan], gold: list[EntitySpan]) -> dict[str, Counts]:
    """Counts per type for one document."""
    out: dict[str, Counts] = {}
    for span in gold:
        c = out.setdefault(span.type, Counts())
        c.gold += 1
        if any(p.type == span.type and p.start < span.end and span.start < p.end for p in predicted):
            c.overlap_gold += 1
    gold_exact = {(g.start, g.end, g.type) for g in gold}
    for span in predicted:
        c = out.setdefault(span.type, Counts())
        c.predicted += 1
        c.exact += (span.start, span.end, span.type) in gold_exact
        if any(g.type == span.type and g.start < span.end and span.start < g.end for g in gold):
            c.overlap_predicted += 1
    return out


def score(
    gold_path: str | Path,
    finder: Finder | None = None,
    limit: int | None = None,
    min_confidence: float = MIN_CONFIDENCE,
) -> Re3dScore:
    """Run `finder` (default `find_entities`) on every document under `gold_path` and count matches."""
    finder = finder or find_entities
    paths = folders(gold_path)
    result = Re3dScore([p.name for p in paths])
    for path in paths:
        for doc in load_folder(path, min_confidence):
            if limit is not None and result.documents >= limit:
                return result
            predicted = finder(Document(text=doc.text, title=doc.title, source=path.name))
            for name, counts in score_document(predicted, doc.entities).items():
                result.by_type.setdefault(name, Counts()).add(counts)
            result.documents += 1
    return result


def evaluate(
    gold_path: str | Path,
    extract: Callable[..., Any] | None = None,
    limit: int | None = None,
    plot: Any = None,
    **ignored: Any,
) -> Re3dScore:
    """Score `find_entities` on the re3d folder(s) at `gold_path`; the event extractor is not used."""
    return score(gold_path, limit=limit)
