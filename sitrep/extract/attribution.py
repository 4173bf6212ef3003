"""Who says it happened, and did it happen: claimants, certainty and status.

Status comes from the trigger's own clause in the parse (its chain of heads): "is preparing to
launch an attack" is planned, "it is expected that ISIS will withdraw" expected, "if …, may
outflank" hypothetical, "denied" denied, "had captured the town in 2014" background, "a total of
35 fighters were killed" aggregate. Only occurred and claimed statements become events that
happened. Every cue word is data: the `modality` section of sitrep/data/triggers.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from sitrep.extract.actors import ActorMention
from sitrep.vocab import Triggers

_REPORTING = re.compile(
    r"\b(?:stated|said|says|announced|reported|claimed|claims|claiming|according|statement|quoted|told|added|"
    r"confirmed|published)\b",
    re.IGNORECASE,
)
_PARTY_VERBS = re.compile(
    r"\b(?:claim(?:ed|s|ing)?|said|says|stated|announced|reported|confirmed|admitted)\b", re.IGNORECASE
)
_UNCONFIRMED = re.compile(r"\b(?:unconfirmed|unverified|rumou?rs?|allegedly|reportedly)\b", re.IGNORECASE)
_COMPLEMENT = {"xcomp", "ccomp", "dobj", "pcomp", "advcl"}
# Dependencies that open a new clause: tense and period cues above one belong to another statement.
_CLAUSE_LINKS = {"ccomp", "advcl", "relcl", "acl", "conj", "parataxis", "csubj"}
# Function words on a head-chain token's children: (dependency, modality section, status, reason).
_CHILD_CUES = (
    ("mark", "conditional_marks", "hypothetical", "conditional clause"),
    ("aux", "modal_aux", "hypothetical", "modal auxiliary"),
    ("aux", "future_aux", "expected", "future auxiliary"),
)
# Words that govern the trigger through a complement: (modality section, status, reason).
_GOVERNING = (
    ("planned", "planned", "intention verb governs the trigger"),
    ("expected", "expected", "expectation word governs the trigger"),
    ("denied", "denied", "denial verb governs the trigger"),
    ("claimed", "claimed", "claim verb governs the trigger"),
)


@dataclass(frozen=True)
class Decision:
    """A trigger's status, why it was given (a short phrase) and the sentence's word(s) that cued it."""

    status: str
    reason: str
    cue: str | None = None


OCCURRED = Decision("occurred", "no status cue on the trigger's clause")
_PAST_PERFECT = "past perfect: earlier event recalled"


def clause_status(doc: Doc, token_index: int, vocabulary: Triggers) -> str:
    """The status of the statement a trigger belongs to, read from its head chain in the parse."""
    return clause_decision(doc, token_index, vocabulary).status


def clause_decision(doc: Doc, token_index: int, vocabulary: Triggers) -> Decision:
    """The status of a trigger's statement with its reason and cue, read from its head chain.

    A cue nearest the trigger wins; background and aggregate readings give way to any other cue
    higher up ("denied that its jets had bombed" is denied, not background)."""
    modality = vocabulary.modality
    chain = _head_chain(doc[token_index])
    clause = [token for token, _, inside in chain if inside]
    fallback = _aggregate(doc, clause, modality) or _background(clause, modality) or OCCURRED
    below: Token | None = None  # the token the walk came up from
    for token, arrived, _ in chain:
        # "vowed an inquiry after seven people were murdered": a clause of time or cause tells what
        # happened; the statement above it (a vow, a plan) is another.
        if (
            arrived == "advcl"
            and below is not None
            and any(c.dep_ == "mark" and c.lower_ in modality.get("fact_marks", ()) for c in below.children)
        ):
            return fallback
        below = token
        for child in token.children:
            if child.dep_ == "neg":
                return Decision("denied", "negation", child.text)
            for dep, section, status, reason in _CHILD_CUES:
                if child.dep_ == dep and child.lower_ in modality.get(section, ()):
                    return Decision(status, reason, child.text)
        # A cue word governs the trigger only through a complement ("preparing to launch an
        # attack"), not when the trigger is its subject ("X liberates Y, prepares to storm Z").
        # "an attempt to retake", "a bid to capture": an intention noun governs the trigger too.
        if arrived in ("acl", "prep") and token.lower_ in modality.get("planned", ()):
            return Decision("planned", "intention noun governs the trigger", token.text)
        # "deeply concerned by the attacks", "condemned the violence": an attitude toward acts; the
        # extractor keeps it as an event only where the sentence places or dates the act itself.
        if arrived in ("prep", "agent", "dobj", "pobj") and token.lower_ in modality.get("attitude", ()):
            return Decision("opinion", "an attitude toward the act governs the trigger", token.text)
        if arrived in _COMPLEMENT:
            for section, status, reason in _GOVERNING:
                if token.lower_ in modality.get(section, ()) and not _nobody(token, modality):
                    return Decision(status, reason, token.text)
            # A past perfect under a reporting verb is reported speech, not an earlier event.
            if fallback.reason == _PAST_PERFECT and token.lower_ in modality.get("reporting", ()):
                fallback = Decision("occurred", "past perfect in reported speech", token.text)
    return fallback


def _nobody(verb: Token, modality: dict[str, set[str]]) -> bool:
    """The verb's subject is no one ("nobody has claimed the attack"): no claim, no denial, no plan."""
    return any(
        c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in modality.get("nobody", ()) for c in verb.children
    )


def _head_chain(token: Token) -> list[tuple[Token, str, bool]]:
    """The trigger and its heads: each with the dependency the walk arrived through and whether it
    still lies in the trigger's own clause."""
    chain = []
    arrived = ""  # the dependency through which the walk reached `token` from below
    inside = True
    while len(chain) < 13:
        inside = inside and arrived not in _CLAUSE_LINKS
        chain.append((token, arrived, inside))
        if token.head is token:
            break
        arrived = token.dep_
        token = token.head
    return chain


def _background(clause: list[Token], modality: dict[str, set[str]]) -> Decision | None:
    """An earlier event recalled: a past perfect or a since-clause on the trigger's own clause."""
    for token in clause:
        children = list(token.children)
        for child in children:
            if child.dep_ == "mark" and child.lower_ in modality.get("background", ()):
                return Decision("background", "since-clause: earlier event recalled", child.text)
            if child.dep_ == "prep" and child.lower_ in modality.get("background", ()):
                return Decision("background", "state held since a date or period", _span_text(child))
            # "has since stepped up attacks": what followed an earlier event, told as a trend.
            if child.dep_ == "advmod" and child.lower_ in modality.get("background", ()):
                return Decision("background", "since then: a trend after an earlier event", child.text)
        perfect = [
            c for c in children if c.dep_ == "aux" and c.lower_ in modality.get("past_perfect_aux", ())
        ]
        if perfect:
            # "After the artillery had shelled …", "had retaken the town by Sunday evening", "according
            # to …": the perfect orders the report's own events.
            for child in children:
                if child.dep_ in ("mark", "prep") and child.lower_ in modality.get("sequence_marks", ()):
                    return Decision("occurred", "past perfect orders the report's own events", child.text)
                if child.dep_ == "prep" and child.lower_ in modality.get("reporting", ()):
                    return Decision("occurred", "past perfect in reported speech", child.text)
            return Decision("background", _PAST_PERFECT, perfect[0].text)
    return None


def _aggregate(doc: Doc, clause: list[Token], modality: dict[str, set[str]]) -> Decision | None:
    """A campaign or period total: a total phrase on the trigger's clause or on its casualty figure,
    or "since …" on a clause that holds a figure ("400 civilians have been killed since 2012")."""
    # Read once per parse (a Doc slice costs far more than a list's), with the total phrases it holds.
    key = ("totals", id(modality))
    if key not in doc.user_data:
        # spaCy rebuilds doc.text from its tokens on each access: the extractor leaves it in user_data.
        text = " ".join(str(doc.user_data.get("text") or doc.text).lower().split())

        def present(section: str) -> list[list[str]]:
            return [p.split() for p in modality.get(section, ()) if " ".join(p.split()) in text]

        doc.user_data[key] = (present("aggregate"), present("running_totals"))
    phrases, running = doc.user_data[key]
    since = modality.get("background", set())
    if (
        not phrases
        and not running
        and not any(c.dep_ == "prep" and c.lower_ in since for t in clause for c in t.children)
    ):
        return None  # no total phrase and no "since": nothing to read the figures for
    if "lowers" not in doc.user_data:
        doc.user_data["lowers"] = [t.lower_ for t in doc]
    lowers = doc.user_data["lowers"]
    top = clause[-1]
    figures = {t for t in top.subtree if t.like_num}
    attached = set(clause) | figures | {t.head for t in figures}
    for words in phrases:
        for start in range(len(lowers) - len(words) + 1):
            if lowers[start : start + len(words)] != words:
                continue
            span = doc[start : start + len(words)]
            heads = {t.head for t in span if not start <= t.head.i < span.end}
            if heads & attached:
                return Decision("aggregate", "campaign total", span.text)
    # "killing 111 civilians so far": a running total of the dead or hurt, read through the words the
    # figure counts; a tally of villages taken is the campaign's own event.
    tolls = modality.get("casualty_words", set())
    counted = {t.head.head for t in figures if t.head.head.lower_ in tolls}
    counted |= {t.head for t in figures if t.head.lower_ in tolls}
    for words in running:
        for start in range(len(lowers) - len(words) + 1):
            if lowers[start : start + len(words)] != words:
                continue
            span = doc[start : start + len(words)]
            if {t.head for t in span if not start <= t.head.i < span.end} & counted:
                return Decision("aggregate", "running total", span.text)
    for token in clause:
        for since in token.children:
            since_cue = since.dep_ == "prep" and since.lower_ in modality.get("background", ())
            if since_cue and figures - set(since.subtree):
                return Decision("aggregate", "period total since a date", _span_text(since))
    return None


def _span_text(token: Token) -> str:
    """The words a token heads, as written ("since the start of the war")."""
    doc = token.doc
    return doc[token.left_edge.i : token.right_edge.i + 1].text


def is_restatement(doc: Doc, token_index: int) -> bool:
    """ "By capturing X, …" restates an event told elsewhere rather than reporting a new one."""
    token = doc[token_index]
    # Read off the parse alone (the tagger is not run for extraction): a gerund under "by".
    return token.lower_.endswith("ing") and token.head.lower_ == "by" and token.dep_ == "pcomp"


def claimant(text: str, actors: list[ActorMention]) -> tuple[str | None, float]:
    """Who a sentence attributes its content to, and how certain the wording is (0-1)."""
    certainty = 0.5 if _UNCONFIRMED.search(text) else 0.9
    if not _REPORTING.search(text):
        return None, certainty
    for mention in actors:
        if mention.kind == "claimant":
            return mention.name, certainty
    # A party that says it ("The Islamic State said its fighters …") claims it: the actor right
    # before the reporting verb, with at most a few words between.
    for verb in _PARTY_VERBS.finditer(text):
        before = [m for m in actors if m.end <= verb.start() and m.kind in ("actor", "state") and m.name]
        if before and len(text[before[-1].end : verb.start()].split()) <= 3:
            return before[-1].name, certainty
    return None, certainty
