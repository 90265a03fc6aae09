/**
 * The extractor version recorded on every document: the package version plus a hash of the source code,
 * so that any change to the code marks documents for re-extraction.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoDir } from '../paths.ts';
// @ts-expect-error plain JavaScript module shared with the launcher in bin/
import { sourceHash } from '../../bin/source-hash.js';

let cached: string | null = null;

export function extractorVersion(): string {
  if (cached) return cached;
  const pkg = JSON.parse(readFileSync(join(repoDir, 'package.json'), 'utf8')) as { version: string };
  cached = `${pkg.version}+${(sourceHash as () => string)()}`;
  return cached;
}
