/**
 * npm run bench [-- --docs 100|2000] [--workers 1,2] [--rounds 3]
 *
 * Builds a synthetic archive by varying the bundled corpus (all three formats), then measures on this machine:
 * raw text extraction alone (pdfjs getTextContent, mammoth extractRawText, text decoding), a full import with
 * 1 and with N workers (documents/s, pages/s, peak RSS and RSS along the run), a no-change reextract, and a
 * reextract of everything after a rules change, and the raw extraction again (the ratio uses the mean of both).
 * The imports run in rounds (each worker count of --workers in turn, back to back, --rounds times, every other
 * round in reverse order): this VM's speed drifts over minutes, so the throughput ratio is taken within each round
 * and the median of the rounds is reported, next to every round's figures. Per worker count, the import reported is the run of median time (the
 * lower middle one for an even number of rounds); peak RSS is the highest of all rounds.
 * Prints a table and writes .bench/results-<docs>.json.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { defaultRulesDir } from '../src/rules/index.ts';
import type { RunMode } from '../src/pipeline/run.ts';
import { decodeText } from '../src/ingest/txt.ts';
import { loadPdfjs } from '../src/ingest/pdf.ts';
import { arg, BENCH_DIR } from './args.ts';

const DOCS = Number(arg('docs', '100'));
const WORKERS = arg('workers', '1,2').split(',').map(Number);
const ROUNDS = Number(arg('rounds', '3'));
if (!Number.isInteger(ROUNDS) || ROUNDS < 1) throw new Error(`--rounds must be a whole number of at least 1, not "${arg('rounds', '3')}"`);
const root = resolve(import.meta.dirname, '..');
const work = BENCH_DIR;
const archive = join(work, `archive-${DOCS}`);

// ---------------------------------------------------------------------------------------------------------
// The synthetic archive. TXT and DOCX: other BC numbers, titles and amounts. PDF: the corpus bytes with a
// numbered comment after %%EOF (distinct files, the same content: we have no PDF writer that edits text).
// ---------------------------------------------------------------------------------------------------------

function vary(text: string, i: number, inXml: boolean): string {
  const factor = 1 + (i % 7);
  let out = text.replace(/\bBC(\d{1,3})\b/g, (_m, n: string) => `BC${((Number(n) + i) % 97) + 1}`);
  out = out.replace(/(Forslagets titel:\s*(?:<[^>]+>\s*)*(?:BC\d+\s+)?)/g, `$1Variant ${i}: `);
  // amounts: whole table cells holding a number (TXT: between tabs; DOCX: a whole <w:t>)
  const scale = (n: string) => {
    const v = Number(n.replace(/\./g, '')) * factor;
    return v >= 1000 ? `${Math.floor(v / 1000)}.${String(v % 1000).padStart(3, '0')}` : String(v);
  };
  out = inXml
    ? out.replace(/(<w:t(?: [^>]*)?>)(\d{1,3}(?:\.\d{3})?)(<\/w:t>)/g, (_m, a: string, n: string, b: string) => `${a}${scale(n)}${b}`)
    : out.replace(/(?<=\t)(\d{1,3}(?:\.\d{3})?)(?=\t|$)/gm, (n: string) => (/^(19|20)\d\d$/.test(n) ? n : scale(n)));
  return out;
}

async function buildArchive(): Promise<string[]> {
  const manifest = join(work, `manifest-${DOCS}.json`);
  if (existsSync(manifest)) return JSON.parse(readFileSync(manifest, 'utf8')) as string[];
  rmSync(archive, { recursive: true, force: true });
  mkdirSync(archive, { recursive: true });
  const templates = ['txt', 'docx', 'pdf'].flatMap((f) => readdirSync(join(root, 'corpus', f)).sort().map((n) => join(root, 'corpus', f, n)));
  const files: string[] = [];
  for (let i = 0; i < DOCS; i++) {
    const t = templates[i % templates.length]!;
    const ext = t.slice(t.lastIndexOf('.'));
    const out = join(archive, `${String(i).padStart(5, '0')}${ext}`);
    const buf = readFileSync(t);
    if (ext === '.txt') writeFileSync(out, vary(buf.toString('utf8'), i, false));
    else if (ext === '.docx') {
      const zip = await JSZip.loadAsync(buf);
      const xml = await zip.file('word/document.xml')!.async('string');
      zip.file('word/document.xml', vary(xml, i, true));
      writeFileSync(out, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    } else writeFileSync(out, Buffer.concat([buf, Buffer.from(`\n%bench variant ${i}\n`)]));
    files.push(out);
  }
  writeFileSync(join(work, `manifest-${DOCS}.json`), JSON.stringify(files));
  return files;
}

// ---------------------------------------------------------------------------------------------------------

async function rawExtraction(files: string[]) {
  const pdfjs = await loadPdfjs();
  const t0 = performance.now();
  let pages = 0;
  const byFormat: Record<string, number> = { txt: 0, docx: 0, pdf: 0 };
  for (const f of files) {
    const s = performance.now();
    const buf = readFileSync(f);
    if (f.endsWith('.txt')) decodeText(buf, f);
    else if (f.endsWith('.docx')) await mammoth.extractRawText({ buffer: buf });
    else {
      const doc = await pdfjs.getDocument({ data: new Uint8Array(buf), disableFontFace: true, isEvalSupported: false, verbosity: 0 }).promise;
      for (let n = 1; n <= doc.numPages; n++) await (await doc.getPage(n)).getTextContent();
      pages += doc.numPages;
      await doc.destroy();
    }
    byFormat[f.slice(f.lastIndexOf('.') + 1)]! += performance.now() - s;
  }
  return { seconds: (performance.now() - t0) / 1000, pages, byFormat: Object.fromEntries(Object.entries(byFormat).map(([k, v]) => [k, v / 1000])) };
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

/** Runs the real command in its own process (workers are threads of it) and samples its memory from /proc. */
function timedRun(dbPath: string, mode: RunMode, workers: number, input: string[] = [], rulesDir?: string) {
  return new Promise<{ seconds: number; extracted: number; unchanged: number; failed: number; pages: number; peakRssMb: number; rssAlongMb: number[] }>((resolvePromise, reject) => {
    const args = [join(root, 'bin', 'proposals.js'), mode === 'import' ? 'import' : 'reextract', ...input, '--db', dbPath, '--workers', String(workers)];
    if (mode === 'reextract-all') args.push('--all');
    if (rulesDir) args.push('--rules', rulesDir);
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { env: { ...process.env, CI: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let done = 0;
    let total = 0;
    let peak = 0;
    const along: number[] = [];
    const status = () => {
      try {
        const s = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const hwm = /VmHWM:\s+(\d+)/.exec(s);
        const rss = /VmRSS:\s+(\d+)/.exec(s);
        if (hwm) peak = Math.max(peak, Number(hwm[1]) * 1024);
        return rss ? Number(rss[1]) * 1024 : 0;
      } catch {
        return 0;
      }
    };
    const sampler = setInterval(status, 100);
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => {
      for (const line of c.toString().split('\n')) {
        const m = /"done":(\d+),"total":(\d+)/.exec(line);
        if (!m) continue;
        done = Number(m[1]);
        total = Number(m[2]);
        if (done % Math.max(1, Math.floor(total / 4)) === 0) along.push(mb(status()));
      }
    });
    child.on('error', reject);
    child.on('exit', () => {
      clearInterval(sampler);
      const seconds = (performance.now() - t0) / 1000;
      const m = /(\d+) extracted, (\d+) unchanged, (\d+) failed/.exec(out);
      if (!m) return reject(new Error(`no summary from ${args.join(' ')}: ${out}`));
      const db = new Database(dbPath, { readonly: true });
      const pages = (db.prepare('SELECT COALESCE(SUM(pages), 0) AS p FROM documents').get() as { p: number }).p;
      db.close();
      resolvePromise({ seconds, extracted: Number(m[1]), unchanged: Number(m[2]), failed: Number(m[3]), pages, peakRssMb: mb(peak), rssAlongMb: along });
    });
  });
}

const files = await buildArchive();
console.log(`archive: ${files.length} documents in ${archive} (txt, docx, pdf in turn)`);
const raw = await rawExtraction(files);
console.log(`raw text extraction alone: ${raw.seconds.toFixed(1)} s (${raw.pages} PDF pages; pdf ${raw.byFormat.pdf!.toFixed(1)} s, docx ${raw.byFormat.docx!.toFixed(1)} s, txt ${raw.byFormat.txt!.toFixed(2)} s)`);

const results: Record<string, unknown> = { docs: files.length, machine: { cores: (await import('node:os')).availableParallelism(), node: process.version }, raw };
type Run = Awaited<ReturnType<typeof timedRun>>;
const rounds: Record<number, Run>[] = [];
// The import reads the archive folder: keep only documents in it.
// Every other round runs the worker counts in reverse order (1, 2 | 2, 1 | 1, 2 ...): this VM's speed drifts
// over minutes, and a fixed order would hand the drift to one side of every round's ratio.
for (let k = 0; k < ROUNDS; k++) {
  const round: Record<number, Run> = {};
  for (const w of k % 2 ? [...WORKERS].reverse() : WORKERS) {
    const dbPath = join(work, `bench-${DOCS}-w${w}.db`);
    for (const suffix of ['', '-wal', '-shm']) rmSync(dbPath + suffix, { force: true });
    const r = (round[w] = await timedRun(dbPath, 'import', w, [archive]));
    console.log(
      `import${ROUNDS > 1 ? ` (round ${k + 1})` : ''}, ${w} worker(s): ${r.seconds.toFixed(1)} s = ${(files.length / r.seconds).toFixed(1)} documents/s, ${(r.pages / r.seconds).toFixed(1)} PDF pages/s; ` +
        `peak RSS ${r.peakRssMb} MB (RSS along the run: ${r.rssAlongMb.join(', ')} MB); ${r.failed} failed`,
    );
  }
  rounds.push(round);
}
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
/** Per worker count: the run of median time, as measured (for an even number of rounds, the lower middle one). */
const imports: Record<number, Run> = {};
for (const w of WORKERS) {
  const runs = rounds.map((r) => r[w]!).sort((a, b) => a.seconds - b.seconds);
  imports[w] = runs[Math.floor((runs.length - 1) / 2)]!;
}
const wMax = Math.max(...WORKERS);
const wMin = Math.min(...WORKERS);
const peakRssMb = Math.max(...rounds.map((r) => r[wMax]!.peakRssMb));
const roundRatios = rounds.map((r) => r[wMin]!.seconds / r[wMax]!.seconds);
const dbMax = join(work, `bench-${DOCS}-w${wMax}.db`);
const noChange = await timedRun(dbMax, 'reextract', wMax);
console.log(`no-change reextract: ${noChange.seconds.toFixed(2)} s (${noChange.unchanged} unchanged)`);
const rulesCopy = join(work, 'rules-changed');
rmSync(rulesCopy, { recursive: true, force: true });
cpSync(defaultRulesDir, rulesCopy, { recursive: true });
const sections = JSON.parse(readFileSync(join(rulesCopy, 'sections.json'), 'utf8'));
sections.maxHeadingLength += 1;
writeFileSync(join(rulesCopy, 'sections.json'), JSON.stringify(sections, null, 2));
const afterRules = await timedRun(dbMax, 'reextract', wMax, [], rulesCopy);
console.log(`reextract after a rules change: ${afterRules.seconds.toFixed(1)} s (${afterRules.extracted} extracted)`);

// Raw extraction once more at the end: this VM's speed drifts over minutes, and the ratio below compares
// runs minutes apart; it uses the mean of the two raw runs.
const rawAgain = await rawExtraction(files);
console.log(`raw text extraction alone, again: ${rawAgain.seconds.toFixed(1)} s`);
const rawMean = (raw.seconds + rawAgain.seconds) / 2;
results.rawAgain = rawAgain;

const one = imports[wMin]!;
const most = imports[wMax]!;
const summary = {
  'full import, documents/s': +(files.length / most.seconds).toFixed(2),
  'full import, PDF pages/s': +(most.pages / most.seconds).toFixed(1),
  'peak RSS, MB (highest of the rounds)': peakRssMb,
  'no-change reextract / full import': `${((100 * noChange.seconds) / most.seconds).toFixed(1)} %`,
  'raw extraction alone, 1 thread (mean of 2 runs), s': +rawMean.toFixed(1),
  [`import with ${wMin} worker${wMin === 1 ? '' : 's'} / raw extraction alone`]: +(one.seconds / rawMean).toFixed(2),
  [`throughput with ${wMax} workers / with ${wMin}, median of the rounds`]: +median(roundRatios).toFixed(2),
  'the same, each round': roundRatios.map((x) => x.toFixed(2)).join(', '),
  'reextract --all after a rules change, s': +afterRules.seconds.toFixed(1),
};
Object.assign(results, { imports, rounds, noChange, afterRules, summary });
writeFileSync(join(work, `results-${DOCS}.json`), JSON.stringify(results, null, 2));
console.log('\nsummary');
for (const [k, v] of Object.entries(summary)) console.log(`  ${k.padEnd(58)} ${v}`);
