// Prints the records extracted from one document as JSON: node bin/run.js scripts/dump-records.ts FILE
import { ingestFile } from '../src/ingest/index.ts';
import { parseDocument } from '../src/parse/index.ts';
import { loadRules } from '../src/rules/index.ts';

const doc = await ingestFile(process.argv[2]!);
console.log(JSON.stringify(parseDocument(doc.blocks, loadRules()), null, 1));
