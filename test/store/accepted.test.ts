/** Accepted errors are held by the proposal as its document names it: not by its key, not by its place. */
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { openWritable, type DB } from '../../src/store/db.ts';
import { writeDocument, type Finding } from '../../src/store/write.ts';
import { relinkProposalKeys } from '../../src/store/keys.ts';
import { acceptErrors } from '../../src/store/accepted.ts';
import type { Proposal } from '../../src/types.ts';
import { buildReport } from '../../src/cli/report.ts';

const proposal = (seq: number, bcNumber: string | null, title: string): Proposal => ({
  seq, kind: 'innovationsforslag', bcNumber, title, subtitle: null, summary: null, fund: null, presentingDepartment: 'KFF',
  affectedDepartments: [], priceLevelYear: 2021, pageStart: null, pageEnd: null, budgetLines: [], committeeSplit: [], consultations: [], followUps: [], fieldRules: {}, sections: [],
});
// the same file and content each time; what changes is the code that cuts it into proposals
const meta = (extractorVersion: string) => ({ path: '/arkiv/bilag.txt', sha256: 'f'.repeat(64), format: 'txt' as const, pages: null, sizeBytes: 1, extractorVersion, rulesHash: 'r', extractedAt: '2026-01-01' });
const mismatch = (proposalSeq: number): Finding => ({ proposalSeq, code: 'TOTAL_MISMATCH', severity: 'error', tableKind: 'consequences', year: 2021, expected: 10, actual: 12, message: 'the stated total is not the sum' });

function write(db: DB, version: string, proposals: Proposal[], findings: Finding[]): void {
  writeDocument(db, meta(version), { overview: null, messages: [], proposals }, findings, []);
  relinkProposalKeys(db, 0.85);
}

function archive(): { path: string; db: DB } {
  const path = join(mkdtempSync(join(tmpdir(), 'accepted-')), 'a.db');
  return { path, db: openWritable(path) };
}

describe('an accepted error', () => {
  it('stays accepted when a re-extraction finds a proposal more before its own (its place changes)', () => {
    const { path, db } = archive();
    write(db, 'v1', [proposal(1, 'BC07', 'Digital selvbetjening'), proposal(2, 'BC08', 'Robotter i hjemmeplejen')], [mismatch(1)]);
    expect(acceptErrors(db, 'known')).toBe(1);
    write(db, 'v2', [proposal(1, 'BC06', 'Bedre skoleveje'), proposal(2, 'BC07', 'Digital selvbetjening'), proposal(3, 'BC08', 'Robotter i hjemmeplejen')], [mismatch(2)]);
    db.close();
    expect(buildReport(path)).toMatchObject({ errors: 0, acceptedErrors: 1 });
  });

  it('is not taken over by another proposal that comes to its place with the same numbers', () => {
    const { path, db } = archive();
    write(db, 'v1', [proposal(1, 'BC07', 'Digital selvbetjening'), proposal(2, 'BC08', 'Robotter i hjemmeplejen')], [mismatch(1)]);
    acceptErrors(db, 'known');
    write(db, 'v2', [proposal(1, 'BC08', 'Robotter i hjemmeplejen'), proposal(2, 'BC07', 'Digital selvbetjening')], [mismatch(1)]);
    db.close();
    expect(buildReport(path)).toMatchObject({ errors: 1, acceptedErrors: 0 });
  });

  it('of a proposal without a BC number is held by its title; a document\'s own error by the document', () => {
    const { path, db } = archive();
    const emptyFile: Finding = { proposalSeq: null, code: 'EMPTY_SECTION', severity: 'error', tableKind: null, year: null, expected: null, actual: null, message: 'x' };
    write(db, 'v1', [proposal(1, null, 'Hackathons for borgere'), proposal(2, null, 'Ny parkeringsordning')], [mismatch(1), emptyFile]);
    expect(acceptErrors(db, 'known')).toBe(2);
    write(db, 'v2', [proposal(1, null, 'Ny parkeringsordning'), proposal(2, null, 'Hackathons for borgere')], [mismatch(2), mismatch(1), emptyFile]);
    db.close();
    const r = buildReport(path);
    expect(r).toMatchObject({ errors: 1, acceptedErrors: 2 });
    // in the order of the proposals: the parking scheme's error is new, the hackathons' the accepted one
    const totals = r.findings.filter((f) => (f as { code: string }).code === 'TOTAL_MISMATCH').map((f) => (f as { accepted: number }).accepted);
    expect(totals).toEqual([0, 1]);
  });

  it('of TABLE_MISMATCH made when an empty year was stored as 0 still holds now that it is NULL; other amounts do not', () => {
    const { path, db } = archive();
    const table = (actual: number | null, expected = 150): Finding => ({ proposalSeq: 1, code: 'TABLE_MISMATCH', severity: 'error', tableKind: 'investments', year: 2019, expected, actual, message: 'the tables disagree' });
    write(db, 'v1', [proposal(1, 'BC07', 'Digital selvbetjening')], [table(0)]);
    expect(acceptErrors(db, 'known')).toBe(1);
    write(db, 'v2', [proposal(1, 'BC07', 'Digital selvbetjening')], [table(null)]);
    expect(buildReport(path)).toMatchObject({ errors: 0, acceptedErrors: 1 });
    write(db, 'v3', [proposal(1, 'BC07', 'Digital selvbetjening')], [table(null, 175)]);
    db.close();
    expect(buildReport(path)).toMatchObject({ errors: 1, acceptedErrors: 0 });
  });
});
