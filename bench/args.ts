/** What the benchmark scripts share: their `--name value` flags and the synthetic archive that `npm run bench` builds. */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The value of `--name` on the command line, else `def`. */
export const arg = (name: string, def: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : def;
};

/** Where the benchmark keeps its archives, databases and caches (ignored by git). */
export const BENCH_DIR = resolve(import.meta.dirname, '..', '.bench');

/** The files of the synthetic archive of `docs` documents, sorted; an error naming the command that builds it when it is not there. */
export function archiveFiles(docs: number): { archive: string; paths: string[] } {
  const archive = join(BENCH_DIR, `archive-${docs}`);
  if (!existsSync(archive)) throw new Error(`${archive} is missing: run npm run bench -- --docs ${docs} first`);
  return { archive, paths: readdirSync(archive).sort().map((f) => join(archive, f)) };
}
