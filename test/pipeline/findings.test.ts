import { describe, expect, it } from 'vitest';
import { findingsFor } from '../../src/pipeline/findings.ts';
import { loadRules } from '../../src/rules/index.ts';

describe('the findings of a document', () => {
  it("keep a message's expected and actual values where they are numbers", () => {
    const findings = findingsFor(
      {
        overview: null,
        proposals: [],
        messages: [
          { code: 'PRICE_LEVEL_MISMATCH', severity: 'warning', message: 'p/l', expected: '2019', actual: '2020', proposalSeq: 1 },
          { code: 'JOINT_PRESENTING', severity: 'info', message: 'jointly', actual: 'BUF og KFF', proposalSeq: 1 },
        ],
      },
      loadRules(),
    );
    expect(findings.map((f) => [f.code, f.expected, f.actual])).toEqual([
      ['PRICE_LEVEL_MISMATCH', 2019, 2020],
      ['JOINT_PRESENTING', null, null],
    ]);
  });
});
