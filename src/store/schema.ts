/**
 * The SQLite schema. Table and column names of documents, proposals, proposal_departments, budget_lines,
 * committee_split, overview_items, sections, consultations, follow_ups and findings are a contract with
 * analysts (see README): add tables and columns, never rename or drop.
 */
export const SCHEMA_VERSION = 1;

export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS schema_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE IF NOT EXISTS documents (
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL,
  sha256 TEXT NOT NULL UNIQUE,
  format TEXT CHECK (format IN ('pdf','docx','txt')),
  status TEXT NOT NULL CHECK (status IN ('ok','failed')),
  error_code TEXT,
  error_message TEXT,
  pages INTEGER,
  extracted_at TEXT NOT NULL,
  extractor_version TEXT NOT NULL,
  rules_hash TEXT NOT NULL,
  size_bytes INTEGER,
  file_mtime_ms REAL,
  title TEXT,
  warnings INTEGER NOT NULL DEFAULT 0,
  missing INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS documents_path ON documents(path);

CREATE TABLE IF NOT EXISTS proposals (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  kind TEXT CHECK (kind IN ('investeringsforslag','innovationsforslag','business_case')),
  bc_number TEXT,
  title TEXT,
  subtitle TEXT,
  summary TEXT,
  fund TEXT,
  presenting_department TEXT,
  price_level_year INTEGER,
  page_start INTEGER,
  page_end INTEGER,
  proposal_key TEXT,
  field_rules TEXT,
  UNIQUE (document_id, seq)
);
CREATE INDEX IF NOT EXISTS proposals_bc ON proposals(bc_number);
CREATE INDEX IF NOT EXISTS proposals_key ON proposals(proposal_key);
CREATE INDEX IF NOT EXISTS proposals_year_dept ON proposals(price_level_year, presenting_department);

CREATE TABLE IF NOT EXISTS proposal_departments (
  proposal_id INTEGER NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
  department TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('presenting','affected')),
  PRIMARY KEY (proposal_id, department, role)
);

CREATE TABLE IF NOT EXISTS budget_lines (
  id INTEGER PRIMARY KEY,
  proposal_id INTEGER NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
  table_kind TEXT NOT NULL CHECK (table_kind IN ('consequences','investments')),
  line_no INTEGER NOT NULL,
  label TEXT NOT NULL,
  category TEXT,
  steering_area TEXT,
  is_total INTEGER NOT NULL CHECK (is_total IN (0,1)),
  in_request INTEGER NOT NULL DEFAULT 0 CHECK (in_request IN (0,1)),
  year INTEGER NOT NULL,
  amount_tdkk REAL NOT NULL,
  page INTEGER,
  rule_id TEXT
);
CREATE INDEX IF NOT EXISTS budget_lines_proposal ON budget_lines(proposal_id, table_kind, line_no);

CREATE TABLE IF NOT EXISTS committee_split (
  id INTEGER PRIMARY KEY,
  proposal_id INTEGER NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
  committee TEXT NOT NULL,
  kind TEXT,
  share TEXT,
  is_total INTEGER NOT NULL DEFAULT 0,
  year INTEGER NOT NULL,
  amount_tdkk REAL NOT NULL,
  page INTEGER
);

CREATE TABLE IF NOT EXISTS overviews (
  document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  title TEXT,
  price_level_year INTEGER,
  total_mdkk REAL,
  page INTEGER
);

CREATE TABLE IF NOT EXISTS overview_items (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  line_no INTEGER NOT NULL,
  committee TEXT,
  bc_number TEXT,
  title TEXT NOT NULL,
  amount_mdkk REAL,
  not_committee_approved INTEGER NOT NULL DEFAULT 0,
  cross_cutting INTEGER NOT NULL DEFAULT 0,
  markers TEXT,
  proposal_id INTEGER REFERENCES proposals(id) ON DELETE SET NULL,
  page INTEGER
);

CREATE TABLE IF NOT EXISTS overview_footnotes (
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  marker TEXT NOT NULL,
  text TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS sections (
  id INTEGER PRIMARY KEY,
  proposal_id INTEGER NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
  ord INTEGER NOT NULL,
  key TEXT,
  heading TEXT NOT NULL,
  text TEXT NOT NULL,
  page INTEGER
);

CREATE TABLE IF NOT EXISTS consultations (
  id INTEGER PRIMARY KEY,
  proposal_id INTEGER NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
  ord INTEGER NOT NULL,
  body TEXT NOT NULL,
  answer TEXT,
  date TEXT,
  note TEXT
);

CREATE TABLE IF NOT EXISTS follow_ups (
  id INTEGER PRIMARY KEY,
  proposal_id INTEGER NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
  ord INTEGER NOT NULL,
  criterion TEXT,
  method TEXT,
  responsible TEXT,
  timing TEXT
);

CREATE TABLE IF NOT EXISTS findings (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  proposal_id INTEGER REFERENCES proposals(id) ON DELETE CASCADE,
  code TEXT NOT NULL,
  severity TEXT NOT NULL CHECK (severity IN ('error','warning','info')),
  table_kind TEXT,
  year INTEGER,
  expected REAL,
  actual REAL,
  message TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS findings_code ON findings(code, severity);

-- Every column that refers to a parent row is indexed: replacing a document deletes its rows by these
-- references (ON DELETE CASCADE / SET NULL), and without an index each delete scans the whole table.
CREATE INDEX IF NOT EXISTS committee_split_proposal ON committee_split(proposal_id);
CREATE INDEX IF NOT EXISTS sections_proposal ON sections(proposal_id);
CREATE INDEX IF NOT EXISTS consultations_proposal ON consultations(proposal_id);
CREATE INDEX IF NOT EXISTS follow_ups_proposal ON follow_ups(proposal_id);
CREATE INDEX IF NOT EXISTS overview_items_document ON overview_items(document_id);
CREATE INDEX IF NOT EXISTS overview_items_proposal ON overview_items(proposal_id);
CREATE INDEX IF NOT EXISTS overview_footnotes_document ON overview_footnotes(document_id);
CREATE INDEX IF NOT EXISTS findings_document ON findings(document_id);
CREATE INDEX IF NOT EXISTS findings_proposal ON findings(proposal_id);

CREATE TABLE IF NOT EXISTS extraction_runs (
  id INTEGER PRIMARY KEY,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  mode TEXT NOT NULL,
  extractor_version TEXT NOT NULL,
  rules_hash TEXT NOT NULL,
  documents_seen INTEGER NOT NULL DEFAULT 0,
  documents_extracted INTEGER NOT NULL DEFAULT 0,
  documents_unchanged INTEGER NOT NULL DEFAULT 0,
  documents_failed INTEGER NOT NULL DEFAULT 0,
  documents_missing INTEGER NOT NULL DEFAULT 0,
  documents_duplicate INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'running' CHECK (status IN ('running','done','interrupted')),
  pid INTEGER
);

CREATE TABLE IF NOT EXISTS run_changes (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES extraction_runs(id) ON DELETE CASCADE,
  document_path TEXT NOT NULL,
  proposal TEXT,
  change TEXT NOT NULL,
  field TEXT,
  old_value TEXT,
  new_value TEXT
);
CREATE INDEX IF NOT EXISTS run_changes_run ON run_changes(run_id);

-- Corrections made by hand, keyed by the stable proposal_key, applied again after every re-extraction.
CREATE TABLE IF NOT EXISTS corrections (
  id INTEGER PRIMARY KEY,
  proposal_key TEXT NOT NULL,
  target TEXT NOT NULL,
  value TEXT,
  reason TEXT NOT NULL,
  created_at TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'applied' CHECK (status IN ('applied','target_missing')),
  checked_at TEXT,
  -- an amount's correction: the label of its line when it was made; applied only where that line has it still
  target_label TEXT,
  UNIQUE (proposal_key, target)
);

-- Where a correction is applied: the proposal version and the value the extraction gave.
CREATE TABLE IF NOT EXISTS correction_applications (
  correction_id INTEGER NOT NULL REFERENCES corrections(id) ON DELETE CASCADE,
  proposal_id INTEGER NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
  extracted_value TEXT,
  -- an amount's: the rule that read it, which comes back with it when the correction is taken back
  extracted_rule_id TEXT,
  PRIMARY KEY (correction_id, proposal_id)
);
CREATE INDEX IF NOT EXISTS correction_applications_proposal ON correction_applications(proposal_id);

-- Errors accepted as known (proposals accept-errors), by what they say: the report's exit code leaves them out.
CREATE TABLE IF NOT EXISTS accepted_errors (
  id INTEGER PRIMARY KEY,
  document_path TEXT NOT NULL,
  document_sha256 TEXT NOT NULL,
  proposal_key TEXT,
  proposal_seq INTEGER,
  proposal_ident TEXT,
  code TEXT NOT NULL,
  table_kind TEXT,
  year INTEGER,
  expected REAL,
  actual REAL,
  reason TEXT NOT NULL,
  accepted_at TEXT NOT NULL
);
-- its unique index: ACCEPTED_ERRORS_INDEX_SQL, made after the columns added since (db.ts)
`;

/**
 * One row per accepted error, NULLs made equal (an error of no proposal, table or year). The proposal by its BC number
 * and title (proposal_ident), as acceptances match it (store/accepted.ts); by its key only in an acceptance of an
 * earlier release whose proposal could not be told when the archive was migrated.
 */
export const ACCEPTED_ERRORS_INDEX_SQL = `CREATE UNIQUE INDEX IF NOT EXISTS accepted_errors_what ON accepted_errors(document_path, document_sha256,
  IFNULL(proposal_ident, ''), CASE WHEN proposal_ident IS NULL THEN IFNULL(proposal_key, '') ELSE '' END, code, IFNULL(table_kind, ''), IFNULL(year, -1),
  IFNULL(expected, 'none'), IFNULL(actual, 'none'));`;

/** Views for analysts. Dropped and created again on every write connection, so they follow the code. */
export const VIEW_NAMES = ['proposal_versions', 'current_proposals', 'proposal_year_totals', 'proposal_year_requests', 'requested_by_year', 'totals_by_department_year', 'totals_by_fund_year', 'overview_with_proposals'];

/**
 * A view of one amount per proposal and year over the budget lines that match `where`: the last total row holding
 * the year, else the sum of the lines (source says which).
 */
const yearTotalsView = (name: string, where: string) => `CREATE VIEW ${name} AS
WITH t AS (
  SELECT proposal_id, year, amount_tdkk,
         ROW_NUMBER() OVER (PARTITION BY proposal_id, year ORDER BY line_no DESC) AS rn
  FROM budget_lines WHERE ${where} AND is_total = 1),
s AS (
  SELECT proposal_id, year, SUM(amount_tdkk) AS amount_tdkk
  FROM budget_lines WHERE ${where} AND is_total = 0 GROUP BY proposal_id, year),
k AS (SELECT DISTINCT proposal_id, year FROM budget_lines WHERE ${where})
SELECT k.proposal_id, k.year,
       COALESCE(t.amount_tdkk, s.amount_tdkk) AS amount_tdkk,
       CASE WHEN t.amount_tdkk IS NOT NULL THEN 'total_row' ELSE 'sum_of_lines' END AS source
FROM k LEFT JOIN t ON t.proposal_id = k.proposal_id AND t.year = k.year AND t.rn = 1
       LEFT JOIN s ON s.proposal_id = k.proposal_id AND s.year = k.year;`;

export const VIEWS_SQL = `
-- Every stored version of every proposal, with the document it stands in. rank 1 is the version the
-- other views use: a bundle (a document with an overview table) before a standalone copy, then by format
-- preference (txt, docx, pdf; see rules/reconcile.json), then by path.
CREATE VIEW proposal_versions AS
WITH v AS (
  SELECT p.proposal_key, p.id AS proposal_id, p.document_id, d.path, d.format,
         EXISTS (SELECT 1 FROM overviews o WHERE o.document_id = d.id) AS in_bundle,
         p.bc_number, p.title, p.price_level_year, p.presenting_department, p.fund, p.seq
  FROM proposals p JOIN documents d ON d.id = p.document_id
  WHERE d.status = 'ok' AND d.missing = 0)
SELECT proposal_key, proposal_id, document_id, path, format, in_bundle, bc_number, title, price_level_year,
       presenting_department, fund,
       ROW_NUMBER() OVER (PARTITION BY proposal_key ORDER BY in_bundle DESC,
         CASE format WHEN :f0 THEN 0 WHEN :f1 THEN 1 ELSE 2 END, path, seq) AS rank
FROM v;

-- One row per proposal_key: the preferred version, naming the document it was taken from.
CREATE VIEW current_proposals AS
SELECT p.*, v.path AS document_path, v.format AS document_format, v.in_bundle,
       (SELECT COUNT(*) FROM proposal_versions w WHERE w.proposal_key = v.proposal_key) AS versions
FROM proposal_versions v JOIN proposals p ON p.id = v.proposal_id
WHERE v.rank = 1;

-- Per proposal and year, the total of the consequences table: its last total row holding that year,
-- or the sum of its lines where no total row holds the year (source says which).
${yearTotalsView('proposal_year_totals', "table_kind = 'consequences'")}

-- Per proposal and year, what it asks for (budget_lines.in_request): the same rule over those lines only. For a
-- table of costs it equals proposal_year_totals; with savings in the table it is the investments, not the net.
${yearTotalsView('proposal_year_requests', 'in_request = 1')}

-- What each proposal requests per year (1.000 kr.), counting each proposal once.
CREATE VIEW requested_by_year AS
SELECT c.proposal_key, c.bc_number, c.title, c.presenting_department, c.fund, c.kind, c.price_level_year,
       t.year, t.amount_tdkk, t.source, c.document_path, c.document_format
FROM current_proposals c JOIN proposal_year_requests t ON t.proposal_id = c.id;

CREATE VIEW totals_by_department_year AS
SELECT presenting_department, price_level_year, year, SUM(amount_tdkk) AS amount_tdkk, COUNT(DISTINCT proposal_key) AS proposals
FROM requested_by_year GROUP BY presenting_department, price_level_year, year;

CREATE VIEW totals_by_fund_year AS
SELECT fund, price_level_year, year, SUM(amount_tdkk) AS amount_tdkk, COUNT(DISTINCT proposal_key) AS proposals
FROM requested_by_year GROUP BY fund, price_level_year, year;

-- Overview rows of bundles next to the proposal they list, its net total and what it asks for (1.000 kr.).
CREATE VIEW overview_with_proposals AS
SELECT d.path AS document_path, d.format AS document_format, o.line_no, o.committee, o.bc_number, o.title AS overview_title,
       o.amount_mdkk, o.not_committee_approved, o.cross_cutting, p.id AS proposal_id, p.proposal_key, p.title AS proposal_title,
       (SELECT SUM(amount_tdkk) FROM proposal_year_totals t WHERE t.proposal_id = p.id) AS proposal_total_tdkk,
       (SELECT SUM(amount_tdkk) FROM proposal_year_requests t WHERE t.proposal_id = p.id) AS proposal_requested_tdkk
FROM overview_items o JOIN documents d ON d.id = o.document_id LEFT JOIN proposals p ON p.id = o.proposal_id
WHERE d.status = 'ok';
`;
