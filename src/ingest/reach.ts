/** Whether a path that is not there is gone, or out of reach behind a link that leads to nothing. */
import { lstatSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Of a path that is not there, the link on it that leads to nothing (the file itself, or a folder on the way: a
 * share that is not mounted), or null when the deepest part of the path that is there is no such link (the file
 * is gone).
 */
export function linkToNothingOn(path: string): string | null {
  for (let p = path; ; p = dirname(p)) {
    let st;
    try {
      st = lstatSync(p);
    } catch {
      if (p === dirname(p)) return null;
      continue;
    }
    if (!st.isSymbolicLink()) return null;
    try {
      statSync(p);
      return null;
    } catch {
      return p;
    }
  }
}
