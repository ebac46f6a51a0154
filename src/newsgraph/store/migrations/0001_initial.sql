-- newsgraph store, schema version 1: one normalised table per analysis layer.
-- Spans are two integer columns (<name>_start, <name>_end); per-article local ids (e1, q1, v1, p1) and
-- list order (position) are kept so that a stored analysis loads back exactly as it was added.
-- JSON columns only where a list has no queryable use (authors, event contexts, actor aliases/roles).

CREATE TABLE articles (
    aid INTEGER PRIMARY KEY,                -- internal rowid, used by the FTS index
    id TEXT NOT NULL UNIQUE,                -- newsgraph article id (model.article_id)
    title TEXT,
    text TEXT NOT NULL,
    url TEXT,
    outlet TEXT,
    authors TEXT NOT NULL DEFAULT '[]',     -- JSON list of names
    published TEXT,                         -- ISO 8601 exactly as given (offset kept)
    published_utc TEXT,                     -- ISO 8601 in UTC (naive times as given): sortable
    language TEXT,
    source TEXT,
    duplicate_of TEXT REFERENCES articles(id) ON DELETE SET NULL,  -- set by crossdoc (near-duplicates)
    minhash BLOB,                           -- set by crossdoc (MinHash signature)
    added TEXT NOT NULL                     -- when it was stored (UTC ISO)
);
CREATE INDEX articles_published ON articles(published_utc);
CREATE INDEX articles_outlet ON articles(outlet);
CREATE INDEX articles_duplicate_of ON articles(duplicate_of);

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='aid', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.aid, new.title, new.text);
END;
CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.aid, old.title, old.text);
END;
CREATE TRIGGER articles_fts_au AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.aid, old.title, old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.aid, new.title, new.text);
END;

CREATE TABLE paragraphs (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    heading INTEGER NOT NULL,
    PRIMARY KEY (article_id, position)
) WITHOUT ROWID;

CREATE TABLE entities (
    eid INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    local_id TEXT NOT NULL,                 -- e1, e2, ... within the article
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    name_norm TEXT NOT NULL,                -- casefolded, spaces collapsed: for lookups
    type TEXT NOT NULL,
    country TEXT,
    sector TEXT,
    role TEXT,
    kb_id TEXT,
    n_mentions INTEGER NOT NULL,            -- len(mentions), kept for fast grouping
    n_events INTEGER NOT NULL,              -- events of the article with this entity as source or target
    UNIQUE (article_id, local_id)
);
CREATE INDEX entities_name ON entities(name_norm);
CREATE INDEX entities_country ON entities(country, sector);
CREATE INDEX entities_sector ON entities(sector);

CREATE TABLE entity_aliases (
    article_id TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    alias TEXT NOT NULL,
    alias_norm TEXT NOT NULL,
    PRIMARY KEY (article_id, entity_id, position),
    FOREIGN KEY (article_id, entity_id) REFERENCES entities(article_id, local_id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX entity_aliases_norm ON entity_aliases(alias_norm);

CREATE TABLE entity_mentions (
    article_id TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    PRIMARY KEY (article_id, entity_id, position),
    FOREIGN KEY (article_id, entity_id) REFERENCES entities(article_id, local_id) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE quotes (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    local_id TEXT NOT NULL,                 -- q1, q2, ...
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    speaker TEXT,                           -- entity local id (not enforced: kept exactly as produced)
    speaker_text TEXT,
    speaker_start INTEGER,
    speaker_end INTEGER,
    cue TEXT,
    cue_start INTEGER,
    cue_end INTEGER,
    speech_act TEXT,
    PRIMARY KEY (article_id, local_id)
) WITHOUT ROWID;
CREATE INDEX quotes_kind ON quotes(kind);
CREATE INDEX quotes_speaker ON quotes(article_id, speaker);

CREATE TABLE events (
    rid INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    local_id TEXT NOT NULL,                 -- v1, v2, ...
    position INTEGER NOT NULL,
    type TEXT NOT NULL,
    mode TEXT,
    contexts TEXT NOT NULL DEFAULT '[]',    -- JSON list
    modality TEXT NOT NULL,
    claimed_by TEXT,                        -- entity local id
    date_start TEXT,                        -- ISO date; NULL when unknown
    date_end TEXT,
    date_text TEXT,
    date_inferred INTEGER,                  -- NULL when the event has no date object at all
    place_name TEXT,                        -- NULL when the event has no place
    place_country TEXT,
    place_lat REAL,
    place_lon REAL,
    place_geonameid INTEGER,
    place_text TEXT,
    troops INTEGER,
    dead INTEGER,
    injured INTEGER,
    arrested INTEGER,
    confidence REAL NOT NULL,
    rule TEXT NOT NULL,
    evidence_text TEXT NOT NULL,
    evidence_start INTEGER NOT NULL,
    evidence_end INTEGER NOT NULL,
    trigger_start INTEGER NOT NULL,
    trigger_end INTEGER NOT NULL,
    source_text TEXT,                       -- the argument words, also when no entity stands behind them
    target_text TEXT,
    reasons TEXT NOT NULL DEFAULT '{}',     -- JSON object: field -> why it has its value (explain)
    cluster_id TEXT,                        -- set by crossdoc (same real-world event across articles)
    UNIQUE (article_id, local_id)
);
CREATE INDEX events_date ON events(date_start);
CREATE INDEX events_type ON events(type, date_start);
CREATE INDEX events_modality ON events(modality, date_start);
CREATE INDEX events_place_country ON events(place_country, date_start);
CREATE INDEX events_cluster ON events(cluster_id);

CREATE TABLE event_actors (
    event_rid INTEGER NOT NULL REFERENCES events(rid) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('source', 'target')),
    position INTEGER NOT NULL,
    article_id TEXT NOT NULL,
    entity_id TEXT NOT NULL,                -- entity local id (not enforced: kept exactly as produced)
    PRIMARY KEY (event_rid, role, position)
) WITHOUT ROWID;
CREATE INDEX event_actors_entity ON event_actors(article_id, entity_id);

-- The lookup index behind the actor and country filters of `Store.events`: one row per (event, key), kind
-- 'actor' (normalised name or alias of a source/target entity, or of its cross-article actor) or 'country'
-- (country of a source/target entity, or of the event's place). date_start is copied ('' when unknown) so that
-- "newest first, limit N" is a walk down one index, however many events match.
CREATE TABLE event_keys (
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    date_start TEXT NOT NULL,
    event_rid INTEGER NOT NULL,             -- events.rid (no foreign key: a lookup table, written with its events)
    PRIMARY KEY (kind, key, date_start, event_rid)
) WITHOUT ROWID;

CREATE TABLE places (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    local_id TEXT NOT NULL,                 -- p1, p2, ...
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    country TEXT,
    lat REAL,
    lon REAL,
    geonameid INTEGER,
    admin1 TEXT,
    feature TEXT,
    text TEXT,
    reason TEXT,
    PRIMARY KEY (article_id, local_id)
) WITHOUT ROWID;
CREATE INDEX places_country ON places(country);
CREATE INDEX places_geonameid ON places(geonameid);

CREATE TABLE place_mentions (
    article_id TEXT NOT NULL,
    place_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    PRIMARY KEY (article_id, place_id, position),
    FOREIGN KEY (article_id, place_id) REFERENCES places(article_id, local_id) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE dates (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    date_start TEXT,
    date_end TEXT,
    granularity TEXT,
    rule TEXT,
    PRIMARY KEY (article_id, position)
) WITHOUT ROWID;
CREATE INDEX dates_start ON dates(date_start);

CREATE TABLE quantities (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    value,                                  -- no type affinity: an int stays an int, a float a float
    unit TEXT,
    qualifier TEXT,
    PRIMARY KEY (article_id, position)
) WITHOUT ROWID;
CREATE INDEX quantities_unit ON quantities(unit);

CREATE TABLE failures (
    fid INTEGER PRIMARY KEY,
    article_id TEXT,
    source TEXT,
    error TEXT NOT NULL,
    time TEXT NOT NULL                      -- first seen (UTC ISO)
);
CREATE UNIQUE INDEX failures_once ON failures(COALESCE(source, ''), COALESCE(article_id, ''), error);

-- Cross-article actor identity, filled by crossdoc: one row per real-world actor ...
CREATE TABLE actors (
    actor_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    name_norm TEXT NOT NULL,
    country TEXT,
    sector TEXT,
    aliases TEXT NOT NULL DEFAULT '[]',     -- JSON list of names seen
    roles TEXT NOT NULL DEFAULT '[]'        -- JSON list of roles/titles seen
);
CREATE INDEX actors_name ON actors(name_norm);
CREATE INDEX actors_country ON actors(country, sector);

-- ... and which article entity is which actor, with the reason (auditable).
CREATE TABLE actor_links (
    article_id TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    actor_id TEXT NOT NULL REFERENCES actors(actor_id) ON DELETE CASCADE,
    reason TEXT,
    PRIMARY KEY (article_id, entity_id),
    FOREIGN KEY (article_id, entity_id) REFERENCES entities(article_id, local_id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX actor_links_actor ON actor_links(actor_id);
