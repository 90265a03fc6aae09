/**
 * Full-text search over titles, summaries and section texts, with Danish stemming. SQLite's FTS5 cannot
 * call a JavaScript stemmer, so the index holds the stemmed text and a query is stemmed the same way;
 * bm25 ranks, and the snippet is cut from the original text around the words that matched.
 */
import type { DB } from '../store/db.ts';
import { stmt } from '../store/statements.ts';
import { stem, stemText, words } from './stem.ts';

export const SEARCH_SCHEMA_SQL = `
-- search_docs says what each row of the FTS5 table search_index is (same rowid); it is an ordinary table so
-- that the rows of one proposal are found by index when the proposal is replaced.
CREATE TABLE IF NOT EXISTS search_docs (
  id INTEGER PRIMARY KEY,
  proposal_id INTEGER NOT NULL,
  field TEXT NOT NULL,
  section_ord INTEGER
);
CREATE INDEX IF NOT EXISTS search_docs_proposal ON search_docs(proposal_id);
CREATE VIRTUAL TABLE IF NOT EXISTS search_index USING fts5(stems, tokenize = "unicode61 remove_diacritics 0");
DROP TRIGGER IF EXISTS proposals_search_delete;
CREATE TRIGGER proposals_search_delete AFTER DELETE ON proposals BEGIN
  DELETE FROM search_index WHERE rowid IN (SELECT id FROM search_docs WHERE proposal_id = old.id);
  DELETE FROM search_docs WHERE proposal_id = old.id;
END;
`;

/**
 * FTS5 merges 16 index segments of a level at a time instead of 4: a fifth less of the writer's CPU on an import
 * (npm run bench:writer), and a search reads a few more segments (milliseconds on thousands of documents). Set
 * only when it is not yet: setting it changes the index's own records, and a run with nothing to do changes nothing.
 */
const AUTOMERGE = 16;

export function configureSearchIndex(db: DB): void {
  const current = db.prepare("SELECT v FROM search_index_config WHERE k = 'automerge'").pluck().get();
  if (current !== AUTOMERGE) db.prepare(`INSERT INTO search_index(search_index, rank) VALUES ('automerge', ${AUTOMERGE})`).run();
}

export interface IndexRow {
  stems: string;
  field: 'title' | 'summary' | 'section';
  sectionOrd: number | null;
}

/** What the index holds for one proposal: stemmed title, summary and sections. Pure, so workers can do it. */
export function indexRows(p: { title: string | null; subtitle: string | null; summary: string | null; sections: { ord: number; heading: string; text: string }[] }): IndexRow[] {
  const rows: IndexRow[] = [];
  const title = [p.title, p.subtitle].filter(Boolean).join(' ');
  if (title) rows.push({ stems: stemText(title), field: 'title', sectionOrd: null });
  if (p.summary) rows.push({ stems: stemText(p.summary), field: 'summary', sectionOrd: null });
  for (const s of p.sections) if (s.text || s.heading) rows.push({ stems: stemText(`${s.heading}\n${s.text}`), field: 'section', sectionOrd: s.ord });
  return rows;
}

/** Full-text rows held back from the index: [search_docs id, stems]. */
export type HeldRow = [id: number, stems: string];

/**
 * Indexes one proposal (inside the document's write transaction), with rows a worker stemmed already if given.
 * Given `held`, only search_docs is written now, and the stems go there, for the run's commit group (PendingIndex).
 */
export function indexProposal(db: DB, proposalId: number, rows: IndexRow[], held?: HeldRow[]): void {
  const doc = stmt(db, 'INSERT INTO search_docs (proposal_id, field, section_ord) VALUES (?,?,?)');
  const fts = stmt(db, 'INSERT INTO search_index (rowid, stems) VALUES (?,?)');
  for (const r of rows) {
    const id = Number(doc.run(proposalId, r.field, r.sectionOrd).lastInsertRowid);
    if (held) held.push([id, r.stems]);
    else fts.run(id, r.stems);
  }
}

/**
 * Indexes the title and summary of proposals again from their stored values, after corrections changed them (or
 * took a change back): only the rows whose stems differ are written. Outside a commit group: no row may be held.
 */
export function reindexFields(db: DB, proposalIds: Iterable<number>): number {
  const get = stmt(db, 'SELECT title, subtitle, summary FROM proposals WHERE id = ?');
  const docOf = stmt(db, 'SELECT d.id, i.stems FROM search_docs d LEFT JOIN search_index i ON i.rowid = d.id WHERE d.proposal_id = ? AND d.field = ?');
  let written = 0;
  for (const id of proposalIds) {
    const p = get.get(id) as { title: string | null; subtitle: string | null; summary: string | null } | undefined;
    if (!p) continue;
    const rows = indexRows({ ...p, sections: [] });
    for (const field of ['title', 'summary'] as const) {
      const want = rows.find((r) => r.field === field)?.stems ?? null;
      const have = docOf.get(id, field) as { id: number; stems: string | null } | undefined;
      if ((have?.stems ?? null) === want) continue;
      if (have) {
        stmt(db, 'DELETE FROM search_index WHERE rowid = ?').run(have.id);
        stmt(db, 'DELETE FROM search_docs WHERE id = ?').run(have.id);
      }
      if (want !== null) indexProposal(db, id, [{ stems: want, field, sectionOrd: null }]);
      written++;
    }
  }
  return written;
}

/**
 * Full-text rows held back until a commit group ends (src/store/groups.ts), then written together in the group's
 * transaction, so readers see them with the rest of their documents. FTS5 turns its pending rows into a new index
 * segment at every savepoint, and each document is written in a savepoint of the group: held back, a group makes
 * one segment instead of one per document.
 *
 * A document's rows come here only once its own transaction has been released (a write that rolled back never
 * adds any), and they are kept by search_docs id: a row whose proposal a later document of the group replaced has
 * no search_docs row by the time of the flush and is not written, and where SQLite gave its id to a newer row, that
 * row's stems replaced it here.
 */
export class PendingIndex {
  private rows = new Map<number, string>();

  /** The rows of a document whose write has been released into the group. */
  add(rows: HeldRow[]): void {
    for (const [id, stems] of rows) this.rows.set(id, stems);
  }

  /** Writes the held rows; inside the group's transaction. */
  flush(db: DB): void {
    if (!this.rows.size) return;
    const exists = stmt(db, 'SELECT 1 FROM search_docs WHERE id = ?');
    const fts = stmt(db, 'INSERT INTO search_index (rowid, stems) VALUES (?,?)');
    for (const [id, stems] of this.rows) if (exists.get(id)) fts.run(id, stems);
    this.rows.clear();
  }

  /** Forgets the held rows (their group was rolled back). */
  clear(): void {
    this.rows.clear();
  }
}

export interface SearchHit {
  proposal_key: string;
  bc_number: string | null;
  title: string | null;
  presenting_department: string | null;
  price_level_year: number | null;
  field: string;
  section: string | null;
  score: number;
  snippet: string;
  document_path: string;
}

/** A snippet of about `width` characters around the first word whose stem is among the query's stems or starts with a prefix. */
export function snippet(text: string, stems: Set<string>, width = 160, prefixes: string[] = []): string {
  const ws = words(text);
  const hits = ws.filter((w) => {
    const st = stem(w.word);
    return stems.has(st) || prefixes.some((p) => st.startsWith(p));
  });
  if (!hits.length) return text.slice(0, width).replace(/\s+/g, ' ').trim();
  const first = hits[0]!;
  const from = Math.max(0, first.start - Math.floor(width / 3));
  const to = Math.min(text.length, from + width);
  let out = '';
  let pos = from;
  for (const h of hits.filter((x) => x.start >= from && x.end <= to)) {
    out += text.slice(pos, h.start) + '[' + text.slice(h.start, h.end) + ']';
    pos = h.end;
  }
  out += text.slice(pos, to);
  return `${from > 0 ? '…' : ''}${out.replace(/\s+/g, ' ').trim()}${to < text.length ? '…' : ''}`;
}

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;

/**
 * The FTS5 query for the words of a search: every word's stem must be there, and a word or phrase of a synonym
 * group (rules/search.json) is there when any phrase of its group is ('maskinlæring' finds 'machine learning').
 * Also every stem that may match, for the snippet.
 */
export function matchExpression(query: string, synonyms: string[][] = []): { match: string; stems: Set<string>; prefixes: string[] } | null {
  const ws = words(query);
  if (!ws.length) return null;
  // a word followed by '*' is a prefix ('servi*' finds 'servicebotter'): of the indexed stems, so a word longer than
  // its stem ('servicebotter*') is cut to the stem; it takes part in no synonym phrase
  const prefixOf = (w: { word: string; end: number }) => {
    if (query[w.end] !== '*') return null;
    const st = stem(w.word);
    return w.word.startsWith(st) ? st : w.word;
  };
  const prefixes = ws.map(prefixOf);
  // a prefix word has no stem of its own (null), so no synonym phrase matches it
  const qs = ws.map((w, i) => (prefixes[i] === null ? stem(w.word) : null));
  const groups = synonyms.map((g) => g.map((phrase) => words(phrase).map((w) => stem(w.word))).filter((p) => p.length));
  const all = new Set(qs.filter((q): q is string => q !== null));
  const terms: string[] = [];
  for (let i = 0; i < qs.length; ) {
    // the longest phrase of any group that the query has at this point
    let found: { len: number; group: string[][] } | null = null;
    for (const g of groups)
      for (const phrase of g)
        if (phrase.length > (found?.len ?? 0) && phrase.every((st, j) => qs[i + j] === st)) found = { len: phrase.length, group: g };
    if (found) {
      terms.push(`(${found.group.map((p) => (p.length === 1 ? quote(p[0]!) : `(${p.map(quote).join(' AND ')})`)).join(' OR ')})`);
      for (const p of found.group) for (const st of p) all.add(st);
      i += found.len;
    } else {
      const prefix = prefixes[i] ?? null;
      terms.push(prefix === null ? quote(qs[i]!) : `${quote(prefix)} *`);
      i++;
    }
  }
  const given = prefixes.filter((p): p is string => p !== null);
  return { match: [...new Set(terms)].join(' AND '), stems: all, prefixes: given };
}

export function search(db: DB, query: string, opts: { year?: number; department?: string; limit?: number; synonyms?: string[][] } = {}): SearchHit[] {
  const expr = matchExpression(query, opts.synonyms);
  if (!expr) return [];
  const { match } = expr;
  const rows = db
    .prepare(
      `SELECT c.proposal_key, c.bc_number, c.title, c.presenting_department, c.price_level_year, c.summary, c.document_path,
              sd.field, sd.section_ord, bm25(search_index) AS score,
              s.heading AS section_heading, s.text AS section_text, c.subtitle
       FROM search_index si
       JOIN search_docs sd ON sd.id = si.rowid
       JOIN current_proposals c ON c.id = sd.proposal_id
       LEFT JOIN sections s ON s.proposal_id = sd.proposal_id AND s.ord = sd.section_ord
       WHERE search_index MATCH ?
         AND (? IS NULL OR c.price_level_year = ?)
         AND (? IS NULL OR c.presenting_department = ? OR EXISTS (SELECT 1 FROM proposal_departments d WHERE d.proposal_id = c.id AND d.department = ?))
       ORDER BY score`,
    )
    .all(match, opts.year ?? null, opts.year ?? null, opts.department ?? null, opts.department ?? null, opts.department ?? null) as Record<string, unknown>[];
  const best = new Map<string, SearchHit>();
  const stemSet = expr.stems;
  for (const r of rows) {
    const key = r.proposal_key as string;
    if (best.has(key)) continue; // rows come best first: keep each proposal's best match
    const text = r.field === 'title' ? [r.title, r.subtitle].filter(Boolean).join(' ') : r.field === 'summary' ? (r.summary as string) : `${r.section_text as string}`;
    best.set(key, {
      proposal_key: key,
      bc_number: r.bc_number as string | null,
      title: r.title as string | null,
      presenting_department: r.presenting_department as string | null,
      price_level_year: r.price_level_year as number | null,
      field: r.field as string,
      section: (r.section_heading as string | null) ?? null,
      score: Math.round((r.score as number) * 1000) / 1000,
      snippet: snippet(text, stemSet, 160, expr.prefixes),
      document_path: r.document_path as string,
    });
  }
  return [...best.values()].slice(0, opts.limit ?? 20);
}
