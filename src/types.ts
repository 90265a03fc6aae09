/**
 * Types shared by every stage of the pipeline.
 *
 * Data flows one way: ingest (file -> blocks) -> segment (blocks -> overview + proposals)
 * -> parse (+ normalize) -> validate -> store. Each stage only depends on the types here.
 */

export type Format = 'pdf' | 'docx' | 'txt';
export type Severity = 'error' | 'warning' | 'info';

/** Where a value came from: the page (PDF only) and the index of the block in the document. */
export interface Place {
  page?: number | null;
  block?: number;
}

/** A problem found while reading a document. Content problems are messages, not exceptions. */
export interface Message {
  code: string;
  severity: Severity;
  message: string;
  place?: Place;
  ruleId?: string;
  actual?: string | null;
  expected?: string | null;
  /** The proposal (1-based seq in its document) the message is about, if any. */
  proposalSeq?: number;
  /** The amount table and year the message is about, if any. */
  tableKind?: TableKind;
  year?: number;
}

// ---------------------------------------------------------------------------
// The block model: what every reader (txt, docx, pdf) produces.
// ---------------------------------------------------------------------------

export interface ParagraphBlock {
  kind: 'paragraph';
  /** The text of one paragraph, whitespace collapsed, no markup. Line breaks inside are '\n'. */
  text: string;
  page: number | null;
}

export interface TableRow {
  /** Cell texts in column order. Empty cells are '' and keep their position. */
  cells: string[];
  page: number | null;
}

export interface TableBlock {
  kind: 'table';
  rows: TableRow[];
  page: number | null;
}

export type Block = ParagraphBlock | TableBlock;

export interface IngestedDocument {
  path: string;
  format: Format;
  sha256: string;
  /** Number of pages (PDF), null where the format has no pages. */
  pages: number | null;
  blocks: Block[];
  messages: Message[];
}

// ---------------------------------------------------------------------------
// Extracted records.
// ---------------------------------------------------------------------------

export type ProposalKind = 'investeringsforslag' | 'innovationsforslag' | 'business_case';

export type SectionKey =
  | 'consequences'
  | 'background'
  | 'content'
  | 'economy'
  | 'committee_split'
  | 'prioritization'
  | 'implementation'
  | 'partners'
  | 'effect'
  | 'follow_up'
  | 'risk'
  | 'consulted'
  | 'technical_annex';

export type TableKind = 'consequences' | 'investments';

export interface BudgetLine {
  tableKind: TableKind;
  /** 1-based position of the line among the table's rows below the header. */
  lineNo: number;
  label: string;
  /** The group the line belongs to (e.g. Implementeringsomkostninger), null outside any group. */
  category: string | null;
  steeringArea: string | null;
  isTotal: boolean;
  /**
   * Part of what the proposal asks for, as against its net effect (src/parse/request.ts): the investment lines
   * and their group total when the table also holds savings, else every line of the consequences table.
   */
  inRequest: boolean;
  /** Amounts in 1.000 kr. by year, exactly as stated; only cells that hold a number. */
  amounts: { year: number; amount: number; page: number | null }[];
  page: number | null;
  ruleId: string;
}

export interface CommitteeSplitRow {
  committee: string;
  kind: string | null;
  share: string | null;
  isTotal: boolean;
  year: number;
  amount: number;
  page: number | null;
}

export interface Consultation {
  body: string;
  answer: string | null;
  date: string | null;
  note: string | null;
}

export interface FollowUp {
  ord: number;
  criterion: string | null;
  method: string | null;
  responsible: string | null;
  timing: string | null;
}

export interface Section {
  ord: number;
  key: SectionKey | null;
  heading: string;
  text: string;
  page: number | null;
}

export interface Proposal {
  seq: number;
  kind: ProposalKind | null;
  bcNumber: string | null;
  title: string | null;
  subtitle: string | null;
  summary: string | null;
  fund: string | null;
  presentingDepartment: string | null;
  affectedDepartments: string[];
  /** Departments that present the proposal together with presentingDepartment (named after it), if any. */
  coPresentingDepartments?: string[];
  priceLevelYear: number | null;
  pageStart: number | null;
  pageEnd: number | null;
  budgetLines: BudgetLine[];
  committeeSplit: CommitteeSplitRow[];
  consultations: Consultation[];
  followUps: FollowUp[];
  sections: Section[];
  /** Which rule produced each header field, for provenance. */
  fieldRules: Record<string, string>;
}

export interface OverviewItem {
  lineNo: number;
  committee: string | null;
  bcNumber: string | null;
  title: string;
  amountMdkk: number | null;
  notCommitteeApproved: boolean;
  crossCutting: boolean;
  markers: string;
  page: number | null;
}

export interface Overview {
  title: string | null;
  priceLevelYear: number | null;
  totalMdkk: number | null;
  items: OverviewItem[];
  footnotes: { marker: string; text: string }[];
  page: number | null;
}

export interface ExtractedDocument {
  overview: Overview | null;
  proposals: Proposal[];
  messages: Message[];
}
