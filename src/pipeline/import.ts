/**
 * Batch import: every file ends up extracted, unchanged (already in the archive with the same content,
 * extractor version and rules) or failed with a reason. One bad file never stops the batch.
 */
import { createHash } from 'node:crypto';
import pLimit from 'p-limit';
import type { DB } from '../store/db.ts';
import type { Rules } from '../rules/index.ts';
import { readInput, DEFAULT_LIMITS, type IngestLimits } from '../ingest/index.ts';
import { asDocumentError } from '../errors.ts';
import { storedState, writeDocument, writeFailure, type DocumentMeta } from '../store/write.ts';
import { extractBuffer } from './extract.ts';
import { findingsFor } from './findings.ts';
import { extractorVersion } from './version.ts';

export type FileOutcome =
  | { path: string; status: 'extracted'; proposals: number; warnings: number }
  | { path: string; status: 'unchanged'; proposals: number }
  | { path: string; status: 'failed'; code: string; message: string };

export interface ImportSummary {
  seen: number;
  extracted: number;
  unchanged: number;
  failed: number;
  proposals: number;
  outcomes: FileOutcome[];
}

export interface ImportOptions {
  rules: Rules;
  limits?: IngestLimits;
  /** Re-extract even when content, extractor version and rules are unchanged. */
  force?: boolean;
  onFile?: (outcome: FileOutcome, done: number, total: number) => void;
  /** Checked between files; when it returns true the run stops after the current file. */
  shouldStop?: () => boolean;
}

export async function importFiles(db: DB, files: string[], opts: ImportOptions): Promise<ImportSummary> {
  const version = extractorVersion();
  const limits = opts.limits ?? DEFAULT_LIMITS;
  const summary: ImportSummary = { seen: 0, extracted: 0, unchanged: 0, failed: 0, proposals: 0, outcomes: [] };
  const read = pLimit(4);
  // Reading runs ahead of parsing (bounded), parsing and writing happen one file at a time.
  const buffers = files.map((f) => read(() => readInput(f, limits).then((b) => ({ ok: true as const, b }), (e) => ({ ok: false as const, e }))));
  const countProposals = db.prepare('SELECT COUNT(*) AS n FROM proposals WHERE document_id = ?');
  for (const [i, path] of files.entries()) {
    if (opts.shouldStop?.()) break;
    const got = await buffers[i]!;
    summary.seen++;
    const meta: DocumentMeta = {
      path,
      sha256: '',
      format: null,
      pages: null,
      sizeBytes: got.ok ? got.b.length : null,
      extractorVersion: version,
      rulesHash: opts.rules.hash,
      extractedAt: new Date().toISOString(),
    };
    let outcome: FileOutcome;
    if (!got.ok) {
      const err = asDocumentError(got.e);
      meta.sha256 = `unreadable:${createHash('sha256').update(path).digest('hex')}`;
      writeFailure(db, meta, err.code, err.message);
      outcome = { path, status: 'failed', code: err.code, message: err.message };
    } else {
      meta.sha256 = createHash('sha256').update(got.b).digest('hex');
      const state = storedState(db, meta.sha256);
      if (!opts.force && state && state.extractor_version === version && state.rules_hash === opts.rules.hash) {
        const n = (countProposals.get(state.id) as { n: number }).n;
        outcome = state.status === 'ok' ? { path, status: 'unchanged', proposals: n } : { path, status: 'failed', code: 'UNCHANGED_FAILED', message: `${path}: failed before and is unchanged` };
        if (state.status !== 'ok') {
          const row = db.prepare('SELECT error_code, error_message FROM documents WHERE id = ?').get(state.id) as { error_code: string; error_message: string };
          outcome = { path, status: 'failed', code: row.error_code, message: row.error_message };
        }
      } else {
        const r = await extractBuffer(got.b, path, opts.rules, limits);
        meta.format = r.ingested?.format ?? null;
        meta.pages = r.ingested?.pages ?? null;
        if (r.ok) {
          const findings = findingsFor(r.extracted, opts.rules);
          writeDocument(db, meta, r.extracted, findings, r.extracted.messages);
          outcome = { path, status: 'extracted', proposals: r.extracted.proposals.length, warnings: r.extracted.messages.filter((m) => m.severity === 'warning').length };
        } else {
          writeFailure(db, meta, r.error.code, r.error.message);
          outcome = { path, status: 'failed', code: r.error.code, message: r.error.message };
        }
      }
    }
    if (outcome.status === 'extracted') summary.extracted++;
    else if (outcome.status === 'unchanged') summary.unchanged++;
    else summary.failed++;
    if (outcome.status !== 'failed') summary.proposals += outcome.proposals;
    summary.outcomes.push(outcome);
    opts.onFile?.(outcome, summary.seen, files.length);
  }
  return summary;
}
