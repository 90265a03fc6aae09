/** Parse: segmented blocks -> overview and proposals. */
import type { Block, ExtractedDocument, Message } from '../types.ts';
import type { Rules } from '../rules/index.ts';
import { segment } from '../segment/index.ts';
import { parseOverview } from './overview.ts';
import { fundName, parseProposal } from './proposal.ts';

export { detectHeading } from './headings.ts';
export { checkboxPairs } from './fields.ts';

/**
 * A table without the columns that are empty in every row, header included: a table set with an empty first column
 * (a margin column) would otherwise have its labels in the second. Such a column says nothing; what a table's
 * rows say stays in their cells' order.
 */
function withoutEmptyColumns(b: Block): Block {
  if (b.kind !== 'table' || b.rows.length === 0) return b;
  const width = Math.max(...b.rows.map((r) => r.cells.length));
  const keep: number[] = [];
  for (let c = 0; c < width; c++) if (b.rows.some((r) => (r.cells[c] ?? '').trim() !== '')) keep.push(c);
  if (keep.length === width || keep.length === 0) return b;
  return { ...b, rows: b.rows.map((r) => ({ ...r, cells: keep.map((c) => r.cells[c] ?? '') })) };
}

export function parseDocument(rawBlocks: Block[], rules: Rules): ExtractedDocument {
  const blocks = rawBlocks.map(withoutEmptyColumns);
  const seg = segment(blocks, rules);
  const messages: Message[] = [];
  const overview = parseOverview(blocks, seg.preamble.start, seg.preamble.end, rules);
  // the bundle's title: its paragraphs before the overview table (not the footnotes and prose after it)
  const preamble = blocks.slice(seg.preamble.start, seg.preamble.end);
  const firstTable = preamble.findIndex((b) => b.kind === 'table');
  const titleText = (firstTable < 0 ? preamble : preamble.slice(0, firstTable))
    .map((b) => (b.kind === 'paragraph' ? b.text : ''))
    .join('\n');
  const bf = rules.fields.bundleFund.exec(titleText);
  const bundleFund = bf ? fundName(bf[1]!, rules) : null;
  const proposals = [];
  let previousKind = null;
  for (const [i, s] of seg.proposals.entries()) {
    const { proposal, messages: m } = parseProposal(blocks, s, { seq: i + 1, previousKind, bundleFund: overview ? bundleFund : null }, rules);
    previousKind = proposal.kind;
    proposals.push(proposal);
    messages.push(...m.map((x) => ({ ...x, proposalSeq: i + 1, message: `proposal ${i + 1}${proposal.bcNumber ? ` (${proposal.bcNumber})` : ''}: ${x.message}` })));
  }
  return { overview, proposals, messages };
}
