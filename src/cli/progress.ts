/**
 * Progress of a long run: a bar on a terminal, one JSON line per file otherwise (cron, CI), on stderr; so are the
 * files skipped or failed and the warnings, so that stderr off a terminal is JSON lines only.
 */
import type { FileOutcome } from '../pipeline/run.ts';

const onTerminal = (stream: NodeJS.WriteStream) => Boolean(stream.isTTY) && !process.env.CI;

/** A Ctrl-C (or SIGTERM) was taken: the run stops after the documents under way. Text on a terminal, JSON otherwise. */
export function reportStopping(stream: NodeJS.WriteStream = process.stderr): void {
  const message = 'stopping after the documents under way (Ctrl-C again to quit at once; what is committed stays)';
  stream.write(onTerminal(stream) ? `\n${message}\n` : `${JSON.stringify({ event: 'stopping', message })}\n`);
}

export function progressReporter(total: number, stream: NodeJS.WriteStream = process.stderr) {
  const tty = onTerminal(stream);
  const started = Date.now();
  return {
    /** A file done; `of`, the files the run will have seen, when it knows it better than at its start. */
    file(out: FileOutcome, done: number, of = total) {
      total = of;
      if (tty) {
        const width = 30;
        const filled = Math.round((done / total) * width);
        stream.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${out.status.padEnd(9)}`);
      } else {
        const line: Record<string, unknown> = { event: 'file', done, total, path: out.path, status: out.status };
        if (out.status === 'failed') Object.assign(line, { code: out.code }, out.kept !== undefined ? { kept: out.kept } : {});
        else if (out.status === 'duplicate') line.of = out.of;
        else if (out.status !== 'missing') line.proposals = out.proposals;
        stream.write(`${JSON.stringify(line)}\n`);
      }
    },
    /** A file that is not extracted (skipped) or failed, with its reason: a line of text on a terminal, JSON otherwise. */
    problem(event: 'skipped' | 'failed', path: string, reason: string, code?: string) {
      if (tty) stream.write(`${event}: ${path}: ${code ? `[${code}] ` : ''}${reason}\n`);
      else stream.write(`${JSON.stringify({ event, path, ...(code ? { code } : {}), reason })}\n`);
    },
    /** A warning about the run as a whole. */
    warning(message: string) {
      stream.write(tty ? `warning: ${message}\n` : `${JSON.stringify({ event: 'warning', message })}\n`);
    },
    end() {
      if (tty) stream.write('\n');
      else stream.write(`${JSON.stringify({ event: 'done', total, seconds: (Date.now() - started) / 1000 })}\n`);
    },
  };
}
