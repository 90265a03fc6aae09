/**
 * A batch with every kind of bad PDF and DOCX next to good documents: each bad file gets its error code on its
 * documents row, the good ones are stored, and no bad file leaves any other record.
 */
import { describe, expect, it } from 'vitest';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { root } from '../eval/score.ts';
import { encryptedPdf, scannedPdf } from '../fixtures/pdf/make-pdf.ts';
import { makeDocx, makeZip, p } from '../fixtures/docx/make-docx.ts';
import { failures, proposals, tempDir } from './helpers.ts';

describe('a batch with bad PDF and DOCX files', () => {
  it('stores the good documents and records each bad one with its reason, and nothing else of it', () => {
    const dir = tempDir('bad-batch-');
    copyFileSync(join(root, 'corpus', 'pdf', '003_8133a643882840f1.pdf'), join(dir, 'good.pdf'));
    copyFileSync(join(root, 'corpus', 'docx', '004_f37da8f085268bea.docx'), join(dir, 'good.docx'));
    const pdf = readFileSync(join(root, 'corpus', 'pdf', '004_f37da8f085268bea.pdf'));
    writeFileSync(join(dir, 'truncated.pdf'), pdf.subarray(0, 2000));
    writeFileSync(join(dir, 'locked.pdf'), encryptedPdf());
    writeFileSync(join(dir, 'scanned.pdf'), scannedPdf());
    writeFileSync(join(dir, 'empty.docx'), '');
    writeFileSync(join(dir, 'notword.docx'), makeZip([{ name: 'hello.txt', data: Buffer.from('hej') }]));
    const docx = readFileSync(join(root, 'corpus', 'docx', '003_8133a643882840f1.docx'));
    writeFileSync(join(dir, 'truncated.docx'), docx.subarray(0, docx.length / 2));
    writeFileSync(join(dir, 'bomb.docx'), makeDocx(p('Hej'), [{ name: 'word/media/big.bin', data: Buffer.alloc(120 * 1024 * 1024) }]));
    // a DOCX named .pdf is read as the DOCX it is
    copyFileSync(join(root, 'corpus', 'docx', '003_8133a643882840f1.docx'), join(dir, 'really-a-docx.pdf'));

    const db = join(dir, 'bad.db');
    const r = proposals(['import', dir, '--db', db]);
    expect(r.code).toBe(1);
    const d = new Database(db, { readonly: true });
    const rows = d.prepare("SELECT substr(path, length(?) + 2) AS name, status, error_code, format, (SELECT COUNT(*) FROM proposals p WHERE p.document_id = documents.id) AS proposals FROM documents ORDER BY name").raw().all(dir);
    const mismatch = d.prepare("SELECT COUNT(*) FROM findings WHERE code = 'FORMAT_NAME_MISMATCH'").pluck().get();
    d.close();
    expect(rows).toEqual([
      ['bomb.docx', 'failed', 'DOCX_TOO_LARGE', 'docx', 0],
      ['empty.docx', 'failed', 'EMPTY_FILE', null, 0],
      ['good.docx', 'ok', null, 'docx', 1],
      ['good.pdf', 'ok', null, 'pdf', 1],
      ['locked.pdf', 'failed', 'PDF_ENCRYPTED', 'pdf', 0],
      ['notword.docx', 'failed', 'DOCX_INVALID', 'docx', 0],
      ['really-a-docx.pdf', 'ok', null, 'docx', 1],
      ['scanned.pdf', 'failed', 'PDF_NO_TEXT', 'pdf', 0],
      ['truncated.docx', 'failed', 'DOCX_INVALID', 'docx', 0],
      ['truncated.pdf', 'failed', 'PDF_CORRUPT', 'pdf', 0],
    ]);
    expect(mismatch).toBe(1);
    for (const name of ['bomb.docx', 'locked.pdf', 'scanned.pdf', 'truncated.pdf']) expect(failures(r.stderr)).toContain(`${name}: [`);
  });
});

describe('the time limit per document', () => {
  it('stops a document that takes too long, records TIMEOUT, and the run finishes', () => {
    const dir = tempDir('slow-');
    copyFileSync(join(root, 'corpus', 'pdf', '000_49951f981d2009a6.pdf'), join(dir, 'slow.pdf'));
    const db = join(dir, 't.db');
    const r = proposals(['import', dir, '--db', db, '--workers', '1', '--timeout', '0.05']);
    expect(r.code).toBe(1);
    expect(failures(r.stderr)).toMatch(/slow\.pdf: \[TIMEOUT\] .*longer than 0\.05 s/);
    const d = new Database(db, { readonly: true });
    expect(d.prepare('SELECT status, error_code, (SELECT COUNT(*) FROM proposals) FROM documents').raw().all()).toEqual([['failed', 'TIMEOUT', 0]]);
    d.close();
  });
});
