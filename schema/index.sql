-- The praxis index: a cache of the committed notes, kept in
-- GITDIR/praxis/index.db and rebuilt from git at will (praxis reindex).
-- Any change to this file changes its digest, which makes every index
-- rebuild itself on next use. Everything except segments_fts can be read
-- with the plain sqlite3 client; segments_fts needs the praxis tokenizer
-- (.load build/praxisfts).

-- schema and codebook digests, and the commit the index reflects
CREATE TABLE meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);

-- one row per note at the indexed commit; path is relative to the
-- knowledge base
CREATE TABLE notes (
	id         INTEGER PRIMARY KEY,
	path       TEXT NOT NULL UNIQUE,
	blob       TEXT NOT NULL,
	community  TEXT,
	cycle      TEXT,
	session    INTEGER,
	date       TEXT,
	lang       TEXT,
	author     TEXT,
	title      TEXT,
	summary    TEXT,
	attendance INTEGER
);

CREATE TABLE note_methods (
	note   INTEGER NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
	method TEXT NOT NULL
);

CREATE TABLE note_moderators (
	note INTEGER NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
	name TEXT NOT NULL
);

-- codes of the session as a whole (front matter 'themes')
CREATE TABLE note_themes (
	note INTEGER NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
	code TEXT NOT NULL
);

-- paragraphs, list items, table rows and block quotes; task is NULL for
-- what is not a task item, 0 for an open follow-up, 1 for a done one
CREATE TABLE segments (
	id        INTEGER PRIMARY KEY,
	note      INTEGER NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
	ord       INTEGER NOT NULL,
	-- (an IN list here costs a temporary table per insert in SQLite 3.40)
	kind      TEXT NOT NULL CHECK (kind = 'paragraph' OR kind = 'item' OR kind = 'row' OR kind = 'quote'),
	heading   TEXT NOT NULL,
	line      INTEGER NOT NULL,
	last_line INTEGER NOT NULL,
	task      INTEGER,
	text      TEXT NOT NULL,
	-- the filters as words of the full-text index (search.h): community,
	-- cycle, language, kind and codes, so FTS5 can filter as it matches
	scope     TEXT NOT NULL
);

CREATE TABLE segment_codes (
	segment INTEGER NOT NULL REFERENCES segments (id) ON DELETE CASCADE,
	code    TEXT NOT NULL
);

CREATE VIRTUAL TABLE segments_fts USING fts5 (
	text, heading, scope,
	content = 'segments', content_rowid = 'id',
	tokenize = 'praxis'
);

-- The joins every reader needs, written once (the data layer, src/db*.c,
-- reads through them; SQLite flattens a view into the query, so they
-- cost nothing).
-- a segment with its note
CREATE VIEW note_segments AS
	SELECT s.id AS segment, s.note, s.ord, s.kind, s.heading, s.line, s.last_line, s.task,
	       s.text, n.path, n.community, n.cycle, n.session, n.date, n.lang, n.title
	FROM segments s JOIN notes n ON n.id = s.note;
-- one row per code of a coded segment, with its segment and note
CREATE VIEW coded_segments AS
	SELECT c.code, s.id AS segment, s.note, s.ord, s.kind, s.heading, s.line, s.last_line,
	       s.task, s.text, n.path, n.community, n.cycle, n.session, n.date, n.lang, n.title
	FROM segment_codes c JOIN segments s ON s.id = c.segment JOIN notes n ON n.id = s.note;

-- @indexes: a full rebuild creates these after loading the rows (sorting
-- once is faster than keeping them up to date row by row)
CREATE INDEX notes_by_community ON notes (community, cycle, session);
CREATE INDEX note_methods_by_note ON note_methods (note);
CREATE INDEX note_moderators_by_note ON note_moderators (note);
CREATE INDEX note_themes_by_note ON note_themes (note);
CREATE INDEX segments_by_note ON segments (note);
CREATE INDEX segment_codes_by_segment ON segment_codes (segment);
CREATE UNIQUE INDEX segment_codes_by_code ON segment_codes (code, segment);

