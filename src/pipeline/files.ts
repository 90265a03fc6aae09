/** Finding the documents to import: files and folders, recursively, .txt/.pdf/.docx in any letter case. */
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';

export const DOCUMENT_EXTENSIONS = /\.(txt|pdf|docx)$/i;

export class UsageError extends Error {}

/** The files to import, as absolute paths: a nightly re-extraction reads them again from any working directory. */
export async function collectFiles(inputs: string[]): Promise<string[]> {
  const out = new Set<string>();
  for (const input of inputs) {
    let st;
    try {
      st = await stat(input);
    } catch {
      throw new UsageError(`${input}: no such file or folder`);
    }
    if (st.isDirectory()) {
      const found = await walk(input);
      if (found.length === 0) throw new UsageError(`${input}: the folder holds no .txt, .pdf or .docx files`);
      found.forEach((f) => out.add(resolve(f)));
    } else out.add(resolve(input));
  }
  return [...out].sort();
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) files.push(...(await walk(p)));
    else if (e.isFile() && DOCUMENT_EXTENSIONS.test(e.name)) files.push(p);
  }
  return files;
}

