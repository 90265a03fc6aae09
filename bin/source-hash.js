// Hash of the TypeScript sources (names and contents), shared by the launcher and the extractor version,
// so that any change to the code gives a new bundle and marks documents for re-extraction.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository: the nearest folder up from this file (or from the bundle it was built into) that holds our package.json. */
function findRepo(start) {
  for (let dir = start; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'proposal-extract') return dir;
    if (dirname(dir) === dir) throw new Error(`proposal-extract: cannot find the repository above ${start}`);
  }
}

export const repoDir = findRepo(dirname(fileURLToPath(import.meta.url)));
export const srcDir = join(repoDir, 'src');

function walk(dir, out) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (name.endsWith('.ts')) out.push(p);
  }
  return out;
}

let cached = null;
export function sourceHash() {
  if (cached) return cached;
  const h = createHash('sha256');
  for (const f of walk(srcDir, [])) h.update(f.slice(srcDir.length)).update('\0').update(readFileSync(f)).update('\0');
  cached = h.digest('hex').slice(0, 12);
  return cached;
}

/**
 * Bundles a TypeScript entry point into plain JavaScript (esbuild), cached by the source hash; returns its path.
 * The cache is in the checkout itself, not in node_modules: a bundle finds the repository (and so `rules/`) from
 * where it lies, and a node_modules shared with another checkout (a symlink) would have made this checkout run
 * with that one's rules.
 */
export async function bundled(entry) {
  const { existsSync, mkdirSync, renameSync } = await import('node:fs');
  const dir = join(repoDir, '.cache', 'proposal-extract');
  const name = entry.replace(/^src\//, '').replace(/\.ts$/, '').replace(/[^\w]+/g, '-');
  const out = join(dir, `${name}-${sourceHash()}.mjs`);
  if (existsSync(out)) return out;
  mkdirSync(dir, { recursive: true });
  const { buildSync } = await import('esbuild');
  const tmp = `${out}.${process.pid}.tmp.mjs`;
  buildSync({ entryPoints: [join(repoDir, entry)], bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', outfile: tmp, logLevel: 'silent' });
  renameSync(tmp, out); // atomic: a concurrent run sees the whole file or none
  return out;
}
