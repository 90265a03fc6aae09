import { beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { root } from '../eval/score.ts';
import { failures, proposals, tempDir } from './helpers.ts';

let db = '';
beforeAll(() => {
  db = join(tempDir(), 'r.db');
  const r = proposals(['import', join(root, 'corpus', 'txt'), '--db', db]);
  if (r.code !== 0) throw new Error(r.stderr);
});

describe('versions and the data-quality report', () => {
  it('proposal_key links the standalone drafts to their bundle versions, and nothing else', () => {
    const d = new Database(db, { readonly: true });
    const shared = d
      .prepare(
        `SELECT proposal_key, group_concat(doc, ',') AS docs FROM
           (SELECT p.proposal_key, substr(d.path, -24, 3) AS doc FROM proposals p JOIN documents d ON d.id = p.document_id ORDER BY d.path)
         GROUP BY proposal_key HAVING COUNT(*) > 1 ORDER BY proposal_key`,
      )
      .raw()
      .all();
    d.close();
    expect(shared).toEqual([
      ['BC20/2021', '001,004'],
      ['BC21/2021', '001,003'],
    ]);
  });

  it('report lists the findings by code and exits 1 because there are errors', () => {
    const r = proposals(['report', '--db', db, '--format', 'json']);
    expect(r.code).toBe(1);
    const rep = JSON.parse(r.stdout);
    expect(rep.findingsByCode).toEqual([
      { code: 'OVERVIEW_MISMATCH', severity: 'error', findings: 1, documents: 1 },
      { code: 'TOTAL_MISMATCH', severity: 'error', findings: 2, documents: 1 },
    ]);
    expect(rep.failedDocuments).toEqual([]);
    expect(rep.findings.every((f: { proposal_key: string }) => f.proposal_key === 'BC20/2021')).toBe(true);
  });

  it('accept-errors: the errors known now no longer fail the report, also after a re-extraction; a new one does; --clear takes them back', () => {
    const known = join(tempDir(), 'known.db');
    const bundle = join(root, 'corpus', 'txt', '001_a2575791207090b5.txt');
    expect(proposals(['import', bundle, '--db', known]).code).toBe(0);
    expect(proposals(['report', '--db', known]).code).toBe(1);
    expect(proposals(['accept-errors', '--db', known]).code).toBe(2); // a reason is needed
    const a = proposals(['accept-errors', '--reason', 'stated totals of the source', '--db', known]);
    expect([a.code, a.stdout]).toEqual([0, '3 error(s) accepted as known: the report lists them, and exits 1 only for others\n']);
    const r = proposals(['report', '--db', known, '--format', 'json']);
    const rep = JSON.parse(r.stdout);
    expect([r.code, rep.errors, rep.acceptedErrors]).toEqual([0, 0, 3]);
    expect(rep.findings.filter((f: { severity: string }) => f.severity === 'error').map((f: { accepted: number }) => f.accepted)).toEqual([1, 1, 1]);
    expect(proposals(['report', '--db', known]).stdout).toMatch(/^Errors: 0 \(and 3 accepted as known/m);
    // accepted by what they say, not by their rows: a re-extraction finds them again, accepted
    expect(proposals(['reextract', '--all', '--db', known]).code).toBe(0);
    expect(proposals(['report', '--db', known]).code).toBe(0);
    // a document with a total that does not add up, new to the archive: its error fails the report
    const dir = tempDir();
    const draft = readFileSync(join(root, 'corpus', 'txt', '003_8133a643882840f1.txt'), 'utf8');
    const edited = draft.replace('Ressourcer Socialforvaltningen\tService\t\t600', 'Ressourcer Socialforvaltningen\tService\t\t700');
    expect(edited).not.toBe(draft);
    writeFileSync(join(dir, 'edited.txt'), edited);
    expect(proposals(['import', dir, '--db', known]).code).toBe(0);
    const after = proposals(['report', '--db', known, '--format', 'json']);
    const afterRep = JSON.parse(after.stdout);
    expect([after.code, afterRep.errors > 0, afterRep.acceptedErrors]).toEqual([1, true, 3]);
    const c = proposals(['accept-errors', '--clear', '--db', known]);
    expect([c.code, c.stdout]).toEqual([0, '3 accepted error(s) taken back: the report counts them again\n']);
    expect(JSON.parse(proposals(['report', '--db', known, '--format', 'json']).stdout).acceptedErrors).toBe(0);
  });

  it('accept-errors: an accepted error stays accepted when another document changes its proposal\'s key', () => {
    const known = join(tempDir(), 'split.db');
    expect(proposals(['import', join(root, 'corpus', 'txt', '001_a2575791207090b5.txt'), '--db', known]).code).toBe(0);
    expect(proposals(['accept-errors', '--reason', 'stated totals of the source', '--db', known]).stdout).toMatch(/^3 error\(s\) accepted/);
    // another department's proposal, numbered BC20 in the same year under another title: the key splits by department
    const dir = tempDir();
    const draft = readFileSync(join(root, 'corpus', 'txt', '004_f37da8f085268bea.txt'), 'utf8');
    const other = draft
      .replace(/^Forslagets titel: .*$/m, 'Forslagets titel: BC20 Ny ordning for beboerparkering')
      .replace(/^Fremstillende forvaltning: .*$/m, 'Fremstillende forvaltning: Teknik- og Miljøforvaltningen');
    expect(other).not.toBe(draft);
    writeFileSync(join(dir, 'other.txt'), other);
    expect(proposals(['import', dir, '--db', known]).code).toBe(0);
    const rep = JSON.parse(proposals(['report', '--db', known, '--format', 'json']).stdout);
    const keys = rep.findings.filter((f: { severity: string }) => f.severity === 'error').map((f: { proposal_key: string; accepted: number }) => [f.proposal_key, f.accepted]);
    expect(keys).toEqual([['BC20/2021/SOF', 1], ['BC20/2021/SOF', 1], ['BC20/2021/SOF', 1]]);
    expect([rep.errors, rep.acceptedErrors]).toEqual([0, 3]);
    // accepting again adds nothing: they are accepted already
    expect(proposals(['accept-errors', '--reason', 'again', '--db', known]).stdout).toMatch(/^0 error\(s\) accepted/);
  });

  it('accept-errors: an acceptance is of the file it was made on; a failed document is accepted too, a failure of the run never', () => {
    const dir = tempDir();
    const known = join(dir, 'k.db');
    const bundle = readFileSync(join(root, 'corpus', 'txt', '001_a2575791207090b5.txt'));
    writeFileSync(join(dir, 'bundle.txt'), bundle);
    writeFileSync(join(dir, 'empty.txt'), '');
    expect(proposals(['import', join(dir, 'bundle.txt'), join(dir, 'empty.txt'), '--db', known]).code).toBe(1);
    // a failure of the run (a worker that died), as a run records it
    const d = new Database(known);
    d.prepare("INSERT INTO documents (path, sha256, status, error_code, error_message, extracted_at, extractor_version, rules_hash) VALUES (?, ?, 'failed', 'INTERNAL_ERROR', 'a worker died', '', 'v', 'r')").run(join(dir, 'other.txt'), 'f'.repeat(64));
    d.prepare("INSERT INTO findings (document_id, code, severity, message) VALUES (last_insert_rowid(), 'INTERNAL_ERROR', 'error', 'a worker died')").run();
    d.close();
    expect(proposals(['accept-errors', '--reason', 'known', '--clear', '--db', known]).code).toBe(2);
    expect(proposals(['accept-errors', '--reason', 'known', '--db', known]).stdout).toMatch(/^4 error\(s\) accepted/);
    const rep = JSON.parse(proposals(['report', '--db', known, '--format', 'json']).stdout);
    expect([rep.errors, rep.acceptedErrors]).toEqual([1, 4]);
    expect(rep.failedDocuments.map((f: { error_code: string; accepted: number }) => [f.error_code, f.accepted])).toEqual([['EMPTY_FILE', 1], ['INTERNAL_ERROR', 0]]);
    // the bundle moved: its errors, recorded at the new path now, are new
    const moved = join(dir, 'moved');
    mkdirSync(moved);
    renameSync(join(dir, 'bundle.txt'), join(moved, 'bundle.txt'));
    expect(proposals(['import', moved, '--db', known]).stdout).toMatch(/0 extracted, 1 unchanged/);
    expect(JSON.parse(proposals(['report', '--db', known, '--format', 'json']).stdout).errors).toBe(4);
  });

  it('a reextract that meets only failures accepted as known exits 0, so the nightly mail stays quiet; a new failure exits 1', () => {
    const dir = tempDir();
    const known = join(dir, 'k.db');
    writeFileSync(join(dir, 'good.txt'), readFileSync(join(root, 'corpus', 'txt', '003_8133a643882840f1.txt')));
    writeFileSync(join(dir, 'empty.txt'), '');
    expect(proposals(['import', dir, '--db', known]).code).toBe(1);
    const before = proposals(['reextract', '--db', known]);
    expect(before.code).toBe(1); // a broken file is a failure every night until it is fixed or accepted
    expect(before.stdout).toMatch(/1 unchanged, 1 failed, 0 missing;/);
    expect(proposals(['accept-errors', '--reason', 'an empty file in the archive', '--db', known]).code).toBe(0);
    const after = proposals(['reextract', '--db', known]);
    expect(after.code).toBe(0);
    expect(after.stdout).toMatch(/1 unchanged, 1 failed \(1 of them accepted as known\), 0 missing;/);
    expect(failures(after.stderr)).toBe(`${join(dir, 'empty.txt')}: [EMPTY_FILE] ${join(dir, 'empty.txt')}: the file is empty (0 bytes) (accepted as known)`);
    // the file breaks otherwise: a new error, which the run reports with exit 1
    writeFileSync(join(dir, 'empty.txt'), Buffer.from([0x00, 0x13, 0x37, 0x00, 0xff]));
    const other = proposals(['reextract', '--db', known]);
    expect(other.code).toBe(1);
    expect(other.stdout).toMatch(/1 unchanged, 1 failed, 0 missing;/);
  });

  it('a file whose failure was accepted and that cannot be reached now is this run\'s failure, not an accepted one', () => {
    const dir = tempDir();
    const known = join(dir, 'k.db');
    mkdirSync(join(dir, 'share'));
    writeFileSync(join(dir, 'share', 'empty.txt'), '');
    mkdirSync(join(dir, 'docs'));
    writeFileSync(join(dir, 'docs', 'good.txt'), readFileSync(join(root, 'corpus', 'txt', '003_8133a643882840f1.txt')));
    symlinkSync(join(dir, 'share'), join(dir, 'docs', 'share'));
    expect(proposals(['import', join(dir, 'docs'), '--db', known]).code).toBe(1);
    expect(proposals(['accept-errors', '--reason', 'an empty file', '--db', known]).code).toBe(0);
    expect(proposals(['reextract', '--db', known]).code).toBe(0);
    // the share is away: the file cannot be reached, which nobody accepted
    renameSync(join(dir, 'share'), join(dir, 'share-away'));
    const away = proposals(['reextract', '--db', known]);
    expect(away.code).toBe(1);
    expect(away.stdout).toMatch(/1 unchanged, 1 failed, 0 missing;/);
  });

  it('report exits 0 on an archive with no errors', () => {
    const clean = join(tempDir(), 'clean.db');
    expect(proposals(['import', join(root, 'corpus', 'txt', '003_8133a643882840f1.txt'), '--db', clean]).code).toBe(0);
    expect(proposals(['report', '--db', clean]).code).toBe(0);
  });

  it('diff shows where the bundle and the standalone draft differ', () => {
    const r = proposals(['diff', 'BC20/2021', '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/2 version\(s\)/);
    expect(r.stdout).toMatch(/Samlede implementeringsomkostninger\s*\|\s*2021\s*\|\s*2225\s*\|\s*2700/);
  });
});
