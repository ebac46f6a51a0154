"""Quotes: direct, indirect and mixed quotes, each with its speaker, cue and speech act.

Conventions (those of PolNeAR, the gold set we measure on):

- A direct quote's span covers the quoted words *with* their quotation marks ("quotation marks are part of
  the content"); punctuation inside the marks belongs to it, the sentence's final period outside does not.
- An indirect quote's span is its content clause, with its complementizer ("that Belarus was ...", "to attack"),
  never the cue or the speaker, without edge punctuation.
- One cue makes one attribution. An interrupted quote ("…," he said, "…") is two `Quote` objects that share the
  cue span and speaker; a quote continued in the next paragraph (opening mark at the paragraph start, no closing
  mark before) is one `Quote` whose span runs over the paragraph break.
- Unbalanced marks never swallow the article: an unclosed double quote ends at its paragraph's end (unless the
  next paragraph opens a continuation); an unclosed single mark is taken for an apostrophe.
- Reported speech without marks: a cue inside its content ("The museum, Mr. Bush said, celebrated …") makes two
  `Quote`s sharing the cue, like an interrupted quote; "…, experts say." and "As X pointed out, …" take the rest
  of the sentence; naming verbs take object and complement ("called the charges unfounded"); a passive cue with an
  agent takes its subject ("The story was first reported by the Post"); a paragraph led by a name and a colon
  ("Sanders: Clinton needs to …") is what the name said. A nested attribution ("…, arguing that …", "… and warned
  that …") is its own quote, cut from the content before it; a trailing ", which …" aside of the writer's is cut too.
- Other shapes of English reported speech: reporting nouns with their topic ("questions about X", "criticism of X
  from Y"), stances ("X is critical of Y", "X, a critic of Y"), frames ("In his view, …", "In a new poll, …"),
  relatives ("a deal she once supported", "the charges, which he denies", "what he calls X"), passive naming
  ("X is seen as Y") and appearance ("X seems to Y"). A speaker outside the cue's clause is found through the
  noun a participle modifies ("a poll showing …"), the verb a gerund or an adjective's infinitive hangs from.

Compute, then set: `quoted_spans` is pure text work, `find_quotes` works on the parse and returns candidates,
`extract_quotes` turns them into `Quote` objects with speakers resolved through the actors layer.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from importlib import resources

from spacy.attrs import IDX
from spacy.tokens import Doc, Span, Token

from newsgraph.errors import ResourceError
from newsgraph.model import Analysis, Entity, Quote
from newsgraph.nlp.actors import entity_at, resolve_pronoun
from newsgraph.nlp.tokens import matching

__all__ = ["QuotedSpan", "Cue", "cue_lexicon", "quoted_spans", "extract_quotes"]

DOUBLE = '"“”„«»‟〝〞＂'
SINGLE = "'‘’‚‹›‛"
_OPEN_ONLY = "„«‚‹"
_CLOSE_ONLY = "»›"
_OPEN_BEFORE = "([{—–-―/:;"
_CLOSE_AFTER = ".,;:!?)]}—–-―…*"
_DASHES = {"—", "–", "―", "--", "-"}
_SUBJ = {"nsubj", "nsubjpass", "csubj"}
_RELATIVE = {"who", "which", "that", "whom"}
# Verbs whose direct object is the person addressed, not what was said.
_RECIPIENT_OBJECT = {"tell", "ask", "urge", "warn", "inform", "advise", "remind", "assure", "notify", "brief",
                     "thank", "call", "invite", "press", "encourage", "caution", "beg", "implore", "instruct",
                     "order", "persuade", "convince"}
# "say" and friends only report content through a clause, never through a plain object ("said a few words").
_CLAUSE_ONLY = {"say", "tell", "add", "note", "state", "explain", "write", "speak", "talk", "answer", "reply",
                "respond", "comment", "continue", "begin", "start", "call", "mean", "read", "hear", "learn",
                "rate", "rank", "figure", "hold", "pass", "sign", "vote", "launch", "order",
                "direct", "charge", "press", "push", "invite", "campaign", "air", "print", "publish", "post", "text",
                "quote", "like", "love", "hate", "laugh", "smile", "cry", "joke", "sigh",
                # perception, discovery, decision and requirement: their plain object is a thing, not a message
                "see", "find", "discover", "notice", "require", "assume", "presume", "suppose", "imagine", "decide",
                "resolve", "rule", "pronounce", "determine", "establish", "prove", "demonstrate"}
# Verbs whose to-infinitive is aspect or raising, not content ("continued to rise", "proved to be", "was supposed to").
_NOT_CONTENT_XCOMP = {"continue", "begin", "start", "prove", "suppose"}
# Raising verbs of appearance: "X seems to …" reports an impression of X.
_RAISING = {"seem", "appear"}
_NAMED_PLACES_PEOPLE = {"PERSON", "GPE", "LOC", "FAC", "ORG", "NORP"}
# Verbs of thinking and judging: a quoted word after them is a scare quote, not what was said.
_THINKING = {"consider", "regard", "deem", "view", "see", "find", "judge", "perceive", "understand"}
# Naming verbs: "called the charges unfounded", "labelled him a traitor": the object and its complement are the content.
_NAMING = {"call", "label", "brand", "dub", "term", "deem", "consider", "declare", "pronounce", "find", "see", "view",
           "regard", "describe", "characterize", "characterise", "portray", "cast", "dismiss", "hail", "tout",
           "denounce", "condemn", "criticize", "criticise", "praise", "liken"}
_NAMES = ("PROPN", "PRON", "NOUN")
_ABSTRACT = {"fact", "idea", "notion", "possibility", "reason", "question", "claim"}
_NOUN_PREPS = {"of", "for", "about", "on", "against", "over"}
# Nouns for people by the stance they take ("a critic of the deal"): what the of-phrase names is the content.
_AGENT_NOUNS = {"critic", "supporter", "opponent", "proponent", "advocate", "defender", "backer"}
_ADJ_PREPS = {"of", "about", "to", "toward", "towards", "over", "with"}
# Prepositions that bring a reporting noun's topic even when no one is named as its source ("questions about X").
_TOPIC_NOUN_PREPS = {"about", "on", "against", "over"}
_SOURCES = {"PERSON", "ORG", "NORP", "GPE"}
# Reporting nouns that are documents or findings: "in a new poll, …" names its own source.
_DOCUMENTS = {"poll", "polls", "survey", "surveys", "study", "studies", "report", "reports", "analysis", "estimate",
              "estimates", "assessment"}
# Reporting nouns for what someone said: "in an interview, X …" gives the clause's subject as the source.
_UTTERANCES = {"statement", "letter", "memo", "tweet", "post", "interview", "testimony", "speech", "remarks"}
_SAY_LIKE = {"ask", "claim", "argue", "insist", "conclude", "contend", "warn", "predict", "maintain", "assert"}
_FINITE = {"VBD", "VBZ", "VBP", "MD"}
_ANAPHORIC = {"this", "that", "so", "it", "what"}


@dataclass(frozen=True)
class QuotedSpan:
    """Characters `[start, end)` between (and including) a pair of quotation marks; `closed` is False when recovered."""

    start: int
    end: int
    closed: bool = True


@dataclass(frozen=True)
class Cue:
    """A reporting word: its lemma (with particle, e.g. "point to"), part of speech and speech act."""

    lemma: str
    pos: str
    act: str


SPEECH_ACTS = {"statement", "claim", "denial", "accusation", "warning", "announcement", "belief", "prediction",
               "request", "agreement"}


@functools.cache
def cue_lexicon() -> dict[tuple[str, str], Cue]:
    """The cue lexicon from resources/cues.tsv, keyed by (lemma, part of speech); read once per process."""
    text = resources.files("newsgraph.resources").joinpath("cues.tsv").read_text(encoding="utf-8")
    out: dict[tuple[str, str], Cue] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#") or line.startswith("lemma\t"):
            continue
        parts = line.split("\t")
        if len(parts) != 3 or parts[2] not in SPEECH_ACTS:
            raise ResourceError(f"cues.tsv line {number} is {line!r}; write lemma<TAB>pos<TAB>act "
                                    f"with act one of {sorted(SPEECH_ACTS)}")
        out[(parts[0], parts[1])] = Cue(*parts)
    return out


@functools.cache
def _particles() -> dict[tuple[str, str], set[str]]:
    """(head lemma, pos) -> particles of multiword cues, e.g. ("point", "VERB") -> {"to"}."""
    out: dict[tuple[str, str], set[str]] = {}
    for lemma, pos in cue_lexicon():
        if " " in lemma:
            head, _, particle = lemma.partition(" ")
            out.setdefault((head, pos), set()).add(particle)
    return out


# ---------------------------------------------------------------------------------------------- marks


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Non-blank lines as (start, end), trailing whitespace excluded."""
    out, pos = [], 0
    for line in text.split("\n"):
        stripped = line.rstrip()
        if stripped.strip():
            out.append((pos, pos + len(stripped)))
        pos += len(line) + 1
    return out


_PAIRS = ("''", "``", "‘‘", "’’")  # two single marks standing for one double mark (wire and NYT style)
_MARK_CHAR = re.compile("[" + re.escape(DOUBLE + SINGLE + "`") + "]")  # the first character of any mark


def _mark_roles(text: str, i: int, width: int, start: int, end: int) -> tuple[bool, bool]:
    """(can open, can close) for the mark at `i`, judged by its neighbours within the paragraph."""
    c = text[i]
    prev = text[i - 1] if i > start else " "
    nxt = text[i + width] if i + width < end else " "
    can_open = (prev.isspace() or prev in _OPEN_BEFORE or prev in DOUBLE or prev in SINGLE) and not nxt.isspace()
    can_close = i > start and not prev.isspace() and (nxt.isspace() or nxt in _CLOSE_AFTER or nxt in DOUBLE
                                                       or nxt in SINGLE)
    if c in _OPEN_ONLY or text[i: i + 2] == "``":
        return not nxt.isspace(), False
    if c in _CLOSE_ONLY:
        return False, can_close
    return can_open, can_close


def _is_apostrophe(text: str, i: int, start: int, end: int) -> bool:
    prev = text[i - 1] if i > start else " "
    nxt = text[i + 1] if i + 1 < end else " "
    return text[i] in SINGLE and (prev.isalnum() and nxt.isalnum() or text[i] in "’'" and not prev.isalnum()
                                  and nxt.isdigit())


def _marks(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """(position, width, family) of each quotation mark in the paragraph, apostrophes left out."""
    out = []
    i = start
    while i < end:
        found = _MARK_CHAR.search(text, i, end)  # characters before it start no mark: skip them at once
        if found is None:
            break
        i = found.start()
        c = text[i]
        if text[i: i + 3] in ("\'\'\'", "’’’") and i + 2 < end:  # closing '' after a nested ' (or the reverse)
            closing = i > start and not text[i - 1].isspace()
            out += [(i, 1, "single"), (i + 1, 2, "double")] if closing else [(i, 2, "double"), (i + 2, 1, "single")]
            i += 3
            continue
        if text[i: i + 2] in _PAIRS and i + 1 < end:
            out.append((i, 2, "double"))
            i += 2
            continue
        if c in DOUBLE:
            out.append((i, 1, "double"))
        elif c in SINGLE and not _is_apostrophe(text, i, start, end):
            out.append((i, 1, "single"))
        i += 1
    return out


def _scan_paragraph(text: str, start: int, end: int) -> list[QuotedSpan]:
    """Pair the marks of one paragraph; an unclosed double quote ends at the paragraph end."""
    spans: list[QuotedSpan] = []
    open_at, family = -1, ""
    for i, width, fam in _marks(text, start, end):
        can_open, can_close = _mark_roles(text, i, width, start, end)
        if open_at >= 0 and family == "single" and fam == "double":
            if text[open_at] in "‘‚‹":
                continue  # British style: double marks nest inside a typographic single quote
            open_at = -1  # a straight single "quote" broken by a double mark was an apostrophe
        if open_at < 0:
            if can_open and (fam == "double" or text[i] != "’"):
                open_at, family = i, fam
        elif fam == family and (can_close or not can_open):
            # a closer may stand after a space ("advice, ”") when nothing but space or punctuation follows
            spans.append(QuotedSpan(open_at, i + width, True))
            open_at = -1
    if open_at >= 0 and family == "double" and end - open_at > 2:
        spans.append(QuotedSpan(open_at, end, False))
    return spans


def quoted_spans(text: str) -> list[QuotedSpan]:
    """Every stretch of `text` between quotation marks, marks included, in text order; never raises.

    A quote left open at a paragraph's end continues when the next paragraph starts with an opening mark
    (the newspaper convention for multi-paragraph quotes); otherwise it ends at its paragraph's end.
    """
    out: list[QuotedSpan] = []
    previous_end = -1
    for start, end in _paragraphs(text):
        spans = _scan_paragraph(text, start, end)
        first = spans[0] if spans else None
        if (out and not out[-1].closed and out[-1].end == previous_end and first is not None
                and first.start == start + _lead(text, start)
                and (text[first.start] in DOUBLE or text[first.start: first.start + 2] in _PAIRS)):
            previous = out.pop()  # the quote left open at the end of the paragraph just before continues here
            spans[0] = QuotedSpan(previous.start, first.end, first.closed)
        out.extend(spans)
        previous_end = end
    return out


def _lead(text: str, start: int) -> int:
    n = 0
    while start + n < len(text) and text[start + n].isspace():
        n += 1
    return n


# ---------------------------------------------------------------------------------------------- candidates


@dataclass
class _Found:
    kind: str
    start: int
    end: int
    cue: Cue | None = None
    cue_tokens: tuple[int, int] | None = None  # token range [i, j)
    cue_chars: tuple[int, int] | None = None
    subject: Token | None = None
    speaker_chars: tuple[int, int] | None = None
    inherit_from: _Found | None = None  # the earlier direct quote whose attribution this one continues


def _lemma(token: Token) -> str:
    """The token's lowercased lemma, repaired where the tagger clipped a silent e ("hopes" -> "hop" -> "hope",
    "rated" -> "rat" -> "rate") and the repaired word is a cue."""
    lemma = token.lemma_.lower()
    if token.tag_ in ("VBD", "VBN", "VBG", "VBZ") and token.lower_.endswith(("ed", "ing", "es")) and (
            lemma, "VERB") not in cue_lexicon() and (lemma + "e", "VERB") in cue_lexicon():
        return lemma + "e"
    return lemma


def _cue_for(token: Token) -> Cue | None:
    """The cue a token stands for (multiword cues need their particle among the token's children)."""
    lex = cue_lexicon()
    if token.lower_ == "according" and token.i + 1 < len(token.doc) and token.nbor(1).lower_ == "to":
        return lex.get(("according to", "ADP"))
    pos = "VERB" if token.pos_ in ("VERB", "AUX") else token.pos_
    lemma = _lemma(token) if pos == "VERB" else token.lemma_.lower()
    particles = _particles().get((lemma, pos))
    if particles:
        for child in token.children:
            if child.lower_ in particles and child.i > token.i:
                return lex[(f"{lemma} {child.lower_}", pos)]
        nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
        if nxt is not None and nxt.lower_ in particles:
            return lex[(f"{lemma} {nxt.lower_}", pos)]
    return lex.get((lemma, pos)) or (lex.get((token.lower_, pos)) if pos == "NOUN" else None)


def _is_verb_cue(token: Token) -> Cue | None:
    if token.pos_ not in ("VERB",) and not (token.pos_ == "AUX" and token.dep_ != "aux"):
        if not (token.tag_.startswith("VB") and token.dep_ not in ("aux", "auxpass")):
            return None
    cue = _cue_for(token)
    return cue if cue is not None and cue.pos == "VERB" else None


def _cue_chars(token: Token, cue: Cue) -> tuple[int, int]:
    end = token.idx + len(token.text)
    if " " in cue.lemma:
        particle = cue.lemma.split(" ", 1)[1]
        for other in token.doc[token.i + 1: token.i + 4]:
            if other.lower_ == particle:
                end = other.idx + len(other.text)
                break
    return token.idx, end


def _subject(cue: Token) -> Token | None:
    """The cue's speaker: its subject, the agent of a passive, or the subject of the verb it hangs from."""
    passive = any(c.dep_ == "auxpass" for c in cue.children)
    for child in cue.children:
        if passive and child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
        if child.dep_ in ("nsubj", "csubj") or (child.dep_ == "nsubjpass" and not passive):
            if child.lemma_ in _ABSTRACT:  # "The fact that ruler X denies …" parsed with "fact" as subject
                names = [t for t in cue.doc[child.i + 1: cue.i] if t.pos_ == "PROPN"]
                return names[-1] if names else None
            return child
    if passive:
        return None
    if cue.dep_ == "acl" and cue.tag_ == "VBG" and cue.head.pos_ in _NAMES:
        return cue.head  # "a new poll showing that …", "a gunman claiming allegiance to …"
    head = cue.head
    if cue.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX") and head.head.i != head.i:
        return _subject(head.head)  # "before insisting that …", "after announcing his support, X …"
    if cue.dep_ == "xcomp" and head.dep_ == "acomp" and head.head.pos_ in ("VERB", "AUX"):
        return _subject(head.head)  # "Advisers are quick to point out that …"
    if _raised_conjunct(cue):  # "X said he would go and warned that …": X warned
        return _subject(cue.head.head)
    if cue.dep_ in ("conj", "xcomp", "advcl") and cue.head.i != cue.i and cue.head.pos_ in ("VERB", "AUX"):
        return _subject(cue.head)
    if cue.dep_ in ("relcl", "xcomp", "acl", "advcl", "ccomp", "conj", "amod"):
        return None
    return _subject_fallback(cue)


def _raised_conjunct(verb: Token) -> bool:
    """A reporting verb the parser hung on the content of the cue before it ("May said that the country would
    leave and suggested that …"): a conjunct of a that-clause, in the tense of the outer cue, with no subject."""
    head = verb.head
    return (verb.dep_ == "conj" and head.dep_ == "ccomp" and head.head.i < head.i and verb.tag_ == head.head.tag_
            and verb.tag_ in ("VBD", "VBZ") and head.tag_ != verb.tag_ and _is_verb_cue(head.head) is not None
            and not any(c.dep_ in _SUBJ for c in verb.children))


def _subject_fallback(cue: Token) -> Token | None:
    """A mis-parsed cue ("Hromov from the staff points to …" with "points" as a noun's object): the sentence's
    first name or noun phrase head before the cue, when no verb stands between."""
    sent = cue.sent
    for token in sent:
        if token.i >= cue.i:
            return None
        if token.pos_ in ("VERB", "AUX"):
            return None
        if token.pos_ in ("PROPN", "NOUN", "PRON") and token.dep_ in ("ROOT", "nsubj", "compound") and (
                token.dep_ != "compound" or token.head.pos_ == "PROPN"):
            head = token
            while head.dep_ == "compound":
                head = head.head
            return head
    return None


def _speaker_chars(subject: Token) -> tuple[int, int]:
    """The subject's words up to its head plus close modifiers; relative clauses and comma appositions left out."""
    left = subject.left_edge.i
    right = subject.i
    for child in subject.rights:
        if child.dep_ in ("relcl", "acl", "punct", "advcl", "cc", "conj") or child.text in ",(":
            break
        if child.dep_ == "appos" and subject.doc[child.left_edge.i - 1].text == ",":
            break
        right = child.right_edge.i
    doc = subject.doc
    while right > left and doc[right].is_punct:
        right -= 1
    while left < right and doc[left].is_punct:
        left += 1
    return doc[left].idx, doc[right].idx + len(doc[right].text)


def _trim(doc: Doc, i: int, j: int) -> tuple[int, int] | None:
    """Token range [i, j) without edge punctuation/whitespace, as characters; None when empty."""
    while i < j and (doc[i].is_punct and doc[i].text not in DOUBLE + SINGLE or doc[i].is_space):
        i += 1
    if i < j and doc[i].is_upper and doc[i].is_alpha and len(doc[i]) > 1:
        i = _after_dateline(doc, i, j)
    while j > i and (doc[j - 1].is_punct and doc[j - 1].text not in DOUBLE + SINGLE or doc[j - 1].is_space):
        j -= 1
    if i >= j:
        return None
    return doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)


_DATELINE_DASHES = {"—", "–", "--", "-", "―"}


def _after_dateline(doc: Doc, i: int, j: int) -> int:
    """The first token after a dateline ("WASHINGTON (AP) —", "LOS ANGELES, Sept. 28 (UPI) —") starting at `i`;
    `i` itself when there is none."""
    depth = 0
    for k in range(i, min(j, i + 12)):
        token = doc[k]
        if token.text in _DATELINE_DASHES:
            return k + 1 if k > i else i
        depth += token.text == "("
        depth -= token.text == ")"
        if not (depth or token.is_upper or token.is_punct or token.like_num or token.ent_type_ == "DATE"):
            return i
    return i


def _tokens_in(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


# ---------------------------------------------------------------------------------------------- direct quotes


def _words(span: Span | None) -> int:
    return 0 if span is None else sum(1 for t in span if not t.is_punct and not t.is_space)


def _first_after(doc: Doc, starts: list[int], char: int) -> Token | None:
    i = bisect.bisect_left(starts, char)
    return doc[i] if i < len(doc) else None


def _after_frame(doc: Doc, text: str, q: QuotedSpan, marks: set[int], starts: list[int]
                 ) -> tuple[Token, Cue | None] | None:
    """A cue right after the quote ("…," said X / "…," X said / "…" — X): (cue token, cue) or (speaker, None)."""
    first = _first_after(doc, starts, q.end)
    if first is None or "\n" in text[q.end: first.idx]:
        return None
    if first.text in _DASHES or first.text.startswith("―"):
        names = [t for t in doc[first.i + 1: first.i + 4] if t.pos_ in ("PROPN", "NOUN")]
        return (names[0], None) if names else None
    inner = text[q.start: q.end].rstrip(DOUBLE + SINGLE + " ")
    for t in doc[first.i: min(len(doc), first.i + 40)]:
        if t.i in marks or t.text in ".!?;" and t.i > first.i or "\n" in t.text:
            return None
        cue = _is_verb_cue(t) or (_cue_for(t) if t.lower_ == "according" else None)
        if cue is None and t.pos_ == "VERB" and t.tag_ == "VBD" and inner.endswith((",", "!", "?")):
            cue = Cue(t.lemma_.lower(), "VERB", "statement")  # a manner verb: "…!" beamed Hartley
        if cue is None:
            continue
        ends_sentence = not inner.endswith((",", "—", "–", "-", "…"))
        if any(c.dep_ in ("ccomp", "xcomp") and c.i > t.i and not _quoted(c, marks) and (ends_sentence or any(
                g.dep_ in ("mark", "aux") and g.i < c.i for g in c.children)) for c in t.children):
            return None  # the verb reports its own content: "…." He said he would go; "“…,” noting that …"
        if ends_sentence and _opens_quote(t, marks):
            return None  # "…." He added, "…": the cue belongs to the next quote
        if ends_sentence and inner.endswith(".") and not first.is_lower and (
                t.i - first.i > 4 or cue.act != "statement" and cue.lemma not in _SAY_LIKE):
            return None  # "…." The government refused.: a new sentence, not this quote's frame
        between = [b for b in doc[first.i: t.i] if not b.is_punct]
        subj = _subject(t)
        if all(subj is not None and subj.left_edge.i <= b.i <= subj.right_edge.i and subj.idx >= q.end
               or b.pos_ in ("ADV", "PART", "AUX") for b in between) or not any(b.tag_ in _FINITE for b in between):
            return t, cue
        return None
    return None


def _opens_quote(cue: Token, marks: set[int]) -> bool:
    """Whether a quotation mark follows the cue within its sentence (the cue introduces a later quote); a period
    before the mark ends the cue's sentence even where the parser ran on ("…?'' he asked. ''…")."""
    for t in cue.doc[cue.i + 1: min(cue.sent.end, cue.i + 8)]:
        if t.i in marks:
            return True
        if t.text in (".", "!", "?"):
            return False
    return False


def _quoted(token: Token, marks: set[int]) -> bool:
    """Whether the token's phrase opens with a quotation mark (the second half of an interrupted quote)."""
    edge = token.left_edge
    return edge.i in marks or (edge.i > 0 and edge.doc[edge.i - 1].i in marks)


def _before_frame(doc: Doc, text: str, q: QuotedSpan, marks: set[int], starts: list[int]) -> tuple[Token, Cue] | None:
    """A cue before the quote in its paragraph ("X said: “…" / "X said, “…" / "X said “…"): (cue token, cue)."""
    i = bisect.bisect_left(starts, q.start) - 1
    if i < 0 or "\n" in text[doc[i].idx: q.start]:
        return None
    last = doc[i]
    start = last.sent.start
    if last.text == ":" and last.i == start and start > 0:
        start = doc[start - 1].sent.start  # the parser split "he said: | “…"
    region = [t for t in doc[start: last.i + 1] if t.i not in marks]
    for t in reversed(region):
        if "\n" in t.text_with_ws:
            return None
        cue = _is_verb_cue(t) or (_cue_for(t) if t.pos_ == "NOUN" or t.lower_ == "according" else None)
        if cue is None:
            continue
        gap = [b for b in doc[t.i + 1: last.i + 1] if not b.is_space]
        if cue.lemma == "according to":
            gap = [b for b in gap if not (t.i < b.i <= t.right_edge.i or b.head.i == t.i + 1)]
        if any(b.text in ".!?" for b in gap) or any(b.lower_ in ("that", "whether", "if", "to") for b in gap):
            return None
        if last.text == ":" or (last.text == "," and len(gap) <= 10 and not any(b.tag_ in _FINITE for b in gap)) \
                or len(gap) <= 1 and all(
                b.pos_ in ("ADV", "PUNCT") for b in gap):
            if cue.pos == "NOUN" and t.dep_ == "pobj" and t.head.dep_ == "prep" and t.head.head.i < t.i and (
                    verb_cue := _is_verb_cue(t.head.head)) is not None:  # "…,” he said in a statement, “…": said
                return t.head.head, verb_cue
            return t, cue
        return None
    return None


def _colon_paragraph(doc: Doc, q: QuotedSpan, text: str, starts: list[int]) -> tuple[Token, Cue] | None:
    """A quote opening its paragraph after a paragraph that ends with "… he said:"."""
    before = text[: q.start].rstrip()
    if not before.endswith(":") or "\n" not in text[len(before): q.start]:
        return None
    i = bisect.bisect_left(starts, len(before)) - 1  # the last token starting before the end of `before`
    if i < 0:
        return None
    colon = doc[i]
    for t in reversed(doc[colon.sent.start: colon.i]):
        cue = _is_verb_cue(t)
        if cue is not None:
            return t, cue
    return None


def _label_frame(doc: Doc, text: str, q: QuotedSpan, starts: list[int]) -> tuple[Token, Token] | None:
    """"Clinton: “…”": a bare name and a colon before the quote; (speaker, colon)."""
    i = bisect.bisect_left(starts, q.start) - 1
    if i < 1 or doc[i].text != ":" or "\n" in text[doc[i].idx: q.start]:
        return None
    name = []
    for t in reversed(doc[max(0, i - 6): i]):
        if "\n" in t.text_with_ws or t.is_punct and t.text not in ("'", "’"):
            break
        if t.pos_ not in ("PROPN", "NOUN", "DET", "PART", "ADJ") and t.text not in ("'", "’", "'s", "’s"):
            return None
        name.append(t)
    heads = [t for t in name if t.pos_ in ("PROPN", "NOUN")]
    return (heads[0], doc[i]) if heads and len(name) <= 5 else None


def _previous_sentence_frame(doc: Doc, text: str, q: QuotedSpan, starts: list[int]) -> tuple[Token, Cue] | None:
    """"Bystrom agreed. “…”": a quote opening its sentence right after a sentence whose cue has no content."""
    i = bisect.bisect_left(starts, q.start) - 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    if i < 0 or doc[i].text not in ".:" or "\n" in text[doc[i].idx: q.start]:
        return None
    root = doc[i].sent.root
    cue = _is_verb_cue(root)
    if cue is None or _subject(root) is None:
        return None
    if any(c.dep_ in ("ccomp", "xcomp", "dobj", "csubj") for c in root.children):
        return None
    return root, cue


def _stands_alone(doc: Doc, text: str, q: QuotedSpan, starts: list[int], marks: set[int]) -> bool:
    """Whether the quote is a whole sentence, not a quoted name the sentence goes on about ("‘X’ placed …")."""
    if text[q.start: q.end].rstrip(DOUBLE + SINGLE + " ").endswith((".", "!", "?", "…")):
        return True
    nxt = _first_after(doc, starts, q.end)
    return nxt is None or "\n" in text[q.end: nxt.idx + 1] or nxt.text in ".!?" or nxt.i in marks \
        or nxt.is_sent_start is True


def _starts_sentence(doc: Doc, q: QuotedSpan, starts: list[int]) -> bool:
    first = _first_after(doc, starts, q.start)
    if first is None:
        return False
    prev = doc[first.i - 1] if first.i > 0 else None
    return prev is None or first.is_sent_start or "\n" in prev.text_with_ws or prev.text in ".!?:" or prev.is_space


def _mark_tokens(doc: Doc, spans: list[QuotedSpan], starts: list[int]) -> set[int]:
    """Indices of the tokens holding the opening and closing marks of the quoted spans (not apostrophes)."""
    out = set()
    for q in spans:
        for char in (q.start, q.end - 1):
            i = bisect.bisect_right(starts, char) - 1
            if 0 <= i < len(doc):
                out.add(i)
    return out


def _direct(doc: Doc, text: str, spans: list[QuotedSpan]) -> tuple[list[_Found], list[QuotedSpan]]:
    """Direct quotes with their frames, and the short quoted fragments left over (scare quotes, mixed parts)."""
    starts = doc.to_array(IDX).tolist()  # character offset of each token, without building Token objects
    marks = _mark_tokens(doc, spans, starts)
    found: list[_Found] = []
    fragments: list[QuotedSpan] = []
    for q in spans:
        inner = _tokens_in(doc, q.start, q.end)
        words = _words(inner)
        if words == 0:
            continue
        if _is_title(doc, inner, starts, q):
            fragments.append(q)  # on CNN’s “State of the Union,”: a title, not words said
            continue
        after = _after_frame(doc, text, q, marks, starts)
        before = None if after else _before_frame(doc, text, q, marks, starts) or _colon_paragraph(doc, q, text, starts)
        label = None if after or before else _label_frame(doc, text, q, starts)
        if not (after or before or label) and _starts_sentence(doc, q, starts):
            before = _previous_sentence_frame(doc, text, q, starts)
        item = _Found("direct", q.start, q.end)
        if label is not None:
            speaker, colon = label
            item.cue, item.cue_chars = Cue(":", "PUNCT", "statement"), (colon.idx, colon.idx + 1)
            item.subject = speaker
        elif after is not None and after[1] is None:
            speaker = after[0]
            dash = _first_after(doc, starts, q.end)
            item.cue, item.cue_chars = Cue(dash.text, "PUNCT", "statement"), (dash.idx, dash.idx + len(dash.text))
            item.subject = speaker
        elif after is not None or before is not None:
            token, cue = after or before  # type: ignore[misc]
            item.cue, item.cue_chars, item.subject = cue, _cue_chars(token, cue), _cue_subject(token, cue, q)
            item.cue_tokens = (token.i, token.i + 1)
        elif words >= 3 and _starts_sentence(doc, q, starts) and _stands_alone(doc, text, q, starts, marks):
            previous = _previous_direct(found, text, q)
            item.inherit_from = found[previous] if previous is not None else None
        else:
            fragments.append(q)
            continue
        if (item.cue is not None and words < 3 and not _starts_sentence(doc, q, starts)
                and not text[q.start:q.end].rstrip(DOUBLE + SINGLE).endswith((",", "?", "!", "."))):
            fragments.append(q)  # he called it “a disgrace” said nobody: a fragment inside reported speech
            continue
        found.append(item)
    return found, fragments


_TITLE_SMALL = {"a", "an", "the", "of", "with", "and", "or", "for", "to", "in", "on", "at", "by", "from", "&", "vs"}
_TITLE_BEFORE = {"on", "in", "of", "at", "from", "'s", "’s", "titled", "entitled", "called", "dubbed", "named"}


def _is_title(doc: Doc, inner: Span | None, starts: list[int], q: QuotedSpan) -> bool:
    """A quoted title ("on CNN’s “State of the Union,”", "star of “Scandal”"): title-case words right after a
    possessive, a preposition or a naming word."""
    if inner is None:
        return False
    words = [t for t in inner if t.is_alpha or t.like_num]
    if not words or len(words) > 8 or not all(t.is_title or t.is_upper or t.like_num or t.lower_ in _TITLE_SMALL
                                               for t in words) or not (words[0].is_title or words[0].like_num):
        return False
    i = bisect.bisect_left(starts, q.start) - 1
    if i >= 0 and doc[i].lower_ in _TITLE_BEFORE:
        return True
    # a name in title case anywhere ("the book ‘The Art of the Deal,’", an all-caps subhead): no verb, not
    # announced by a colon (a slogan: "one message: “Dump Trump”")
    return (sum(1 for t in words if t.lower_ not in _TITLE_SMALL and not t.like_num) >= 2 and
            not any(t.pos_ in ("VERB", "AUX") for t in words) and not (i >= 0 and doc[i].text == ":")
            and not _in_headline(doc, inner))


def _in_headline(doc: Doc, inner: Span) -> bool:
    """Whether the words before a quote in its sentence are all in title case (a headline, where a quote's
    capitals say nothing)."""
    before = [t for t in doc[inner.sent.start: inner.start] if t.is_alpha]
    return len(before) >= 2 and all(t.is_title or t.is_upper or t.lower_ in _TITLE_SMALL for t in before)


def _cue_subject(token: Token, cue: Cue, q: QuotedSpan) -> Token | None:
    """The speaker of a direct quote's cue, never a word inside the quote itself."""
    subj = _frame_subject(token, cue)
    if subj is None or not q.start <= subj.idx < q.end:
        return subj
    doc = token.doc
    before = [t for t in doc[max(0, token.i - 8): token.i] if t.pos_ in _NAMES and not t.idx < q.end]
    after = [t for t in doc[token.i + 1: token.i + 6] if t.pos_ in _NAMES]
    if token.idx < q.start:
        before = [t for t in doc[max(0, token.i - 8): token.i] if t.pos_ in _NAMES]
        return before[-1] if before else None
    return before[-1] if before else (_name_head(after[0]) if after else None)


def _frame_subject(token: Token, cue: Cue) -> Token | None:
    if cue.lemma == "according to":
        to = next((c for c in token.children if c.lower_ == "to"), None)
        to = to or (token.nbor(1) if token.i + 1 < len(token.doc) else None)
        return next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    subj = _subject(token)
    if subj is None and token.pos_ == "NOUN":
        return next((c for c in token.children if c.dep_ == "poss"), None)
    if subj is None:  # parser missed an inverted "said Hromov": take the next name
        nxt = [t for t in token.doc[token.i + 1: token.i + 4] if t.pos_ in ("PROPN", "PRON", "NOUN")]
        return _name_head(nxt[0]) if nxt else None
    return subj


def _previous_direct(found: list[_Found], text: str, q: QuotedSpan) -> int | None:
    """The earlier direct quote this one continues: in the same paragraph, or ending the paragraph just before
    when this quote opens its own paragraph."""
    if not found:
        return None
    lines = text[found[-1].end: q.start].split("\n")
    if len(lines) == 1:
        return len(found) - 1
    if lines[-1].strip() == "" and not any(line.strip() for line in lines[1:-1]):
        return len(found) - 1
    return None


# ---------------------------------------------------------------------------------------------- indirect quotes


def _content_children(cue: Token, cue_def: Cue) -> list[Token]:
    lemma = _lemma(cue)
    out = []
    for child in cue.children:
        dep = child.dep_
        if dep in ("ccomp", "csubj") and child.i != cue.i:
            out.append(child)
        elif dep == "xcomp" and child.pos_ in ("VERB", "AUX") and lemma not in _NOT_CONTENT_XCOMP and (
                any(g.lower_ == "to" for g in child.lefts) or child.i > cue.i and child.tag_ != "VBN"):
            out.append(child)  # "vowed to leave"; "said cutting output must be a priority" (a clause misread)
        elif dep == "dobj" and child.i < cue.i and child.tag_ in ("WDT", "WP") and not _pointing_what(cue, child):
            continue  # "what she wants", "the records that Trump released": a relative pronoun, no content
        elif dep == "dobj" and lemma == "defend" and child.ent_type_ in _NAMED_PLACES_PEOPLE:
            continue  # defending a client or a seat, not a view
        elif dep == "dobj" and lemma not in _RECIPIENT_OBJECT and lemma not in _CLAUSE_ONLY:
            out.append(child)
        elif dep == "dobj" and lemma in ("say", "tell", "confirm", "deny") and child.lower_ in _ANAPHORIC:
            out.append(child)
        elif dep == "prep" and (_about(child, lemma) or " " in cue_def.lemma
                                and cue_def.lemma.endswith(" " + child.lower_) and not _dated(child)):
            out.append(child)
    return out


_TOPIC_VERBS = {"complain", "talk", "speak", "worry", "comment", "write", "testify", "boast", "hear", "learn",
                "know", "warn", "ask", "tell", "remind", "caution", "accuse", "blame", "criticize", "criticise",
                "praise", "thank", "call", "insist", "brief", "inform", "weigh", "joke", "brag", "muse", "think",
                "wonder", "speculate", "fret", "inquire", "enquire", "rant", "lie", "reminisce"}
_TOPIC_PREPS = {"of": _TOPIC_VERBS, "about": _TOPIC_VERBS,
                "against": _TOPIC_VERBS | {"campaign", "argue", "vote", "protest", "lobby", "rule", "advocate"},
                "for": {"call", "ask", "blame", "praise", "thank", "criticize", "criticise", "press", "push",
                        "campaign", "appeal", "plead", "apologize", "apologise", "argue", "advocate", "lobby", "vote"},
                "on": {"comment", "insist", "report", "brief", "elaborate", "weigh"},
                "to": {"respond", "reply", "object", "testify", "attest"}}


def _dated(prep: Token) -> bool:
    """Whether a preposition's object is a date or time ("weighed in Friday" parsed as "in Friday")."""
    return any(g.ent_type_ in ("DATE", "TIME") for g in prep.children if g.dep_ in ("pobj", "pcomp"))


def _about(prep: Token, lemma: str) -> bool:
    """A preposition that introduces what is said ("warned of floods", "commented on the vote"), not a time."""
    objects = [g for g in prep.children if g.dep_ in ("pobj", "pcomp")]
    if not objects or any(o.ent_type_ in ("DATE", "TIME") for o in objects):
        return False
    return lemma in _TOPIC_PREPS.get(prep.lower_, ())


def _verb_quote(cue: Token, cue_def: Cue, cues: list[int]) -> list[_Found]:
    """An indirect quote around a reporting verb: its content clause or object, its subject as speaker; a content
    split by its cue ("The museum, he said, celebrated …") is two parts sharing the cue; `cues` are the indices of
    the doc's possible cue words, in order (a nested attribution inside the content starts at one of them)."""
    doc = cue.doc
    if _lemma(cue) in _RAISING:
        return _raising_quote(cue, cue_def)
    if _lemma(cue) in _NAMING:
        named = _naming_content(cue)
        if named is not None:
            return _parts(cue, cue_def, _subject(cue), [named])
    if cue_def.lemma == "put it" and cue.dep_ == "advcl":  # "As Simonyan put it, RT is …"
        return _as_quote(cue, cue_def) if any(c.lower_ == "as" for c in cue.children) else []
    children = _content_children(cue, cue_def)
    if not children:
        return _passive_quote(cue, cue_def) or _parataxis_quote(cue, cue_def) or _object_relative(cue, cue_def)
    anaphor = next((c for c in children if c.lower_ in _ANAPHORIC and c.dep_ == "dobj" and (
        c.i > cue.i and c.lower_ != "what" or _pointing_what(cue, c))), None)  # "denied it", "That's what X said"
    if anaphor is not None and any(c.dep_ in ("oprd", "ccomp") and c.i > anaphor.i for c in cue.children):
        anaphor, children = None, [c for c in children if c.i != anaphor.i and c.dep_ not in ("ccomp", "oprd")]
        # "declaring it “a victory”": naming, not a pointer back; the quoted words are a direct fragment
        if not children:
            return []
    subject = _subject(cue)
    parts: list[tuple[int, int] | None]
    if anaphor is not None:
        parts = [_previous_sentence(cue)]
    elif all(c.i > cue.i for c in children):
        parts = [_trim(doc, *_cut_nested(cue, cues, *_right_content(cue, min(children, key=lambda t: t.i))))]
    else:
        left = [c for c in children if c.i < cue.i]
        first = min(c.left_edge.i for c in left)
        last = max(c.right_edge.i for c in left)
        if subject is None or subject.i < last:  # "…, said April Keller, a spokeswoman": the name after the cue
            after = [t for t in doc[cue.i + 1: min(cue.sent.end, cue.i + 6)] if t.pos_ in ("PROPN", "NOUN", "PRON")]
            subject = _name_head(after[0]) if after else subject
        if subject is not None and subject.i < cue.i:
            last = min(last, subject.left_edge.i - 1)
        parts = [_trim(doc, first, last + 1)]
        right = [c for c in children if c.i > cue.i and c.dep_ == "ccomp"]
        if right and subject is not None and subject.i < cue.i:  # "…so bad, Mr. Obama noted, that …"
            if doc[first].tag_ in ("VBG", "VBN"):  # "Writing for the Times, X noted that …": a participle, no content
                parts = []
            parts.append(_trim(doc, *_cut_nested(cue, cues, *_right_content(cue, right[0]))))
    return _parts(cue, cue_def, subject, parts)


def _raising_quote(cue: Token, cue_def: Cue) -> list[_Found]:
    """"Mr. X seemed to hesitate", "it appears that …": an impression; the content is the subject and what is said
    of it (the subject stands as the source, as the one whose conduct gives the impression), or the that-clause
    after an empty "it" (no source)."""
    doc = cue.doc
    clause = next((c for c in cue.children if c.i > cue.i and c.dep_ in ("xcomp", "acomp", "ccomp", "oprd")), None)
    if clause is None or clause.dep_ == "xcomp" and not any(g.lower_ == "to" for g in clause.lefts):
        return []
    subject = next((c for c in cue.children if c.dep_ in ("nsubj", "expl")), None)
    if subject is not None and subject.lower_ in ("it", "there"):
        subject = None
    parts = [_trim(doc, clause.left_edge.i, clause.right_edge.i + 1)]
    if subject is not None and subject.tag_ not in ("WDT", "WP"):
        parts.insert(0, _trim(doc, subject.left_edge.i, subject.right_edge.i + 1))
    return _parts(cue, cue_def, subject, parts)


def _object_relative(cue: Token, cue_def: Cue) -> list[_Found]:
    """"a deal she once supported", "the allegations, which he denies": a cue in a relative clause whose object is
    the noun the clause hangs from; the content is the relative pronoun standing for it, or the noun phrase when
    the clause has none."""
    head = cue.head
    if cue.dep_ != "relcl" or head.i > cue.i or head.pos_ not in ("NOUN", "PROPN", "PRON"):
        return []
    subject = next((c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < cue.i), None)
    if subject is None or subject.tag_ in ("WDT", "WP") or any(c.dep_ == "auxpass" for c in cue.children):
        return []
    doc = cue.doc
    pronoun = next((c for c in cue.children if c.i < subject.i and c.tag_ in ("WDT", "WP") and c.dep_ in (
        "dobj", "pobj")), None)
    if pronoun is not None:
        part = (pronoun.idx, pronoun.idx + len(pronoun.text))
    elif head.i + 1 == subject.left_edge.i:  # a bare relative: the noun phrase right before the clause
        part = _trim(doc, head.left_edge.i, head.i + 1)
    else:
        return []
    return _parts(cue, cue_def, subject, [part])


def _naming_content(cue: Token) -> tuple[int, int] | None:
    """"Trump called climate change a hoax": the object through its complement, as characters."""
    obj = next((c for c in cue.children if c.dep_ == "dobj" and c.i > cue.i), None)
    if obj is None:  # "what he calls political correctness": the free relative names the complement
        what = next((c for c in cue.children if c.dep_ == "dobj" and c.i < cue.i and c.lower_ == "what"), None)
        named = next((c for c in cue.children if c.dep_ == "oprd" and c.i > cue.i), None)
        if what is not None and named is not None:
            return _trim(cue.doc, named.left_edge.i, named.right_edge.i + 1)
    complement = next((c for c in cue.children if obj is not None and c.i > obj.i and (
        c.dep_ in ("oprd", "ccomp") or c.dep_ == "prep" and (c.lower_ == "as" or c.lower_ == "to" and
                                                            _lemma(cue) == "liken"))), None)
    if obj is None or complement is None:
        return None
    edge, marks = complement.left_edge.i, DOUBLE + SINGLE + "`"
    if cue.doc[edge].text[0] in marks or edge > 0 and cue.doc[edge - 1].text[0] in marks:
        return None  # called him “a genius”: the quoted words are the quote (a direct fragment)
    return _trim(cue.doc, obj.left_edge.i, complement.right_edge.i + 1)


def _passive_quote(cue: Token, cue_def: Cue) -> list[_Found]:
    """"The issue was first reported by The Washington Post": the passive subject is what the agent reported."""
    if not any(c.dep_ == "auxpass" for c in cue.children) or cue.dep_ not in ("ROOT", "conj", "ccomp"):
        return []
    theme = next((c for c in cue.children if c.dep_ == "nsubjpass" and c.i < cue.i), None)
    agent = _subject(cue)
    if theme is None or theme.tag_ in ("WDT", "WP"):
        return []
    doc = cue.doc
    complement = next((c for c in cue.children if c.i > cue.i and (c.dep_ in ("oprd", "xcomp") or c.dep_ == "prep"
                                                                   and c.lower_ == "as")), None)
    if complement is not None and _lemma(cue) in _NAMING:  # "Mr. Sanders is seen as a reformer": who and what
        return _parts(cue, cue_def, agent, [_trim(doc, theme.left_edge.i, theme.right_edge.i + 1),
                                            _trim(doc, complement.left_edge.i, complement.right_edge.i + 1)])
    if agent is None or theme.tag_ == "PRP":
        return []
    return _parts(cue, cue_def, agent, [_trim(doc, theme.left_edge.i, theme.right_edge.i + 1)])


def _parts(cue: Token, cue_def: Cue, subject: Token | None, parts: list[tuple[int, int] | None]) -> list[_Found]:
    """One `_Found` per content part, all with the same cue and speaker."""
    chars = _cue_chars(cue, cue_def)
    return [_Found("indirect", p[0], p[1], cue_def, (cue.i, cue.i + 1), chars, subject) for p in parts if p]


def _cut_nested(cue: Token, cues: list[int], first: int, last: int) -> tuple[int, int]:
    """The content range `[first, last)` cut before a nested attribution: a reporting verb after a comma
    ("he said X, arguing that Y", ", although he refused to …", ", citing …") or a second reporting verb of the
    same speaker ("May said that X and suggested that Y")."""
    doc = cue.doc
    for j in cues[bisect.bisect_left(cues, first + 2): bisect.bisect_left(cues, last)]:
        verb = doc[j]
        if verb.pos_ != "VERB" or first > verb.head.i or verb.head.i >= last or verb.head.i == cue.i:
            continue
        i = j - 1  # back over "although he", "aside from", "again" to the comma or conjunction
        while i > first + 1 and j - i < 5 and doc[i].text != "," and doc[i].dep_ != "cc" and (
                doc[i].pos_ in ("SCONJ", "ADV", "PRON", "ADP") or doc[i].dep_ in ("mark", "nsubj", "aux", "neg")):
            i -= 1
        if doc[i].dep_ == "cc" and verb.head.i == doc[i].head.i and _raised_conjunct(verb) \
                and verb.head.head.i == cue.i and _is_verb_cue(verb) is not None:
            return first, i
        if doc[i].text == "," and verb.dep_ in ("advcl", "xcomp", "conj", "pcomp") and \
                (nested := _is_verb_cue(verb)) is not None and \
                any(c.dep_ != "prep" for c in _content_children(verb, nested)):
            return first, i
    return first, last


def _pointing_what(cue: Token, child: Token) -> bool:
    """"That's what Salushnyy said": a free relative after "that/this is", pointing back at the sentence before."""
    head = cue.head
    return (child.lower_ == "what" and child.i < cue.i and cue.dep_ in ("ccomp", "attr")
            and (head.lemma_ == "be" or head.lower_ in ("'s", "’s", "is", "was"))
            and any(c.dep_ == "nsubj" and c.lower_ in ("that", "this") for c in head.children))


def _name_head(token: Token) -> Token:
    """The head of a name written in several tokens ("April" in "April Keller" -> "Keller")."""
    while token.dep_ in ("compound", "flat") and token.head.i > token.i:
        token = token.head
    return token


def _right_content(cue: Token, child: Token) -> tuple[int, int]:
    """Token range of content after the cue: the child's subtree (a particle's object only, "point to X"),
    an object stretched over the adverbial clause that follows it ("announced an offensive as soon as …")."""
    if child.dep_ == "prep":
        objects = [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
        if objects and cue.i + 1 == child.i:
            return objects[0].left_edge.i, objects[0].right_edge.i + 1
    first, last = child.left_edge.i, child.right_edge.i
    stretch = {"dobj", "advmod", "advcl"} if child.dep_ == "dobj" else set()
    for other in cue.rights:  # split tokens ("counter - offensive" as three objects) and trailing adverbials
        if other.i > last and other.dep_ in stretch and other.left_edge.i == last + 1:
            last = other.right_edge.i
    return first, _before_aside(cue.doc, child, first, last) + 1


def _before_aside(doc: Doc, child: Token, first: int, last: int) -> int:
    """The content's last token, before a trailing aside of the writer's: a non-restrictive relative clause
    (", which was passed in 2010") that ends the content."""
    token = doc[last]
    while token.i != child.i and token.head.i != token.i:
        if token.dep_ == "relcl" and token.right_edge.i == last and token.left_edge.i > first + 2 and \
                doc[token.left_edge.i - 1].text == "," and doc[token.left_edge.i].lower_ in ("which", "who"):
            return token.left_edge.i - 2
        token = token.head
    return last


def _parataxis_quote(cue: Token, cue_def: Cue) -> list[_Found]:
    """"The boss spent the day at headquarters, his spokesman said": the cue hangs off the content's verb; "The museum,
    Mr. Bush said, celebrated …": a cue inside its content splits it in two."""
    if cue.dep_ == "parataxis" and cue.head.i > cue.i:
        return _parenthetical_quote(cue, cue_def)
    if cue.dep_ in ("advcl", "ccomp") and cue.head.i > cue.i and not any(c.dep_ == "mark" for c in cue.children):
        return _parenthetical_quote(cue, cue_def)  # "If it fails, Smith suggested in a tweet, prices will rise"
    if cue.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" and c.i < cue.i for c in cue.children) \
            and not any(c.dep_ in ("dobj", "ccomp", "xcomp", "attr") for c in cue.children):
        return _as_quote(cue, cue_def)  # "as X noted": the verb's content is missing from its own clause
    if cue.dep_ == "ROOT" and _ends_sentence(cue) and _prev_text(cue) == ",":  # "…, experts say." parsed as root
        subject = next((c for c in cue.children if c.dep_ == "nsubj"), None)
        before = cue.doc[cue.sent.start: subject.left_edge.i] if subject is not None else []
        if subject is not None and cue.i - subject.right_edge.i <= 2 and _words(before) >= 3 and \
                any(t.tag_ in _FINITE for t in before):  # a clause before the comma, not "However, X voted"
            return _parts(cue, cue_def, subject, [_trim(cue.doc, cue.sent.start, subject.left_edge.i)])
        return []
    if cue.dep_ not in ("parataxis", "advcl", "conj") or cue.head.i > cue.i or cue.i < cue.sent.start + 3:
        return []
    if _prev_text(cue) != "," and cue.dep_ != "parataxis":
        return []
    if any(c.dep_ in ("dobj", "ccomp", "xcomp", "attr", "oprd") for c in cue.children):
        return []  # ", engineers found cracks": the verb has an object of its own, so it reports nothing before it
    own = next((c for c in cue.children if c.dep_ in _SUBJ), None)
    subject = own if cue.dep_ != "parataxis" else _subject(cue)
    if subject is None:  # a participle (", pushing prices up") reports nothing of the clause before it
        return []
    parts = [_trim(cue.doc, cue.sent.start, subject.left_edge.i)]
    doc = cue.doc
    more = next((c for c in cue.head.rights if c.i > cue.i + 2 and c.dep_ == "conj" and doc[c.left_edge.i - 1].dep_
                 == "cc" and doc[c.left_edge.i - 2].i == cue.right_edge.i and any(g.dep_ in _SUBJ for g in c.children)
                 and _is_verb_cue(c) is None), None)
    if more is not None:  # "The bridge is old, Brandt said, and repairs will take a year": both halves
        parts.append(_trim(doc, more.left_edge.i - 1, more.right_edge.i + 1))
    return _parts(cue, cue_def, subject, parts)


def _as_quote(cue: Token, cue_def: Cue) -> list[_Found]:
    """"As one analyst pointed out, the gap is vast": the sentence around the as-clause is the content."""
    doc, sent = cue.doc, cue.sent
    subject = next((c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or cue.head.i == cue.i:
        return []
    start, end = cue.left_edge.i, cue.right_edge.i + 1
    return _parts(cue, cue_def, subject, [_trim(doc, sent.start, start), _trim(doc, end, sent.end)])


def _ends_sentence(cue: Token) -> bool:
    """Whether the cue ends its sentence: nothing follows but punctuation, a date ("said Tuesday") or a
    prepositional phrase of the cue ("said in a statement")."""
    doc, i = cue.doc, cue.i + 1
    while i < cue.sent.end:
        token = doc[i]
        if token.dep_ == "prep" and token.head.i == cue.i:
            i = token.right_edge.i + 1
        elif token.is_punct or token.is_space or token.ent_type_ in ("DATE", "TIME"):
            i += 1
        else:
            return False
    return True


def _parenthetical_quote(cue: Token, cue_def: Cue) -> list[_Found]:
    """"Acts of protest, Mr. Obama said, are acts of patriotism": commas around the speaker and cue, the content
    on both sides of them."""
    doc, sent = cue.doc, cue.sent
    subject = next((c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.i > cue.i:
        return []
    start, end = subject.left_edge.i, cue.right_edge.i
    if doc[end].text not in (",", "—", "–", ")") and end + 1 < sent.end:
        end += 1  # "…, X said on Saturday, …": the comma after the cue's phrase hangs from the content
    if start <= sent.start or doc[start - 1].text not in (",", "—", "–", "(") or end + 1 >= sent.end:
        return []
    if doc[end].text not in (",", "—", "–", ")"):
        return []
    left, right = _trim(doc, sent.start, start), _trim(doc, end + 1, sent.end)
    if left is None or right is None:
        return []
    return _parts(cue, cue_def, subject, [left, right])


def _prev_text(cue: Token) -> str:
    """The text of the token before the subject of a trailing cue (a comma for "…, X said")."""
    subject = next((c for c in cue.children if c.dep_ in _SUBJ), None)
    i = (subject.left_edge.i if subject is not None else cue.i) - 1
    return cue.doc[i].text if i >= 0 else ""


def _previous_sentence(cue: Token) -> tuple[int, int] | None:
    sent = cue.sent
    if sent.start == 0:
        return None
    prev = cue.doc[sent.start - 1].sent
    return _trim(cue.doc, prev.start, prev.end)


def _agent_quote(cue: Token, cue_def: Cue) -> _Found | None:
    """"X has been a critic of the deal", "Y, a supporter of the plan,": a noun for one who holds a stance; what
    the of-phrase names is the content, the one the noun describes the speaker."""
    prep = next((c for c in cue.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
    content = next((g for g in prep.children if g.dep_ in ("pobj", "pcomp")), None) if prep is not None else None
    if content is None:
        return None
    if cue.dep_ == "attr" and cue.head.lemma_ == "be":
        speaker = _subject(cue.head)
    elif cue.dep_ == "appos":
        speaker = cue.head
    else:
        speaker = next((c for c in cue.children if c.dep_ == "poss"), None) or cue
    span = _trim(cue.doc, content.left_edge.i, content.right_edge.i + 1)
    if span is None:
        return None
    return _Found("indirect", span[0], span[1], cue_def, (cue.i, cue.i + 1), _cue_chars(cue, cue_def), speaker)


def _noun_quote(cue: Token, cue_def: Cue) -> _Found | None:
    """"rumours that …", "his view is that …": a reporting noun with its that-clause."""
    doc = cue.doc
    if cue.lemma_.lower() in _AGENT_NOUNS:
        return _agent_quote(cue, cue_def)
    clause = next((c for c in cue.children if c.dep_ in ("acl", "ccomp", "appos") and
                   any(g.lower_ == "that" and g.dep_ == "mark" for g in c.children)), None)
    if clause is None and cue.dep_ in _SUBJ and cue.head.lemma_ == "be":
        clause = next((c for c in cue.head.children if c.dep_ in ("ccomp", "attr") and c.i > cue.i and
                       any(g.lower_ == "that" for g in c.children)), None)
    speaker = next((c for c in cue.children if c.dep_ == "poss"), None) or _noun_source(cue)
    if clause is None:  # "his call for talks", "her plan to resign", "criticism of the deal from unions"
        clause = next((c for c in cue.rights if c.dep_ == "acl" and c.pos_ == "VERB" and
                       any(g.lower_ == "to" for g in c.lefts)), None)
        preps = _NOUN_PREPS if speaker is not None else _TOPIC_NOUN_PREPS
        prep = next((c for c in cue.rights if c.dep_ == "prep" and c.lower_ in preps), None)
        if clause is None and prep is not None:
            clause = next((g for g in prep.children if g.dep_ in ("pobj", "pcomp") and g.ent_type_ not in (
                "DATE", "TIME") and not (speaker is None and prep.lower_ == "of" and g.ent_type_ in _SOURCES)
                           ), None)  # "his remarks on Saturday": a time; "the report of the FBI": a source
    if clause is None:
        return None
    span = _trim(doc, clause.left_edge.i, clause.right_edge.i + 1)
    if span is None:
        return None
    if speaker is None and cue.dep_ == "dobj":
        speaker = _subject(cue.head)
    elif speaker is None and cue.dep_ == "pobj" and cue.head.dep_ == "prep" and cue.head.head.pos_ == "VERB":
        speaker = _subject(cue.head.head)  # "X said in a statement that …", "X insisted in an interview that …"
    return _Found("indirect", span[0], span[1], cue_def, (cue.i, cue.i + 1), _cue_chars(cue, cue_def), speaker)


def _in_source_quote(cue: Token, cue_def: Cue) -> list[_Found]:
    """"In his view, …", "In a CBS poll last month, she led …", "…, in the words of one aide, …": a reporting noun
    in an in-phrase of a clause whose verb reports nothing itself; the clause around the phrase is the content and
    the noun's owner (or the document itself) its source."""
    prep = cue.head
    verb = prep.head
    if cue.dep_ != "pobj" or prep.lower_ != "in" or prep.dep_ != "prep" or verb.pos_ not in ("VERB", "AUX") \
            or verb.i == prep.i or _is_verb_cue(verb) is not None:
        return []
    source = next((c for c in cue.children if c.dep_ == "poss"), None) or next(
        (g for c in cue.rights if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"), None)
    if source is None and cue_def.lemma in _DOCUMENTS:
        source = cue
    elif source is None and cue_def.lemma in _UTTERANCES:
        source = _subject(verb)  # "Mr. Trump, in an interview on Friday, dwelled on …": the one interviewed
    if source is None:
        return []
    doc, sent = cue.doc, cue.sent
    start, end = prep.left_edge.i, max(prep.right_edge.i, cue.right_edge.i) + 1
    if start > sent.start and doc[start - 1].text not in (",", "—", "–", "("):
        return []  # "unsparing in their criticism": a phrase inside the clause, not a frame around it
    return _parts(cue, cue_def, source, [_trim(doc, sent.start, start), _trim(doc, end, sent.end)])


def _noun_source(cue: Token) -> Token | None:
    """The source of a reporting noun named in a phrase after it: "criticism from Democrats", "a report by the FBI"."""
    for prep in cue.rights:
        if prep.dep_ == "prep" and prep.lower_ in ("from", "by"):
            source = next((g for g in prep.children if g.dep_ == "pobj"), None)
            if source is not None and (source.ent_type_ in _SOURCES or source.pos_ in ("PROPN", "PRON") or
                                       prep.lower_ == "by" and source.pos_ == "NOUN"):
                return source
    return None


def _adj_quote(cue: Token, cue_def: Cue) -> _Found | None:
    """"X is convinced that …"; "X is critical of the plan" (an attitude toward what the preposition names)."""
    clause = next((c for c in cue.children if c.dep_ in ("ccomp", "xcomp") and c.i > cue.i), None)
    if clause is None:
        prep = next((c for c in cue.children if c.dep_ == "prep" and c.i > cue.i and c.lower_ in _ADJ_PREPS), None)
        clause = next((g for g in prep.children if g.dep_ in ("pobj", "pcomp")), None) if prep is not None else None
    if clause is None or cue.dep_ != "acomp":
        return None
    span = _trim(cue.doc, clause.left_edge.i, clause.right_edge.i + 1)
    subject = _subject(cue.head)
    if span is None or subject is None:
        return None
    return _Found("indirect", span[0], span[1], cue_def, (cue.i, cue.i + 1), _cue_chars(cue, cue_def), subject)


def _according_quote(cue: Token, cue_def: Cue) -> list[_Found]:
    """"According to X, …": the content is the rest of the sentence."""
    to = next((c for c in cue.children if c.lower_ == "to"), None)
    if to is None and cue.i + 1 < len(cue.doc) and cue.nbor(1).lower_ == "to":
        to = cue.nbor(1)
    if to is None:
        return []
    doc, sent = cue.doc, cue.sent
    lo = min(cue.i, to.left_edge.i)
    hi = max(cue.right_edge.i, to.right_edge.i) + 1
    speaker = next((c for c in to.children if c.dep_ == "pobj"), None)
    if lo - sent.start <= 1 or doc[lo - 1].text in (".", "!", "?", ":", ";"):  # a clause ends right before it
        parts = [_trim(doc, hi, sent.end)]
    elif doc[lo - 1].text == "," and hi < sent.end and doc[hi].text == "," and _words(doc[hi: sent.end]) >= 2:
        parts = [_trim(doc, sent.start, lo), _trim(doc, hi, sent.end)]  # "…, according to him, Televisa …"
    else:
        parts = [_trim(doc, sent.start, lo)]
    chars = (cue.idx, doc[hi - 1].idx + len(doc[hi - 1].text))
    return [_Found("indirect", p[0], p[1], cue_def, (cue.i, hi), chars, speaker) for p in parts if p]


# Set phrases with a speech verb that report nothing: "having said that", "it goes without saying",
# "that is to say", "needless to say", "suffice it to say", "let's say", "so to speak".
_IDIOM_BEFORE = {("having",), ("without",), ("is", "to"), ("needless", "to"), ("it", "to"), ("let", "'s"),
                 ("let", "’s"), ("let", "us"), ("so", "to"), ("strange", "to"), ("sad", "to")}


def _idiom(token: Token) -> bool:
    """Whether a speech verb stands in a set phrase that reports no content (see `_IDIOM_BEFORE`)."""
    if token.lemma_.lower() not in ("say", "speak"):
        return False
    before = tuple(t.lower_ for t in token.doc[max(0, token.i - 2): token.i])
    return before[-1:] in _IDIOM_BEFORE or before in _IDIOM_BEFORE


@functools.cache
def _cue_forms() -> frozenset[str]:
    """The first word of every cue, and the -es/-ed/-ing forms of cue verbs ending in a silent e (the tagger may clip
    their lemma: "hoped", "hopes" -> "hop"): a token whose lowercased lemma and form are neither is no cue."""
    words = {lemma.split(" ")[0] for lemma, _ in cue_lexicon()} | {"according"}
    return frozenset(words | {form for w in words if w.endswith("e") for form in (w + "d", w + "s", w[:-1] + "ing")})


def _cue_candidates(doc: Doc) -> list[int]:
    """Indices of the tokens that may be cues, read from the token arrays without building Token objects."""
    return matching(doc, _cue_forms())


def _indirect(doc: Doc, taken: set[int]) -> list[_Found]:
    """Indirect quotes around every cue not already used by a direct quote."""
    out = []
    candidates = _cue_candidates(doc)
    for i in candidates:
        if i in taken:
            continue
        token = doc[i]
        if token.lower_ == "according":
            cue = _cue_for(token)
            out.extend(item for item in (_according_quote(token, cue) if cue else []) if item.end - item.start >= 3)
            continue
        elif (cue := _is_verb_cue(token)) is not None:
            if not _idiom(token):
                out.extend(item for item in _verb_quote(token, cue, candidates) if item.end - item.start >= 3)
            continue
        elif token.pos_ == "NOUN" and (cue := _cue_for(token)) is not None and cue.pos == "NOUN":
            framed = _in_source_quote(token, cue)
            if framed:
                out.extend(item for item in framed if item.end - item.start >= 3)
                continue
            item = _noun_quote(token, cue)
        elif token.pos_ == "ADJ" and (cue := _cue_for(token)) is not None and cue.pos == "ADJ":
            item = _adj_quote(token, cue)
        else:
            item = None
        if item is not None and item.end - item.start >= 3:
            out.append(item)
    return out


# ---------------------------------------------------------------------------------------------- assembly


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _select(direct: list[_Found], indirect: list[_Found], fragments: list[QuotedSpan]) -> list[_Found]:
    """Drop indirect quotes that repeat a direct one or sit inside another quote; mark mixed ones."""
    kept = list(direct)
    occupied = [(d.start, d.end) for d in direct]
    dropped = set()  # cues with a part dropped: the other parts of that content go too
    for item in sorted(indirect, key=lambda f: -(f.end - f.start)):
        span = (item.start, item.end)
        cue = item.cue_chars or (0, 0)
        if any(_overlap(cue, o) for o in occupied) or \
                any(_overlap(span, o) > 0.5 * min(span[1] - span[0], o[1] - o[0]) for o in occupied) or \
                any(o[0] <= cue[0] and cue[1] <= o[1] for o in [(k.start, k.end) for k in kept if k.kind != "direct"]):
            dropped.add(cue)
            continue
        if any(item.start <= f.start and f.end <= item.end for f in fragments):
            item.kind = "mixed"
        kept.append(item)
        occupied.append(span)
    kept = [k for k in kept if k.kind == "direct" or (k.cue_chars or (0, 0)) not in dropped]
    kept.sort(key=lambda f: f.start)
    return kept


def _speaker(doc: Doc, text: str, analysis: Analysis, item: _Found
             ) -> tuple[str | None, str | None, tuple[int, int] | None]:
    """(entity id, words, span) of the speaker."""
    subject = item.subject
    if subject is None:
        return None, None, None
    chars = _speaker_chars(subject)
    if item.cue_chars and chars[0] < item.cue_chars[0] < chars[1] and subject.idx != item.cue_chars[0]:
        # a mis-parsed subject running over its cue (not a document that is its own source: "a new poll")
        end = item.cue_chars[0]
        while end > chars[0] and not text[end - 1].isalnum():
            end -= 1
        chars = (chars[0], end)
    words = text[chars[0]: chars[1]]
    entity = None
    if subject.pos_ == "PRON" and subject.lower_ in _RELATIVE and subject.head.dep_ == "relcl":
        noun = subject.head.head
        entity = entity_at(analysis.entities, noun.idx, noun.idx + len(noun.text))
        if entity is None and noun.pos_ in ("NOUN", "PROPN"):  # "a group that said …": the group's words
            chars = (_speaker_chars(noun)[0], subject.idx + len(subject.text))
            words = text[chars[0]: chars[1]]
    elif subject.pos_ == "PRON":
        entity = resolve_pronoun(analysis.entities, doc, subject.i)
    else:
        entity = _entity_of(analysis, subject, chars)
    return (entity.id if entity else None), words, chars


def _entity_of(analysis: Analysis, subject: Token, chars: tuple[int, int]) -> Entity | None:
    """The entity named by the subject's head, a close apposition ("his spokesman Dmitry Peskov"), or its words."""
    heads = [subject] + [c for c in subject.children if c.dep_ in ("appos", "compound") and c.i > subject.i]
    for token in heads:
        entity = entity_at(analysis.entities, token.idx, token.idx + len(token.text))
        if entity is not None:
            return entity
    entity = entity_at(analysis.entities, *chars)
    return entity if entity is not None and entity.type in ("PERSON", "ORG") else None


def find_quotes(doc: Doc, text: str | None = None) -> list[_Found]:
    """All quote candidates of a parsed article, before speakers are resolved to entities; `text` is `doc.text`
    when the caller has it already (`Doc.text` is rebuilt token by token on each access)."""
    text = doc.text if text is None else text
    spans = quoted_spans(text)
    direct, fragments = _direct(doc, text, spans)
    taken = {i for d in direct if d.cue_tokens for i in range(*d.cue_tokens)}
    inside = {t.i for d in direct for t in (_tokens_in(doc, d.start, d.end) or [])}
    indirect = _indirect(doc, taken | inside) + _labelled_paragraphs(doc, text)
    kept = _select(direct, indirect, fragments)
    return sorted(kept + _reported_fragments(doc, fragments, kept), key=lambda f: f.start)


# "Pat Caddell: Democrat voters worried …": a paragraph (a headline, a transcript turn) led by a name and a colon.
_LABEL = re.compile(r"^[ \t]*([A-Z][\w.’'-]*(?:[ \t]+[A-Z][\w.’'-]*){0,3})[ \t]*:[ \t]+(?=[^\s\"“'‘«„])", re.MULTILINE)
# Labels that head a paragraph but name no speaker.
_NOT_SPEAKERS = {"update", "updated", "note", "editor", "photo", "video", "watch", "related", "source", "sources",
                 "correction", "advertisement", "read", "see", "listen", "warning", "breaking", "exclusive",
                 "analysis", "opinion", "comment", "live", "q", "a", "question", "answer", "disclosure", "credit",
                 "caption", "subscribe", "follow", "contact", "email", "tel", "phone", "fax", "web", "www", "http",
                 "https", "ps", "nb", "re", "subject", "from", "to", "date", "time", "when", "where", "what", "why",
                 "how", "who", "step", "part", "chapter", "section", "figure", "table", "map", "graphic", "chart"}


def _labelled_paragraphs(doc: Doc, text: str) -> list[_Found]:
    """Paragraphs led by a speaker's name and a colon ("Sanders: Clinton needs to …"): the rest of the paragraph is
    what the named person or organisation said. The name must be a proper noun, not a rubric ("Update:")."""
    out = []
    for match in _LABEL.finditer(text):
        if match.group(1).split()[0].lower().strip(".") in _NOT_SPEAKERS:
            continue
        name = _tokens_in(doc, match.start(1), match.end(1))
        if name is None or not all(t.pos_ == "PROPN" or t.is_punct for t in name) or \
                any(t.ent_type_ in ("DATE", "TIME", "GPE", "LOC", "CARDINAL") for t in name):
            continue
        line_end = text.find("\n", match.end())
        end = len(text) if line_end < 0 else line_end
        content = _tokens_in(doc, match.end(), end)
        if content is None or _words(content) < 3:
            continue
        span = _trim(doc, content.start, content.end)
        colon = match.end(1) + text[match.end(1): match.end()].index(":")
        if span is not None:
            out.append(_Found("indirect", span[0], span[1], Cue(":", "PUNCT", "statement"), None,
                              (colon, colon + 1), _name_head(name[0])))
    return out


def _reported_fragments(doc: Doc, fragments: list[QuotedSpan], kept: list[_Found]) -> list[_Found]:
    """Short quotes that are what a cue verb reports ("She called it “a crucial step.”", "Some chanted “USA!”"),
    outside any other quote; scare quotes and titles hang from no cue and stay out."""
    used = {f.cue_tokens[0] for f in kept if f.cue_tokens}
    out = []
    for q in fragments:
        if any(k.start <= q.start and q.end <= k.end for k in kept):
            continue
        span = _tokens_in(doc, q.start, q.end)
        if span is None:
            continue
        root = span.root
        words = [t for t in span if t.is_alpha]
        if not words or all(t.is_title or t.is_upper for t in words) and len(words) > 1:
            continue  # a title or a name in quotes ("Meet the Press"), not speech
        head = root.head
        if root.dep_ == "pobj" and root.head.lower_ == "as":
            head = root.head.head
        elif root.dep_ not in ("dobj", "oprd", "ccomp", "xcomp", "attr", "acomp", "npadvmod"):
            continue
        cue = _is_verb_cue(head)
        if cue is not None and (cue.act == "belief" or cue.lemma in _THINKING):
            continue  # "what he considers “smart”": a thought in scare quotes, not words said
        if cue is not None and head.i not in used and not span.start <= head.i < span.end:
            out.append(_Found("direct", q.start, q.end, cue, (head.i, head.i + 1), _cue_chars(head, cue),
                              _subject(head)))
            used.add(head.i)
    return out


def extract_quotes(doc: Doc, analysis: Analysis) -> list[Quote]:
    """Direct, indirect and mixed quotes in text order, each with speaker, cue and speech act where found."""
    text = analysis.article.text  # the parsed text; `doc.text` is rebuilt token by token on each access
    if len(text) != (doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0):
        text = doc.text  # an analysis of some other text: trust the parse
    found = find_quotes(doc, text)
    quotes: list[Quote] = []
    for item in found:
        if item.inherit_from is not None:
            source = item.inherit_from
            item.cue, item.cue_chars, item.subject = source.cue, source.cue_chars, source.subject
        speaker, speaker_text, speaker_span = _speaker(doc, text, analysis, item)
        quote = Quote(
            id=f"q{len(quotes) + 1}", kind=item.kind, text=text[item.start: item.end],
            span=(item.start, item.end), speaker=speaker, speaker_text=speaker_text, speaker_span=speaker_span,
            cue=item.cue.lemma if item.cue else None, cue_span=item.cue_chars,
            speech_act=item.cue.act if item.cue else None)
        quotes.append(quote)
    return quotes
