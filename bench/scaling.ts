/**
 * npm run bench:scaling [-- --docs 2000] [--rounds 2]
 *
 * How far 2 workers can scale on this machine, apart from the writer. Two figures per round, the 1-worker and
 * 2-worker runs alternating:
 * - the machine: the same pure JavaScript work (splitting, regexes, small objects, JSON) done by one thread, then
 *   split over two threads. What two cores give work that shares nothing and barely collects garbage.
 * - parsing alone: the benchmark's archive through the real extraction pool and its lanes (src/pipeline/pool.ts,
 *   files.ts), results thrown away: no SQLite, no key matching, no writer. What the workers and V8's helper
 *   threads (compilation, garbage collection) give without the writer.
 * The full import (npm run bench) adds the writer thread to the 2-worker run's cores; the gap between its ratio
 * and these two is what the writer and the helpers cost. Run `npm run bench` first to build the archive.
 */
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { DEFAULT_LIMITS } from '../src/ingest/index.ts';
import { loadRules } from '../src/rules/index.ts';
import { createExtractor } from '../src/pipeline/pool.ts';
import { extractionOrder, Lanes } from '../src/pipeline/files.ts';
import { arg, archiveFiles } from './args.ts';

const DOCS = Number(arg('docs', '2000'));
const ROUNDS = Number(arg('rounds', '2'));
const { paths } = archiveFiles(DOCS);
const rules = loadRules();

/** The pure JavaScript work, as the source of a worker (eval), `n` units of it. */
const MACHINE_WORK = `
const { parentPort, workerData } = require('node:worker_threads');
const text = 'Forslagets titel: BC 2019-123 Digital understøttelse af hjemmeplejen 1.025 2,8 '.repeat(50);
let acc = 0;
for (let i = 0; i < workerData.n; i++) {
  const parts = text.split(/\\s+/).map((w) => ({ w, n: Number(w.replace(/\\./g, '').replace(',', '.')) }));
  acc += parts.filter((p) => !Number.isNaN(p.n)).length + (JSON.stringify(parts).length % 7);
}
parentPort.postMessage(acc);`;
const MACHINE_UNITS = 100_000;

async function machine(threads: number): Promise<number> {
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: threads }, () => new Promise((ok, fail) => {
      const w = new Worker(MACHINE_WORK, { eval: true, workerData: { n: MACHINE_UNITS / threads } });
      w.once('message', ok).once('error', fail);
    })),
  );
  return (performance.now() - t0) / 1000;
}

/** Parsing alone: wall seconds and the process's CPU seconds (every thread). */
async function parsing(workers: number): Promise<{ wall: number; cpu: number }> {
  const pool = await createExtractor({ workers, timeoutMs: 60_000 });
  const lanes = new Lanes(extractionOrder(paths), pool.lanes);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: lanes.count }, async (_, lane) => {
      for (let path = lanes.next(lane); path !== undefined; path = lanes.next(lane)) {
        const r = await pool.run({ path, buf: new Uint8Array(readFileSync(path)), rulesDir: rules.dir, limits: DEFAULT_LIMITS }, lane);
        if (!r.ok) throw new Error(`${path}: ${r.message}`);
      }
    }),
  );
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(cpu0);
  await pool.close();
  return { wall, cpu: (c.user + c.system) / 1e6 };
}

const s = (x: number) => `${x.toFixed(1)} s`;
for (let round = 1; round <= ROUNDS; round++) {
  const m1 = await machine(1);
  const m2 = await machine(2);
  console.log(`round ${round}: machine, 1 thread ${s(m1)}, 2 threads ${s(m2)}: ratio ${(m1 / m2).toFixed(3)}`);
  // alternate which goes first, as npm run bench does
  const order = round % 2 ? [1, 2] : [2, 1];
  const r: Record<number, { wall: number; cpu: number }> = {};
  for (const w of order) r[w] = await parsing(w);
  console.log(
    `round ${round}: parsing alone (${paths.length} documents), 1 worker ${s(r[1]!.wall)} (CPU ${s(r[1]!.cpu)}), ` +
      `2 workers ${s(r[2]!.wall)} (CPU ${s(r[2]!.cpu)}): ratio ${(r[1]!.wall / r[2]!.wall).toFixed(3)}`,
  );
}
