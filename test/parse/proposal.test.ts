import { describe, expect, it } from 'vitest';
import { txtToBlocks } from '../../src/ingest/txt.ts';
import { parseDocument } from '../../src/parse/index.ts';
import { loadRules } from '../../src/rules/index.ts';

const rules = loadRules();

/** A standalone proposal typed as text, with the p/l year of its header field and of its amount table. */
function proposalText(fieldYear: number, tableYear: number): string {
  return [
    'INNOVATIONSFORSLAG',
    'Forslagets titel: BC88 Digitale tavler i daginstitutioner',
    'Kort resumé: BUF afprøver digitale tavler.',
    'Fremstillende forvaltning: Børne- og Ungdomsforvaltningen',
    `Angiv p/l: ${fieldYear}`,
    '1.1 FORSLAGETS SAMLEDE ØKONOMISKE KONSEKVENSER',
    `1.000 kr. ${tableYear} p/l\tStyringsområde\t2022\t2023`,
    'Tavler\tService\t400\t100',
    'Samlet økonomisk påvirkning\t\t400\t100',
    '',
  ].join('\n\n');
}

describe('the p/l year of a proposal', () => {
  it('is the header field, and a table in another p/l year gives a warning naming both', () => {
    const doc = parseDocument(txtToBlocks(proposalText(2022, 2021)), rules);
    expect(doc.proposals[0]!.priceLevelYear).toBe(2022);
    expect(doc.messages.filter((m) => m.code === 'PRICE_LEVEL_MISMATCH').map((m) => [m.expected, m.actual])).toEqual([['2022', '2021']]);
  });
  it('gives no warning when they agree', () => {
    const doc = parseDocument(txtToBlocks(proposalText(2022, 2022)), rules);
    expect(doc.messages.filter((m) => m.code === 'PRICE_LEVEL_MISMATCH')).toEqual([]);
  });
});

describe('a proposal of a bundle for a fund the rules do not name', () => {
  it('takes its fund from the bundle title and its p/l year from a table header written "2018-p/l"', () => {
    const text = [
      'Bilag 2',
      'Forslag til digitaliseringspuljen, Budget 2019',
      ['Mio. kr. 2018 p/l\t\t\t', 'Udvalg\tNR\tForslag\tDigitaliseringspulje', 'TMU\tBC46\tDigitale parkeringstilladelser\t3,9', 'I alt\t\t\t3,9'].join('\n'),
      'INVESTERINGSFORSLAG',
      'Forslagets titel: BC46 Digitale parkeringstilladelser',
      'Kort resumé: TMF digitaliserer parkeringstilladelser.',
      'Fremstillende forvaltning: TMF',
      'Angiv p/l:',
      '1.1 FORSLAGETS SAMLEDE ØKONOMISKE KONSEKVENSER',
      ['1.000 kr. 2018-p/l\tStyringsområde\t2019\t2020', 'Systemudvikling\tService\t2.500\t1.400', 'Samlet økonomisk påvirkning\t\t2.500\t1.400'].join('\n'),
      '1.5 KRITERIER TIL PRIORITERING AF DIGITALISERINGSPULJEN',
      'Forslaget understøtter digital omstilling.',
      '',
    ].join('\n\n');
    const p = parseDocument(txtToBlocks(text), rules).proposals[0]!;
    expect([p.fund, p.priceLevelYear]).toEqual(['Digitaliseringspuljen', 2018]);
    expect(p.sections.map((s) => s.key)).toEqual(['consequences', 'prioritization']);
    // a pool named in a footnote under the overview is no fund of the bundle's proposals
    const footnoted = text
      .replace('Forslag til digitaliseringspuljen, Budget 2019', 'Forslag til budget 2019')
      .replace('INVESTERINGSFORSLAG', '*) Mindre forslag kan henvises til Bydelspuljen.\n\nINVESTERINGSFORSLAG');
    expect(parseDocument(txtToBlocks(footnoted), rules).proposals[0]!.fund).toBeNull();
  });
});

describe('a proposal whose headings no rule knows', () => {
  it('is said to have no sections (SECTIONS_NOT_FOUND), and one with headings numbered "1)" has them', () => {
    const withHeadings = (a: string, b: string) =>
      parseDocument(txtToBlocks(proposalText(2022, 2022).replace('1.1 FORSLAGETS SAMLEDE ØKONOMISKE KONSEKVENSER', a) + `\n\n${b}\n\nTavlerne bruges dagligt.\n`), rules);
    const unknown = withHeadings('A: Forslagets samlede økonomiske konsekvenser', 'B: Baggrund og formål');
    expect(unknown.proposals[0]!.sections).toEqual([]);
    expect(unknown.messages.filter((m) => m.code === 'SECTIONS_NOT_FOUND').map((m) => m.severity)).toEqual(['warning']);
    const parens = withHeadings('1) Forslagets samlede økonomiske konsekvenser', '2) Baggrund og formål');
    expect(parens.proposals[0]!.sections.map((x) => [x.key, x.text])).toEqual([['consequences', ''], ['background', 'Tavlerne bruges dagligt.']]);
    expect(parens.messages.filter((m) => m.code === 'SECTIONS_NOT_FOUND')).toEqual([]);
  });
});

describe('the presenting department of a proposal', () => {
  it('is the first of several named together, the others presenting with it, with an info finding', () => {
    const text = proposalText(2022, 2022).replace('Fremstillende forvaltning: Børne- og Ungdomsforvaltningen', 'Fremstillende forvaltning: Børne- og Ungdomsforvaltningen og Socialforvaltningen');
    const doc = parseDocument(txtToBlocks(text), rules);
    expect([doc.proposals[0]!.presentingDepartment, doc.proposals[0]!.coPresentingDepartments]).toEqual(['BUF', ['SOF']]);
    expect(doc.messages.filter((m) => m.code === 'JOINT_PRESENTING').map((m) => m.severity)).toEqual(['info']);
  });
});

describe('the BC number of a proposal', () => {
  const titled = (title: string) => parseDocument(txtToBlocks(proposalText(2022, 2022).replace('BC88 Digitale tavler i daginstitutioner', title)), rules).proposals[0]!;
  it('is read in every spelling of the template, and the title is what follows it', () => {
    const spellings = ['BC 88 Digitale tavler', 'BC-88 Digitale tavler', 'BC088: Digitale tavler', 'BC-2022-88 Digitale tavler', 'BC2022-88 – Digitale tavler'];
    expect(spellings.map((t) => [titled(t).bcNumber, titled(t).title])).toEqual([
      ['BC88', 'Digitale tavler'],
      ['BC88', 'Digitale tavler'],
      ['BC88', 'Digitale tavler'],
      ['BC2022-88', 'Digitale tavler'],
      ['BC2022-88', 'Digitale tavler'],
    ]);
  });
  it('is not taken from a word that only starts with BC, or from a year alone', () => {
    expect(['BCG-rapporten om tavler', 'BC 2022 Digitale tavler'].map((t) => titled(t).bcNumber)).toEqual([null, null]);
  });
});

describe('a presenting department written with its abbreviation', () => {
  it('is the department of that name, with no unknown-department finding', () => {
    for (const written of ['Børne- og Ungdomsforvaltningen (BUF)', 'Børne- og Ungdomsforvaltningen, BUF', 'BUF']) {
      const doc = parseDocument(txtToBlocks(proposalText(2022, 2022).replace('Fremstillende forvaltning: Børne- og Ungdomsforvaltningen', `Fremstillende forvaltning: ${written}`)), rules);
      expect([written, doc.proposals[0]!.presentingDepartment]).toEqual([written, 'BUF']);
      expect(doc.messages.filter((m) => m.code === 'UNKNOWN_DEPARTMENT')).toEqual([]);
    }
  });
});

describe('the departments of a proposal', () => {
  /** A proposal whose header has the given 'Fremstillende forvaltning' and 'Berørte forvaltninger' lines. */
  const parse = (presenting: string, affected: string[]) => {
    const text = proposalText(2022, 2022).replace(
      'Fremstillende forvaltning: Børne- og Ungdomsforvaltningen',
      [`Fremstillende forvaltning: ${presenting}`, ...affected].join('\n\n'),
    );
    const doc = parseDocument(txtToBlocks(text), rules);
    const p = doc.proposals[0]!;
    return { presenting: p.presentingDepartment, affected: p.affectedDepartments, codes: doc.messages.map((m) => m.code) };
  };
  const GRID = 'Berørte forvaltninger:\n\nX\tØkonomiforvaltningen\t\tSocialforvaltningen\n\tKultur- og Fritidsforvaltningen\tX\tTeknik- og Miljøforvaltningen\n\tSundheds- og Omsorgsforvaltningen\t\t';

  it('reads a bare X in the cell before a name as its ticked box, and an empty cell as an unticked one', () => {
    expect(parse('BUF', [GRID])).toMatchObject({ affected: ['ØKF', 'TMF'], codes: [] });
  });
  it('reads the names themselves where the value has no boxes, and none from "Ingen"', () => {
    expect(parse('BUF', ['Berørte forvaltninger: Økonomiforvaltningen og Sundheds- og Omsorgsforvaltningen'])).toMatchObject({ affected: ['ØKF', 'SUF'], codes: [] });
    expect(parse('BUF', ['Berørte forvaltninger: Ingen'])).toMatchObject({ affected: [], codes: [] });
    expect(parse('BUF', ['Berørte forvaltninger: Jobcentret'])).toMatchObject({ affected: [], codes: ['UNKNOWN_DEPARTMENT'] });
  });
  it('reports a table whose boxes cannot be told apart, and stores no department from it', () => {
    const shifted = 'Berørte forvaltninger:\n\nX\tØkonomiforvaltningen\tSocialforvaltningen';
    expect(parse('BUF', [shifted])).toMatchObject({ affected: [], codes: ['AFFECTED_UNREAD'] });
  });
  it('takes a department followed by one of its units as the presenting department', () => {
    expect(parse('Beskæftigelses- og Integrationsforvaltningen, Jobcenter København', [])).toMatchObject({ presenting: 'BIF', codes: [] });
  });
});

describe('amount tables that are not read', () => {
  /** A proposal whose economy section holds the given tables (lines of TAB-separated cells, a table a string). */
  const withTables = (...tables: string[]) =>
    parseDocument(txtToBlocks(['INNOVATIONSFORSLAG', 'Forslagets titel: BC88 Digitale tavler', 'Kort resumé: BUF afprøver tavler.', 'Fremstillende forvaltning: BUF', 'Angiv p/l: 2022', '1.1 FORSLAGETS SAMLEDE ØKONOMISKE KONSEKVENSER', ...tables].join('\n\n')), rules);
  const notRead = (d: ReturnType<typeof parseDocument>) => d.messages.filter((m) => m.code === 'TABLE_NOT_READ').map((m) => m.message);

  it('are reported: one that states no unit', () => {
    const d = withTables('Beløb\tStyringsområde\t2022\t2023\nTavler\tService\t400\t100');
    expect([d.proposals[0]!.budgetLines.length, notRead(d)]).toEqual([0, [expect.stringContaining('states no unit')]]);
  });
  it('are reported: one besides the consequences and the investments tables', () => {
    const d = withTables('1.000 kr.\tStyringsområde\t2022\t2023\nTavler\tService\t400\t100', '2. ØKONOMI', '1.000 kr.\t2022\t2023\nInvestering\t400\t100', 'Bilag', '1.000 kr.\t2022\t2023\nNoget andet\t5\t5');
    expect(d.proposals[0]!.budgetLines.map((l) => l.tableKind)).toEqual(['consequences', 'investments']);
    expect(notRead(d)).toEqual([expect.stringContaining('another amount table')]);
  });
});

describe('empty columns', () => {
  const text = (extra: string[]) =>
    [
      'INNOVATIONSFORSLAG',
      'Forslagets titel: BC88 Digitale tavler i daginstitutioner',
      'Kort resumé: BUF afprøver digitale tavler.',
      'Fremstillende forvaltning: Børne- og Ungdomsforvaltningen',
      'Angiv p/l: 2022',
      '1.1 FORSLAGETS SAMLEDE ØKONOMISKE KONSEKVENSER',
      // an empty first column, as a margin
      ['\t1.000 kr. 2022 p/l\tStyringsområde\t2022\t2023', '\tTavler\tService\t400\t100', '\tSamlet økonomisk påvirkning\t\t400\t100'].join('\n'),
      ...extra,
      '',
    ].join('\n\n');

  it('a leading empty column of an amount table is left out: its labels are read', () => {
    const p = parseDocument(txtToBlocks(text([])), rules).proposals[0]!;
    expect(p.budgetLines.map((l) => [l.label, l.isTotal, l.amounts.map((a) => a.amount)])).toEqual([
      ['Tavler', false, [400, 100]],
      ['Samlet økonomisk påvirkning', true, [400, 100]],
    ]);
  });

  it('an answer column empty in every row of a consultation table stays a column: the remark is no answer', () => {
    const p = parseDocument(txtToBlocks(text(['1.2 Hvem er hørt?', 'Handicaprådet\t\tIkke relevant for dette forslag'])), rules).proposals[0]!;
    expect(p.consultations).toEqual([{ body: 'Handicaprådet', answer: null, date: null, note: 'Ikke relevant for dette forslag' }]);
  });
});

describe('a header field whose label stands alone', () => {
  it('takes its value from the paragraph after it', () => {
    const text = proposalText(2022, 2022)
      .replace('Forslagets titel: BC88 Digitale tavler i daginstitutioner', 'Forslagets titel:\n\nBC88 Digitale tavler i daginstitutioner')
      .replace('Fremstillende forvaltning: Børne- og Ungdomsforvaltningen', 'Fremstillende forvaltning:\n\nBørne- og Ungdomsforvaltningen (BUF)');
    const p = parseDocument(txtToBlocks(text), rules).proposals[0]!;
    expect([p.bcNumber, p.title, p.summary, p.presentingDepartment, p.priceLevelYear]).toEqual(['BC88', 'Digitale tavler i daginstitutioner', 'BUF afprøver digitale tavler.', 'BUF', 2022]);
  });

  it("does not take a template's instruction, boxes to tick or a table's caption for its value", () => {
    for (const after of ['(Angiv den forvaltning, der fremsætter forslaget)', '☐ Innovationspuljen ☒ Investeringspuljen', 'Tabel 1. Samlede økonomiske konsekvenser']) {
      const text = proposalText(2022, 2022).replace('Fremstillende forvaltning: Børne- og Ungdomsforvaltningen', `Fremstillende forvaltning:\n\n${after}`);
      expect(parseDocument(txtToBlocks(text), rules).proposals[0]!.presentingDepartment, after).toBeNull();
    }
  });
});
