/**
 * The overview table that opens a bundle: committee, BC number, title (with * / ** markers), amount in
 * mio. kr., the 'I alt' total, and the footnotes that say what the markers mean.
 */
import type { Block, Overview, OverviewItem, TableBlock } from '../types.ts';
import type { Rules } from '../rules/index.ts';
import { parseDanishNumber } from '../normalize/numbers.ts';
import { oneLine } from '../ingest/text.ts';
import { captionBefore, matchingCell, priceLevelIn } from './tables.ts';
import { canonicalBcNumber } from '../normalize/bc.ts';

const norm = oneLine;

/** The unit (mio. kr.) stands in one of the table's first rows, or in a caption line right above the table. */
function isOverviewTable(t: TableBlock, caption: string | null, rules: Rules): boolean {
  let hasUnit = caption !== null && rules.overview.unit.test(norm(caption));
  for (let r = 0; r < Math.min(3, t.rows.length) && !hasUnit; r++) hasUnit = matchingCell(t.rows[r]!.cells.map(norm), rules.overview.unit) >= 0;
  if (!hasUnit) return false;
  for (const r of t.rows) if (matchingCell(r.cells.map(norm), rules.overview.bcCell) >= 0) return true;
  return false;
}

/**
 * The bundle's title: the short lines before its overview table ('Bilag 4' and 'Forslag til innovationspuljen'
 * on lines of their own are one title), up to the unit caption ('Mio. kr. 2021 p/l'), which is not part of it.
 */
function overviewTitle(before: Block[], rules: Rules): string | null {
  const parts: string[] = [];
  for (const b of before) {
    if (b.kind !== 'paragraph') break;
    if (rules.overview.unit.test(b.text) || b.text.length > TITLE_LINE_MAX) break;
    parts.push(b.text);
  }
  return parts.length ? parts.join(' ') : before.find((b): b is Extract<Block, { kind: 'paragraph' }> => b.kind === 'paragraph')?.text ?? null;
}
const TITLE_LINE_MAX = 120;

export function parseOverview(blocks: Block[], start: number, end: number, rules: Rules): Overview | null {
  let tableIdx = -1;
  let caption: string | null = null;
  for (let i = start; i < end && tableIdx < 0; i++) {
    const b = blocks[i]!;
    if (b.kind !== 'table') continue;
    caption = captionBefore(blocks, i, start);
    if (isOverviewTable(b, caption, rules)) tableIdx = i;
  }
  if (tableIdx < 0) return null;
  const table = blocks[tableIdx] as TableBlock;
  const title = overviewTitle(blocks.slice(start, tableIdx), rules);

  // Footnotes: '* text' / '** text' paragraphs after the table.
  const footnotes: { marker: string; text: string }[] = [];
  for (let i = tableIdx + 1; i < end; i++) {
    const b = blocks[i]!;
    if (b.kind !== 'paragraph') continue;
    const m = rules.overview.footnote.exec(b.text.trim());
    if (m) footnotes.push({ marker: m[1]!, text: norm(m[2]) });
  }
  const meaning = (marker: string) => {
    const f = footnotes.find((x) => x.marker === marker);
    const flags = { notCommitteeApproved: false, crossCutting: false };
    if (f) for (const mn of rules.overview.meanings) if (mn.pattern.test(f.text)) flags[mn.flag] = true;
    return flags;
  };

  let priceLevelYear: number | null = null;
  let totalMdkk: number | null = null;
  const items: OverviewItem[] = [];
  let committee: string | null = null;
  for (const row of table.rows) {
    const cells = row.cells.map(norm);
    const bcCol = matchingCell(cells, rules.overview.bcCell);
    if (bcCol < 0) {
      if (rules.overview.totalRow.test(cells[0] ?? '')) {
        const nums = cells.map((c) => parseDanishNumber(c)).filter((n): n is number => n !== null);
        totalMdkk = nums.length ? nums[nums.length - 1]! : null;
      } else
        for (const c of cells) priceLevelYear ??= priceLevelIn(c, rules);
      continue;
    }
    if (bcCol > 0 && cells[bcCol - 1]) committee = cells[bcCol - 1]!;
    const rawTitle = cells.slice(bcCol + 1).find((c) => c !== '' && parseDanishNumber(c) === null) ?? '';
    const markerMatch = /\s*(\*+)$/.exec(rawTitle);
    const markers = markerMatch ? markerMatch[1]! : '';
    const amounts = cells.slice(bcCol + 1).map((c) => parseDanishNumber(c)).filter((n): n is number => n !== null);
    items.push({
      lineNo: items.length + 1,
      committee: bcCol > 0 ? committee : null,
      bcNumber: canonicalBcNumber(cells[bcCol]!),
      title: markerMatch ? rawTitle.slice(0, markerMatch.index).trim() : rawTitle,
      amountMdkk: amounts.length ? amounts[amounts.length - 1]! : null,
      ...meaning(markers),
      markers,
      page: row.page,
    });
  }
  priceLevelYear ??= priceLevelIn(norm(caption ?? ''), rules);
  return { title, priceLevelYear, totalMdkk, items, footnotes, page: table.page };
}
