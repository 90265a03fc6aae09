/**
 * One temporary folder per test run: every test's temporary files (and those of the CLI processes the tests
 * start, which inherit TMPDIR) go under it, and it is removed when the run ends, pass or fail. Without it each
 * run left hundreds of archives and databases in the system's /tmp.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'proposals-test-'));
  process.env.TMPDIR = root;
  return () => {
    if (process.env.KEEP_TEST_TMP) {
      console.log(`test files kept in ${root}`);
      return;
    }
    rmSync(root, { recursive: true, force: true });
  };
}
