/**
 * npm run bench:writer [-- --docs 2000] [--rounds 5] [--pace MS]
 *
 * The writer thread alone: what `import` does in the main thread (stat, read and hash each file, match keys,
 * write each document), without the workers. The workers' results for the synthetic archive of `npm run bench`
 * are extracted once and kept in .bench/ (serialized as a worker sends them); each round then imports the archive
 * into a new database with an extractor that hands those results back, deserializing each as the main thread
 * does a worker's message. Prints the CPU time of the process (this thread and V8's helper threads: no worker
 * runs) and the wall time per round. `--pace MS` hands each result back MS ms after it was asked for, as a worker
 * would (2 workers import ~40 documents/s here: --pace 50), so the writer works between waits as in a real run. Run `npm run bench` first to build the archive.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { createViews, openWritable } from '../src/store/db.ts';
import { DEFAULT_LIMITS } from '../src/ingest/index.ts';
import { loadRules } from '../src/rules/index.ts';
import { runBatch } from '../src/pipeline/run.ts';
import { createExtractor, type Extractor } from '../src/pipeline/pool.ts';
import { arg, archiveFiles, BENCH_DIR } from './args.ts';

const DOCS = Number(arg('docs', '2000'));
const ROUNDS = Number(arg('rounds', '5'));
/** Each result is handed back this many ms after it was asked for, as a worker would take (0: at once). */
const PACE = Number(arg('pace', '0'));
const work = BENCH_DIR;
const { paths } = archiveFiles(DOCS);
const cacheFile = join(work, `writer-cache-${DOCS}.bin`);
const rules = loadRules();

/** The workers' results, serialized, by path: made once with the real pool. */
async function results(): Promise<Map<string, Buffer>> {
  if (existsSync(cacheFile)) return new Map(Object.entries(deserialize(readFileSync(cacheFile)) as Record<string, Buffer>));
  const pool = await createExtractor({ workers: 2, timeoutMs: 60_000 });
  const out: Record<string, Buffer> = {};
  let next = 0;
  const lane = async (l: number) => {
    while (next < paths.length) {
      const path = paths[next++]!;
      const buf = readFileSync(path);
      out[path] = serialize(await pool.run({ path, buf: new Uint8Array(buf), rulesDir: rules.dir, limits: DEFAULT_LIMITS }, l));
    }
  };
  await Promise.all([lane(0), lane(1)]);
  await pool.close();
  writeFileSync(cacheFile, serialize(out));
  return new Map(Object.entries(out));
}

const cached = await results();
const replay: Extractor = {
  lanes: 2,
  threads: () => 0,
  run: async (t) => {
    if (PACE) await new Promise((r) => setTimeout(r, PACE));
    return deserialize(cached.get(t.path)!);
  },
  close: async () => {},
};
const figures: { cpu: number; wall: number }[] = [];
for (let round = 1; round <= ROUNDS; round++) {
  const dbPath = join(work, 'writer-bench.db');
  for (const s of ['', '-wal', '-shm']) rmSync(dbPath + s, { force: true });
  const db = openWritable(dbPath);
  createViews(db, rules.reconcile.formatPreference);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const s = await runBatch(db, paths, { rules, mode: 'import', extractor: replay });
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(cpu0);
  db.close();
  figures.push({ cpu: (c.user + c.system) / 1e6, wall });
  console.log(`round ${round}: ${s.extracted} extracted, CPU ${((c.user + c.system) / 1e6).toFixed(2)} s (user ${(c.user / 1e6).toFixed(2)}, system ${(c.system / 1e6).toFixed(2)}), wall ${wall.toFixed(2)} s`);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
console.log(`median of ${ROUNDS}: CPU ${median(figures.map((f) => f.cpu)).toFixed(2)} s, wall ${median(figures.map((f) => f.wall)).toFixed(2)} s`);
