/** Finding the documents to import: files and folders, recursively, .txt/.pdf/.docx in any letter case. */
import { readdir, realpath, stat } from 'node:fs/promises';
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Format } from '../types.ts';
import { formatFromName } from '../ingest/detect.ts';
import { linkToNothingOn } from '../ingest/reach.ts';

export class UsageError extends Error {}

/** A file or folder of an import that is not extracted, and why. */
export interface Skipped {
  path: string;
  reason: string;
}

/**
 * Files that are never documents, though their names may say so: Office's lock file of an open document
 * ('~$name.docx'), macOS's resource forks ('._name.pdf') and other hidden files. They are listed as skipped.
 */
const NOT_A_DOCUMENT = /^(~\$|\._|\.)/;

/**
 * Folders inside a folder given that are not part of the archive: hidden ones, such as a file server's snapshots
 * (`.snapshot`, `.zfs`), a trash (`.Trash-1000`, `.Trashes`) or version control (`.git`); their copies of the
 * documents would be imported as documents of their own. A hidden folder named on the command line is read.
 */
const HIDDEN_FOLDER = /^\./;

/**
 * The files to import, as absolute paths (a nightly re-extraction reads them again from any working directory),
 * and what was passed over in the folders: files of other kinds, hidden and lock files, folders that cannot be
 * read. A named file is always taken: the run then reads it by its content or says why it cannot. `folders`: the
 * folders among the inputs, as absolute paths (what the archive recorded under them and they no longer hold is gone).
 */
export async function collectFiles(
  inputs: string[],
  /** Whether the archive recorded files under a folder (absolute): a folder that held them and holds none now is no error. */
  heldBefore: (folder: string) => boolean = () => false,
): Promise<{ files: string[]; skipped: Skipped[]; folders: string[] }> {
  const out = new Set<string>();
  const skipped: Skipped[] = [];
  const folders: string[] = [];
  for (const input of inputs) {
    let st;
    try {
      st = await stat(input);
    } catch {
      throw new UsageError(`${input}: no such file or folder`);
    }
    if (st.isDirectory()) {
      // folders reached through links last: a folder reached both ways is read under its own path, which stays
      // when the link is removed
      const links: string[] = [];
      const seen = new Set<string>();
      const before = skipped.length;
      const found = await walk(input, skipped, seen, links);
      // the folder itself could not be read (what an earlier input's walk said of it, e.g. hidden, does not count)
      const unreadable = skipped.slice(before).find((x) => x.path === resolve(input));
      if (unreadable) throw new UsageError(`${input}: ${unreadable.reason}`);
      for (let link = links.shift(); link !== undefined; link = links.shift()) found.push(...(await walk(link, skipped, seen, links)));
      // a folder whose documents were all deleted or moved away: those the archive recorded there are marked missing
      if (found.length === 0 && !heldBefore(resolve(input))) throw new UsageError(`${input}: the folder holds no .txt, .pdf or .docx files`);
      found.forEach((f) => out.add(resolve(f)));
      folders.push(resolve(input));
    } else out.add(resolve(input));
  }
  return { files: [...out].sort(), skipped, folders };
}

async function walk(dir: string, skipped: Skipped[], seen: Set<string>, links: string[]): Promise<string[]> {
  let entries;
  try {
    // a folder reached twice through links is read once
    const real = await realpath(dir);
    if (seen.has(real)) return [];
    seen.add(real);
    entries = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    skipped.push({ path: resolve(dir), reason: `the folder cannot be read (${errorCode(e)})` });
    return [];
  }
  const files: string[] = [];
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(dir, e.name);
    let isDir = e.isDirectory();
    let isFile = e.isFile();
    if (e.isSymbolicLink()) {
      try {
        const st = await stat(p);
        isDir = st.isDirectory();
        isFile = st.isFile();
      } catch (err) {
        skipped.push({ path: resolve(p), reason: `a link to something that cannot be read (${errorCode(err)})` });
        continue;
      }
    }
    if (isDir && HIDDEN_FOLDER.test(e.name)) {
      skipped.push({ path: resolve(p), reason: 'a hidden folder (snapshots, trash, version control): not read' });
      continue;
    }
    if (isDir && e.isSymbolicLink()) {
      links.push(p);
      continue;
    }
    if (isDir) files.push(...(await walk(p, skipped, seen, links)));
    else if (NOT_A_DOCUMENT.test(e.name)) skipped.push({ path: resolve(p), reason: 'a hidden, system or Office lock file' });
    else if (isFile && formatFromName(e.name) !== null) files.push(p);
    else skipped.push({ path: resolve(p), reason: isFile ? 'not named .txt, .pdf or .docx' : 'not a regular file' });
  }
  return files;
}

/**
 * Whether a recorded file is gone from its path (deleted, or moved away), as against there but out of reach: a
 * folder on the way that cannot be read (permissions) or a link to a share that is not mounted. Only the first
 * marks a document missing; a file out of reach is read, which fails and says why, and keeps its record.
 */
export function goneFromDisk(path: string): boolean {
  try {
    statSync(path);
    return false;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') return false;
  }
  return linkToNothingOn(path) === null;
}


const errorCode = (e: unknown) => (e as NodeJS.ErrnoException).code ?? (e as Error).message;

/** The order in which a run hands files to the workers: by format (PDF, DOCX, then text), otherwise as given. */
const FORMAT_ORDER: (Format | null)[] = ['pdf', 'docx', 'txt', null];

/**
 * Documents of one format run through the same library code (pdfjs, mammoth). A worker's full garbage
 * collection throws away the optimized code of every closure that is not alive at that moment, and pdfjs and
 * mammoth make theirs per page and per document; V8 then compiles them again on its helper threads, which take
 * the same cores as the workers. Interleaved formats lose both libraries' code at each collection; grouped, a
 * collection mostly falls while the format's own closures are in use. Measured on 400 documents with 1 worker:
 * 2,504 -> 1,022 compilations. Which file is written when does not change what is stored. The name is only a
 * hint for scheduling: a misnamed file is still read by its content.
 */
export function extractionOrder(paths: string[]): string[] {
  const rank = (p: string) => FORMAT_ORDER.indexOf(formatFromName(p));
  return [...paths].sort((a, b) => rank(a) - rank(b)); // sort is stable: the given order within a format
}

/**
 * Hands the files of a run to its workers so that each worker keeps to one format as long as it can. The
 * extraction order is cut into one contiguous part per worker (lane), each cut at the change of format nearest
 * to an even share (at the even share itself where no format changes near it); a lane takes its part from the
 * front, and a lane whose part is done takes from the back of the part with the most left, so no worker idles
 * while files wait. Two workers on a mixed archive then run one library each for most of the run (PDFs in one,
 * DOCX and text in the other) instead of both warming up and recompiling both (see pool.ts); on an archive of
 * one format they share it as before. With one worker it is the extraction order itself.
 */
export class Lanes {
  private readonly parts: { paths: string[]; front: number; back: number }[];

  constructor(ordered: string[], lanes: number) {
    const n = Math.max(1, Math.min(lanes, ordered.length || 1));
    const rank = ordered.map((p) => FORMAT_ORDER.indexOf(formatFromName(p)));
    const changes = rank.flatMap((r, i) => (i > 0 && r !== rank[i - 1] ? [i] : []));
    const cuts = [0];
    for (let k = 1; k < n; k++) {
      const even = Math.round((k * ordered.length) / n);
      const prev = cuts[k - 1]!;
      // nearest change of format strictly between the previous cut and the end, if no farther than half a share
      let cut = even;
      let best = Infinity;
      for (const c of changes)
        if (c > prev && c < ordered.length && Math.abs(c - even) < best && Math.abs(c - even) <= ordered.length / n / 2) {
          best = Math.abs(c - even);
          cut = c;
        }
      cuts.push(Math.max(cut, prev + 1));
    }
    cuts.push(ordered.length);
    this.parts = cuts.slice(0, -1).map((c, i) => {
      const paths = ordered.slice(c, cuts[i + 1]);
      return { paths, front: 0, back: paths.length };
    });
  }

  get count(): number {
    return this.parts.length;
  }

  /** The next file for a lane, or undefined when every part is done. */
  next(lane: number): string | undefined {
    const own = this.parts[lane]!;
    if (own.front < own.back) return own.paths[own.front++];
    let most = own;
    for (const p of this.parts) if (p.back - p.front > most.back - most.front) most = p;
    return most.front < most.back ? most.paths[--most.back] : undefined;
  }
}
