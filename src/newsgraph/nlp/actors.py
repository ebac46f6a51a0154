"""Actors: named entities found, merged into one entity per real-world actor, and coded.

Two spaCy components improve the model's entities on news about states (`add_pipes`):

- `newsgraph_entity_ruler` (before "ner") presets places, demonyms, organisations and well-known people from our
  knowledge tables, so that "Kyiv", "Sochi" or "Belarus" are places, never people;
- `newsgraph_entity_fixer` (after "ner") trims edges ("the", "'s", trailing numbers and common nouns), drops
  entities without a letter, corrects labels with our tables and spreads a person's surname over the document.

`extract_entities` then groups mentions into actors: people by name (full name, surname, spelling variants),
role descriptions ("the Kremlin boss", "the Belarusian head of state") merged into the one named person whose
country and office fit, groups and institutions described by role nouns ("the Belarusian army"), organisations
and states. Codes come from the article's own words first (titles, appositions, demonyms, "of Belarus"), then
from our tables (`newsgraph.kb.actors`) for the office valid on the article's date.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from newsgraph.kb import actors as kb
from newsgraph.model import Analysis, Entity
from newsgraph.nlp.tokens import matching, with_text

__all__ = ["add_pipes", "extract_entities", "entity_at", "resolve_pronoun", "KnowledgeRuler", "fix_entities"]

_TYPES = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"}
_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE"}
_CONNECTORS = {"of", "the", "and", "de", "du", "la", "le", "al", "el", "von", "van", "der", "den", "bin", "for", "on",
               "upon", "-", "&", "'s", "’s", "am", "in", "y", "da", "di", "do", "dos", "das"}
_ARTICLES = {"the", "a", "an"}
_POSSESSIVE = {"'s", "’s", "'", "’"}
_ACTOR_DEPS = {"nsubj", "nsubjpass", "poss", "agent", "dobj"}
_OF = {"of", "from", "at", "in"}
_HONORIFICS = {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "lady", "lord", "madam", "mme", "mister"}
_SEP_WORDS = {"said", "says", "told", "and", "or", "but", "who", "which", "that", "as"}


# ================================================================ spaCy components


def add_pipes(nlp: Language) -> None:
    """Add the entity ruler (before "ner") and the entity fixer (after it) to a loaded model; idempotent."""
    if "newsgraph_entity_ruler" not in nlp.pipe_names:
        nlp.add_pipe("newsgraph_entity_ruler", before="ner" if "ner" in nlp.pipe_names else None)
    if "newsgraph_entity_fixer" not in nlp.pipe_names:
        nlp.add_pipe("newsgraph_entity_fixer", last=True)


class KnowledgeRuler:
    """Presets entities from our tables before the statistical NER runs; the NER keeps them and fills the rest."""

    def __init__(self, nlp: Language) -> None:
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        by_label: dict[tuple[str, bool], list[str]] = {}
        for text, label in kb.entity_patterns():
            acronym = text.isupper() and len(text) <= 6
            by_label.setdefault((label, acronym), []).append(text)
        for (label, acronym), texts in by_label.items():
            docs = list(nlp.tokenizer.pipe(texts))
            (self.exact if acronym else self.lower).add(label, docs)

    def __call__(self, doc: Doc) -> Doc:
        matches = list(self.lower(doc, as_spans=True)) + list(self.exact(doc, as_spans=True))
        spans = [s for s in matches if _capitalised(s) and not (s.label_ in _PLACE_LABELS and _inside_name(s))]
        if spans:
            kept = filter_spans([*doc.ents, *spans]) if doc.ents else filter_spans(spans)
            doc.set_ents(kept, default="unmodified")
        return doc


@Language.factory("newsgraph_entity_ruler")
def _make_ruler(nlp: Language, name: str) -> KnowledgeRuler:
    return KnowledgeRuler(nlp)


def _capitalised(span: Span) -> bool:
    """Every content word starts with a capital (names in running text; all-caps headlines pass)."""
    words = [t for t in span if t.is_alpha and t.lower_ not in _CONNECTORS]
    return bool(words) and all(t.text[0].isupper() for t in words) and span[0].text[0].isupper()


def _inside_name(span: Span) -> bool:
    """A place name glued to another proper noun ("MaliVai Washington", "Leeds United"): let the NER decide."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    return any(t is not None and t.tag_ in ("NNP", "NNPS") and t.is_title and not t.is_sent_start
               and kb.demonym_country(t.text) is None and kb.role_word(t.lower_) is None for t in (before, after))


@Language.component("newsgraph_entity_fixer")
def fix_entities(doc: Doc) -> Doc:
    """Trim entity edges, drop non-names, correct labels with our tables, spread surnames over the document."""
    spans = [s for s in (_trim(ent) for ent in doc.ents) if s is not None]
    spans = [_titled_person(_relabel(s)) for s in spans]
    spans = _drop_titles_of_names(spans)
    spans = _acronym_names(doc, spans)
    spans = _named_by_place_noun(doc, spans)
    spans = _split_joined_names(spans)
    spans = _spread_people(doc, spans)
    spans = _consistent_labels(spans)
    doc.ents = filter_spans(spans)
    return doc


def _trim(ent: Span) -> Span | None:
    """The entity without articles, possessive endings, trailing numbers or common nouns; None if no name is left."""
    doc, start, end = ent.doc, ent.start, ent.end
    for i in range(start, end):  # a line break ends a name ("Belarus\n\nStatus")
        if doc[i].is_space or "\n" in doc[i].text:
            end = i if i > start else end
            break
    while start < end and (doc[start].lower_ in _ARTICLES or doc[start].tag_ == "PRP$" or not _has_letter(doc[start])):
        start += 1
    while end > start and (doc[end - 1].text in _POSSESSIVE or not _has_letter(doc[end - 1])):
        end -= 1
    if ent.label_ in _NAME_LABELS - {"NORP"}:
        while end > start + 1 and doc[end - 1].is_lower and doc[end - 1].is_alpha:
            end -= 1
    if ent.label_ == "PERSON":
        while start < end - 1 and doc[start].is_lower:
            start += 1
    if start >= end or all((t.lower_ in STOP_WORDS and not t.is_upper) or not _has_letter(t) for t in doc[start:end]):
        return None
    if (ent.label_ in _NAME_LABELS and not any(ch.isupper() for ch in doc[start:end].text)
            and _table_label(doc[start:end].text) is None):
        return None  # "the umbrella union", "mackerel quotas": a common noun, not a name, unless a table says so
    return Span(doc, start, end, label=ent.label_)


_PLACE_NOUNS = frozenset({"city", "town", "village", "port", "capital"})


def _named_by_place_noun(doc: Doc, spans: list[Span]) -> list[Span]:
    """'the Arctic city of Tromsø': a capitalised name after "city/town/port of" that the NER missed is a place
    when the gazetteer knows it."""
    taken = {i for s in spans for i in range(s.start, s.end)}
    out = list(spans)
    for i in matching(doc, _PLACE_NOUNS):
        tok = doc[i]
        if tok.lower_ not in _PLACE_NOUNS or tok.i + 2 >= len(doc) or doc[tok.i + 1].lower_ != "of":
            continue
        named = next((k for k, s in enumerate(out) if s.start == tok.i + 2), None)
        if named is not None:  # "the town of Aflao" tagged as a person
            if out[named].label_ in ("PERSON", "ORG") and _known_place(out[named].text):
                out[named] = Span(doc, out[named].start, out[named].end, label="GPE")
            continue
        start = end = tok.i + 2
        while end < len(doc) and end - start < 3 and doc[end].is_title and doc[end].is_alpha and end not in taken:
            end += 1
        if end == start or start in taken or not _known_place(doc[start:end].text):
            continue
        out.append(Span(doc, start, end, label="GPE"))
    return out


def _known_place(text: str) -> bool:
    try:
        from newsgraph.kb import places
    except (ImportError, OSError):
        return False
    return any(c.via != "alt" and c.entry.feature in ("city", "capital", "admin1") for c in places.lookup(text))


def _has_letter(token: Token) -> bool:
    return any(ch.isalpha() for ch in token.text)


def _relabel(span: Span) -> Span:
    """Our tables decide between place, nationality and organisation where spaCy hesitates."""
    label = _table_label(span.text)
    if label is None or label == span.label_:
        return span
    if span.label_ == "FAC" and label == "GPE":
        return span
    return Span(span.doc, span.start, span.end, label=label)


_OPENING_BRACKET = frozenset({"("})
_ACRONYM_GLUE = {"of", "for", "the", "and", "on", "in", "de", "du", "des", "-", "'s", "’s", "&"}


def _acronym_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """"The Nigerian Union of Teachers (NUT)": the words whose initials spell the bracketed acronym are one
    name, of the acronym's kind (an organisation unless our tables know a country by that name)."""
    out = list(spans)
    for j in with_text(doc, _OPENING_BRACKET):
        if not 1 <= j < len(doc) - 2:
            continue
        acr = doc[j + 1]
        if doc[j + 2].text != ")" or not (acr.is_upper and acr.is_alpha and 2 <= len(acr) <= 6):
            continue
        start = _acronym_start(doc, j, acr.text.upper())
        if start is None:
            continue
        name = doc[start:j]
        label = "GPE" if kb.country_code(name.text) else "ORG"
        new = [Span(doc, start, j, label=label), Span(doc, j + 1, j + 2, label=label)]
        out = [s for s in out if not any(s.start < n.end and n.start < s.end for n in new)] + new
    return sorted(out, key=lambda s: s.start)


def _acronym_start(doc: Doc, paren: int, acronym: str) -> int | None:
    """The first token of the capitalised words before `paren` whose initials spell `acronym`."""
    words: list[Token] = []
    k = paren - 1
    while k >= 0 and paren - k <= 12 and (doc[k].is_title or doc[k].is_upper or doc[k].lower_ in _ACRONYM_GLUE):
        words.insert(0, doc[k])
        k -= 1
    for i, first in enumerate(words):
        if not (first.is_title or first.is_upper) or first.lower_ in _ACRONYM_GLUE:
            continue
        rest = words[i:]
        capital = "".join(t.text[0] for t in rest if (t.is_title or t.is_upper) and t.lower_ not in _ACRONYM_GLUE)
        every = "".join(t.text[0] for t in rest if t.is_alpha).upper()
        if acronym in (capital.upper(), every):
            return first.i
    return None


def _drop_titles_of_names(spans: list[Span]) -> list[Span]:
    """"Ayatollah" tagged as a person of its own right before "Ruhollah Khomeini": a title, not another name."""
    starts = {s.start for s in spans if s.label_ == "PERSON"}
    return [s for s in spans if not (s.label_ == "PERSON" and s.end in starts and all(
        (entry := kb.role_word(t.lower_)) is not None and entry.kind == "person" for t in s))]


def _titled_person(span: Span) -> Span:
    """A capitalised name right after a personal title ("King Hassan", "Vice-President Moody Awori") is a
    person, whatever a place or organisation table says about the bare word."""
    if span.label_ not in ("GPE", "ORG", "LOC", "FAC") or span.start == 0:
        return span
    title = span.doc[span.start - 1]
    if title.lower_.rstrip(".") in _HONORIFICS and title.text[0].isupper():  # "Mr Kennedy", "Mrs Houston"
        return Span(span.doc, span.start, span.end, label="PERSON")
    entry = kb.role_word(title.lower_)
    if entry is None or entry.kind != "person" or not title.is_title:
        return span
    if not all(t.is_title and t.pos_ == "PROPN" for t in span) or _table_label(span.text) in ("GPE", "NORP", "ORG"):
        return span
    return Span(span.doc, span.start, span.end, label="PERSON")


def _table_label(text: str) -> str | None:
    if kb.demonym_country(text):
        return "NORP"
    if kb.country_code(text):
        return "GPE"
    if kb.organisation(text):
        return "ORG"
    if " " in text and kb.known_person(text) is not None:
        return "PERSON"
    return None


def _split_joined_names(spans: list[Span]) -> list[Span]:
    """"Putin Lukashenko’s meeting": two other people's surnames tagged as one name become two names."""
    full = [(s, kb.fold_name(s[-1].text)) for s in spans if s.label_ == "PERSON" and len(s) > 1]
    names = Counter(s.text for s, _ in full)
    out: list[Span] = []
    for span in spans:
        if span.label_ != "PERSON" or len(span) == 1 or names[span.text] > 1:
            out.append(span)
            continue
        surnames = {surname for other, surname in full if other != span}
        if all(kb.fold_name(t.text) in surnames for t in span):
            out.extend(Span(span.doc, t.i, t.i + 1, label="PERSON") for t in span)
        else:
            out.append(span)
    return out


def _spread_people(doc: Doc, spans: list[Span]) -> list[Span]:
    """A surname seen in a full person name is that person elsewhere in the document, whatever it was tagged."""
    surnames = {kb.fold_name(s[-1].text) for s in spans if s.label_ == "PERSON" and len(s) > 1 and s[-1].is_title}
    if not surnames:
        return spans
    out = []
    covered = set()
    for span in spans:
        if span.label_ != "PERSON" and len(span) == 1 and kb.fold_name(span.text) in surnames:
            span = Span(doc, span.start, span.end, label="PERSON")
        out.append(span)
        covered.update(range(span.start, span.end))
    for token in doc:
        if token.i not in covered and token.tag_ in ("NNP", "NNPS") and (token.is_title or token.is_upper) \
                and kb.fold_name(token.text) in surnames:
            out.append(Span(doc, token.i, token.i + 1, label="PERSON"))
    return out


def _consistent_labels(spans: list[Span]) -> list[Span]:
    """The same name keeps one label within a document: the one given most often."""
    votes: dict[str, Counter[str]] = {}
    for span in spans:
        votes.setdefault(span.text, Counter())[span.label_] += 1
    out = []
    for span in spans:
        ranked = votes[span.text].most_common(2)
        if len(ranked) > 1 and ranked[0][1] > ranked[1][1] and ranked[0][0] != span.label_:
            span = Span(span.doc, span.start, span.end, label=ranked[0][0])
        out.append(span)
    return out


# ================================================================ actors within one article


@dataclass(eq=False)
class _Actor:
    """An actor being assembled from its mentions."""

    type: str
    name: str
    first: int  # char offset of the first mention, for ordering
    key: str = ""
    given: str | None = None  # folded first name (people)
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    office: str | None = None
    affiliated: _Actor | None = None  # "his spokesman": the person whose country this one shares
    aliases: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)
    kb_id: str | None = None
    actor_use: bool = False

    def add(self, span: Span, alias: str | None = None) -> None:
        mention = (span.start_char, span.end_char)
        if mention not in self.mentions:
            self.mentions.append(mention)
        text = alias or span.text
        if text != self.name and text not in self.aliases:
            self.aliases.append(text)

    def code(self, country: str | None = None, sector: str | None = None, role: str | None = None,
             office: str | None = None) -> None:
        """Fill codes still unknown (the first evidence in the article wins)."""
        self.country = self.country or country
        self.sector = self.sector or sector
        self.role = self.role or role
        self.office = self.office or office


@dataclass
class _Evidence:
    """What the words around a mention say about the actor: role, country, sector, office, a possessor."""

    role: str | None = None
    country: str | None = None
    sector: str | None = None
    office: str | None = None
    owner: Token | None = None  # "his" in "his spokesman"
    title: str | None = None  # a title before a name that names role and country ("Russia’s President")
    span: tuple[int, int] | None = None  # the characters of that title


def extract_entities(doc: Doc, analysis: Analysis) -> list[Entity]:
    """One coded entity per real-world actor in the article, with every mention and alias."""
    on = analysis.article.published.date() if analysis.article.published else None
    people = _people(doc)
    absorbed = _describe_people(doc, people)
    actors: list[_Actor] = list(dict.fromkeys(people.values()))
    actors += _named_actors(doc)
    roles, phrases = _role_actors(doc, people, actors)
    actors += roles
    _fill_from_knowledge(people.values(), on)
    _country_from_sentence(doc, actors)
    _absorb_nationalities(actors, absorbed + phrases)
    actors = [a for a in actors if a.mentions]
    actors.sort(key=lambda a: a.first)
    return [_entity(f"e{i}", actor) for i, actor in enumerate(actors, 1)]


def _entity(entity_id: str, actor: _Actor) -> Entity:
    return Entity(id=entity_id, name=actor.name, type=actor.type, country=actor.country, sector=actor.sector,
                  role=actor.role, aliases=actor.aliases, mentions=sorted(actor.mentions), kb_id=actor.kb_id)


# ---------------------------------------------------------------- people


def _people(doc: Doc) -> dict[Span, _Actor]:
    """Person mentions grouped into people: same folded surname and agreeing first names."""
    clusters: list[_Actor] = []
    by_span: dict[Span, _Actor] = {}
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        parts = kb.fold_name(ent.text).split()
        if not parts:
            continue
        given = parts[0] if len(parts) > 1 else None
        actor = _find_person(clusters, parts[-1], given)
        if actor is None:
            actor = _Actor("PERSON", ent.text, ent.start_char, key=parts[-1], given=given)
            clusters.append(actor)
        if given and not actor.given:
            actor.given = given
        if len(ent.text) > len(actor.name) and len(ent) >= len(actor.name.split()):
            if actor.name not in actor.aliases:
                actor.aliases.append(actor.name)
            actor.name = ent.text
        actor.add(ent)
        by_span[ent] = actor
    for actor in clusters:
        actor.aliases = [a for a in actor.aliases if a != actor.name]
    return by_span


def _find_person(clusters: list[_Actor], surname: str, given: str | None) -> _Actor | None:
    """The latest person with this surname whose first name does not conflict; with a first name given,
    a person without one matches only if no other person of that surname has a first name."""
    fitting = [c for c in clusters if c.key == surname and (not given or not c.given or _agree(c.given, given))]
    if not fitting:
        return None
    return max(fitting, key=lambda c: (bool(given and c.given == given), c.mentions[-1][0] if c.mentions else -1))


def _agree(a: str, b: str) -> bool:
    return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


def _describe_people(doc: Doc, people: dict[Span, _Actor]) -> list[tuple[int, int]]:
    """Titles before a name, appositions and "from the X" after it code the person; returns the title spans."""
    titles: list[tuple[int, int]] = []
    for ent, actor in people.items():
        before = _premodifier_evidence(doc, ent)
        if before.span is not None:
            titles.append(before.span)
        after = _apposition_evidence(doc, ent)
        leading = _leading_apposition_evidence(doc, ent)
        for evidence in (after, before, leading):
            if evidence.owner is not None and actor.affiliated is None:
                actor.affiliated = _owner_actor(doc, evidence.owner, people, actor)
            actor.code(evidence.country, evidence.sector, evidence.role, evidence.office)
            if evidence.title and evidence.title not in actor.aliases:
                actor.aliases.append(evidence.title)
    for actor in set(people.values()):
        if actor.country is None and actor.affiliated is not None:
            actor.country = actor.affiliated.country
    return titles


def _sentence(doc: Doc, i: int) -> tuple[int, int]:
    """Token bounds of the sentence holding token i (the whole doc when it has no sentence boundaries)."""
    if not doc.has_annotation("SENT_START"):
        return 0, len(doc)
    sent = doc[i].sent
    return sent.start, sent.end


def _premodifier_evidence(doc: Doc, ent: Span) -> _Evidence:
    """"Russian President", "Kremlin spokesman", "his spokesman", "the head of state", "Lieutenant General"."""
    start = ent.start
    sent_start, _ = _sentence(doc, ent.start)
    while start > sent_start and _premodifier_token(doc[start - 1]):
        start -= 1
    while start < ent.start and doc[start].lower_ == "of":  # "one of Russia's President ..."
        start += 1
    owner = doc[start - 1] if start > sent_start and doc[start - 1].tag_ == "PRP$" else None
    evidence = _phrase_evidence(doc[start:ent.start])
    evidence.owner = owner
    if evidence.role and evidence.country and owner is None:
        evidence.title = _bare(doc[start:ent.start])
    if start < ent.start and (evidence.role or evidence.country):
        evidence.span = (doc[start].idx, ent.start_char)
    return evidence


def _premodifier_token(token: Token) -> bool:
    if token.ent_type_ == "PERSON" or token.is_punct and token.text not in ("-",):
        return False
    if token.text in _POSSESSIVE:
        return True
    if token.lower_ == "of":  # "head of state", "Republic of Belarus"
        return True
    return token.pos_ in ("PROPN", "NOUN", "ADJ") and token.lower_ not in _SEP_WORDS


def _apposition_evidence(doc: Doc, ent: Span) -> _Evidence:
    """", commander of the Ukrainian armed forces," or "from the Ukrainian general staff" after a name."""
    i = ent.end
    if i < len(doc) and doc[i].text in _POSSESSIVE:
        return _Evidence()
    if i < len(doc) and doc[i].text == ",":
        i += 1
    elif not (i < len(doc) and doc[i].lower_ in ("from", "of", "at")):
        return _Evidence()
    end = i
    sent_end = _sentence(doc, ent.start)[1]
    while end < sent_end and not (doc[end].is_punct and doc[end].text not in ("-", "’s", "'s")) \
            and doc[end].pos_ not in ("VERB", "AUX") and doc[end].ent_type_ != "PERSON" \
            and doc[end].lower_ not in _SEP_WORDS:
        end += 1
    evidence = _phrase_evidence(doc[i:end])
    if doc[ent.end].lower_ in ("from", "of", "at"):
        evidence.role = None  # a member of the body named, not its holder
        evidence.office = None
    return evidence


def _leading_apposition_evidence(doc: Doc, ent: Span) -> _Evidence:
    """"A member of the Syrian parliament, Mohammed Mamoun, ...": a noun phrase the name stands in apposition to."""
    root = ent.root
    if ent.start < 2 or doc[ent.start - 1].text != "," or root.dep_ != "appos":
        return _Evidence()
    head = root.head
    if head.i >= ent.start - 1 or head.pos_ not in ("NOUN", "PROPN") or head.ent_type_:
        return _Evidence()
    evidence = _phrase_evidence(doc[head.left_edge.i:ent.start - 1])
    evidence.title = None
    return evidence


def _phrase_evidence(span: Span) -> _Evidence:
    """Role, office, sector and country named in a short phrase: the first person role gives role, office and
    sector ("commander of the Ukrainian armed forces" -> commander, MIL); a body alone gives the sector."""
    evidence = _Evidence()
    words = list(span)
    roles = _roles_in(words)
    person = next((r for r in roles if r[1].kind == "person"), None)
    country, inst_sector = _affiliation(words)
    evidence.country = country
    if person is not None:
        evidence.role, evidence.sector, evidence.office = person[0], person[1].sector, person[1].office
        modifier = roles[0] if roles[0] is not person else None
        if modifier is not None and modifier[1].sector != "GOV":  # "rebel leader" is REB, "police chief" COP
            evidence.sector = modifier[1].sector
    elif roles:
        evidence.sector = roles[-1][1].sector  # the head: "government forces" are MIL
    evidence.sector = evidence.sector or inst_sector
    return evidence


def _roles_in(words: list[Token]) -> list[tuple[str, kb.RoleWord]]:
    """Role phrases in a run of words, left to right, longest match at each position ("Defense Minister")."""
    out: list[tuple[str, kb.RoleWord]] = []
    i = 0
    while i < len(words):
        for j in range(min(len(words), i + 5), i, -1):
            entry = kb.role_word(" ".join(t.lower_ for t in words[i:j]))
            if entry is not None and words[j - 1].pos_ != "ADP":
                out.append((" ".join(t.text for t in words[i:j]), entry))
                i = j - 1
                break
        i += 1
    return out


def _affiliation(words: list[Token]) -> tuple[str | None, str | None]:
    """The country (and the sector of a named institution) that a phrase ties an actor to."""
    for i, token in enumerate(words):
        if token.pos_ not in ("PROPN", "ADJ", "NOUN") and token.ent_type_ not in ("NORP", "GPE"):
            continue
        for j in range(min(len(words), i + 4), i, -1):
            text = " ".join(t.text for t in words[i:j] if t.text not in _POSSESSIVE)
            if not text:
                continue
            institution = kb.institution(text)
            if institution is not None:
                return institution.country, institution.sector
            if not text[0].isupper():
                continue  # "member states", "china cups": a lowercase word never names a country
            country = kb.demonym_country(text) or kb.country_code(text) or _capital_country(words[i:j])
            if country:
                return country, None
            org = kb.organisation(text) if words[i].ent_type_ == "ORG" else None
            if org is not None:
                return org.country, org.sector
    return None, None


def _capital_country(words: list[Token]) -> str | None:
    """A capital used for its government ("Moscow’s envoy"): only when followed by a possessive."""
    if len(words) == 1 and words[0].i + 1 < len(words[0].doc) and words[0].doc[words[0].i + 1].text in _POSSESSIVE:
        return kb.capital_country(words[0].text)
    return None


def _owner_actor(doc: Doc, owner: Token, people: dict[Span, _Actor], this: _Actor) -> _Actor | None:
    """The person a possessive pronoun points at: the latest other person mentioned before it."""
    best, best_end = None, -1
    for actor in set(people.values()):
        if actor is this:
            continue
        for _, end in actor.mentions:
            if best_end < end <= owner.idx:
                best, best_end = actor, end
    return best


def _fill_from_knowledge(people, on: date | None) -> None:
    """Our table of office holders fills what the article left unsaid (the office valid on its date)."""
    for actor in set(people):
        fact = kb.known_person(actor.name, on)
        if fact is None:
            continue
        text_country = actor.country
        if text_country and fact.country != text_country:
            continue  # another person of that name: the article's words win
        actor.kb_id = fact.name
        office = _office_of(fact.role)
        actor.code(fact.country, fact.sector, fact.role, office)


def _office_of(role: str | None) -> str | None:
    if not role:
        return None
    words = role.casefold().split()
    for n in range(len(words), 0, -1):
        for i in range(len(words) - n + 1):
            entry = kb.role_word(" ".join(words[i:i + n]))
            if entry is not None and entry.office:
                return entry.office
    return None


# ---------------------------------------------------------------- named organisations, states, nationalities


def _named_actors(doc: Doc) -> list[_Actor]:
    """Organisations, places/states and nationalities, one actor per normalised name (or country)."""
    by_key: dict[tuple[str, str], _Actor] = {}
    short: dict[str, tuple[str, str]] = {}  # acronym -> the key of the name it abbreviates
    for ent in doc.ents:
        if ent.label_ == "PERSON" or ent.label_ not in _TYPES:
            continue
        kind, key, name, country, sector = _named_code(ent)
        if ent.text in short and short[ent.text] in by_key:
            kind, key = short[ent.text]
            name = by_key[(kind, key)].name
            if ent.text not in by_key[(kind, key)].aliases:
                by_key[(kind, key)].aliases.append(ent.text)
        elif ent.end + 2 < len(doc) and doc[ent.end].text == "(" and doc[ent.end + 2].text == ")" \
                and doc[ent.end + 1].is_upper and doc[ent.end + 1].ent_type_ == ent.label_:
            short[doc[ent.end + 1].text] = (kind, key)  # "Nigerian Union of Teachers (NUT)"
        actor = by_key.get((kind, key))
        if actor is None:
            actor = by_key[(kind, key)] = _Actor(kind, name, ent.start_char, key=key)
        actor.code(country, sector)
        actor.add(ent)
        if kind in ("GPE", "LOC") and _acts(ent):
            actor.actor_use = True
    for actor in by_key.values():
        if actor.type == "GPE" and actor.actor_use and actor.country and actor.key == actor.country:
            actor.sector = actor.sector or "GOV"
    return _capitals_as_states(list(by_key.values()), doc)


def _named_code(ent: Span) -> tuple[str, str, str, str | None, str | None]:
    """(type, grouping key, name, country, sector) of a non-person named entity."""
    text = ent.text
    if ent.label_ == "NORP":
        country = kb.demonym_country(text)
        return "NORP", country or kb.normalise_name(text), text, country, None
    if ent.label_ in _PLACE_LABELS:
        country = kb.country_code(text)
        if country:
            return "GPE", country, kb.country_name(country) or text, country, None
        return ent.label_, kb.normalise_name(text), text, _place_country(text), None
    org = kb.organisation(text)
    if org is not None:
        return "ORG", kb.normalise_name(org.name), org.name, org.country, org.sector
    return ("ORG", kb.normalise_name(text).removeprefix("the "), text, *_org_code(ent))


def _place_country(text: str) -> str | None:
    """The country of a city or region, when the gazetteer knows it without doubt."""
    capital = kb.capital_country(text)
    if capital:
        return capital
    try:
        from newsgraph.kb import places

        countries = {c.entry.country for c in places.lookup(text) if c.via != "alt"}
    except (ImportError, OSError):
        return None
    return countries.pop() if len(countries) == 1 else None


def _org_code(ent: Span) -> tuple[str | None, str | None]:
    """Country and sector of an organisation: our tables, else its words ("Belarusian Defense Ministry")."""
    org = kb.organisation(ent.text)
    if org is not None:
        return org.country, org.sector
    institution = kb.institution(ent.text)
    if institution is not None:
        return institution.country, institution.sector
    doc = ent.doc
    if ent.start > 1 and doc[ent.start - 1].text in _POSSESSIVE and doc[ent.start - 2].ent_type_ == "GPE":
        owner = doc[ent.start - 2]  # "Israel's Cabinet", "Ivory Coast's Supreme Court"
        country = kb.country_code(doc[_ent_start(owner):owner.i + 1].text)
        if country:
            return country, _phrase_evidence(ent).sector
    start = ent.start - 1 if ent.start > 0 and doc[ent.start - 1].ent_type_ == "NORP" else ent.start
    end = ent.end
    if end + 1 < len(doc) and doc[end].lower_ == "of" and doc[end + 1].ent_type_ == "GPE":
        end = doc[end + 1].ent_iob_ == "B" and _ent_end(doc, end + 1) or end
    evidence = _phrase_evidence(doc[start:end])
    return evidence.country, evidence.sector


def _ent_start(token: Token) -> int:
    """The index of the first token of the entity this token belongs to."""
    i = token.i
    while i > 0 and token.doc[i].ent_iob_ == "I":
        i -= 1
    return i


def _ent_end(doc: Doc, i: int) -> int:
    while i + 1 < len(doc) and doc[i + 1].ent_iob_ == "I":
        i += 1
    return i + 1


def _acts(ent: Span) -> bool:
    """The place is used as an actor: subject, object or possessor of a verb or noun ("Moscow said")."""
    root = ent.root
    dep = root.dep_
    if dep == "conj":
        dep = root.head.dep_
    return dep in _ACTOR_DEPS and not (dep == "dobj" and root.head.lemma_ in ("visit", "leave", "reach", "enter"))


def _capitals_as_states(actors: list[_Actor], doc: Doc) -> list[_Actor]:
    """A capital used as an actor ("Moscow said") is its state's government: its acting mentions move there."""
    states = {a.country: a for a in actors if a.type == "GPE" and a.key == a.country}
    out = []
    for actor in actors:
        capital = kb.capital_country(actor.name) if actor.type in _PLACE_LABELS and actor.key != actor.country else None
        if not capital or not actor.actor_use:
            out.append(actor)
            continue
        state = states.get(capital)
        if state is None:
            state = states[capital] = _Actor("GPE", kb.country_name(capital) or actor.name, actor.first, key=capital)
            out.append(state)
        state.code(capital, "GOV")
        acting = [m for m in actor.mentions if _acts(doc.char_span(*m, alignment_mode="expand"))]
        for start, end in acting:
            state.add(doc.char_span(start, end, alignment_mode="expand"), alias=actor.name)
            state.first = min(state.first, start)
        actor.mentions = [m for m in actor.mentions if m not in acting]
        out.append(actor)
    return out


# ---------------------------------------------------------------- role descriptions


def _role_actors(doc: Doc, people: dict[Span, _Actor],
                 named: list[_Actor]) -> tuple[list[_Actor], list[tuple[int, int]]]:
    """Role noun phrases: people described by office ("the Kremlin boss") merge into the named person that
    fits; groups and institutions ("the Belarusian army") become actors of their own. Returns the new actors
    and the character spans of every role phrase used."""
    persons = list(dict.fromkeys(people.values()))
    groups: dict[tuple, _Actor] = {}
    new: list[_Actor] = []
    used: list[tuple[int, int]] = []
    for phrase, entry, evidence in _role_phrases(doc):
        used.append((phrase.start_char, phrase.end_char))
        if entry.kind == "person" and not _plural(phrase):
            _attach_person(phrase, entry, evidence, persons, new)
        elif _is_bare_company(phrase, entry):
            company = _latest_company(named, phrase.start_char)
            if company is not None:
                company.add(phrase, alias=_describe(phrase))
        elif evidence.country:
            kind = "ORG" if entry.kind == "org" else "NORP"
            key = (evidence.country, evidence.sector or entry.sector, kind)  # PLOVER: one UKR MIL, one BLR GOV
            actor = groups.get(key)
            if actor is None:
                actor = groups[key] = _Actor(kind, _bare(phrase), phrase.start_char)
                new.append(actor)
            actor.code(evidence.country, evidence.sector or entry.sector)
            actor.add(phrase, alias=_describe(phrase))
    return new, used


def _is_bare_company(phrase: Span, entry: kb.RoleWord) -> bool:
    """"the company", "the airline": a definite business noun with nothing else to identify it."""
    return entry.sector == "BUS" and entry.kind == "org" and len(phrase) == 2 and phrase[0].lower_ == "the" \
        and not _plural(phrase)


def _latest_company(named: list[_Actor], before: int) -> _Actor | None:
    """The organisation (not a state body) mentioned last before this character."""
    best, best_start = None, -1
    for actor in named:
        if actor.type != "ORG" or actor.sector not in (None, "BUS"):
            continue
        for start, _ in actor.mentions:
            if best_start < start < before:
                best, best_start = actor, start
    return best


def _role_phrases(doc: Doc):
    """(phrase, role entry, evidence) for role noun phrases that are not part of a name or a name's title."""
    end = 0
    for i in matching(doc, kb.role_first_words()):
        if i < end:
            continue  # inside the phrase found last
        found = _role_at(doc, i)
        if found is None:
            continue
        end, entry = found
        if doc[end - 1].dep_ in ("compound", "amod", "nmod") and doc[end - 1].head.i >= end:
            continue  # "government" in "government forces": a modifier, the head comes next
        phrase = _expand(doc, i, end)
        if not _tied_to_name(doc, phrase) and not any(t.ent_type_ in ("PERSON", "ORG", "FAC") for t in doc[i:end]):
            evidence = _phrase_evidence(phrase)
            evidence.country = evidence.country or _of_country(doc, end, phrase.end)
            yield phrase, entry, evidence


def _role_at(doc: Doc, i: int) -> tuple[int, kb.RoleWord] | None:
    """The longest role phrase starting at token i that ends on a noun."""
    if not doc[i].is_alpha or doc[i].pos_ not in ("NOUN", "PROPN", "ADJ"):
        return None
    for j in range(min(len(doc), i + 5), i, -1):
        if doc[j - 1].pos_ not in ("NOUN", "PROPN"):
            continue
        entry = kb.role_word(" ".join(t.lower_ for t in doc[i:j]))
        if entry is not None:
            return j, entry
    return None


def _expand(doc: Doc, start: int, end: int) -> Span:
    """The role word with its left modifiers (article, demonym, "Russia's", "Kremlin") and an "of X" after it."""
    sent_start = _sentence(doc, start)[0]
    while start > sent_start and _left_modifier(doc[start - 1]):
        start -= 1
    if end + 1 < len(doc) and doc[end].lower_ == "of":
        j = end + 1
        while j < _sentence(doc, end)[1] and _of_phrase_token(doc[j]):
            j += 1
        if j > end + 1 and doc[j - 1].lower_ != "of":
            end = j
    return doc[start:end]


def _of_phrase_token(token: Token) -> bool:
    if token.lower_ in _ARTICLES or token.lower_ == "of" or token.ent_type_ in ("GPE", "ORG", "NORP"):
        return True
    return token.pos_ in ("PROPN", "ADJ", "NOUN") and token.ent_type_ != "PERSON" and not token.like_num


def _left_modifier(token: Token) -> bool:
    if token.lower_ in _ARTICLES or token.text in _POSSESSIVE or token.tag_ == "PRP$":
        return True
    if token.ent_type_ in ("NORP", "GPE") or kb.demonym_country(token.text):
        return True
    if token.ent_type_ == "ORG" and kb.institution(token.text):
        return True
    return token.pos_ in ("ADJ", "PROPN", "NOUN") and token.dep_ in ("amod", "compound", "nmod") \
        and token.ent_type_ != "PERSON" and not token.like_num


def _of_country(doc: Doc, role_end: int, phrase_end: int) -> str | None:
    if role_end < phrase_end and doc[role_end].lower_ == "of":
        country, _ = _affiliation(list(doc[role_end + 1:phrase_end]))
        return country
    return None


def _tied_to_name(doc: Doc, phrase: Span) -> bool:
    """The phrase is a person's title or apposition ("Kremlin spokesman Peskov", "Nayev, commander of ...")."""
    k = phrase.end
    while k < len(doc) and (doc[k].is_quote or doc[k].text == "," or doc[k].lower_ in _ARTICLES
                            or (doc[k].is_title and kb.role_word(doc[k].lower_) is not None)):
        k += 1
    if k < len(doc) and doc[k].ent_type_ in ("PERSON", "ORG"):
        return True
    if phrase[0].text in _POSSESSIVE and phrase.start > 0 and doc[phrase.start - 1].ent_type_ == "PERSON":
        return True  # "Putin's spokesman": a person's aide, not a description of a named actor
    j = phrase.start - 1
    if j >= 0 and doc[j].text == ",":
        j -= 1
    return j >= 0 and doc[j].ent_type_ == "PERSON" and doc[phrase.start - 1].text == ","


def _plural(phrase: Span) -> bool:
    root = phrase.root
    return root.tag_ in ("NNS", "NNPS") or any(t.lower_ in ("two", "both", "several", "all") for t in phrase)


def _bare(phrase: Span) -> str:
    """A role phrase as a name: without its leading article ("the Belarusian army" -> "Belarusian army")."""
    return phrase[1:].text if len(phrase) > 1 and phrase[0].lower_ in _ARTICLES else phrase.text


def _describe(phrase: Span) -> str:
    """The role phrase as an alias: a sentence-initial article lowercased ("The Kremlin boss" -> "the Kremlin boss")."""
    text = phrase.text
    if phrase[0].lower_ in _ARTICLES and phrase[0].is_title:
        text = phrase[0].lower_ + text[len(phrase[0].text):]
    return text


def _attach_person(phrase: Span, entry: kb.RoleWord, evidence: _Evidence, persons: list[_Actor],
                   new: list[_Actor]) -> None:
    """Merge a person described by office into the one named person that fits, else keep a role-only actor."""
    office = evidence.office or entry.office
    if _is_head_of_body(phrase, entry):
        office = evidence.office if evidence.sector == "GOV" else None
    indefinite = phrase[0].lower_ in ("a", "an", "another", "one")
    target = None if indefinite else _matching_person(phrase, office, evidence, persons)
    alias = _describe(phrase)
    if target is not None:
        target.add(phrase, alias=alias)
        return
    definite = phrase[0].lower_ == "the" or phrase[0].tag_ == "PRP$" or any(t.text in _POSSESSIVE for t in phrase)
    if not definite and not evidence.country:
        return  # "a spokesman" with no affiliation: not an identifiable actor
    actor = _Actor("PERSON", alias, phrase.start_char)
    actor.code(evidence.country, evidence.sector or entry.sector, evidence.role or entry.word, office)
    actor.add(phrase, alias=alias)
    persons.append(actor)
    new.append(actor)


def _is_head_of_body(phrase: Span, entry: kb.RoleWord) -> bool:
    return entry.word in ("head", "boss", "leader") and any(t.lower_ == "of" for t in phrase)


def _matching_person(phrase: Span, office: str | None, evidence: _Evidence, persons: list[_Actor]) -> _Actor | None:
    """The named person whose office and country fit the description; the most recent one mentioned before it."""
    if office is None:
        return None
    fitting = [p for p in persons if p.key and _person_office(p) == office
               and (evidence.country is None or _person_country(p) == evidence.country)]
    if not fitting:
        return None
    before = [p for p in fitting if p.mentions and min(m[0] for m in p.mentions) < phrase.start_char]
    pool = before or fitting
    return max(pool, key=lambda p: max((m[0] for m in p.mentions if m[0] < phrase.start_char), default=-1))


def _person_office(person: _Actor) -> str | None:
    if person.office:
        return person.office
    fact = kb.known_person(person.name)
    return _office_of(fact.role) if fact else None


def _person_country(person: _Actor) -> str | None:
    if person.country:
        return person.country
    fact = kb.known_person(person.name)
    return fact.country if fact else None


def _country_from_sentence(doc: Doc, actors: list[_Actor]) -> None:
    """A state office holder with no country ("President Mugabe said ...") takes the one country named in the
    sentences that mention them, if exactly one is named there."""
    for actor in actors:
        if actor.country or not (actor.type == "PERSON" and actor.sector in _STATE_SECTORS
                                 or actor.type == "ORG" and _is_party(doc, actor)):
            continue
        countries: set[str] = set()
        for start, end in actor.mentions:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                countries |= _countries_in(doc[slice(*_sentence(doc, span.start))], actor)
        if len(countries) == 1:
            actor.country = countries.pop()


_STATE_SECTORS = {"GOV", "MIL", "LEG", "JUD", "COP", "SPY"}


def _is_party(doc: Doc, actor: _Actor) -> bool:
    """A political party ("the Umma party", "Labour Party"): a national actor, coded like state office holders."""
    for start, end in actor.mentions:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        after = [t.lower_ for t in doc[span.end:span.end + 2] if not t.is_punct]
        if span[-1].lower_ == "party" or after[:1] == ["party"]:
            return True
    return False


def _countries_in(sent: Span, actor: _Actor | None = None) -> set[str]:
    found = set()
    for ent in sent.ents:
        if actor is not None and _titles_other_person(ent, actor):
            continue  # "South African leader F.W. de Klerk" codes de Klerk, not everyone in the sentence
        if actor is not None and _acted_upon(ent):
            continue  # "the spokeswoman accused Bucharest", "the minister visited France": the other side
        if ent.label_ in ("GPE", "NORP"):
            code = kb.country_code(ent.text) or kb.demonym_country(ent.text) or kb.capital_country(ent.text)
            if code:
                found.add(code)
    for tok in sent:  # a country name inside a name spaCy missed ("the Kenya Anti-Corruption Commission")
        if tok.pos_ == "PROPN" and tok.ent_type_ in ("", "ORG", "FAC") and tok.is_title and len(tok) > 3:
            code = kb.country_code(tok.text)
            if code:
                found.add(code)
    return found


def _acted_upon(ent: Span) -> bool:
    """The place or people is a verb's object (direct, or through a preposition on the verb), not an affiliation."""
    head = ent.root
    if head.dep_ in ("dobj", "iobj", "dative"):
        return True
    return head.dep_ == "pobj" and head.head.dep_ == "prep" and head.head.head.pos_ in ("VERB", "AUX")


def _titles_other_person(ent: Span, actor: _Actor) -> bool:
    """The place or nationality sits in the title of another person ("South African leader F.W. de Klerk")."""
    doc = ent.doc
    for j in range(ent.end, min(len(doc), ent.end + 4)):
        tok = doc[j]
        if tok.ent_type_ == "PERSON":
            return not any(s <= tok.idx < e for s, e in actor.mentions)
        if tok.is_punct and tok.text != "-" or tok.pos_ in ("VERB", "AUX", "ADP", "DET"):
            return False
    return False


def _absorb_nationalities(actors: list[_Actor], spans: list[tuple[int, int]]) -> None:
    """A demonym inside a title or role phrase ("Russian President", "Hungarian officials") is evidence for
    that actor, not a nationality actor of its own."""
    for actor in actors:
        if actor.type != "NORP":
            continue
        actor.mentions = [m for m in actor.mentions
                          if not any(s <= m[0] and m[1] <= e and (s, e) != m for s, e in spans)]


# ================================================================ lookups used by other layers


def entity_at(entities: list[Entity], start: int, end: int) -> Entity | None:
    """The entity with a mention overlapping the characters `[start, end)`, preferring the longest overlap."""
    best, best_overlap = None, 0
    for entity in entities:
        for m_start, m_end in entity.mentions:
            overlap = min(end, m_end) - max(start, m_start)
            if overlap > best_overlap:
                best, best_overlap = entity, overlap
    return best


_PRONOUN_TYPES = {"he": {"PERSON"}, "him": {"PERSON"}, "his": {"PERSON"}, "she": {"PERSON"}, "her": {"PERSON"},
                  "it": {"ORG", "GPE"}, "its": {"ORG", "GPE"},
                  "they": {"NORP", "ORG", "GPE"}, "them": {"NORP", "ORG", "GPE"}, "their": {"NORP", "ORG", "GPE"}}


def _is_state(entity: Entity) -> bool:
    """A GPE entity that names a country (not a city or region)."""
    return entity.country is not None and kb.country_code(entity.name) == entity.country


def resolve_pronoun(entities: list[Entity], doc: Doc, token_i: int) -> Entity | None:
    """The most recent entity before the pronoun at `token_i` whose type fits it."""
    wanted = _PRONOUN_TYPES.get(doc[token_i].lower_)
    if wanted is None:
        return None
    before = doc[token_i].idx
    best, best_end = None, -1
    for entity in entities:
        if entity.type not in wanted or entity.type == "GPE" and "PERSON" not in wanted and not _is_state(entity):
            continue  # "it", "they": a state or a body acts, a city does not ("met in Tacna to sign it")
        for _, m_end in entity.mentions:
            if best_end < m_end <= before:
                best, best_end = entity, m_end
    return best
