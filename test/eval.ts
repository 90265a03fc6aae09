// npm run eval: per-field accuracy of every format against the hand-written gold set.
import type { Format } from '../src/types.ts';
import { scoreFormat } from './eval/score.ts';

const formats: Format[] = ['txt', 'docx', 'pdf'];
const tallies = await Promise.all(formats.map((f) => scoreFormat(f)));
const fields = [...new Set(tallies.flatMap((t) => [...t.fields.keys()]))];
console.log(`${'field'.padEnd(26)}${formats.map((f) => f.padStart(16)).join('')}`);
for (const field of fields) {
  const cells = tallies.map((t) => {
    const f = t.fields.get(field);
    return f ? `${((100 * f.ok) / f.total).toFixed(1)}% ${f.ok}/${f.total}`.padStart(16) : '-'.padStart(16);
  });
  console.log(`${field.padEnd(26)}${cells.join('')}`);
}
const verbose = process.argv.includes('--misses');
for (const [i, t] of tallies.entries())
  for (const [field, f] of t.fields)
    if (f.misses.length) {
      console.log(`\n${formats[i]} ${field}: ${f.misses.length} miss(es)`);
      for (const m of f.misses.slice(0, verbose ? 1000 : 5)) console.log(`  ${m}`);
    }
