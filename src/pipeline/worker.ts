/**
 * The work done for one file in a worker thread: extract and reconcile. It returns plain data (no blocks)
 * for the single writer in the main thread.
 */
import { loadRules } from '../rules/index.ts';
import type { IngestLimits } from '../ingest/index.ts';
import type { ExtractedDocument, Format } from '../types.ts';
import type { Finding } from '../store/write.ts';
import { extractBuffer } from './extract.ts';
import { findingsFor } from './findings.ts';
import { indexRows, type IndexRow } from '../search/index.ts';

export interface Task {
  path: string;
  buf: Uint8Array;
  rulesDir: string;
  limits: IngestLimits;
}

export type TaskResult =
  | { ok: true; format: Format; pages: number | null; extracted: ExtractedDocument; findings: Finding[]; searchRows: Record<number, IndexRow[]> }
  | { ok: false; format: Format | null; pages: number | null; code: string; message: string };

export async function runTask(t: Task): Promise<TaskResult> {
  const rules = loadRules(t.rulesDir);
  const buf = Buffer.from(t.buf.buffer, t.buf.byteOffset, t.buf.byteLength);
  const r = await extractBuffer(buf, t.path, rules, t.limits);
  const format = r.ok ? r.ingested.format : r.format;
  const pages = r.ingested?.pages ?? null;
  if (!r.ok) return { ok: false, format, pages, code: r.error.code, message: r.error.message };
  const searchRows = Object.fromEntries(r.extracted.proposals.map((p) => [p.seq, indexRows(p)]));
  return { ok: true, format: format!, pages, extracted: r.extracted, findings: findingsFor(r.extracted, rules), searchRows };
}

export default runTask;
