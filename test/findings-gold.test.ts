/** The reconciliation finds every inconsistency the gold set lists (from reading the documents), and nothing else. */
import { describe, expect, it } from 'vitest';
import { loadRules } from '../src/rules/index.ts';
import { reconcile } from '../src/validate/reconcile.ts';
import { corpusFile, extractForEval, findingKeys, goldFindingKeys, loadGold } from './eval/score.ts';

describe.each(loadGold().map((g) => [g.document, g] as const))('findings on %s', (_name, gold) => {
  it('are exactly the ones in the gold set', async () => {
    const doc = await extractForEval(corpusFile(gold, 'txt'));
    expect(doc).not.toBeNull();
    expect(findingKeys(reconcile(doc!, loadRules()))).toEqual(goldFindingKeys(gold));
  });
});
