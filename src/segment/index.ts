/**
 * Segment: a document's blocks -> a preamble (bundle title, overview table, footnotes) and one range of
 * blocks per proposal. A proposal starts at its kind heading (INVESTERINGSFORSLAG, ...) when one stands
 * just before "Forslagets titel:", otherwise at the title itself, and runs to the next proposal.
 */
import type { Block, ProposalKind } from '../types.ts';
import type { Rules } from '../rules/index.ts';

export interface ProposalSegment {
  /** First block of the proposal (its kind heading, if any). */
  start: number;
  /** Block holding "Forslagets titel:". */
  titleBlock: number;
  /** One past the last block. */
  end: number;
  /** Kind from the heading in front of the title, if any. */
  kind: ProposalKind | null;
}

export interface Segmentation {
  preamble: { start: number; end: number };
  proposals: ProposalSegment[];
}

export function kindOf(text: string, rules: Rules): ProposalKind | null {
  const t = text.replace(/\s+/g, ' ').trim();
  return rules.fields.kindHeadings.find((k) => k.pattern.test(t))?.kind ?? null;
}

export function segment(blocks: Block[], rules: Rules): Segmentation {
  const titles: number[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b.kind === 'paragraph' && rules.fields.proposalStart.test(b.text)) titles.push(i);
  }
  const proposals: ProposalSegment[] = [];
  for (const [n, t] of titles.entries()) {
    const floor = n === 0 ? 0 : titles[n - 1]! + 1;
    let start = t;
    let kind: ProposalKind | null = null;
    for (let i = t - 1; i >= Math.max(floor, t - rules.fields.kindLookback); i--) {
      const b = blocks[i]!;
      if (b.kind !== 'paragraph') break;
      const k = kindOf(b.text, rules);
      if (k) {
        kind = k;
        start = i;
        break;
      }
    }
    proposals.push({ start, titleBlock: t, end: blocks.length, kind });
  }
  for (let i = 0; i + 1 < proposals.length; i++) proposals[i]!.end = proposals[i + 1]!.start;
  return { preamble: { start: 0, end: proposals[0]?.start ?? blocks.length }, proposals };
}
