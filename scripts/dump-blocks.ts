// Prints the block model of one document, for eyeballing readers: node bin/run.js scripts/dump-blocks.ts FILE
import { ingestFile } from '../src/ingest/index.ts';

const doc = await ingestFile(process.argv[2]!);
for (const [i, b] of doc.blocks.entries()) {
  if (b.kind === 'paragraph') console.log(`${i} P p${b.page ?? '-'} ${JSON.stringify(b.text)}`);
  else {
    console.log(`${i} T p${b.page ?? '-'} ${b.rows.length} rows`);
    for (const r of b.rows) console.log(`    p${r.page ?? '-'} ${JSON.stringify(r.cells)}`);
  }
}
for (const m of doc.messages) console.log(`MSG ${m.severity} ${m.code}: ${m.message}`);
