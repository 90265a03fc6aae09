/**
 * The extraction pool: parsing runs in worker threads (piscina) sized to the cores, each task under a time
 * limit and the workers under a memory limit; with workers = 0 everything runs in this thread (tests, tiny runs).
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { runTask, type Task, type TaskResult } from './worker.ts';
import { workerBundle } from './bundle.ts';

export interface PoolOptions {
  workers: number;
  /** Time limit for one document, in ms. */
  timeoutMs: number;
  /** Heap limit of a worker, in MB. */
  maxHeapMb: number;
}

export const defaultWorkers = () => Math.max(1, availableParallelism());

export interface Extractor {
  run(task: Task): Promise<TaskResult>;
  close(): Promise<void>;
}

export async function createExtractor(opts: PoolOptions): Promise<Extractor> {
  if (opts.workers <= 0)
    return {
      run: (t) => runTask(t),
      close: async () => {},
    };
  const pool = new Piscina({
    filename: await workerBundle(),
    minThreads: opts.workers,
    maxThreads: opts.workers,
    idleTimeout: 60_000,
    resourceLimits: { maxOldGenerationSizeMb: opts.maxHeapMb },
  });
  return {
    async run(t) {
      try {
        return (await pool.run(t, { signal: AbortSignal.timeout(opts.timeoutMs), transferList: [t.buf.buffer as ArrayBuffer] })) as TaskResult;
      } catch (e) {
        const err = e as Error & { code?: string };
        if (err.name === 'AbortError' || err.name === 'TimeoutError' || /abort/i.test(err.message))
          return { ok: false, format: null, pages: null, code: 'TIMEOUT', message: `${t.path}: extraction took longer than ${opts.timeoutMs / 1000} s and was stopped` };
        if (err.code === 'ERR_WORKER_OUT_OF_MEMORY' || /out of memory|heap/i.test(err.message))
          return { ok: false, format: null, pages: null, code: 'TOO_LARGE', message: `${t.path}: extraction needed more than ${opts.maxHeapMb} MB and was stopped` };
        return { ok: false, format: null, pages: null, code: 'INTERNAL_ERROR', message: `${t.path}: ${err.message}` };
      }
    },
    close: () => pool.destroy(),
  };
}
