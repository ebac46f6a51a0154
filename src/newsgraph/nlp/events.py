"""Events: PLOVER 0.8 event coding on the dependency parse, with modality, attribution, date, place and size.

Compute, then set: `find_triggers` matches the trigger lexicon (`resources/triggers.tsv`) on each sentence;
`_draft` turns a trigger into an event with its actors (subject/agent/object, with/between partners, against/on
targets; passive agents act, passive subjects receive; hosts receive their visitors); `_apply_wrappers` composes
wrapper verbs with the event they govern (urged Israel to release -> REQUEST yield; threatened to attack ->
THREATEN violence; agreed to withdraw -> CONCEDE); `_finish` adds modality (`modality.py`), `claimed_by` (the
quote around the trigger, else a governing speech verb's subject), date (the clause's DateRef, else the
publication date marked inferred for asserted events), place (a locative place in the clause), size (troops,
dead, injured, arrested from the quantities in the clause) and confidence; `extract_events` keeps events with
an actor, dedupes them per sentence, and folds later definite mentions ("the meeting", "Putin's visit") into
the event they refer to.

Which events are kept: an event needs a known actor or recipient, or at least worded ones ("rebels",
"police"; `Event.source`/`target` only list known entities, so these stand with empty lists and lower
confidence). Rules marked `intrans` (protests, explosions, mobilisation) may also stand with no actor when a
place or a size says where and how big.
"""

from __future__ import annotations

import csv
import functools
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from importlib import resources

from spacy.tokens import Doc, Span, Token

from newsgraph.errors import NewsgraphError
from newsgraph.kb.actors import country_code as kb_country_code
from newsgraph.kb.actors import role_word as kb_role_word
from newsgraph.model import (
    Analysis,
    DateRef,
    Entity,
    Event,
    EventDate,
    EventPlace,
    EventSize,
    Evidence,
    Place,
)
from newsgraph.nlp.actors import entity_at, resolve_pronoun
from newsgraph.nlp.modality import clause_chain, clause_modality
from newsgraph.nlp.tokens import matching

__all__ = ["PLOVER_TYPES", "TriggerRule", "Lexicon", "lexicon", "find_triggers", "extract_events"]

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "SANCTION", "PROTEST", "MOBILIZE", "COERCE", "ASSAULT",
)
_COOPERATIVE = {"CONSULT", "SUPPORT", "COOPERATE", "AID", "AGREE"}
_ACTOR_TYPES = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}
# Quote speech acts that are events themselves (the quotes layer decides the act).
_SPEECH_EVENTS = {"accusation": ("ACCUSE", "allege"), "request": ("REQUEST", None), "demand": ("REQUEST", None),
                  "warning": ("THREATEN", None), "threat": ("THREATEN", None), "agreement": ("AGREE", None),
                  "rejection": ("REJECT", None)}
# Target prepositions by position: the event is directed at their object.
_TARGET_PREPS = {"against", "on", "upon", "at", "into", "toward", "towards"}
_TO_TYPES = {"AID", "SUPPORT", "REQUEST", "ACCUSE", "CONCEDE", "THREATEN", "AGREE", "CONSULT"}
_SPEECH_VERBS = {"say", "tell", "claim", "report", "believe", "expect", "deny", "announce", "allege", "insist",
                 "state", "add", "warn", "write", "argue", "think", "assert", "confirm", "suggest", "fear"}
_PAST_PERFECT = {"had"}
_TIME_PREPS = {"before", "after", "during", "ahead", "following", "since", "until"}
# A place is where an event happens when it is the object of one of these (not an actor: "between Russia and X").
_LOC_PREPS = {"in", "at", "near", "inside", "outside", "across", "to", "into", "from", "around", "throughout", "on"}
# Natural forces and illnesses do what actors do in news grammar ("a storm hit", "the virus killed"): no actor acts.
_NATURAL_FORCES = {"storm", "hurricane", "typhoon", "cyclone", "tornado", "earthquake", "quake", "aftershock",
                   "tsunami", "flood", "flooding", "drought", "wildfire", "bushfire", "blizzard", "avalanche",
                   "landslide", "mudslide", "heatwave", "eruption", "volcano", "lightning", "wind", "rain",
                   "snow", "virus", "disease", "epidemic", "pandemic", "outbreak", "infection", "illness"}
_NON_ACTORS = {"it", "this", "that", "these", "those", "which", "what", "anything", "nothing", "something",
               "everything", "one", "all", "some", "land", "sea", "air", "force", "means", "way", "hand", "phone"}
_PLURAL_PRONOUNS = {"they", "them", "their", "theirs"}
_LEADER_NOUNS = {"head", "leader", "president", "minister", "premier", "chancellor", "ruler", "counterpart"}
_COUNTRY_NOUNS = {"country", "nation", "state", "side", "government", "neighbour", "neighbor", "ally"}


@dataclass(frozen=True)
class TriggerRule:
    """One row of triggers.tsv."""

    head: frozenset[str]
    needs: tuple[frozenset[str], ...]
    pos: str
    type: str
    mode: str | None
    contexts: tuple[str, ...]
    roles: frozenset[str]
    conf: float
    pattern: str

    @property
    def wrap(self) -> bool:
        return self.type.startswith("WRAP:")

    @property
    def base_type(self) -> str:
        return self.type.removeprefix("WRAP:")

    def role(self, name: str) -> str | None:
        """The value of a `name=value` role flag."""
        return next((r.split("=", 1)[1] for r in self.roles if r.startswith(name + "=")), None)

    @property
    def rule_id(self) -> str:
        mode = self.mode or "any"
        lemma = self.pattern.split("|")[0].replace("*", "").replace(" ", "_")
        return f"{self.base_type.lower()}.{mode}.{self.pos.lower()}.{lemma}.v1"


@dataclass(frozen=True)
class Lexicon:
    """Trigger rules indexed by (part of speech, head lemma), longest pattern first."""

    rules: dict[tuple[str, str], tuple[TriggerRule, ...]]


@functools.cache
def lexicon() -> Lexicon:
    """Load `resources/triggers.tsv` once per process."""
    text = resources.files("newsgraph.resources").joinpath("triggers.tsv").read_text(encoding="utf-8")
    rows = csv.DictReader((ln for ln in text.splitlines() if ln and not ln.startswith("#")), delimiter="\t")
    index: dict[tuple[str, str], list[TriggerRule]] = {}
    for row in rows:
        rule = _rule(row)
        for lemma in rule.head:
            index.setdefault((rule.pos, lemma), []).append(rule)
    return Lexicon({k: tuple(sorted(v, key=lambda r: -len(r.needs))) for k, v in index.items()})


def _rule(row: dict[str, str]) -> TriggerRule:
    words = [frozenset(w.split("|")) for w in row["pattern"].lower().split()]
    pos, type_ = row["pos"], row["type"]
    if pos not in ("VERB", "NOUN") or type_.removeprefix("WRAP:") not in PLOVER_TYPES + ("LIGHT",):
        raise NewsgraphError(
            f"triggers.tsv: bad row {row['pattern']!r} ({pos}, {type_}); pos must be VERB or NOUN and type one of "
            f"the 16 PLOVER types, WRAP:<type> or LIGHT; fix src/newsgraph/resources/triggers.tsv"
        )
    marked = [i for i, w in enumerate(words) if any(x.startswith("*") for x in w)]
    at = marked[0] if marked else 0 if pos == "VERB" else len(words) - 1
    words = [frozenset(x.lstrip("*") for x in w) for w in words]
    head, needs = words[at], words[:at] + words[at + 1:]
    dash = lambda v: None if v in ("-", "") else v  # noqa: E731
    return TriggerRule(
        head=head, needs=tuple(needs), pos=pos, type=type_, mode=dash(row["mode"]),
        contexts=tuple(c for c in (row["contexts"] or "-").split(",") if c != "-"),
        roles=frozenset(r for r in (row["roles"] or "-").split(",") if r != "-"),
        conf=float(row["conf"]), pattern=row["pattern"],
    )


# ---------------------------------------------------------------- matching


@dataclass
class Trigger:
    """A matched trigger: the head token, the rule, and the pattern's other tokens."""

    token: Token
    rule: TriggerRule
    parts: list[Token] = field(default_factory=list)

    @property
    def span(self) -> tuple[int, int]:
        toks = [self.token, *self.parts]
        near = [t for t in toks if abs(t.i - self.token.i) <= 3]
        return min(t.idx for t in near), max(t.idx + len(t.text) for t in near)


def _near(token: Token) -> list[Token]:
    """Words two arcs around a trigger, where the other words of a pattern may stand."""
    out = []
    for child in token.children:
        if child.dep_ in ("aux", "auxpass", "mark", "punct", "cc"):
            continue
        out.append(child)
        out.extend(g for g in child.children if g.dep_ not in ("aux", "auxpass", "mark", "punct", "cc"))
    head = token.head
    if head.i != token.i:
        out.append(head)
        if head.head.i != head.i:
            out.append(head.head)
    return out


def _match(token: Token, lex: Lexicon) -> Trigger | None:
    pos = "VERB" if token.pos_ in ("VERB", "AUX") else "NOUN" if token.pos_ in ("NOUN", "PROPN") else None
    if token.pos_ == "ADJ" and token.dep_ in ("dobj", "nsubj", "pobj", "nsubjpass"):
        pos = "NOUN"  # a mis-tagged noun: "another counter-offensive"
    if pos is None:
        return None
    lemma = token.lemma_.lower()
    candidates = lex.rules.get((pos, lemma)) or lex.rules.get((pos, token.lower_)) or _stemmed(token.lower_, pos, lex)
    if not candidates and _in_headline(token):
        candidates = _headline_candidates(token, lex)
    if not candidates:
        return None
    near = _near(token)
    for rule in candidates:
        parts = []
        for need in rule.needs:
            part = next((t for t in near if t.lemma_.lower() in need or t.lower_ in need), None)
            if part is None:
                break
            parts.append(part)
        else:
            return Trigger(token, rule, parts)
    return None


# "X said (that) Y must/should do Z" is a request by X to Y (CAMEO DEMAND convention); not a lexicon row
# because it is a construction over any speech verb, not a word.
_MUST_RULE = TriggerRule(frozenset({"say"}), (), "VERB", "WRAP:REQUEST", None, (), frozenset({"must"}), 0.6, "say+must")
_DEONTIC = {"must", "should", "ought"}
_MUST_VERBS = {"declare", "reiterate", "stress", "demand", "urge"}  # with the speech verbs


def _must_complement(token: Token) -> Token | None:
    """The 'Y must do Z' clause a speech verb governs, if any."""
    if token.lemma_.lower() not in _SPEECH_VERBS | _MUST_VERBS:
        return None
    for child in token.children:
        if child.dep_ == "ccomp" and any(a.dep_ == "aux" and a.lower_ in _DEONTIC for a in child.children):
            return child
    return None


_ENDINGS = ("", "s", "es", "ed", "d", "ing")


def _in_headline(token: Token) -> bool:
    """Title Case headlines ("Luxembourg Approves of Madagascar's Policy") tag their verbs as proper nouns."""
    if not token.is_title or token.pos_ != "PROPN":
        return False
    words = [t for t in token.sent if t.is_alpha and len(t) > 3]
    return len(words) >= 3 and sum(t.is_title for t in words) >= 0.8 * len(words)


def _stemmed(lower: str, pos: str, lex: Lexicon) -> tuple[TriggerRule, ...]:
    """Rules for a word the lemmatizer got wrong ("staged" -> "stag"), by stripping a regular inflection."""
    for end in _ENDINGS[1:]:
        if lower.endswith(end) and len(lower) > len(end) + 2:
            stem = lower[: -len(end)]
            for form in (stem, stem + "e", stem[:-1] if stem[-1:] == stem[-2:-1] else stem):
                rules = lex.rules.get((pos, form))
                if rules:
                    return rules
    return ()


def _headline_candidates(token: Token, lex: Lexicon) -> tuple[TriggerRule, ...]:
    """Rules for a headline word, tried as a verb first, by stripping an inflection."""
    lower = token.lower_
    for pos in ("VERB", "NOUN"):
        rules = tuple(r for r in lex.rules.get((pos, lower), ()) + _stemmed(lower, pos, lex) if not r.needs)
        if rules:
            return rules
    return ()


def _headline_sides(token: Token, analysis: Analysis) -> tuple[list[str], list[str]]:
    """In a headline the parse is unreliable: actors before the trigger act, actors after it receive."""
    sent = token.sent
    before: list[str] = []
    after: list[str] = []
    for ent in analysis.entities:
        for start, _ in ent.mentions:
            if sent.start_char <= start < token.idx and ent.id not in before:
                before.append(ent.id)
            elif token.idx < start < sent.end_char and ent.id not in after + before:
                after.append(ent.id)
    return before, after


@functools.cache
def _trigger_words() -> frozenset[str]:
    """Every word that can start a trigger: lexicon lemmas, their regular inflections (what `_stemmed` undoes) and
    the speech verbs of the "must" construction. A token with neither lemma nor form in this set is no trigger."""
    words = set(_SPEECH_VERBS | _MUST_VERBS)
    for _, lemma in lexicon().rules:
        stems = {lemma, lemma + lemma[-1:]} | ({lemma[:-1]} if lemma.endswith("e") else set())
        words.update(stem + end for stem in stems for end in _ENDINGS)
    return frozenset(words)


def find_triggers(sent: Span, candidates: list[int] | None = None) -> list[Trigger]:
    """Every trigger in the sentence; a word used by a longer pattern is no trigger of its own. `candidates`, the
    indices of the doc's tokens in `_trigger_words()`, spares looking at the other words."""
    lex = lexicon()
    doc = sent.doc
    if candidates is None:
        candidates = matching(doc, _trigger_words())
    tokens = [doc[i] for i in candidates[bisect_left(candidates, sent.start):bisect_left(candidates, sent.end)]]
    found = [t for t in (_match(tok, lex) for tok in tokens) if t is not None]
    heads = {t.token.i for t in found if t.rule.type != "LIGHT"}
    # a generic material verb (provide, send) over an object that is itself a trigger is only its support verb
    found = [t for t in found if t.rule.needs or "obj=none" not in t.rule.roles
             or not any(c.dep_ in ("dobj", "obj") and c.i in heads for c in t.token.children)]
    taken = {t.token.i for t in found if t.rule.type != "LIGHT"}
    found += [Trigger(tok, _MUST_RULE) for tok in tokens if tok.i not in taken and _must_complement(tok) is not None]
    used = {p.i for t in found for p in t.parts if t.rule.type != "LIGHT"}
    return [t for t in found if t.token.i not in used]


# ---------------------------------------------------------------- actors


def _phrase_tokens(head: Token) -> list[Token]:
    """The noun phrase of an argument: its subtree without clauses and without non-"of" prepositions."""
    out = [head]
    for child in head.children:
        if child.dep_ in ("relcl", "acl", "advcl", "ccomp", "punct", "cc", "conj"):
            continue
        if child.dep_ == "prep" and child.lower_ != "of":
            continue
        out.extend(_phrase_tokens(child))
    return out


def _conjuncts(head: Token) -> list[Token]:
    out = [head]
    for child in head.children:
        if child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN", "PRON", "ADJ"):
            out.extend(_conjuncts(child))
    return out


def _entities_of(head: Token, analysis: Analysis, doc: Doc) -> list[Entity]:
    """The entities an argument names, coordinated ones included, pronouns resolved."""
    found: list[Entity] = []
    for conj in _conjuncts(head):
        for ent in _entities_of_one(conj, analysis, doc):
            if ent not in found:
                found.append(ent)
    return found


def _entities_of_one(head: Token, analysis: Analysis, doc: Doc) -> list[Entity]:
    entities = analysis.entities
    if head.pos_ == "PRON":
        ent = (_cataphor(head, analysis, doc) or resolve_pronoun(entities, doc, head.i)
               or _plural_antecedent(head, analysis))
        return [ent] if ent else []
    own = entity_at(entities, head.idx, head.idx + len(head.text))
    if own is not None and own.type == "NORP" and head.pos_ in ("NOUN", "PROPN"):
        located = _located_group(head, analysis, countries_only=True)  # "Albanians in southern Serbia"
        if located and located[0].country != own.country:
            return located
    if own is not None and own.type in _ACTOR_TYPES:
        return [own, *_listed_owners(head, own, analysis)]
    found: list[Entity] = []
    for tok in _phrase_tokens(head)[1:]:
        if _stance_word(tok):
            continue
        if tok.pos_ == "PRON" and tok.dep_ == "poss":
            ent = resolve_pronoun(entities, doc, tok.i)
        else:
            ent = entity_at(entities, tok.idx, tok.idx + len(tok.text))
        if ent is not None and ent.type in _ACTOR_TYPES and ent not in found:
            found.append(ent)
    if not found:
        found = _pair_antecedent(head, analysis)
    if not found and head.pos_ == "NOUN":  # "the foreign ministers of both countries"
        owner = next((o for p in head.children if p.dep_ == "prep" and p.lower_ == "of"
                      for o in p.children if o.dep_ == "pobj"), None)
        found = _pair_antecedent(owner, analysis) if owner is not None else []
    if not found and head.pos_ in ("NOUN", "PROPN"):
        found = _located_group(head, analysis)
    return _prefer_direct(found, head)


_GROUP_PREPS = {"in", "throughout", "across", "of", "from"}


_STANCE = {"pro", "anti"}


def _stance_word(tok: Token) -> bool:
    """'pro-Iranian', 'anti-Western': the word names whom a group favours or opposes, not where it belongs."""
    doc = tok.doc
    if tok.lower_ in _STANCE:
        return True
    return tok.i >= 2 and doc[tok.i - 1].text == "-" and doc[tok.i - 2].lower_ in _STANCE


def _located_group(head: Token, analysis: Analysis, countries_only: bool = False) -> list[Entity]:
    """'rebels in the Ivory Coast', 'thousands of students throughout Indonesia', 'Albanians of southern
    Serbia': a group named by where it is stands for that country's actors (PLOVER codes such actors by
    country and sector). Quantity heads ("tens of thousands of ...") lead to the group they count."""
    word = head
    based = _based_in(head, analysis)
    if based:
        return based  # "a newspaper based in Beirut"
    if not _group_word(head) or _event_noun(head) and head.lemma_.lower() not in _COLLECTIVES:
        return []  # "a jail in Dili" is a place and "talks in Chisinau" an event, not a group of people
    for _ in range(3):
        for prep in word.children:
            if prep.dep_ != "prep" or prep.lower_ not in _GROUP_PREPS:
                continue
            if prep.lower_ == "from" and word.dep_ not in ("nsubj", "nsubjpass"):
                continue  # "officials from X met" is membership; "withdrew forces from X" is a movement's origin
            for obj in prep.children:
                ent = entity_at(analysis.entities, obj.idx, obj.idx + len(obj.text)) if obj.dep_ == "pobj" else None
                if ent is None or ent.type not in ("GPE", "NORP") or not ent.country:
                    continue
                if prep.lower_ != "of" or obj.ent_type_ == "GPE":
                    if not countries_only or _is_country(ent, analysis):
                        return _listed_states(obj, ent, analysis, countries_only)
        counted = next((g for c in word.children if c.dep_ == "prep" and c.lower_ == "of"
                        for g in c.children if g.dep_ == "pobj"), None)
        if counted is None or word.pos_ not in ("NUM", "NOUN") or word.lemma_.lower() not in _COUNT_WORDS:
            break
        word = counted
    return []


def _listed_states(obj: Token, first: Entity, analysis: Analysis, countries_only: bool) -> list[Entity]:
    """'officials from Mongolia, China and Russia': every listed member, each place standing for its state."""
    found = [_as_state(first, analysis)]
    for conj in _conjuncts(obj)[1:]:
        ent = entity_at(analysis.entities, conj.idx, conj.idx + len(conj.text))
        if ent is None or ent.type not in ("GPE", "NORP") or not ent.country:
            continue
        if not countries_only or _is_country(ent, analysis):
            ent = _as_state(ent, analysis)
            if ent not in found:
                found.append(ent)
    return found


def _listed_owners(head: Token, own: Entity, analysis: Analysis) -> list[Entity]:
    """'the foreign ministers of Moldova and Romania' named as one actor of the first country: the other listed
    states act too."""
    out: list[Entity] = []
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ != "of":
            continue
        for obj in prep.children:
            for conj in _conjuncts(obj)[1:] if obj.dep_ == "pobj" else []:
                ent = entity_at(analysis.entities, conj.idx, conj.idx + len(conj.text))
                if ent is not None and ent is not own and ent.country and ent.country != own.country \
                        and _is_country(ent, analysis) and ent not in out:
                    out.append(ent)
    return out


def _as_state(ent: Entity, analysis: Analysis) -> Entity:
    """A city or region stands for its country's actors: the article's entity for that state when it has one."""
    if ent.type not in ("GPE", "LOC", "FAC") or _is_country(ent, analysis):
        return ent
    if not ent.country:
        return ent
    return next((e for e in analysis.entities if e.country == ent.country and _is_country(e, analysis)), ent)


_BASED = {"base", "headquarter", "station", "locate", "headquartered"}


def _based_in(head: Token, analysis: Analysis) -> list[Entity]:
    """'a terror group based in Trinidad', 'a newspaper based in Beirut': where an organisation sits."""
    for acl in head.children:
        if acl.dep_ == "acl" and acl.lemma_.lower() in _BASED:
            for obj in _prep_objects(acl, {"in"}):
                ent = entity_at(analysis.entities, obj.idx, obj.idx + len(obj.text))
                if ent is not None and ent.type == "GPE" and ent.country:
                    return [_as_state(ent, analysis)]
    return []


_COLLECTIVES = {"police", "army", "military", "government", "opposition", "militia", "guerrilla", "group", "force",
                "people", "community", "clergy", "youth", "leadership", "authority", "parliament", "junta", "regime",
                "organization", "organisation", "party", "movement", "union", "front", "faction", "coalition",
                "association", "council", "committee", "alliance", "population", "public", "minority", "majority"}


def _group_word(tok: Token) -> bool:
    """A word that can name a group of people: a plural noun (rebels, students) or a collective (police)."""
    return tok.tag_ in ("NNS", "NNPS") or tok.lemma_.lower() in _COLLECTIVES | _COUNT_WORDS or tok.pos_ == "NUM"


_COUNT_WORDS = {"ten", "tens", "hundred", "hundreds", "thousand", "thousands", "million", "millions", "dozen",
                "dozens", "group", "number", "crowd", "score", "scores", "band", "handful", "lot", "lots"}


def _is_country(ent: Entity, analysis: Analysis) -> bool:
    """The entity is a country-level place (not a city or a people)."""
    if ent.type != "GPE" or not ent.country:
        return False
    return any(p.feature == "country" and p.country == ent.country and p.name == ent.name for p in analysis.places) \
        or kb_country_code(ent.name) == ent.country


def _cataphor(pron: Token, analysis: Analysis, doc: Doc) -> Entity | None:
    """'Before his visit, Putin asked ...': a pronoun in a fronted adjunct names the main clause's subject."""
    if pron.lower_ not in ("his", "her", "he", "she"):
        return None
    root = pron.sent.root
    if pron.i >= root.i:
        return None
    adjunct = next((c for c in root.children
                    if c.dep_ in ("prep", "advcl") and c.left_edge.i <= pron.i <= c.right_edge.i), None)
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if adjunct is None or subj is None or subj.i < adjunct.i:
        return None
    ent = entity_at(analysis.entities, subj.idx, subj.idx + len(subj.text))
    return ent if ent is not None and ent.type == "PERSON" else None


def _prefer_direct(found: list[Entity], head: Token) -> list[Entity]:
    """Modifiers of the head word (Russian officials) beat names inside an 'of' phrase (officials of X)."""
    if len(found) <= 1:
        return found
    direct = [t for t in head.children if t.dep_ in ("amod", "compound", "poss", "nmod", "appos")]
    direct_spans = [(t.left_edge.idx, t.right_edge.idx + len(t.right_edge.text)) for t in direct]
    keep = [e for e in found if any(s <= m[0] < end for m in e.mentions for s, end in direct_spans)]
    return keep or found


def _recent_entities(analysis: Analysis, before: int, types: set[str]) -> list[Entity]:
    """Entities of `types` ordered by their last mention before `before`, most recent first."""
    last: list[tuple[int, Entity]] = []
    for ent in analysis.entities:
        ends = [m[0] for m in ent.mentions if m[1] <= before]
        if ent.type in types and ends:
            last.append((max(ends), ent))
    return [e for _, e in sorted(last, key=lambda p: -p[0])]


def _plural_antecedent(token: Token, analysis: Analysis) -> Entity | None:
    """they/them/their: the most recent group-like entity (NORP, ORG, GPE) before the pronoun."""
    if token.lower_ not in _PLURAL_PRONOUNS:
        return None
    recent = _recent_entities(analysis, token.idx, {"NORP", "ORG", "GPE"})
    return recent[0] if recent else None


def _pair_antecedent(head: Token, analysis: Analysis) -> list[Entity]:
    """'both countries', 'the two heads of state': the two most recent entities of the fitting kind."""
    plural = any(c.lower_ in ("both", "two") for c in head.subtree if c.i < head.i + 3)
    if not plural:
        return []
    lemma = head.lemma_.lower()
    if lemma in _LEADER_NOUNS:
        types = {"PERSON"}
    elif lemma in _COUNTRY_NOUNS:
        types = {"GPE"}
    else:
        return []
    recent = [e for e in _recent_entities(analysis, head.left_edge.idx, types)
              if types != {"GPE"} or _is_country(e, analysis)]  # a city named before is not one of "both countries"
    return recent[:2] if len(recent) >= 2 else []


# ---------------------------------------------------------------- argument structure


@dataclass
class Args:
    """Argument tokens of a trigger, before they are turned into entities."""

    source: list[Token] = field(default_factory=list)
    target: list[Token] = field(default_factory=list)
    objects: list[Token] = field(default_factory=list)  # direct objects (a reciprocal event's other side)
    partners: list[Token] = field(default_factory=list)  # with/between: the other side of a reciprocal event
    places: list[Token] = field(default_factory=list)
    governor: Token | None = None  # the support verb of a nominal trigger
    gov_source: list[Token] = field(default_factory=list)
    hosted: bool = False  # the host rule swapped the sides  # the support verb's subject, when the noun has its own
    worded: list[Token] = field(default_factory=list)  # subject/agent/object words, named or not


def _subject(verb: Token, depth: int = 0) -> tuple[list[Token], bool]:
    """The subject of a verb (inherited through coordination and control) and whether it is passive."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj"):
            return [child], False
        if child.dep_ == "nsubjpass":
            return [child], True
    if depth > 4 or verb.head.i == verb.i:
        return [], False
    head = verb.head
    if verb.dep_ == "conj":
        return _subject(head, depth + 1)
    if verb.dep_ == "acomp":
        return _subject(head, depth + 1)
    if verb.dep_ == "pcomp" and head.head.pos_ in ("VERB", "AUX"):
        return _subject(head.head, depth + 1)  # "resorted to throwing stones"
    if verb.dep_ == "xcomp":
        objs = [c for c in head.children if c.dep_ in ("dobj", "dative")]
        return (objs, False) if objs else _subject(head, depth + 1)
    if verb.dep_ == "relcl" and head.pos_ in ("NOUN", "PROPN"):
        return [head], False
    if verb.dep_ in ("acl", "pcomp") and head.pos_ == "NOUN":
        gov = head.head
        return _subject(gov, depth + 1) if gov.i != head.i and gov.pos_ in ("VERB", "AUX") else ([], False)
    if verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return _subject(head, depth + 1)
    return [], False


def _prep_objects(word: Token, preps: set[str]) -> list[Token]:
    return [g for c in word.children if c.dep_ in ("prep", "agent", "dative") and c.lower_ in preps
            for g in c.children if g.dep_ == "pobj"]


def _verb_args(trig: Trigger) -> Args:
    verb, rule = trig.token, trig.rule
    args = Args()
    subj, passive = _subject(verb)
    agents = _prep_objects(verb, {"by"}) if passive else []
    objects = [c for c in verb.children if c.dep_ in ("dobj", "dative", "obj")]
    args.worded = subj + agents + objects
    if passive:
        args.source, args.target = agents, subj
    else:
        args.source = subj
        if "obj=none" not in rule.roles:
            args.target = objects
            args.objects = objects
    if not args.target:
        args.target = _prep_objects(verb, _TARGET_PREPS)
    if not args.target and rule.base_type in ("ACCUSE", "PROTEST"):  # "complained to the UN over Israeli raids"
        args.target = _prep_objects(verb, {"over", "about"})
    if not args.target and rule.base_type == "RETREAT" and rule.role("from") != "source":
        args.target = _prep_objects(verb, {"from"})  # "withdrew from Chad": the territory's side receives
    if not args.target and rule.base_type in _TO_TYPES:
        args.target = _prep_objects(verb, {"to"}) or [g for o in objects for g in _prep_objects(o, {"to"})]
    args.partners = _prep_objects(verb, {"with", "between", "among"})
    if rule.role("from") == "source":
        givers = _prep_objects(verb, {"from"})
        if givers:
            args.target, args.source = args.source, givers
    if not args.target and rule.base_type == "REQUEST":  # "demanded that the United States match ..."
        comp = next((c for c in verb.children if c.dep_ == "ccomp"), None)
        if comp is not None:
            args.target = [t for t in _subject(comp)[0] if t.pos_ != "PRON" or t.lower_ in _PLURAL_PRONOUNS]
    if "must" in rule.roles:
        clause = _must_complement(verb)
        args.target = _subject(clause)[0] if clause is not None else []
    if "host" in rule.roles:
        if args.target and all(_event_noun(t) for t in args.target):
            args.target = []  # "host a meeting": the host organises it, no visitor is named
        else:
            args.source, args.target = args.target, args.source  # the visitor acts, the host receives
            args.hosted = True
    args.places = _prep_objects(verb, {"in", "at", "near", "to"})
    return args


def _event_noun(tok: Token) -> bool:
    """The word is itself a nominal trigger (meeting, talks, summit), not an actor."""
    return tok.pos_ == "NOUN" and ("NOUN", tok.lemma_.lower()) in lexicon().rules


def _noun_args(trig: Trigger) -> Args:
    noun, rule = trig.token, trig.rule
    args = Args()
    of_role = rule.role("of") or "target"
    args.worded = [c for c in noun.children if c.dep_ == "poss"]
    for child in noun.children:
        if child.dep_ == "poss":
            (args.target if rule.role("poss") == "target" else args.source).append(child)
        elif child.dep_ in ("amod", "compound", "nmod") and child not in trig.parts and child.text[:1].isupper() \
                and child.pos_ in ("PROPN", "ADJ", "NOUN"):
            args.source.append(child)  # Russian air attacks, NATO summit
    for part in trig.parts:
        args.source += [c for c in part.children if c.dep_ == "poss"]  # inspection of its own troops
    args.source += _prep_objects(noun, {"by"})
    args.worded += _prep_objects(noun, {"by"})
    args.target += _prep_objects(noun, _TARGET_PREPS)
    if rule.base_type in _TO_TYPES:
        args.target += _prep_objects(noun, {"to"})
    if rule.base_type == "RETREAT" and rule.role("from") != "source":
        args.target += _prep_objects(noun, {"from"})  # "the withdrawal of forces from Panama"
    ofs = [t for t in _prep_objects(noun, {"of"}) if t not in trig.parts]
    (args.source if of_role == "source" else args.target).extend(ofs)
    if of_role == "source":
        args.worded += ofs
    args.partners = _prep_objects(noun, {"with", "between", "among"})
    args.places = _prep_objects(noun, {"in", "at", "near", "to"})
    gov = _support_verb(noun)
    if gov is not None:
        args.governor = gov
        vargs = _verb_args(Trigger(gov, replace(rule, roles=rule.roles - {"host"})))
        args.gov_source = vargs.source
        if not args.source:
            if gov.lemma_.lower() in ("engage", "involve") and not vargs.source:
                vargs.source, vargs.target = vargs.target, []  # "were engaged in fighting": the subject acts
            args.source = vargs.source
            args.target = args.target or [t for t in vargs.target if t.i != noun.i]
            args.partners = args.partners or vargs.partners
            args.places = args.places or vargs.places
            args.worded += vargs.worded
    if "host" in rule.roles:
        args.source, args.target = args.target, args.source  # a welcome given to X: X is the visitor
        args.hosted = True
    return args


def _support_verb(noun: Token) -> Token | None:
    """The light verb a nominal trigger is the object of (launch an attack, hold talks, take part in talks)."""
    lex = lexicon()
    word = noun
    for _ in range(4):
        head = word.head
        if word.dep_ == "conj" and head.i != word.i and head.pos_ in ("NOUN", "PROPN"):
            word = head  # "launched artillery, mortar and rocket fire"
            continue
        if head.i == word.i or word.dep_ not in ("dobj", "obj", "pobj", "prep", "attr", "nsubjpass"):
            return None
        if head.pos_ in ("VERB", "AUX"):
            rules = lex.rules.get(("VERB", head.lemma_.lower())) or _stemmed(head.lower_, "VERB", lex)
            if any(r.type == "LIGHT" for r in rules):
                return head
            # purpose: "negotiators return to Geneva for talks", "crowds came for a rally": who comes takes part
            purpose = word.dep_ == "prep" and word.lower_ == "for" and word.i > noun.i - 4
            return head if purpose and not rules and head.lemma_.lower() not in _SPEECH_VERBS else None
        word = head
    return None


# ---------------------------------------------------------------- building events


@dataclass
class Draft:
    """An event under construction, with the tokens it came from."""

    trigger: Trigger
    event: Event
    args: Args
    depth: int
    recip: bool = False
    wrapped: Draft | None = None
    unresolved: bool = False  # it has argument words that name no known actor (rebels, police)


def _depth(token: Token) -> int:
    d = 0
    while token.head.i != token.i and d < 50:
        token, d = token.head, d + 1
    return d


def _ids(tokens: list[Token], analysis: Analysis, doc: Doc) -> list[str]:
    out: list[str] = []
    for tok in tokens:
        for ent in _entities_of(tok, analysis, doc):
            if ent.id not in out:
                out.append(ent.id)
    return out


_RELATIONS = {
    "nsubj": "subject of", "csubj": "subject of", "nsubjpass": "passive subject of", "dobj": "object of",
    "obj": "object of", "dative": "indirect object of", "poss": "possessor of", "compound": "modifier of",
    "amod": "modifier of", "nmod": "modifier of", "appos": "apposition to", "relcl": "noun described by",
    "conj": "conjunct of",
}


def _relation(tok: Token) -> str:
    """How an argument word hangs on the parse, in words: "subject of 'visited'", "'by' phrase of 'attacked'"."""
    if tok.dep_ == "pobj":
        prep = tok.head
        kind = " (passive agent)" if prep.dep_ == "agent" else ""
        return f"“{prep.text}” phrase of “{prep.head.text}”{kind}"
    label = _RELATIONS.get(tok.dep_)
    return f"{label} “{tok.head.text}”" if label else f"{tok.dep_} of “{tok.head.text}”"


def _phrase_text(tokens: list[Token], doc: Doc) -> str | None:
    """The words of the argument phrases, coordinated ones joined."""
    out: list[str] = []
    for head in tokens:
        if head.is_punct or head.ent_type_ in ("DATE", "TIME"):
            continue
        toks = [t for c in _conjuncts(head) for t in _phrase_tokens(c)] if head.pos_ != "PRON" else [head]
        lo, hi = min(t.i for t in toks), max(t.i for t in toks)
        while hi > lo and doc[hi].is_punct:
            hi -= 1
        text = doc[lo:hi + 1].text
        if text not in out:
            out.append(text)
    return "; ".join(out) or None


def _arg_reason(tokens: list[Token], ids: list[str], analysis: Analysis, side: str) -> str:
    """Why the source or target is what it is: the relation of each argument word, and what it names."""
    if not tokens and not ids:
        return f"no {side} found: the trigger has no fitting subject, object or prepositional argument"
    parts = [f"“{t.text}” ({_relation(t)})" for t in tokens[:3] if not t.is_punct and t.ent_type_ not in ("DATE",
                                                                                                            "TIME")]
    names = [e.name for i in ids if (e := analysis.entity(i)) is not None]
    named = f" names {', '.join(names)}" if names else " names no known actor (kept as words only)"
    return ("from " + "; ".join(parts) if parts else "from the parse") + named


_OBJECT_RECIPIENT = {"to", "for", "against", "on", "with"}


def _draft(trig: Trigger, analysis: Analysis, doc: Doc) -> Draft:
    rule = trig.rule
    args = _noun_args(trig) if rule.pos == "NOUN" else _verb_args(trig)
    source, target = _ids(args.source, analysis, doc), _ids(args.target, analysis, doc)
    if not source and args.gov_source:  # "the US speeded up the withdrawal of some forces": the forces are its
        gov_ids = [i for i in _ids(args.gov_source, analysis, doc) if i not in target]
        if gov_ids:
            args.source, source = args.gov_source, gov_ids
    reasons = {"source": _arg_reason(args.source, source, analysis, "source"),
               "target": _arg_reason(args.target, target, analysis, "target")}
    if not target and args.target and source:  # "halted aid to Serbia", "a blockade on Palestinian lorries"
        preps = _OBJECT_RECIPIENT | ({"from"} if rule.base_type in ("REJECT", "AGREE", "CONCEDE") else set())
        heads = [t for t in args.target if t.pos_ in ("NOUN", "PROPN")]
        heads += [g for t in heads for g in _prep_objects(t, {"of"})]  # "part of an aid programme for Bosnia"
        inner = [g for t in heads for g in _prep_objects(t, preps)]
        if not inner and rule.base_type in ("SANCTION", "AID", "REJECT") and rule.pos == "VERB":
            inner = _prep_objects(trig.token, {"to", "for"})  # "halted economic aid to Serbia"
        inner_ids = [i for i in _ids(inner, analysis, doc) if i not in source]
        if inner_ids:
            target = inner_ids
            reasons["target"] = _arg_reason(inner, target, analysis, "target") + \
                f" (the recipient of “{args.target[0].text}”)"
    if trig.token.pos_ == "PROPN" and _in_headline(trig.token) and not source and not target:
        source, target = _headline_sides(trig.token, analysis)
        reasons["source"] = "headline: the actors named before the trigger act"
        reasons["target"] = "headline: the actors named after the trigger receive"
    partners = _ids(args.partners, analysis, doc)
    recip = "recip" in rule.roles
    if recip:
        objects = _ids(args.objects, analysis, doc)
        source = source + [p for p in partners + objects if p not in source]
        target = [t for t in target if t not in objects]
        if partners or objects:
            reasons["source"] = _arg_reason(args.source + args.partners + args.objects, source, analysis, "source") \
                + "; reciprocal rule: with/between partners and objects act too"
    elif partners and not target and rule.base_type in ("CONSULT", "COOPERATE", "AGREE", "ASSAULT", "SANCTION",
                                                        "REJECT"):
        target = partners
        reasons["target"] = _arg_reason(args.partners, target, analysis, "target") + " (the other side)"
    target = [t for t in target if t not in source]
    sent = trig.token.sent
    span = trig.span
    if args.hosted:
        reasons["source"] += "; host rule: the visitor acts, the host receives"
    words = analysis.article.text[span[0]:span[1]]  # doc.text is rebuilt token by token on each access
    reasons["type"] = (f"trigger “{words}” matches lexicon row “{rule.pattern}” ({rule.pos} → "
                       f"{rule.base_type}/{rule.mode or '-'}), rule {rule.rule_id}")
    event = Event(
        id="", type=rule.base_type, mode=rule.mode, contexts=list(rule.contexts), source=source, target=target,
        evidence=Evidence(text=analysis.article.text[sent.start_char:sent.end_char],
                          span=(sent.start_char, sent.end_char), trigger_span=span),
        confidence=rule.conf, rule=rule.rule_id, reasons=reasons,
        source_text=_phrase_text(args.source or (args.partners if recip else []), doc),
        target_text=_phrase_text(args.target or (args.partners if not recip and target else []), doc),
    )
    words = [t for t in args.worded + args.partners if t.pos_ in ("NOUN", "PROPN", "PRON", "NUM")
             and t.lower_ not in _NON_ACTORS and t.i != trig.token.i and t not in trig.parts]
    depth = _depth(args.governor) if args.governor is not None else _depth(trig.token)
    return Draft(trig, event, args, depth, recip, unresolved=bool(words))


def _compose(outer: str, inner: Draft) -> tuple[str, str | None]:
    """The type and mode of a wrapper verb governing another event (manual: REQUEST/REJECT modes, AGREE notes)."""
    t, mode = inner.event.type, inner.event.mode
    if outer == "SUPPORT":
        return t, mode  # a law is typed by what it does (triggers.tsv, role law)
    if outer in ("REQUEST", "REJECT"):
        if t == "CONSULT":
            return outer, "meet"
        if t in ("AID", "COOPERATE", "SUPPORT", "AGREE"):
            return outer, "assist"
        if t in ("RETREAT", "CONCEDE"):
            return outer, "yield"
        return outer, "change"
    if outer == "AGREE":
        if t in ("RETREAT", "CONCEDE"):
            return "CONCEDE", None  # manual CONCEDE/RETREAT: promised or declared retreats are CONCEDE
        if t in ("ASSAULT", "COERCE", "MOBILIZE"):
            return "THREATEN", "violence" if t != "COERCE" else mode
        return "AGREE", None
    # THREATEN: the mode is the content of the threat
    if t == "ASSAULT":
        return outer, "violence"
    if t == "COERCE":
        return outer, "arrest" if mode == "arrest" else "restrict"
    if t == "SANCTION":
        return outer, "expel" if mode == "expel" else "relations"
    if t == "REJECT" and mode == "meet":
        return outer, "relations"
    if t == "MOBILIZE":
        return outer, "violence"
    return outer, None


def _inner_of(wrapper: Draft, drafts: list[Draft]) -> Draft | None:
    """The event a wrapper verb governs: the nearest trigger in its complement or object."""
    tok = wrapper.trigger.token
    best: Draft | None = None
    for d in drafts:
        if d is wrapper or d.trigger.rule.type == "LIGHT":
            continue
        chain = clause_chain(d.trigger.token)
        hops = next((i for i, (w, _) in enumerate(chain) if w.i == tok.i), None)
        purpose = d.trigger.token.dep_ == "advcl" and d.trigger.token.head.i == tok.i and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in d.trigger.token.children)  # "sworn to fight"
        hops = 1 if purpose else hops
        if hops is not None and hops <= 4 and (best is None or d.depth < best.depth):
            best = d
    return best


_LAW_WORDS = {"bill", "law", "legislation", "amendment", "decree", "resolution", "act", "measure"}


# Objects that make a rejection a denial ("dismissed rumours that ..."): the embedded event is negated instead.
_DENIED = {"rumour", "rumor", "report", "claim", "allegation", "accusation", "speculation", "suggestion", "charge",
           "assertion", "notion", "idea"}


def _is_denial(d: Draft) -> bool:
    rule, tok = d.trigger.rule, d.trigger.token
    return rule.base_type == "REJECT" and any(
        c.dep_ in ("dobj", "obj") and c.lemma_.lower() in _DENIED for c in tok.children)


def _may_wrap(d: Draft) -> bool:
    """Law-approving verbs wrap only over a bill or law object."""
    if "law" not in d.trigger.rule.roles:
        return True
    return any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in _LAW_WORDS for c in d.trigger.token.children)


def _apply_wrappers(drafts: list[Draft]) -> list[Draft]:
    """Compose wrapper verbs (urge, refuse, agree to, threaten) with the event they govern; drop the inner one."""
    consumed: set[int] = set()
    out: list[Draft] = []
    for d in sorted(drafts, key=lambda x: x.depth):
        if id(d) in consumed:
            continue
        rule = d.trigger.rule
        if _is_denial(d):
            continue  # a denial is no event of its own; modality.py negates what it denies
        if rule.wrap:
            inner = _inner_of(d, drafts) if _may_wrap(d) else None
            if inner is not None and id(inner) not in consumed:
                own = not inner.event.source or set(inner.event.source) & set(d.event.source) \
                    or inner.trigger.token.dep_ == "xcomp"
                if own or rule.base_type in ("REQUEST", "REJECT"):
                    d.event.type, d.event.mode = _compose(rule.base_type, inner)
                    d.event.mode = rule.mode or d.event.mode
                    if "law" in rule.roles:
                        d.event.contexts.append("legislative")
                    if "order" in rule.roles:
                        d.event.type, d.event.mode = inner.event.type, inner.event.mode
                    d.event.contexts = list(dict.fromkeys(d.event.contexts + inner.event.contexts))
                    if rule.base_type == "REJECT" and inner.event.type == "REQUEST" and inner.event.source:
                        d.event.target = d.event.target or inner.event.source  # whose request is rejected
                    d.event.target = d.event.target or [t for t in inner.event.target if t not in d.event.source]
                    if rule.base_type in ("AGREE", "THREATEN") and inner.recip and not d.event.target:
                        d.event.source = list(dict.fromkeys(d.event.source + inner.event.source))
                    d.wrapped = inner
                    d.event.reasons["type"] += (f"; wrapper “{d.trigger.token.text}” governs “"
                                                f"{inner.trigger.token.text}” ({inner.event.type}), composed to "
                                                f"{d.event.type}/{d.event.mode or '-'}")
                    if d.event.target and d.event.reasons["target"].startswith("no target"):
                        d.event.target_text = inner.event.target_text
                        d.event.reasons["target"] = "from the governed event: " + inner.event.reasons.get("target", "")
                    d.event.confidence = max(d.event.confidence, inner.event.confidence)
                    consumed.add(id(inner))
                    d.event.rule = d.event.rule.replace(".v1", f"+{inner.trigger.token.lemma_.lower()}.v1")
            if d.wrapped is None and "inner" in rule.roles:
                continue
        out.append(d)
    return [d for d in out if id(d) not in consumed]


def _claimed_by(trig: Trigger, analysis: Analysis, doc: Doc) -> tuple[str | None, str]:
    """The speaker of the quote around the trigger, else the subject of a governing speech verb; and why."""
    start, end = trig.token.idx, trig.token.idx + len(trig.token.text)
    for quote in analysis.quotes:
        if quote.span[0] <= start and end <= quote.span[1] and quote.speaker:
            cue = quote.cue_span
            if not (cue and cue[0] <= start < cue[1]):
                ent = analysis.entity(quote.speaker)
                who = quote.speaker_text or quote.speaker
                who += f" ({ent.name})" if ent is not None and ent.name != who else ""
                verb = f" (cue “{analysis.article.text[cue[0]:cue[1]]}”)" if cue else ""
                return quote.speaker, f"the trigger lies inside {quote.kind} quote {quote.id} by {who}{verb}"
    for word, _kind in clause_chain(trig.token)[1:]:
        if word.lemma_.lower() in _SPEECH_VERBS:
            subj, passive = _subject(word)
            ids = _ids(subj if not passive else _prep_objects(word, {"by"}), analysis, doc)
            if ids:
                who = (subj or _prep_objects(word, {"by"}))[0].text
                return ids[0], f"reporting verb “{word.text}” governs the trigger; its subject is “{who}”"
    return None, "no quote or reporting verb around the trigger"


def _date_reason(when: EventDate | None) -> str:
    if when is None:
        return "no date expression in the clause, and the event is not an asserted present one"
    if when.inferred:
        return "publication date, inferred: asserted event with no date in its clause"
    return f"the clause's date expression “{when.text}” → {when.start}" + (
        f" to {when.end}" if when.end and when.end != when.start else "")



def _tense_past_perfect(token: Token) -> bool:
    verb = token
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    return any(c.dep_ == "aux" and c.lower_ in _PAST_PERFECT for c in verb.children)


def _clause_tokens(trig: Trigger, args: Args) -> set[int]:
    """Token indices that belong to the event's clause, where its date, place and size may stand."""
    tok = trig.token
    heads = [tok] + ([args.governor] if args.governor is not None else [])
    for word, kind in clause_chain(tok)[1:]:
        if kind == "clause" and word.lemma_.lower() in _SPEECH_VERBS:
            break
        if kind in ("full", "nominal") and word.pos_ in ("VERB", "AUX"):
            heads.append(word)
    out: set[int] = set()
    for head in heads:
        for child in head.children:
            clausal = child.dep_ in ("ccomp", "csubj", "relcl", "advcl") and child.i != tok.i
            if clausal or child.dep_ == "conj" and child.pos_ == "VERB":
                continue
            if child.dep_ == "prep" and child.lower_ in _TIME_PREPS and child.i != tok.i:
                continue
            out.update(t.i for t in child.subtree)
        out.add(head.i)
    if trig.rule.pos == "NOUN":
        out.update(t.i for t in tok.subtree)
    return out


def _fronted_dates(trig: Trigger, dates: list[DateRef]) -> list[DateRef]:
    """Dates in a sentence-initial 'before/after X on DATE,' adjunct time the main clause, not X."""
    tok = trig.token
    if tok.dep_ != "ROOT":
        return []
    out = []
    for child in tok.children:
        if child.dep_ == "prep" and child.i < tok.i and child.lower_ in ("before", "after", "ahead", "during"):
            lo, hi = child.left_edge.idx, child.right_edge.idx + len(child.right_edge.text)
            out += [d for d in dates if lo <= d.span[0] and d.span[1] <= hi]
    return out


def _in_adjunct(token: Token) -> bool:
    """The trigger sits in a temporal or causal adjunct (after the protests, following the killing)."""
    word = token
    for _ in range(4):
        head = word.head
        if head.i == word.i:
            return False
        if word.dep_ == "prep" and word.lower_ in _TIME_PREPS | {"amid", "despite", "over"}:
            return True
        if word.dep_ == "relcl":
            return True  # a relative clause describes a participant, not the news
        if word.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("after", "before", "since", "as", "because",
                                                                         "if", "unless")
                                        for m in word.children):
            return True
        word = head
    return False


def _in_condition(token: Token) -> bool:
    """The trigger sits in an if/unless clause."""
    word = token
    for _ in range(4):
        if word.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in word.children):
            return True
        if word.head.i == word.i:
            return False
        word = word.head
    return False


def _in_fronted_adjunct(token: Token) -> bool:
    for word, _ in clause_chain(token)[1:]:
        if word.dep_ == "prep" and word.lower_ in ("before", "after", "ahead", "during") and word.head.dep_ == "ROOT" \
                and word.i < word.head.i:
            return True
    return token.dep_ == "pobj" and token.head.lower_ in ("before", "after") and token.head.head.dep_ == "ROOT"


def _date_for(d: Draft, analysis: Analysis, doc: Doc, clause: set[int]) -> EventDate | None:
    tok = d.trigger.token
    sent = tok.sent
    in_sent = [x for x in analysis.dates if sent.start_char <= x.span[0] < sent.end_char]
    if _in_fronted_adjunct(tok):
        in_sent = []
    own = [x for x in in_sent if _char_token(doc, x.span[0]) in clause] + _fronted_dates(d.trigger, in_sent)
    own = [x for x in own if x.start or x.end]
    if own:
        best = min(own, key=lambda x: abs(x.span[0] - tok.idx))
        return EventDate(start=best.start, end=best.end or best.start, text=best.text)
    published = analysis.article.published
    if published is not None and d.event.modality == "asserted" and not _tense_past_perfect(tok):
        day = published.date().isoformat()
        return EventDate(start=day, end=day, text=None, inferred=True)
    return None


def _char_token(doc: Doc, char: int) -> int:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span.start if span is not None else -1


_PLACE_NOUNS = {"city", "town", "village", "capital", "port", "province", "region", "district", "county",
                "island", "state", "municipality", "enclave", "suburb", "resort", "outskirts", "centre", "center"}


def _locative(token: Token) -> bool:
    """The place name is the object of a locative preposition (in Minsk), perhaps through a compound or apposition."""
    word = token
    for _ in range(4):
        if word.dep_ == "pobj" and word.head.lower_ == "of" and word.head.head.lemma_.lower() in _PLACE_NOUNS:
            word = word.head.head  # "in the border city of Tacna": the place noun carries the preposition
            continue
        if word.dep_ in ("pobj",):
            return word.head.lower_ in _LOC_PREPS and not (word.head.lower_ == "from" and word.head.head.pos_ in
                                                            ("NOUN", "PROPN", "PRON"))  # "officials from X": origin
        if word.dep_ not in ("compound", "appos", "conj", "amod", "nmod") or word.head.i == word.i:
            return False
        word = word.head
    return False


def _nearest_verb(token: Token) -> int:
    word = token.head
    for _ in range(12):
        if word.pos_ in ("VERB", "AUX") or word.head.i == word.i:
            return word.i
        word = word.head
    return word.i


def _place_for(d: Draft, analysis: Analysis, doc: Doc, clause: set[int]) -> tuple[EventPlace, Place] | None:
    tok = d.trigger.token
    if d.event.type != "CONSULT" and d.event.target:  # "aid to Ukraine": a recipient, not where it happened
        clause = clause - {t.i for a in d.args.target for t in a.subtree}
    own_verbs = {tok.i, _nearest_verb(tok)} | ({d.args.governor.i} if d.args.governor is not None else set())
    preferred = {t.i for a in d.args.places for t in a.subtree}
    sent = tok.sent
    best: tuple[int, Place, tuple[int, int]] | None = None
    for place in analysis.places:
        for m in place.mentions:
            if not sent.start_char <= m[0] < sent.end_char:
                continue
            i = _char_token(doc, m[0])
            if i in clause and _nearest_verb(doc[i]) in own_verbs and _locative(doc[i]):
                rank = 0 if i in preferred else 1
                if best is None or (rank, abs(i - tok.i)) < (best[0], abs(_char_token(doc, best[2][0]) - tok.i)):
                    best = (rank, place, m)
    if best is None:
        return None
    place, m = best[1], best[2]
    text = analysis.article.text[m[0]:m[1]]
    word = doc[_char_token(doc, m[0])]
    while word.dep_ in ("compound", "appos", "conj", "amod", "nmod") and word.head.i != word.i:
        word = word.head
    phrase = f"{word.head.text} {text}" if word.dep_ == "pobj" else text
    site = f"; a site: {place.reason}" if place.feature == "site" else ""
    d.event.reasons["place"] = f"locative phrase “{phrase}” in the clause → {place.name}" + (
        f" ({place.country})" if place.country else "") + site
    return EventPlace(name=place.name, country=place.country, lat=place.lat, lon=place.lon,
                      geonameid=place.geonameid, text=text), place


_SIZE_UNITS = {
    "troops": {"soldier", "troop", "fighter", "personnel", "serviceman", "servicemen", "reservist", "recruit",
               "marine", "paratrooper", "militant", "police", "policeman", "officer"},
    "dead": {"dead", "death", "killed", "fatality", "casualty"},
    "injured": {"injured", "wounded", "injury"},
    "arrested": {"arrested", "detained", "arrest", "detainee", "prisoner"},
}


def _size_for(d: Draft, analysis: Analysis, doc: Doc, clause: set[int]) -> EventSize:
    size = EventSize()
    lemma = d.trigger.token.lemma_.lower()
    for q in analysis.quantities:
        i = _char_token(doc, q.span[0])
        if i not in clause:
            continue
        unit = (q.unit or "").lower()
        words = {unit, unit.rstrip("s"), *(w.lower().rstrip("s") for w in q.text.split())}
        kind = next((k for k, units in _SIZE_UNITS.items() if words & units), None)
        if kind is None and unit in ("person", "people") and lemma in ("kill", "massacre", "execute", "shoot"):
            kind = "dead"
        if kind is None and unit in ("person", "people") and d.event.type == "COERCE" and d.event.mode == "arrest":
            kind = "arrested"
        if kind and getattr(size, kind) is None:
            setattr(size, kind, int(q.value))
            d.event.reasons["size"] = (d.event.reasons.get("size", "") + "; " if d.event.reasons.get("size") else
                                       "") + f"{kind} from the quantity “{q.text}” in the clause"
    if not any(vars(size).values()):
        d.event.reasons["size"] = "no troop, casualty or arrest quantity in the clause"
    return size


def _relative_modality(event: Event, published: datetime | None) -> str:
    """Dates after publication make an asserted event future; well before it, historical."""
    if event.modality != "asserted" or event.date is None or event.date.inferred or published is None:
        return event.modality
    today = published.date()
    start, end = _pad(event.date.start, "01"), _pad(event.date.end or event.date.start, "28")
    if start and start > today:
        return "future"
    if end and (today - end).days > 60:
        return "historical"
    return event.modality


def _pad(value: str | None, day: str) -> date | None:
    if not value:
        return None
    parts = value[:10].split("-")
    try:
        if len(parts) == 1:
            return date(int(parts[0]), 1 if day == "01" else 12, int(day))
        if len(parts) == 2:
            return date(int(parts[0]), int(parts[1]), int(day))
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


_WILLING = {"will", "would", "wo", "shall", "can", "could", "ca"}
_CONCESSIVE = {"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"}


def _verb_of(token: Token) -> Token:
    return token if token.pos_ in ("VERB", "AUX") else token.head if token.head.pos_ in ("VERB", "AUX") else token


def _refusal_or_threat(d: Draft) -> None:
    """'will not accept' is a refusal (REJECT); 'will withdraw unless ...' a threat (THREATEN)."""
    ev = d.event
    verb = _verb_of(d.trigger.token)
    kids = list(verb.children)
    neg = any(c.dep_ == "neg" for c in kids)
    willing = any(c.dep_ == "aux" and c.lower_ in _WILLING for c in kids)
    if ev.type in _CONCESSIVE and ev.modality == "negated" and neg and willing:
        inner = Draft(d.trigger, replace(ev), d.args, d.depth)
        ev.type, ev.mode = _compose("REJECT", inner)
        ev.modality = "asserted"  # the refusal itself is what happened
        ev.rule = ev.rule.replace(".v1", "+refusal.v1")
        ev.reasons["type"] += "; “will not” over a concessive act is a refusal (REJECT)"
        ev.reasons["modality"] = "the refusal itself was stated: asserted (the refused act is negated)"
        return
    unless = any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless" for m in c.children) for c in kids)
    if ev.modality == "future" and unless and ev.type not in ("THREATEN", "REQUEST"):
        inner = Draft(d.trigger, replace(ev), d.args, d.depth)
        ev.type, ev.mode = _compose("THREATEN", inner)
        ev.modality = "asserted"  # the conditional announcement is the threat
        ev.rule = ev.rule.replace(".v1", "+unless.v1")
        ev.reasons["type"] += "; a future act with an “unless” clause is a threat (THREATEN)"
        ev.reasons["modality"] = "the conditional announcement is the threat itself: asserted"


def _own_threat(d: Draft) -> None:
    """An actor announcing its own possible coercion or violence threatens (manual: THREATEN, not ASSAULT +
    hypothetical): "Iraq said it may ban the general", "Israel warned it would strike"."""
    ev = d.event
    own = ev.claimed_by is not None and ev.claimed_by in ev.source
    if own and ev.type in ("ASSAULT", "COERCE", "SANCTION") and ev.modality == "hypothetical":
        inner = Draft(d.trigger, replace(ev), d.args, d.depth)
        ev.type, ev.mode = _compose("THREATEN", inner)
        ev.modality = "asserted"  # the threat itself was made
        ev.rule = ev.rule.replace(".v1", "+own_threat.v1")
        ev.reasons["type"] += "; the speaker's own possible coercion or violence is a threat (THREATEN)"
        ev.reasons["modality"] = "the threat itself was made: asserted"


def _finish(d: Draft, analysis: Analysis, doc: Doc) -> None:
    """Modality, attribution, date, place, size and confidence of a draft, in place."""
    ev, tok = d.event, d.trigger.token
    ev.modality, cue = clause_modality(tok, doc, analysis, d.args.governor)
    ev.reasons["modality"] = (f"cue “{cue}” governs “{tok.text}” in its clause: {ev.modality}" if cue else
                              "no negation, future or hypothetical cue in the clause")
    _refusal_or_threat(d)
    if ev.type in _COOPERATIVE - {"AGREE"} and ev.modality == "future":
        ev.type, ev.mode = "AGREE", None  # manual AGREE: future cooperation is an expressed intent
        ev.reasons["type"] += "; future cooperation is an expressed intent (AGREE)"
    if ev.type == "RETREAT" and ev.modality == "future":
        ev.type, ev.mode = "CONCEDE", None  # manual RETREAT: "announced ... would withdraw troops" is CONCEDE
        ev.reasons["type"] += "; an announced retreat is a concession (CONCEDE)"
    ev.claimed_by, ev.reasons["claimed_by"] = _claimed_by(d.trigger, analysis, doc)
    _own_threat(d)
    clause = _clause_tokens(d.trigger, d.args)
    ev.date = _date_for(d, analysis, doc, clause)
    ev.reasons["date"] = _date_reason(ev.date)
    before = ev.modality
    ev.modality = _relative_modality(ev, analysis.article.published)
    if ev.modality != before and ev.date is not None:
        ev.reasons["modality"] = (f"the event's date {ev.date.start} lies "
                                  f"{'after' if ev.modality == 'future' else 'well before'} publication: "
                                  f"{ev.modality}")
    found = _place_for(d, analysis, doc, clause)
    if found is None and d.wrapped is not None:  # "agreed to postpone the demonstration in Baku"
        inner = d.wrapped
        found = _place_for(inner, analysis, doc, _clause_tokens(inner.trigger, inner.args))
        if found is not None:
            ev.reasons["place"] = "from the governed event: " + inner.event.reasons.get("place", "")
    ev.place = found[0] if found else None
    if found:
        _place_group(d, found[1], analysis)
        _place_target(d, found[1], analysis)
    if ev.place is None:
        ev.reasons["place"] = "no locative phrase (in/at/near a place) in the clause"
    _visited_place(d, analysis)
    _places_as_states(d, analysis)
    ev.size = _size_for(d, analysis, doc, clause)
    # main-clause events and events with known actors are the surer ones
    bonus = 0.05 * bool(ev.source) + 0.05 * bool(ev.target) + (0.1 if d.depth == 0 else 0.05 if d.depth == 1 else 0)
    if not ev.source and not ev.target:
        bonus -= 0.1  # the actors are only worded, not known
    if _in_fronted_adjunct(tok) or _in_adjunct(tok):
        bonus -= 0.15  # background ("after violent protests"), not the news of the sentence
    if _in_condition(tok):
        bonus -= 0.2  # "... if it is attacked": a condition is never the news of the sentence
    ev.confidence = round(min(0.99, ev.confidence + bonus), 2)
    if cue:
        ev.rule += f"|modality:{cue}"


def _visited_place(d: Draft, analysis: Analysis) -> None:
    """'visits Manchester', 'returned to Geneva': a meeting's recipient that is a city or region (not a state) is
    where the meeting happens; it leaves the target, which keeps only actors."""
    ev = d.event
    if ev.type != "CONSULT" or not ev.target:
        return
    kept: list[str] = []
    for i in ev.target:
        ent = analysis.entity(i)
        place = _place_of(ent, analysis) if ent is not None and ent.type in ("GPE", "LOC", "FAC") \
            and not _is_country(ent, analysis) else None
        if place is None:
            kept.append(i)
            continue
        state = _as_state(ent, analysis)
        if state is not ent and state.id not in kept:
            kept.append(state.id)  # the host state named in the article is the recipient
        if ev.place is None:
            ev.place = EventPlace(name=place.name, country=place.country, lat=place.lat, lon=place.lon,
                                  geonameid=place.geonameid, text=ent.name)
            ev.reasons["place"] = f"the meeting's recipient “{ent.name}” is a place, not an actor → {place.name}"
    if kept != ev.target:
        ev.target = kept
        ev.reasons["target"] += "; a place visited is where the meeting happens, its state the recipient"


def _place_of(ent: Entity, analysis: Analysis) -> Place | None:
    """The places-layer place that shares a mention with the entity."""
    return next((p for p in analysis.places if any(m in p.mentions for m in ent.mentions)), None)


def _places_as_states(d: Draft, analysis: Analysis) -> None:
    """Places never act: a city, region or site on either side stands for its state when the article names that
    state ("visits Manchester" with the United Kingdom named); the state is listed once."""
    ev = d.event
    for side in ("source", "target"):
        ids = getattr(ev, side)
        out: list[str] = []
        for i in ids:
            ent = analysis.entity(i)
            state = _as_state(ent, analysis) if ent is not None else None
            new = state.id if state is not None else i
            if new not in out:
                out.append(new)
        if out != ids:
            setattr(ev, side, out)
            ev.reasons[side] += "; a place stands for its state"
    ev.target = [i for i in ev.target if i not in ev.source] or ev.target


def _person_word(tok: Token) -> bool:
    """A noun for a person or body by role ("a minister", "the police"), from the role table."""
    return kb_role_word(tok.lemma_.lower()) is not None or kb_role_word(tok.lower_) is not None


def _place_group(d: Draft, place: Place, analysis: Analysis) -> None:
    """A worded group with no country of its own ("prisoners rioted at a jail in Dili", "ethnic Albanians
    demonstrated in Serbia") acts for the country where the event happens (PLOVER codes such actors by place)."""
    ev = d.event
    words = [t for t in d.args.source if (t.pos_ == "NOUN" or t.pos_ == "PROPN" and ev.source)
             and t.lower_ not in _NON_ACTORS and not _event_noun(t) and (_group_word(t) or _person_word(t))]
    if not words or not place.country:
        return
    ethnic = [analysis.entity(i) for i in ev.source]
    if ev.source and not (len(ethnic) == 1 and ethnic[0] is not None and ethnic[0].type == "NORP"
                          and ethnic[0].country != place.country and place.feature == "country"
                          and any(c.lower_ == "ethnic" for c in words[0].subtree)):
        return
    ent = next((e for e in analysis.entities if e.type in ("GPE", "LOC") and e.country == place.country
                and any(m in place.mentions for m in e.mentions)), None)
    if ent is None:
        return
    ent = _as_state(ent, analysis)
    ev.source = [ent.id]
    ev.reasons["source"] = (f"“{words[0].text}” ({_relation(words[0])}) names no state of its own; the group "
                            f"acts where the event happens: {place.name} ({place.country})")


_PLACE_TARGETED = {"COERCE", "MOBILIZE", "ASSAULT"}


def _place_target(d: Draft, place: Place, analysis: Analysis) -> None:
    """A curfew, blockade, deployment or attack with no named recipient is directed at the place where it happens
    (PLOVER codes the population of that place as the target): "imposed a curfew in the town of Cizre"."""
    ev = d.event
    kind = d.wrapped.event.type if ev.type == "THREATEN" and d.wrapped is not None else ev.type
    if ev.target or not ev.source or kind not in _PLACE_TARGETED or not place.country or d.args.target:
        return
    ent = next((e for e in analysis.entities if e.type in ("GPE", "LOC") and e.country == place.country
                and any(m in place.mentions for m in e.mentions)), None)
    if ent is None:
        return
    ent = _as_state(ent, analysis)
    if ent.id in ev.source:
        return
    ev.target = [ent.id]
    ev.reasons["target"] = (f"no recipient named; a {ev.type} event is directed at the place where it happens: "
                            f"{place.name} ({place.country})")


def _keep(d: Draft) -> bool:
    """Events need an actor or a recipient (named, or at least worded: "rebels", "police"); intransitive rules
    may stand alone when a place or size says where."""
    ev = d.event
    has_obj = any(c.dep_ in ("dobj", "obj") or c.dep_ == "ccomp" and _subject(c)[0]
                  for c in d.trigger.token.children)  # "allow candidate X to participate" parses X as a subject
    if "obj" in d.trigger.rule.roles and not has_obj or "noobj" in d.trigger.rule.roles and has_obj:
        return False
    if any(t.pos_ == "NOUN" and t.lemma_.lower() in _NATURAL_FORCES for t in d.args.source):
        return False  # "Storm hits Midwest", "the quake destroyed homes": nobody acted
    if ev.source or ev.target or d.unresolved:
        return True
    return "intrans" in d.trigger.rule.roles and (ev.place is not None or any(vars(ev.size).values()))


def _speech_events(analysis: Analysis, doc: Doc, taken: list[tuple[int, int]]) -> list[Draft]:
    """Quotes whose speech act is an event (accusation, request, warning, agreement) and no trigger covered."""
    out: list[Draft] = []
    for quote in analysis.quotes:
        act = _SPEECH_EVENTS.get(quote.speech_act or "")
        if act is None or not quote.speaker or not quote.cue_span:
            continue
        if any(s < quote.cue_span[1] and quote.cue_span[0] < e for s, e in taken):
            continue
        span = doc.char_span(*quote.cue_span, alignment_mode="expand")
        if span is None:
            continue
        tok = span.root
        targets = [e.id for e in analysis.entities if e.id != quote.speaker and e.type in _ACTOR_TYPES
                   and any(quote.span[0] <= m[0] < quote.span[1] for m in e.mentions)]
        rule = TriggerRule(frozenset({tok.lemma_.lower()}), (), "VERB", act[0], act[1], (), frozenset(), 0.5,
                           tok.lemma_.lower())
        trig = Trigger(tok, rule)
        sent = tok.sent
        tname = next((e.name for e in analysis.entities if targets and e.id == targets[0]), None)
        reasons = {"type": f"quote {quote.id} has speech act “{quote.speech_act}” (cue “{tok.text}”), which is "
                           f"an event of its own: {act[0]}",
                   "source": f"the speaker of quote {quote.id} (“{quote.speaker_text or quote.speaker}”)",
                   "target": f"the first other actor named in the quote: {tname}" if tname else
                             "no other actor named in the quote"}
        event = Event(id="", type=act[0], mode=act[1], source=[quote.speaker], target=targets[:1],
                      evidence=Evidence(text=analysis.article.text[sent.start_char:sent.end_char],
                                        span=(sent.start_char, sent.end_char),
                                        trigger_span=tuple(quote.cue_span)),
                      confidence=0.5, rule=f"{act[0].lower()}.speech_act.{quote.speech_act}.v1",
                      reasons=reasons, source_text=quote.speaker_text, target_text=tname)
        out.append(Draft(trig, event, Args(), _depth(tok)))
    return out


def _dedupe(drafts: list[Draft]) -> list[Draft]:
    """One event per trigger; the same type by the same actors in one sentence is one event (the outermost)."""
    best: dict[tuple, Draft] = {}
    for d in sorted(drafts, key=lambda x: (x.depth, -x.event.confidence)):
        ev = d.event
        actors = tuple(sorted(ev.source)) or ("target",) + tuple(sorted(ev.target))
        key = (ev.evidence.span, ev.type, actors)
        if key in best:
            kept = best[key].event
            if not kept.target and ev.target:
                kept.target, kept.target_text = ev.target, ev.target_text
                kept.reasons["target"] = "from another trigger of the same event in the sentence: " + \
                    ev.reasons.get("target", "")
            kept.size = kept.size if any(vars(kept.size).values()) else ev.size
            continue
        best[key] = d
    return sorted(best.values(), key=lambda d: d.trigger.token.i)


def _is_reference(d: Draft) -> bool:
    """A definite nominal mention (the meeting, Putin's visit, his visit) may refer to an event already told."""
    tok = d.trigger.token
    if tok.pos_ not in ("NOUN", "PROPN"):
        return False
    return any(c.dep_ == "poss" or c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children)


def _merge_references(drafts: list[Draft], analysis: Analysis) -> list[Draft]:
    """Fold later definite mentions of an asserted event into it, keeping the more specific place."""
    kept: list[Draft] = []
    features = {p.name: p.feature for p in analysis.places}
    for d in drafts:
        ev = d.event
        ante = None
        if _is_reference(d) and ev.modality in ("asserted", "historical"):
            for k in kept:
                same = k.event.type == ev.type and k.event.modality == "asserted"
                overlap = set(ev.source + ev.target) & set(k.event.source + k.event.target)
                if same and (overlap or not ev.source):
                    ante = k
        if ante is None:
            kept.append(d)
            continue
        a = ante.event
        if not a.target and [t for t in ev.target if t not in a.source]:
            a.target = [t for t in ev.target if t not in a.source]
            a.target_text = ev.target_text
            a.reasons["target"] = "from a later mention of the same event: " + ev.reasons.get("target", "")
        finer = (a.place is not None and ev.place is not None and ev.place.country == a.place.country
                 and features.get(a.place.name) == "country" and features.get(ev.place.name) != "country")
        if ev.place and (a.place is None or finer):
            a.place = ev.place
            a.reasons["place"] = "from a later mention of the same event: " + ev.reasons.get("place", "")
        if a.date is None or a.date.inferred and ev.date is not None and not ev.date.inferred:
            if ev.date is not None:
                a.reasons["date"] = "from a later mention of the same event: " + ev.reasons.get("date", "")
            a.date = ev.date or a.date
    return kept


def _drop_protest_topics(drafts: list[Draft]) -> list[Draft]:
    """Manual PROTEST: the topic of a protest (typically a REQUEST: "rallied to demand reforms") is no event."""
    anchors = {i for d in drafts if d.event.type == "PROTEST"
               for i in (d.trigger.token.i, d.args.governor.i if d.args.governor is not None else -1)}

    def topic(d: Draft) -> bool:
        word = d.trigger.token
        for _ in range(3):
            if word.head.i == word.i:
                return False
            word = word.head
            if word.i in anchors:
                return True
        return False

    return [d for d in drafts if not (d.event.type == "REQUEST" and topic(d))]


def extract_events(doc: Doc, analysis: Analysis) -> list[Event]:
    """PLOVER events of the article, each with modality, actors, date, place, size and evidence."""
    drafts: list[Draft] = []
    candidates = matching(doc, _trigger_words())
    for sent in doc.sents:
        triggers = find_triggers(sent, candidates)
        sent_drafts = [_draft(t, analysis, doc) for t in triggers]
        events = [d for d in sent_drafts if d.trigger.rule.type != "LIGHT"]
        drafts.extend(_drop_protest_topics(_apply_wrappers(events)))
    drafts += _speech_events(analysis, doc, [d.event.evidence.trigger_span for d in drafts])
    for d in drafts:
        _finish(d, analysis, doc)
    drafts = _merge_references(_dedupe([d for d in drafts if _keep(d)]), analysis)
    events = [d.event for d in drafts]
    return [replace(ev, id=f"v{i}") for i, ev in enumerate(events, 1)]
