/** One file through every stage: ingest -> segment/parse -> validate. Pure: it writes nothing. */
import type { ExtractedDocument, Format, IngestedDocument } from '../types.ts';
import type { Rules } from '../rules/index.ts';
import { DocumentError, asDocumentError } from '../errors.ts';
import { detectFormat, ingestBuffer, DEFAULT_LIMITS, type IngestLimits } from '../ingest/index.ts';
import { parseDocument } from '../parse/index.ts';
import { validateDocument } from '../validate/index.ts';

export type ExtractResult =
  | { ok: true; ingested: IngestedDocument; extracted: ExtractedDocument }
  | { ok: false; error: DocumentError; ingested?: IngestedDocument; format: Format | null };

export async function extractBuffer(buf: Buffer, path: string, rules: Rules, limits: IngestLimits = DEFAULT_LIMITS): Promise<ExtractResult> {
  let ingested: IngestedDocument | undefined;
  try {
    ingested = await ingestBuffer(buf, path, limits);
    const extracted = parseDocument(ingested.blocks, rules);
    if (extracted.proposals.length === 0)
      throw new DocumentError('NO_PROPOSALS', `${path}: no proposal found (no "Forslagets titel:" field); is this a budget proposal?`);
    validateDocument(extracted, path);
    extracted.messages.unshift(...ingested.messages);
    return { ok: true, ingested, extracted };
  } catch (e) {
    // The format is the one the content shows, also when reading it failed (an empty file, or bytes that are none
    // of the three, has none).
    const error = asDocumentError(e);
    return { ok: false, error, ingested, format: ingested?.format ?? (buf.length && error.code !== 'BINARY_FILE' ? detectFormat(buf) : null) };
  }
}
