/** Folders of the repository, found the same way from the sources and from a bundle of them. */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
// @ts-expect-error plain JavaScript module shared with the launcher in bin/
import { repoDir as repo } from '../bin/source-hash.js';

export const repoDir = repo as string;
export const rulesDir = join(repoDir, 'rules');
export const binDir = join(repoDir, 'bin');

/**
 * `mkdir -p`, one folder at a time from the nearest one that exists, so that a folder that cannot be made is an
 * error naming it. Node 20's `mkdirSync(dir, { recursive: true })` loops for ever where the parent refuses
 * (e.g. under /proc): an export, import or correct given such a path hung at 100 % CPU.
 */
export function makeDirs(dir: string): void {
  const missing: string[] = [];
  for (let d = resolve(dir); !existsSync(d); d = dirname(d)) {
    missing.unshift(d);
    if (dirname(d) === d) break;
  }
  for (const d of missing) {
    try {
      mkdirSync(d);
    } catch (e) {
      // made meanwhile by another process (a second run starting): as good as made here
      if ((e as { code?: string }).code !== 'EEXIST' || !statSync(d).isDirectory()) throw e;
    }
  }
}
