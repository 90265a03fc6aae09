/**
 * The extractor version recorded on every document: the package version plus a hash of the source code,
 * so that any change to the code marks documents for re-extraction.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const srcDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
let cached: string | null = null;

function walk(dir: string, out: string[]) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (name.endsWith('.ts')) out.push(p);
  }
}

export function extractorVersion(): string {
  if (cached) return cached;
  const pkg = JSON.parse(readFileSync(join(srcDir, '..', 'package.json'), 'utf8')) as { version: string };
  const files: string[] = [];
  walk(srcDir, files);
  const h = createHash('sha256');
  for (const f of files) h.update(f.slice(srcDir.length)).update('\0').update(readFileSync(f)).update('\0');
  cached = `${pkg.version}+${h.digest('hex').slice(0, 12)}`;
  return cached;
}
