/**
 * The same document read from TXT, DOCX and PDF gives the same records: every field except provenance
 * (pages). Free text (section texts, follow-up and consultation cells) is compared on its letters and digits,
 * because a PDF cannot tell a line-end hyphen from a typed one and breaks paragraphs at page ends.
 */
import { describe, expect, it } from 'vitest';
import type { ExtractedDocument } from '../src/types.ts';
import { corpusFile, extractForEval, loadGold } from './eval/score.ts';

const PROVENANCE = new Set(['page', 'pageStart', 'pageEnd']);
const FREE_TEXT = new Set(['text', 'criterion', 'method', 'responsible', 'timing', 'note', 'summary']);

function normalise(v: unknown, key = ''): unknown {
  if (Array.isArray(v)) return v.map((x) => normalise(x));
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>)
        .filter(([k]) => !PROVENANCE.has(k))
        .map(([k, x]) => [k, normalise(x, k)]),
    );
  if (typeof v === 'string') return FREE_TEXT.has(key) ? v.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '') : v.replace(/\s+/g, ' ').trim();
  return v;
}

const records = (d: ExtractedDocument | null | undefined) => normalise({ overview: d?.overview ?? null, proposals: d?.proposals ?? null });

describe.each(loadGold().map((g) => [g.document, g] as const))('%s', (_name, gold) => {
  it('gives the same records from TXT, DOCX and PDF', async () => {
    const [txt, docx, pdf] = await Promise.all((['txt', 'docx', 'pdf'] as const).map((f) => extractForEval(corpusFile(gold, f))));
    expect(txt).not.toBeNull();
    expect(records(docx)).toEqual(records(txt));
    expect(records(pdf)).toEqual(records(txt));
  }, 30_000);
});
