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
`;
