/**
 * Progress of a long run: a bar on a terminal, one JSON line per file otherwise (cron, CI), on stderr.
 */
import type { FileOutcome } from '../pipeline/run.ts';

export function progressReporter(total: number, stream: NodeJS.WriteStream = process.stderr) {
  const tty = Boolean(stream.isTTY) && !process.env.CI;
  const started = Date.now();
  return {
    file(out: FileOutcome, done: number) {
      if (tty) {
        const width = 30;
        const filled = Math.round((done / total) * width);
        stream.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${out.status.padEnd(9)}`);
      } else {
        const line: Record<string, unknown> = { event: 'file', done, total, path: out.path, status: out.status };
        if (out.status === 'failed') Object.assign(line, { code: out.code });
        else if (out.status !== 'missing') line.proposals = out.proposals;
        stream.write(`${JSON.stringify(line)}\n`);
      }
    },
    end() {
      if (tty) stream.write('\n');
      else stream.write(`${JSON.stringify({ event: 'done', total, seconds: (Date.now() - started) / 1000 })}\n`);
    },
  };
}
