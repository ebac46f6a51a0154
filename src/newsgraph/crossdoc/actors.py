"""Actor identity across articles: which article entities are the same real-world actor, and why.

`link_actors` is a pure function over (article id, entities) pairs. People meet when their names agree after
transliteration folding (Zaluzhnyi / Zaluzhny / Salushnyy / Saluschnyj), or are close by rapidfuzz, and nothing
conflicts: two known countries that differ, or two first names that differ, keep people apart. States meet by
country code; organisations and groups by normalised name (or our organisation table), country and sector.
Every link carries the reason it was made, so `newsgraph actors show NAME` can explain each merge.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from newsgraph.kb import actors as kb
from newsgraph.model import Entity

__all__ = ["ActorLink", "link_actors", "actor_rows", "link_stored_actors", "SURNAME_THRESHOLD", "GIVEN_THRESHOLD"]

SURNAME_THRESHOLD = 0.85  # rapidfuzz ratio / 100 between folded surnames
GIVEN_THRESHOLD = 0.75  # between folded first names, when both are written out
_LINKED_TYPES = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}


@dataclass(frozen=True)
class ActorLink:
    """One article entity assigned to a cross-article actor, with the reason."""

    article_id: str
    entity_id: str
    actor_id: str
    reason: str

    def as_row(self) -> tuple[str, str, str, str]:
        """The tuple `Store.set_actor_links` takes."""
        return (self.article_id, self.entity_id, self.actor_id, self.reason)


@dataclass(eq=False)
class _Cluster:
    type: str
    key: str  # folded full name (people) or normalised name / country code
    surname: str = ""
    given: str | None = None
    country: str | None = None
    kb_id: str | None = None
    names: Counter[str] = field(default_factory=Counter)
    members: list[tuple[str, Entity]] = field(default_factory=list)

    def add(self, article_id: str, entity: Entity, given: str | None) -> None:
        self.members.append((article_id, entity))
        self.names[entity.name] += 1
        self.country = self.country or entity.country
        self.kb_id = self.kb_id or entity.kb_id
        if given and (not self.given or len(given) > len(self.given)):
            self.given = given

    @property
    def name(self) -> str:
        """The name used most often; among equals, the longest."""
        return max(self.names.items(), key=lambda kv: (kv[1], len(kv[0])))[0]


def link_actors(entities_by_article: Iterable[tuple[str, list[Entity]]]) -> list[ActorLink]:
    """A canonical actor id for every actor entity of every article, with the reason for each assignment."""
    clusters: list[_Cluster] = []
    index: dict[tuple[str, str], list[_Cluster]] = {}
    assigned: list[tuple[str, Entity, _Cluster, str]] = []
    for article_id, entities in entities_by_article:
        for entity in entities:
            if entity.type not in _LINKED_TYPES or _role_only(entity):
                continue
            cluster, reason = _place(entity, clusters, index)
            cluster.add(article_id, entity, _given(entity))
            assigned.append((article_id, entity, cluster, reason))
    ids = _actor_ids(clusters)
    return [ActorLink(aid, entity.id, ids[id(cluster)], reason) for aid, entity, cluster, reason in assigned]


def _role_only(entity: Entity) -> bool:
    """A person known only by a role ("the president", "Turkey's foreign minister"): no name to link by."""
    if entity.type != "PERSON" or not entity.name:
        return False
    last = entity.name.split()[-1]
    return entity.name[0].islower() or (last.islower() and kb.role_word(last) is not None)


def actor_rows(entities_by_article: Iterable[tuple[str, list[Entity]]],
               links: Iterable[ActorLink]) -> list[dict]:
    """The actors behind `links`, as the dicts `Store.set_actors` takes (canonical name, country, sector,
    aliases, roles), each field the one given most often by the linked entities."""
    entities = {(aid, e.id): e for aid, ents in entities_by_article for e in ents}
    members: dict[str, list[Entity]] = {}
    for link in links:
        entity = entities.get((link.article_id, link.entity_id))
        if entity is not None:
            members.setdefault(link.actor_id, []).append(entity)
    return [_actor_row(actor_id, ents) for actor_id, ents in members.items()]


def _actor_row(actor_id: str, entities: list[Entity]) -> dict:
    names = Counter(e.name for e in entities)
    name = max(names.items(), key=lambda kv: (kv[1], len(kv[0])))[0]
    aliases = list(dict.fromkeys(a for e in entities for a in [e.name, *e.aliases] if a != name))
    return {"actor_id": actor_id, "name": name, "country": _most_common(e.country for e in entities),
            "sector": _most_common(e.sector for e in entities), "aliases": aliases,
            "roles": list(dict.fromkeys(e.role for e in entities if e.role))}


def _most_common(values: Iterable[str | None]) -> str | None:
    counts = Counter(v for v in values if v)
    return counts.most_common(1)[0][0] if counts else None


# ---------------------------------------------------------------- placing one entity


def _place(entity: Entity, clusters: list[_Cluster],
           index: dict[tuple[str, str], list[_Cluster]]) -> tuple[_Cluster, str]:
    """The cluster the entity joins (a new one if none fits) and why."""
    if entity.type == "PERSON":
        found = _person_match(entity, index)
    else:
        found = _named_match(entity, index)
    if found is not None:
        return found
    cluster = _new_cluster(entity)
    clusters.append(cluster)
    for block in _blocks(cluster):
        index.setdefault(block, []).append(cluster)
    return cluster, "first mention"


def _new_cluster(entity: Entity) -> _Cluster:
    if entity.type == "PERSON":
        parts = kb.fold_name(entity.name).split()
        return _Cluster("PERSON", " ".join(parts), surname=parts[-1] if parts else "", country=entity.country)
    return _Cluster(_kind(entity), _named_key(entity), country=entity.country)


def _blocks(cluster: _Cluster) -> list[tuple[str, str]]:
    if cluster.type == "PERSON":
        return [("name", cluster.key), ("surname", cluster.surname[:2])]
    return [(cluster.type, cluster.key)]


def _kind(entity: Entity) -> str:
    return "STATE" if entity.type == "GPE" and entity.country and kb.country_code(entity.name) else entity.type


def _named_key(entity: Entity) -> str:
    """States by country code; known organisations by their table name; others by normalised name + codes."""
    if _kind(entity) == "STATE":
        return entity.country or ""
    org = kb.organisation(entity.name)
    if org is not None:
        return "org:" + kb.normalise_name(org.name)
    name = kb.normalise_name(entity.name).removeprefix("the ")
    return f"{name}|{entity.country or ''}|{entity.sector or ''}"


def _named_match(entity: Entity, index: dict[tuple[str, str], list[_Cluster]]) -> tuple[_Cluster, str] | None:
    kind, key = _kind(entity), _named_key(entity)
    found = index.get((kind, key))
    if not found:
        return None
    if kind == "STATE":
        return found[0], f"same country ({key})"
    if key.startswith("org:"):
        return found[0], "same organisation in our table"
    return found[0], "same normalised name, country and sector"


def _given(entity: Entity) -> str | None:
    parts = kb.fold_name(entity.name).split()
    return parts[0] if entity.type == "PERSON" and len(parts) > 1 else None


def _person_match(entity: Entity, index: dict[tuple[str, str], list[_Cluster]]) -> tuple[_Cluster, str] | None:
    """The best person cluster for this entity: exact folded name, same table person, then fuzzy surname."""
    parts = kb.fold_name(entity.name).split()
    if not parts:
        return None
    folded, surname, given = " ".join(parts), parts[-1], (parts[0] if len(parts) > 1 else None)
    for cluster in index.get(("name", folded), []):
        if not _conflict(cluster, entity.country, given):
            same = kb.normalise_name(cluster.name) == kb.normalise_name(entity.name)
            return cluster, "same normalised name" if same else f"same name after transliteration folding ({folded})"
    best: tuple[float, _Cluster, str] | None = None
    for cluster in index.get(("surname", surname[:2]), []):
        scored = _person_score(cluster, entity, surname, given)
        if scored is not None and (best is None or scored[0] > best[0]):
            best = (scored[0], cluster, scored[1])
    return (best[1], best[2]) if best else None


def _person_score(cluster: _Cluster, entity: Entity, surname: str, given: str | None) -> tuple[float, str] | None:
    """How well a person entity fits a cluster, with the reason; None when it must not merge."""
    if _conflict(cluster, entity.country, given):
        return None
    if entity.kb_id and cluster.kb_id == entity.kb_id:
        return 2.0, f"same person in our table ({entity.kb_id})"
    score = fuzz.ratio(surname, cluster.surname) / 100
    if score < SURNAME_THRESHOLD:
        return None
    both_countries = bool(entity.country and cluster.country)
    if not (given and cluster.given) and not both_countries:
        return None  # a bare surname with no country to back it: too weak
    given_part = ""
    if given and cluster.given:
        given_score = fuzz.ratio(given, cluster.given) / 100
        if given_score < GIVEN_THRESHOLD and not _initial(given, cluster.given):
            return None
        given_part = f", first name {given_score:.2f}"
    country_part = " + same country" if both_countries else ""
    return score, f"fuzzy name {score:.2f} (rapidfuzz){given_part}{country_part}"


def _conflict(cluster: _Cluster, country: str | None, given: str | None) -> bool:
    """Two known, different countries, or two written-out first names that differ, keep people apart."""
    if country and cluster.country and country != cluster.country:
        return True
    if given and cluster.given and not _initial(given, cluster.given):
        return fuzz.ratio(given, cluster.given) / 100 < GIVEN_THRESHOLD
    return False


def _initial(a: str, b: str) -> bool:
    return (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


# ---------------------------------------------------------------- ids


def _actor_ids(clusters: list[_Cluster]) -> dict[int, str]:
    """Readable, stable ids: type, folded canonical name and country ("person:valerii-salushni:UKR")."""
    ids: dict[int, str] = {}
    taken: Counter[str] = Counter()
    for cluster in clusters:
        name = kb.fold_name(cluster.name).replace(" ", "-") or "unnamed"
        base = f"{cluster.type.lower()}:{name}:{cluster.country or '-'}"
        taken[base] += 1
        ids[id(cluster)] = base if taken[base] == 1 else f"{base}:{taken[base]}"
    return ids


def link_stored_actors(store: Any) -> int:
    """Link the entities of every stored article to cross-article actors and write actors and links back."""
    pairs = [(a.article.id, a.entities) for a in store.iter_analyses()]
    links = link_actors(pairs)
    store.set_actors(actor_rows(pairs, links))
    store.set_actor_links(link.as_row() for link in links)
    return len({link.actor_id for link in links})
