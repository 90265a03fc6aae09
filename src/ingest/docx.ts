/**
 * DOCX reader. The archive is opened by a guarded zip reader first (declared sizes checked against
 * limits.maxDocxUncompressedBytes before anything is inflated, every entry inflated with an output cap), then
 * formatting that holds no text is dropped from the main part (docx/slim.ts, for speed), mammoth reads the Word
 * document from the already inflated entries (a stored zip: it inflates nothing itself) and its document model
 * is turned into blocks (docx/model.ts). A DOCX has no layout: pages are null.
 */
import { createRequire } from 'node:module';
import type { Message } from '../types.ts';
import type { ReaderOutput, IngestLimits } from './index.ts';
import { DocumentError } from '../errors.ts';
import { readZipEntries, writeStoredZip } from './docx/zip.ts';
import { documentToBlocks, type MElement } from './docx/model.ts';
import { slimDocumentPart } from './docx/slim.ts';

type Mammoth = typeof import('mammoth');
let mammothLib: Mammoth | null = null;
/** mammoth is loaded on the first DOCX (80 ms, 14 MB): not by every command of the CLI, nor by the writer thread. */
function mammoth(): Mammoth {
  mammothLib ??= createRequire(import.meta.url)('mammoth') as Mammoth;
  return mammothLib;
}

/** The main document part: the officeDocument relationship of _rels/.rels, else word/document.xml. */
function mainPart(files: Map<string, Buffer>): string | null {
  const rels = files.get('_rels/.rels')?.toString('utf8') ?? '';
  for (const m of rels.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    const type = /\bType="([^"]*)"/.exec(m[0])?.[1] ?? '';
    const target = /\bTarget="([^"]*)"/.exec(m[0])?.[1];
    if (target && /\/officeDocument$/.test(type)) {
      const name = target.replace(/^\//, '');
      if (files.has(name)) return name;
    }
  }
  return files.has('word/document.xml') ? 'word/document.xml' : null;
}

export async function readDocx(buf: Buffer, path: string, limits: IngestLimits): Promise<ReaderOutput> {
  const skipped: string[] = [];
  const out = await entriesToBlocks(readZipEntries(buf, path, limits.maxDocxUncompressedBytes, skipped), path);
  for (const s of skipped)
    out.messages.push({ code: 'DOCX_PART_SKIPPED', severity: 'warning', message: `${path}: a damaged or unsupported part was left out: ${s}` });
  return out;
}

/** The blocks of a DOCX given its inflated entries. `slim: false` skips dropping formatting first (for tests). */
export async function entriesToBlocks(files: Map<string, Buffer>, path: string, opts: { slim?: boolean } = {}): Promise<ReaderOutput> {
  const main = mainPart(files);
  if (!main) throw new DocumentError('DOCX_INVALID', `${path}: a zip archive but not a Word document (no word/document.xml)`);
  const raw = files.get(main)!;
  const utf16 = (raw[0] === 0xff && raw[1] === 0xfe) || (raw[0] === 0xfe && raw[1] === 0xff);
  if (!utf16) {
    const fixed = slimDocumentPart(raw, opts);
    if (fixed !== raw) files = new Map(files).set(main, fixed);
  }

  let doc: MElement | null = null;
  let result;
  try {
    result = await mammoth().convertToHtml(
      { buffer: writeStoredZip(files) },
      {
        // No HTML is written, so no style map is needed: mammoth would parse its ~50 default mappings per document.
        includeDefaultStyleMap: false,
        includeEmbeddedStyleMap: false,
        // Keep mammoth's document model and hand an empty document to its HTML writer, which is not needed.
        transformDocument: (d: MElement) => {
          doc = d;
          return { ...d, children: [] };
        },
      },
    );
  } catch (e) {
    throw new DocumentError('DOCX_INVALID', `${path}: the Word document cannot be read (${String((e as Error).message).replace(/\s+/g, ' ').trim()})`);
  }
  if (!doc) throw new DocumentError('DOCX_INVALID', `${path}: the Word document cannot be read`);
  const blocks = documentToBlocks(doc);
  const messages: Message[] = result.messages
    .filter((m) => m.type === 'error')
    .map((m) => ({ code: 'DOCX_READ_PROBLEM', severity: 'warning', message: `${path}: ${m.message}` }));
  return { blocks, pages: null, messages };
}
