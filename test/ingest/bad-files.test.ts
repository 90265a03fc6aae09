/**
 * Files that cannot be read fail with the right DocumentError code; odd but readable files (wrong name,
 * old encodings) are read. The files are written to a temp dir and read through ingestFile / ingestBuffer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { DEFAULT_LIMITS, ingestBuffer, ingestFile, type IngestLimits } from '../../src/ingest/index.ts';
import { DocumentError, type DocumentErrorCode } from '../../src/errors.ts';
import { makeDocx, makeZip, p } from '../fixtures/docx/make-docx.ts';

const CORPUS_DOCX = join(import.meta.dirname, '../../corpus/docx/003_8133a643882840f1.docx');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bad-files-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function write(name: string, data: Buffer | string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, data);
  return path;
}

/** The DocumentError that reading a file gives; fails the test when it reads. */
async function failure(path: string, limits?: IngestLimits): Promise<DocumentError> {
  try {
    await ingestFile(path, limits);
  } catch (e) {
    expect(e).toBeInstanceOf(DocumentError);
    const err = e as DocumentError;
    // The message names the file.
    expect(err.message).toContain(path);
    return err;
  }
  throw new Error(`${path} was read without an error`);
}

async function expectCode(path: string, code: DocumentErrorCode, limits?: IngestLimits): Promise<DocumentError> {
  const err = await failure(path, limits);
  expect(err.code, err.message).toBe(code);
  return err;
}

/** Deterministic pseudo-random bytes (xorshift), with a first byte that is no magic number or BOM. */
function noise(n: number, seed = 12345): Buffer {
  const b = Buffer.alloc(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    b[i] = x & 0xff;
  }
  b[0] = 0x01;
  return b;
}

describe('files that cannot be read', () => {
  it('zero-byte files are EMPTY_FILE whatever their name', async () => {
    for (const ext of ['txt', 'docx', 'pdf']) await expectCode(await write(`empty.${ext}`, Buffer.alloc(0)), 'EMPTY_FILE');
  });

  it('random bytes are BINARY_FILE, also when named .docx (detection is by content)', async () => {
    await expectCode(await write('noise.txt', noise(4096)), 'BINARY_FILE');
    expect((await expectCode(await write('noise.docx', noise(4096, 999)), 'BINARY_FILE')).message).toMatch(/noise\.docx: named \.docx, but the content is not a Word document, nor text \(contains NUL bytes\)$/);
    expect((await expectCode(await write('noise.pdf', noise(4096, 7)), 'BINARY_FILE')).message).toMatch(/noise\.pdf: named \.pdf, but the content is not a PDF, nor text/);
  });

  it('a zip that is not a Word document is DOCX_INVALID', async () => {
    const zip = makeZip([{ name: 'readme.txt', data: 'hello' }, { name: 'data/x.csv', data: 'a,b\n1,2\n' }]);
    const err = await expectCode(await write('archive.docx', zip), 'DOCX_INVALID');
    expect(err.message).toMatch(/not a Word document/);
  });

  it('a truncated DOCX is DOCX_INVALID', async () => {
    const full = await readFile(CORPUS_DOCX);
    await expectCode(await write('half.docx', full.subarray(0, Math.floor(full.length / 2))), 'DOCX_INVALID');
    await expectCode(await write('short.docx', full.subarray(0, full.length - 10)), 'DOCX_INVALID');
  });

  it('a file with a zip signature and no archive behind it is DOCX_INVALID', async () => {
    await expectCode(await write('pk.docx', Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), noise(2000)])), 'DOCX_INVALID');
  });

  it('a DOCX whose document part is not XML is DOCX_INVALID', async () => {
    const zip = makeZip([{ name: 'word/document.xml', data: 'this is <not xml' }]);
    await expectCode(await write('garbage.docx', zip), 'DOCX_INVALID');
  });

  it('a zip bomb is DOCX_TOO_LARGE from the declared sizes, before anything is inflated', async () => {
    const big = Buffer.alloc(DEFAULT_LIMITS.maxDocxUncompressedBytes + 20 * 1024 * 1024); // zeros: ~100 KB deflated
    const bomb = makeDocx(p('Hej'), [{ name: 'word/media/big.bin', data: big }]);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const t0 = performance.now();
    const err = await expectCode(await write('bomb.docx', bomb), 'DOCX_TOO_LARGE');
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(err.message).toMatch(/expands to \d+ bytes/);
  });

  it('a zip bomb with lying size headers is DOCX_TOO_LARGE too (inflation is capped)', async () => {
    const limits = { ...DEFAULT_LIMITS, maxDocxUncompressedBytes: 1024 * 1024 };
    const bomb = makeDocx(p('Hej'), [{ name: 'word/media/big.bin', data: Buffer.alloc(8 * 1024 * 1024), declaredSize: 100 }]);
    const err = await expectCode(await write('liar.docx', bomb), 'DOCX_TOO_LARGE', limits);
    expect(err.message).toMatch(/expands past the limit/);
    // The same document part on its own, under the limit, reads.
    const ok = makeDocx(p('Hej'));
    const doc = await ingestBuffer(ok, 'ok.docx', limits);
    expect(doc.blocks).toEqual([{ kind: 'paragraph', text: 'Hej', page: null }]);
  });

  it('a text file over limits.maxTextBytes is TOO_LARGE', async () => {
    const limits = { ...DEFAULT_LIMITS, maxTextBytes: 1000 };
    await expectCode(await write('long.txt', 'Forslagets titel: x\n'.repeat(100)), 'TOO_LARGE', limits);
  });
});

describe('odd files that are read', () => {
  it('a DOCX with a damaged image is read, with a warning naming the part', async () => {
    const docx = makeDocx(p('Hej'), [{ name: 'word/media/image1.png', data: Buffer.alloc(5000, 3) }]);
    const at = docx.indexOf(Buffer.from('word/media/image1.png')) + 'word/media/image1.png'.length;
    docx.fill(0xff, at, at + 10); // the start of its deflate stream
    const doc = await ingestFile(await write('bad-image.docx', docx));
    expect(doc.blocks).toEqual([{ kind: 'paragraph', text: 'Hej', page: null }]);
    expect(doc.messages).toMatchObject([{ code: 'DOCX_PART_SKIPPED', severity: 'warning', message: expect.stringContaining('word/media/image1.png') }]);
  });

  it('a DOCX named .pdf is read as DOCX with a FORMAT_NAME_MISMATCH warning', async () => {
    const path = await write('really-a-docx.pdf', await readFile(CORPUS_DOCX));
    const doc = await ingestFile(path);
    expect(doc.format).toBe('docx');
    expect(doc.blocks.length).toBeGreaterThan(10);
    const m = doc.messages.find((x) => x.code === 'FORMAT_NAME_MISMATCH');
    expect(m).toMatchObject({ severity: 'warning', actual: 'docx', expected: 'pdf' });
  });

  it('Windows-1252 text: 0x96 is an en dash', async () => {
    const path = await write('cp1252.txt', iconv.encode('Periode: 2018 – 2019\nØkonomi og Sølund\n', 'windows-1252'));
    const raw = await readFile(path);
    expect(raw.includes(0x96)).toBe(true);
    const doc = await ingestFile(path);
    expect(doc.blocks).toEqual([{ kind: 'paragraph', text: 'Periode: 2018 – 2019\nØkonomi og Sølund', page: null }]);
  });

  it('UTF-16LE with BOM', async () => {
    const path = await write('utf16.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('Forslagets titel: Æblerne\r\n\r\nKort resumé: ø\r\n', 'utf16le')]));
    const doc = await ingestFile(path);
    expect(doc.format).toBe('txt');
    expect(doc.blocks).toEqual([
      { kind: 'paragraph', text: 'Forslagets titel: Æblerne', page: null },
      { kind: 'paragraph', text: 'Kort resumé: ø', page: null },
    ]);
  });

  it('UTF-8 with BOM and CRLF line ends', async () => {
    const path = await write('bom.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Angiv p/l: 2018\r\n\r\når\tbeløb\r\n2019\t1.025\r\n', 'utf8')]));
    const doc = await ingestFile(path);
    expect(doc.blocks).toEqual([
      { kind: 'paragraph', text: 'Angiv p/l: 2018', page: null },
      { kind: 'table', page: null, rows: [{ cells: ['år', 'beløb'], page: null }, { cells: ['2019', '1.025'], page: null }] },
    ]);
  });
});
