/**
 * The worker threads run a plain-JavaScript bundle of the extraction code (esbuild, cached by the source
 * hash). Loading TypeScript through tsx in every worker would start a loader thread per worker (about
 * 150 MB each) and transform the code again in each.
 */
// @ts-expect-error plain JavaScript module shared with the launcher in bin/
import { bundled } from '../../bin/source-hash.js';

export function workerBundle(): Promise<string> {
  return (bundled as (entry: string) => Promise<string>)('src/pipeline/worker.ts');
}
