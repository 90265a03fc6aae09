/**
 * The extraction pool: parsing runs in worker threads (piscina) sized to the cores, each task under a time
 * limit and the workers under a memory limit; with workers = 0 everything runs in this thread (tests, tiny runs).
 * Each worker is a lane of its own (a one-thread piscina pool): the run decides which files a worker gets
 * (files.ts: Lanes), so that a worker keeps to one format and its library's compiled code.
 */
import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { Piscina } from 'piscina';
import pLimit from 'p-limit';
import type { Task, TaskResult } from './worker.ts';
import { workerBundle } from './bundle.ts';

export interface PoolOptions {
  workers: number;
  /** Time limit for one document, in ms. */
  timeoutMs: number;
}

/**
 * Heap sizes of a worker, measured on 400 documents with 2 workers (Node 20). The old-generation limit is a guard
 * against a runaway document, and V8 also scales the heap's growth between full collections by it: 1.3x at
 * 256 MB, up to 2x just under 2 GB, 4x from 2 GB. Each full collection drops the optimized code of the
 * closures that are not alive at that moment (pdfjs and mammoth make new ones per page and per document), and
 * TurboFan compiles them again on V8's helper threads, the same cores the other worker needs: at 256 MB the
 * 400 documents took 70 full collections and ~3,600 compilations; at 2047 MB ~30. The young generation sets
 * the peak memory. The heaviest case is both workers reading PDFs at the same time (an archive of PDFs alone;
 * before lanes, every mixed run's PDF phase): a 96 MB young generation peaked at 470-510 MB for the
 * process, 64 MB at 466-499 MB, 48 MB at 384-412 MB, at the price of more collections (25 -> 35-40). 2 GB
 * (4x growth) with 48 MB peaked at 514-547 MB.
 */
export const WORKER_HEAP_MB = 2047;
export const WORKER_YOUNG_MB = 48;
/**
 * Young-generation collections (scavenges) on the collecting thread alone: V8 otherwise hands parts of each one
 * to its helper threads, which with 2 workers on 2 cores take the time from the other worker. 400 documents, 9
 * alternating rounds: 2 workers faster in 7 (median 17.5 -> 16.9 s), 1 worker unchanged within the noise. V8's
 * flags belong to the process (the writer thread too); this one is read at every collection, so setting it
 * before the first worker starts covers every worker heap (per-thread CPU confirms it).
 */
const WORKER_V8_FLAGS = '--no-parallel-scavenge';

export const defaultWorkers = () => Math.max(1, availableParallelism());

export interface Extractor {
  /** How many tasks run at once: one per worker (1 in this thread). */
  lanes: number;
  /** Runs a task on the worker of the lane (0 .. lanes - 1). */
  run(task: Task, lane: number): Promise<TaskResult>;
  /** Worker threads running now (of one lane, or of all). */
  threads(lane?: number): number;
  close(): Promise<void>;
}

export async function createExtractor(opts: PoolOptions): Promise<Extractor> {
  if (opts.workers <= 0) {
    // loaded here only: the writer thread of a pooled run never parses, so it does not load the readers
    const { runTask } = await import('./worker.ts');
    return {
      lanes: 1,
      run: (t) => runTask(t),
      threads: () => 0,
      close: async () => {},
    };
  }
  setFlagsFromString(WORKER_V8_FLAGS);
  const filename = await workerBundle();
  const pools = Array.from(
    { length: opts.workers },
    () =>
      new Piscina({
        filename,
        // No thread before the lane's first task: a run with nothing to extract (a no-change reextract) starts
        // none, and every thread has loaded the bundle by the time the run closes the pools. Node 20 aborts the
        // process (FATAL ERROR: v8::Module::IsGraphAsync) when a worker is terminated while it still loads it.
        minThreads: 0,
        maxThreads: 1,
        idleTimeout: 60_000,
        resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
      }),
  );
  // One task at a time inside each lane's pool (p-limit): the time limit starts when the worker takes the file,
  // not while it waits behind another; and a file never waits in a pool whose worker died (a timeout, a crash), which
  // with minThreads 0 piscina does not replace until a task comes in.
  const oneAtATime = pools.map(() => pLimit(1));
  return {
    lanes: pools.length,
    threads: (lane) => (lane === undefined ? pools : [pools[lane]!]).reduce((n, p) => n + p.threads.length, 0),
    run: (t, lane) => oneAtATime[lane]!(() => runOn(pools[lane]!, t, opts.timeoutMs)),
    close: async () => {
      await Promise.all(pools.map((p) => p.destroy()));
    },
  };
}

/** One task on a pool under its time limit; a timeout, a worker out of memory or a dead worker is a failed result. */
async function runOn(pool: Piscina, t: Task, timeoutMs: number): Promise<TaskResult> {
  try {
    return (await pool.run(t, { signal: AbortSignal.timeout(timeoutMs), transferList: [t.buf.buffer as ArrayBuffer] })) as TaskResult;
  } catch (e) {
    const err = e as Error & { code?: string };
    if (err.name === 'AbortError' || err.name === 'TimeoutError' || /abort/i.test(err.message))
      return { ok: false, format: null, pages: null, code: 'TIMEOUT', message: `${t.path}: extraction took longer than ${timeoutMs / 1000} s and was stopped` };
    if (err.code === 'ERR_WORKER_OUT_OF_MEMORY' || /out of memory|heap/i.test(err.message))
      return { ok: false, format: null, pages: null, code: 'TOO_LARGE', message: `${t.path}: extraction needed more than ${WORKER_HEAP_MB} MB and was stopped` };
    return { ok: false, format: null, pages: null, code: 'INTERNAL_ERROR', message: `${t.path}: ${err.message}` };
  }
}
