/** Parse: segmented blocks -> overview and proposals. */
import type { Block, ExtractedDocument, Message } from '../types.ts';
import type { Rules } from '../rules/index.ts';
import { segment } from '../segment/index.ts';
import { parseOverview } from './overview.ts';
import { fundName, parseProposal } from './proposal.ts';

export { detectHeading } from './headings.ts';
export { checkboxPairs } from './fields.ts';

export function parseDocument(blocks: Block[], rules: Rules): ExtractedDocument {
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
