import { openReadOnly } from '../store/db.ts';
import { search } from '../search/index.ts';
import { UsageError } from '../pipeline/files.ts';
import { formatRows, yearOption } from './format.ts';
import { defaultRulesDir, loadRules } from '../rules/index.ts';

export async function runSearch(words: string, o: { db: string; year?: string; department?: string; format: string; limit: string; rules?: string }): Promise<number> {
  if (!['table', 'csv', 'json'].includes(o.format)) throw new UsageError(`--format must be table, csv or json, not "${o.format}"`);
  const year = yearOption(o.year);
  if (!/[\p{L}\p{N}]/u.test(words)) throw new UsageError(`give the words to search for, not "${words}"`);
  const limit = Number(o.limit);
  if (!(Number.isInteger(limit) && limit > 0)) throw new UsageError(`--limit must be a whole number > 0, not "${o.limit}"`);
  const db = openReadOnly(o.db);
  try {
    const rules = loadRules(o.rules ?? defaultRulesDir);
    const department = o.department?.toUpperCase();
    // a department the rules do not know finds only proposals stored under that name as written: say so
    if (department !== undefined && !rules.departments.some((d) => d.code === department))
      process.stderr.write(`proposals search: "${o.department}" is not a department code of the rules (${rules.departments.map((d) => d.code).join(', ')})\n`);
    const hits = search(db, words, { year, department, limit, synonyms: rules.search.synonyms });
    const cols = ['proposal_key', 'title', 'presenting_department', 'price_level_year', 'field', 'section', 'score', 'snippet', 'document_path'];
    process.stdout.write(formatRows(o.format, cols, hits as never));
    return 0;
  } finally {
    db.close();
  }
}
