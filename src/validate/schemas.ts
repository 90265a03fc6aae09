/** zod schemas every record passes before it is stored. A record that fails is never stored in part. */
import { CANONICAL_BC } from '../normalize/bc.ts';
import { z } from 'zod';

const year = z.number().int().min(1990).max(2100);
const text = z.string().min(1);

export const budgetLineSchema = z.object({
  tableKind: z.enum(['consequences', 'investments']),
  lineNo: z.number().int().positive(),
  label: z.string(),
  category: z.string().nullable(),
  steeringArea: z.string().nullable(),
  isTotal: z.boolean(),
  inRequest: z.boolean(),
  amounts: z.array(z.object({ year, amount: z.number().finite(), page: z.number().int().positive().nullable() })).min(1),
  page: z.number().int().positive().nullable(),
  ruleId: text,
});

export const proposalSchema = z.object({
  seq: z.number().int().positive(),
  kind: z.enum(['investeringsforslag', 'innovationsforslag', 'business_case']).nullable(),
  bcNumber: z.string().regex(CANONICAL_BC).nullable(),
  title: z.string().nullable(),
  subtitle: z.string().nullable(),
  summary: z.string().nullable(),
  fund: z.string().nullable(),
  presentingDepartment: z.string().nullable(),
  affectedDepartments: z.array(text),
  coPresentingDepartments: z.array(text).optional(),
  priceLevelYear: year.nullable(),
  pageStart: z.number().int().positive().nullable(),
  pageEnd: z.number().int().positive().nullable(),
  budgetLines: z.array(budgetLineSchema),
  committeeSplit: z.array(
    z.object({ committee: z.string(), kind: z.string().nullable(), share: z.string().nullable(), isTotal: z.boolean(), year, amount: z.number().finite(), page: z.number().int().positive().nullable() }),
  ),
  consultations: z.array(z.object({ body: text, answer: z.string().nullable(), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(), note: z.string().nullable() })),
  followUps: z.array(
    z.object({ ord: z.number().int().positive(), criterion: z.string().nullable(), method: z.string().nullable(), responsible: z.string().nullable(), timing: z.string().nullable() }),
  ),
  sections: z.array(
    z.object({ ord: z.number().int().positive(), key: z.string().nullable(), heading: text, text: z.string(), page: z.number().int().positive().nullable() }),
  ),
  fieldRules: z.record(z.string(), z.string()),
});

export const overviewSchema = z.object({
  title: z.string().nullable(),
  priceLevelYear: year.nullable(),
  totalMdkk: z.number().finite().nullable(),
  items: z.array(
    z.object({
      lineNo: z.number().int().positive(),
      committee: z.string().nullable(),
      bcNumber: z.string().nullable(),
      title: z.string(),
      amountMdkk: z.number().finite().nullable(),
      notCommitteeApproved: z.boolean(),
      crossCutting: z.boolean(),
      markers: z.string(),
      page: z.number().int().positive().nullable(),
    }),
  ),
  footnotes: z.array(z.object({ marker: z.string(), text: z.string() })),
  page: z.number().int().positive().nullable(),
});
