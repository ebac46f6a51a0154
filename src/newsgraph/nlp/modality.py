"""Modality of an event from its clause: negated, future, hypothetical or asserted.

The cues are data (`resources/modality.tsv`). From the trigger we climb the dependency tree through the
links that embed an event in another (complements, coordination, support verbs, governing nouns) and
collect the cues we meet. Negation wins over hypothesis, hypothesis over future (PLOVER 0.8 manual,
"Auxiliary modes": a denied or predicted attack is never an asserted one). `historical` depends on the
event's date and is decided in `events.py`.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from importlib import resources

from spacy.tokens import Doc, Span, Token

from newsgraph.errors import NewsgraphError
from newsgraph.model import Analysis

__all__ = ["ModalityCues", "cues", "clause_modality", "clause_chain", "MODALITIES"]

MODALITIES = ("asserted", "negated", "future", "hypothetical", "historical")
_RANK = {"negated": 3, "hypothetical": 2, "future": 1}
_SCOPES = {"aux", "neg", "gov", "govnoun", "mark", "phrase", "adv", "amod", "not", "futurepast", "subjdet"}
# Reporting verbs under which "would" is a reported future ("said it would allow").
_REPORTING = {"say", "announce", "tell", "state", "declare", "add", "report", "confirm", "indicate", "insist",
              "promise", "pledge", "warn", "write", "claim", "vow", "quote", "signal", "reiterate"}

# Links through which the modality of the head reaches the dependent (the event is embedded in the head).
_CLAUSE_LINKS = {"ccomp", "xcomp", "acomp", "conj", "pcomp", "csubj", "oprd"}
_NOMINAL_LINKS = {"dobj", "pobj", "prep", "nsubjpass", "attr", "appos", "acl", "compound", "dative", "obj"}
_FULL_LINKS = {"xcomp", "acomp", "conj", "oprd"}  # the head's auxiliaries and negation apply too
# Prepositions of adjuncts ("before his visit", "in Minsk"): the event in them is not embedded in the verb.
_ADJUNCT_PREPS = {"before", "after", "during", "since", "until", "till", "in", "at", "near", "despite", "amid",
                  "amidst", "following", "ahead", "like", "unlike", "besides", "throughout", "within", "from", "by"}


@dataclass(frozen=True)
class ModalityCues:
    """The cue table, by scope: scope -> {cue: modality}."""

    by_scope: dict[str, dict[str, str]]

    def get(self, scope: str, cue: str) -> str | None:
        return self.by_scope.get(scope, {}).get(cue)

    def phrases(self, scope: str) -> dict[str, str]:
        return self.by_scope.get(scope, {})


@functools.cache
def cues() -> ModalityCues:
    """Load `resources/modality.tsv` once per process."""
    by_scope: dict[str, dict[str, str]] = {s: {} for s in _SCOPES}
    text = resources.files("newsgraph.resources").joinpath("modality.tsv").read_text(encoding="utf-8")
    rows = csv.DictReader((line for line in text.splitlines() if line and not line.startswith("#")), delimiter="\t")
    for row in rows:
        scope, modality = row["scope"], row["modality"]
        if scope not in _SCOPES or (modality not in _RANK and scope != "not"):
            raise NewsgraphError(
                f"modality.tsv: bad row {row!r}; scope must be one of {sorted(_SCOPES)} and modality one of "
                f"{sorted(_RANK)}; fix the row in src/newsgraph/resources/modality.tsv"
            )
        by_scope[scope][row["cue"].lower()] = modality
    return ModalityCues(by_scope)


def clause_chain(token: Token) -> list[tuple[Token, str]]:
    """The trigger and the words it is embedded under, each with how it is reached (see `_chain`)."""
    return [(w, k) for w, k, _ in _chain(token)]


def _chain(token: Token) -> list[tuple[Token, str, str]]:
    """The trigger and the words it is embedded under, each with how it is reached.

    Kinds: `self` (the trigger), `full` (a verb whose auxiliaries apply: xcomp, conj), `clause` (a verb
    or adjective whose clause embeds ours: only governing cues apply), `nominal` (a word governing a
    nominal trigger or its clause).
    """
    chain: list[tuple[Token, str, str]] = [(token, "self", "")]
    current = token
    nominal = token.pos_ in ("NOUN", "PROPN") or token.dep_ in ("dobj", "pobj")
    for _ in range(8):
        head, dep = current.head, current.dep_
        if head.i == current.i:
            break
        if dep == "prep" and current.lower_ in _ADJUNCT_PREPS and head.pos_ in ("VERB", "AUX"):
            break
        if dep in _FULL_LINKS or dep in ("nsubj", "nsubjpass") and nominal and head.pos_ in ("VERB", "AUX"):
            kind = "full"
        elif dep in _CLAUSE_LINKS:
            kind = "clause"
        elif dep in _NOMINAL_LINKS:
            kind = "nominal"
        else:
            break
        chain.append((head, kind, dep))
        current = head
        nominal = head.pos_ in ("NOUN", "PROPN")
    return chain


def _own_cue(word: Token, kind: str, table: ModalityCues, dep: str) -> tuple[str, Token] | None:
    """A cue carried by `word` itself as a governor; `dep` is how the event below it is attached."""
    lemma = word.lemma_.lower()
    if kind != "self":
        found = table.get("gov", lemma) or (table.get("govnoun", lemma) if dep in ("dobj", "obj") else None)
        if found:
            return found, word
    return None


def _child_cues(word: Token, kind: str, table: ModalityCues, nominal_trigger: bool) -> list[tuple[str, Token]]:
    """Cues among the children of `word` that apply to an event reached with `kind`."""
    found: list[tuple[str, Token]] = []
    for child in word.children:
        lemma, lower = child.lemma_.lower(), child.lower_
        if kind in ("self", "full"):
            if child.dep_ in ("aux", "auxpass") and (table.get("aux", lower) or table.get("aux", lemma)):
                found.append((table.get("aux", lower) or table.get("aux", lemma), child))
            elif child.dep_ in ("neg", "det", "advmod", "preconj") and table.get("neg", lower):
                if not _not_only(child):
                    found.append((table.get("neg", lower), child))
            elif child.dep_ == "advmod" and table.get("adv", lower):
                found.append((table.get("adv", lower), child))
            elif child.dep_ == "mark" and table.get("mark", lower):
                found.append((table.get("mark", lower), child))
            elif child.dep_ in ("nsubj", "nsubjpass"):
                found.extend((table.get("subjdet", g.lower_), g) for g in child.children
                             if g.dep_ in ("det", "preconj") and table.get("subjdet", g.lower_))
            elif child.dep_ == "amod" and nominal_trigger and word.pos_ in ("NOUN", "PROPN") \
                    and table.get("amod", lower):
                found.append((table.get("amod", lower), child))
        if kind == "clause" and child.dep_ in ("acomp", "attr", "advmod") and table.get("gov", lemma):
            found.append((table.get("gov", lemma), child))
        if kind == "clause" and child.dep_ in ("neg",) and word.lemma_.lower() in ("be",):
            found.append(("negated", child))  # "it is not true that ..." style copulas
    return found


def _has_if(verb: Token) -> bool:
    """The verb has a conditional clause of its own (would ... if ...)."""
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
               for c in verb.children)


def _not_only(token: Token) -> bool:
    """True for the 'not' of 'not only', which is emphasis, not negation."""
    nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return bool(nxt is not None and f"{token.lower_} {nxt.lower_}" in cues().phrases("not"))


_CLOSING = "\"'“”’ "


def _is_question(sent: Span) -> bool:
    """The sentence ends in a question mark, maybe before closing quotes (read from its last tokens only)."""
    for token in reversed(sent):
        text = token.text.rstrip().rstrip(_CLOSING)
        if text:
            return text.endswith("?")
    return False


def _phrase_cues(token: Token, sent: Span, table: ModalityCues) -> list[tuple[str, str]]:
    """Multi-word cues (in the event of, as early as) in the part of the sentence the trigger governs."""
    words = [t.lower_ for t in token.subtree] if token.pos_ == "VERB" else [t.lower_ for t in token.head.subtree]
    text = " " + " ".join(words) + " "
    return [(m, p) for p, m in table.phrases("phrase").items() if f" {p} " in text]


def clause_modality(token: Token, doc: Doc, analysis: Analysis | None = None,
                    support: Token | None = None) -> tuple[str, str | None]:
    """The modality of the event triggered by `token`, and the cue words that decided it (or None).

    `support` is the light verb of a nominal trigger (will launch an attack): its auxiliaries count too.
    """
    if support is not None and support.i != token.i:
        first = clause_modality(token, doc, analysis)
        second = clause_modality(support, doc, analysis)
        return max((first, second), key=lambda m: _RANK.get(m[0], 0))
    table = cues()
    nominal = token.pos_ in ("NOUN", "PROPN")
    found: list[tuple[str, str]] = []
    chain = _chain(token)
    reported = any(kind == "clause" and w.lemma_.lower() in _REPORTING for w, kind, _ in chain)
    for word, kind, dep in chain:
        own = _own_cue(word, kind, table, dep)
        if own:
            found.append((own[0], own[1].text))
        for modality, cue in _child_cues(word, kind, table, nominal):
            if reported and cue.dep_ == "aux" and table.get("futurepast", cue.lower_) and not _has_if(word):
                modality = table.get("futurepast", cue.lower_)
            found.append((modality, cue.text))
    found.extend(_phrase_cues(token, token.sent, table))
    if _is_question(token.sent):
        found.append(("hypothetical", "?"))
    if not found:
        return "asserted", None
    best = max(_RANK[m] for m, _ in found)
    words = [c for m, c in found if _RANK[m] == best]
    modality = next(m for m, r in _RANK.items() if r == best)
    return modality, " ".join(dict.fromkeys(words))
