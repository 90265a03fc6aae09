import { describe, expect, it } from 'vitest';
import type { Message, TableBlock } from '../../src/types.ts';
import { amountLayout, parseBudgetTable, parseCommitteeSplit, parseConsultations, parseFollowUps } from '../../src/parse/tables.ts';
import { loadRules } from '../../src/rules/index.ts';

const rules = loadRules();
const table = (rows: string[][]): TableBlock => ({ kind: 'table', page: null, rows: rows.map((cells) => ({ cells, page: null })) });

/** A costs group with one line, then the rows given: the label and group of each line read. */
const COSTS = [['1.000 kr. 2020 p/l', 'Styringsområde', '2020', '2021'], ['Implementeringsomkostninger', '', '', ''], ['Projektledelse', 'Service', '500', '']];
const groupsAfterCosts = (rows: string[][]) => lines([...COSTS, ...rows]).map((l) => [l.label, l.category]);

function lines(rows: string[][]) {
  const t = table(rows);
  const layout = amountLayout(t, rules)!;
  return parseBudgetTable(t, 'consequences', layout, rules, []).map((l) => ({
    label: l.label,
    category: l.category,
    steering: l.steeringArea,
    total: l.isTotal,
    amounts: Object.fromEntries(l.amounts.map((a) => [a.year, a.amount])),
  }));
}

/** A consequences table read, with the messages it gave. */
function readConsequences(t: TableBlock) {
  const messages: Message[] = [];
  return { got: parseBudgetTable(t, 'consequences', amountLayout(t, rules)!, rules, messages), messages };
}

describe('amount tables', () => {
  it('puts each number in the year of its column, whatever cells are empty', () => {
    expect(
      lines([
        ['1.000 kr. 2019 p/l', 'Styringsområde', '2019', '2020', '2021'],
        ['Udvikling', 'Service', '', '1.250', ''],
        ['Drift', 'SERVICE', '-75', '', '0'],
      ]),
    ).toEqual([
      { label: 'Udvikling', category: null, steering: 'Service', total: false, amounts: { 2020: 1250 } },
      { label: 'Drift', category: null, steering: 'Service', total: false, amounts: { 2019: -75, 2021: 0 } },
    ]);
  });

  it('reads the price level and the columns from two header rows, ignoring an I alt column', () => {
    const t = table([
      ['', '1.000 kr. 2020 p/l', '', '', ''],
      ['', '2020', '2021', 'I alt', 'Innovationspulje (sæt X)'],
      ['Projekt', '100', '200', '300', 'X'],
    ]);
    const layout = amountLayout(t, rules)!;
    expect(layout.priceLevelYear).toBe(2020);
    expect([...layout.years.entries()]).toEqual([[1, 2020], [2, 2021]]);
    expect(parseBudgetTable(t, 'investments', layout, rules, [])[0]!.amounts.map((a) => a.amount)).toEqual([100, 200]);
  });

  it('groups lines under a group row, closes the group at its total, and joins a total whose numbers sit on the next row', () => {
    expect(
      lines([
        ['1.000 kr. 2019 p/l', 'Styringsområde', '2019', '2020'],
        ['Anlægsomkostninger', '', '', ''],
        ['Byggeri', 'Anlæg', '500', ''],
        ['Samlede anlægsomkostninger', '', '500', ''],
        ['Samlet økonomisk påvirkning', '', '', ''],
        ['', '', '500', ''],
        ['Tilbagebetalingstid', '-', '', ''],
      ]),
    ).toEqual([
      { label: 'Byggeri', category: 'Anlægsomkostninger', steering: 'Anlæg', total: false, amounts: { 2019: 500 } },
      { label: 'Samlede anlægsomkostninger', category: 'Anlægsomkostninger', steering: null, total: true, amounts: { 2019: 500 } },
      { label: 'Samlet økonomisk påvirkning', category: null, steering: null, total: true, amounts: { 2019: 500 } },
    ]);
  });

  it('keeps an empty line item (a Styringsområde, or a bare label among the lines of a group) from becoming the group of the lines below', () => {
    expect(
      lines([
        ['1.000 kr. 2018 p/l', 'Styringsområde', '2018', '2019'],
        ['Driftsomkostninger', '', '', ''],
        ['Projektleder', 'Service', '300', '300'],
        ['Workshops', '', '', ''],
        ['Lokaleleje', 'Service', '20', ''],
        ['Rådgivere', 'Service', '', ''],
        ['Software', 'Service', '', '40'],
        ['Anlægsudgifter', '', '', ''],
        ['Tablets', 'Anlæg', '90', ''],
        ['Samlet økonomisk påvirkning', '', '410', '340'],
      ]).map((l) => [l.label, l.category]),
    ).toEqual([
      ['Projektleder', 'Driftsomkostninger'],
      ['Lokaleleje', 'Driftsomkostninger'],
      ['Software', 'Driftsomkostninger'],
      // a second group opens where a row reads like one
      ['Tablets', 'Anlægsudgifter'],
      ['Samlet økonomisk påvirkning', 'Anlægsudgifter'],
    ]);
  });

  it('opens a group named like one while another group is open', () => {
    expect(
      lines([
        ['1.000 kr. 2018 p/l', 'Styringsområde', '2018', '2019'],
        ['Varige ændringer', '', '', ''],
        ['Færre kørsler', 'Service', '', '-200'],
        ['Implementeringsomkostninger', '', '', ''],
        ['Indkøb', 'Service', '400', ''],
        ['Samlet økonomisk påvirkning', '', '400', '-200'],
      ]).map((l) => [l.label, l.category]),
    ).toEqual([
      ['Færre kørsler', 'Varige ændringer'],
      ['Indkøb', 'Implementeringsomkostninger'],
      ['Samlet økonomisk påvirkning', 'Implementeringsomkostninger'],
    ]);
  });

  it('opens a savings group whose name only begins with a savings word (Gevinstrealisering, Effektiviseringspotentiale)', () => {
    for (const heading of ['Gevinstrealisering', 'Effektiviseringspotentiale', 'Besparelsespotentiale'])
      expect(groupsAfterCosts([[heading, '', '', ''], ['Færre sagsbehandlere', 'Service', '', '-400']])).toEqual([
        ['Projektledelse', 'Implementeringsomkostninger'],
        ['Færre sagsbehandlere', heading],
      ]);
  });

  it('keeps a bare line item named after savings among costs (Gevinstanalyse) in the group it stands in', () => {
    expect(
      groupsAfterCosts([['Gevinstanalyse', '', '', ''], ['Konsulenter', 'Service', '200', '100'], ['Gevinster', '', '', ''], ['Færre sagsbehandlere', 'Service', '', '-400']]),
    ).toEqual([
      ['Projektledelse', 'Implementeringsomkostninger'],
      ['Konsulenter', 'Implementeringsomkostninger'],
      ['Færre sagsbehandlere', 'Gevinster'],
    ]);
  });

  it('reads two empty rows in a row against the group that had lines, and opens a savings group on a line of zeros', () => {
    expect(groupsAfterCosts([['Gevinstanalyse', '', '', ''], ['Behovsafdækning', '', '', ''], ['Konsulenter', 'Service', '200', '100']])).toEqual([
      ['Projektledelse', 'Implementeringsomkostninger'],
      ['Konsulenter', 'Implementeringsomkostninger'],
    ]);
    expect(groupsAfterCosts([['Gevinstrealisering', '', '', ''], ['Færre sager', 'Service', '0', '0'], ['Færre sagsbehandlere', 'Service', '-100', '-400']])).toEqual([
      ['Projektledelse', 'Implementeringsomkostninger'],
      ['Færre sager', 'Gevinstrealisering'],
      ['Færre sagsbehandlere', 'Gevinstrealisering'],
    ]);
  });

  it('opens an investment group named in a sentence after a group of savings, not among costs', () => {
    const groups = (first: string[]) =>
      lines([['1.000 kr. 2020 p/l', 'Styringsområde', '2020', '2021'], ['Driftsændringer', '', '', ''], first, ['Investering i nyt IT-system', '', '', ''], ['Anskaffelse', 'Anlæg', '900', '']]).map((l) => [l.label, l.category]);
    expect(groups(['Færre kørsler', 'Service', '', '-200'])).toEqual([
      ['Færre kørsler', 'Driftsændringer'],
      ['Anskaffelse', 'Investering i nyt IT-system'],
    ]);
    expect(groups(['Licenser', 'Service', '50', '50'])).toEqual([
      ['Licenser', 'Driftsændringer'],
      ['Anskaffelse', 'Driftsændringer'],
    ]);
    // a group of costs whose last line is a saving is not a group of savings
    expect(groupsAfterCosts([['Besparelse på husleje', 'Service', '', '-50'], ['Investering i IT', '', '', ''], ['Licens', 'Service', '200', '']])).toEqual([
      ['Projektledelse', 'Implementeringsomkostninger'],
      ['Besparelse på husleje', 'Implementeringsomkostninger'],
      ['Licens', 'Implementeringsomkostninger'],
    ]);
  });

  it('leaves out a year cell that is not a number, with a warning naming it, and does not take its row for a group', () => {
    const t = table([
      ['1.000 kr. 2020 p/l', 'Styringsområde', '2020', '2021'],
      ['Implementering', '', '', ''],
      ['Konsulenter', '', 'ca. 75', '-'],
      ['Licenser', '', '120', ''],
    ]);
    const { got, messages } = readConsequences(t);
    expect(got.map((l) => [l.label, l.category, l.amounts.map((a) => a.amount)])).toEqual([['Licenser', 'Implementering', [120]]]);
    expect(messages.map((m) => m.code)).toEqual(['UNREADABLE_AMOUNT']);
    expect(messages[0]!.message).toContain('"ca. 75" under 2020');
  });

  it('leaves out "1,000" in a table in 1.000 kr. (1 or a thousand?) with a warning; reads it in a table in mio. kr.', () => {
    const rows = (unit: string) => [
      [unit, 'Styringsområde', '2020', '2021'],
      ['Konsulenter', 'Service', '1,000', '2,5'],
      ['Licenser', 'Service', '(1,250)', '1.000'],
      ['Drift', 'Service', '( 1,000 )', '1,000,-'],
    ];
    const thousands = readConsequences(table(rows('1.000 kr. 2020 p/l')));
    expect(thousands.got.map((l) => [l.label, l.amounts.map((a) => [a.year, a.amount])])).toEqual([['Konsulenter', [[2021, 2.5]]], ['Licenser', [[2021, 1000]]]]);
    expect(thousands.messages.map((m) => `${m.code} ${m.year}`)).toEqual(['UNREADABLE_AMOUNT 2020', 'UNREADABLE_AMOUNT 2020', 'UNREADABLE_AMOUNT 2020', 'UNREADABLE_AMOUNT 2021']);
    expect(thousands.messages[0]!.message).toContain('"1,000" under 2020, which in a table in 1.000 kr. is ambiguous');
    const millions = readConsequences(table(rows('Mio. kr. 2020 p/l')));
    expect(millions.got.map((l) => l.amounts.map((a) => a.amount))).toEqual([[1000, 2500], [-1250, 1000000], [-1000, 1000]]);
    expect(millions.messages).toEqual([]);
  });

  it('moves the numbers of a row that left out its empty Styringsområde cell into their years, and reads none of a row that is otherwise out of line', () => {
    const t = table([
      ['1.000 kr. 2019 p/l', 'Styringsområde', '2019', '2020', '2021'],
      ['Projektleder', 'Service', '500', '250', ''],
      ['Samlede implementeringsomkostninger', '500', '250', '0'],
      ['Samlet økonomisk påvirkning', '500', '250'],
    ]);
    const { got, messages } = readConsequences(t);
    expect(got.map((l) => [l.label, Object.fromEntries(l.amounts.map((a) => [a.year, a.amount]))])).toEqual([
      ['Projektleder', { 2019: 500, 2020: 250 }],
      ['Samlede implementeringsomkostninger', { 2019: 500, 2020: 250, 2021: 0 }],
    ]);
    expect(messages.map((m) => `${m.code}${m.year ? ` ${m.year}` : ''}`)).toEqual(['ROW_REALIGNED', 'UNREADABLE_AMOUNT 2019', 'UNREADABLE_AMOUNT 2020', 'UNREADABLE_AMOUNT 2021']);
  });

  it('reads no amount from a payback-time row, and reports what it states; a word that goes on in Danish letters is no total', () => {
    const t = table([
      ['1.000 kr. 2021 p/l', 'Styringsområde', '2021', '2022'],
      ['Projektleder', 'Service', '500', '250'],
      ['Samlet økonomisk påvirkning', '', '500', '250'],
      ['Tilbagebetalingstid baseret på serviceeffektivisering', '-', '', ''],
      ['Tilbagebetalingstid baseret på totaløkonomi', '2,5 år', '3,0', ''],
    ]);
    const { got, messages } = readConsequences(t);
    expect(got.map((l) => [l.label, l.isTotal])).toEqual([['Projektleder', false], ['Samlet økonomisk påvirkning', true]]);
    expect(messages.map((m) => m.code)).toEqual(['NOT_AN_AMOUNT']);
    expect(messages[0]!.message).toContain('"2,5 år", "3,0"');
    expect(rules.tables.totalRow.some((r) => r.test('Gevinst af totaløkonomien'))).toBe(false);
    expect(rules.tables.totalRow.some((r) => r.test('Total'))).toBe(true);
  });

  it('reads a table in mio. kr. into 1.000 kr., and knows t.kr. and Tkr. as 1.000 kr.', () => {
    expect(lines([['Mio. kr. 2020 p/l', '2020', '2021'], ['Licenser', '1,5', '0,25']])[0]!.amounts).toEqual({ 2020: 1500, 2021: 250 });
    for (const unit of ['t.kr.', 'Tkr.', 'Beløb i 1.000 kr.'])
      expect(lines([[unit, '2020', '2021'], ['Licenser', '1.500', '']])[0]!.amounts).toEqual({ 2020: 1500 });
    expect(amountLayout(table([['Kroner', '2020'], ['Licenser', '1.500']]), rules)!.unitFound).toBe(false);
  });

  it('reads the price level however the header writes it', () => {
    for (const h of ['1.000 kr. 2020 p/l', '1.000 kr. 2020-p/l', '1.000 kr., 2020-priser', '1.000 kr. (p/l 2020)', '1.000 kr. p/l-2020', 'Mio. kr. i 2020-prisniveau'])
      expect(amountLayout(table([[h, '2021', '2022'], ['Licenser', '1', '']]), rules)!.priceLevelYear).toBe(2020);
    // current prices and year ranges state no price level
    for (const h of ['1.000 kr. løbende priser 2021-2024', '1.000 kr., løbende p/l - 2019-2022', 'Mio. kr. (priser 2020-2023)', '1.000 kr. 2019-2022 p/l'])
      expect(amountLayout(table([[h, '2021', '2022'], ['Licenser', '1', '']]), rules)!.priceLevelYear, h).toBeNull();
  });

  it('is not an amount table without year columns', () => {
    expect(amountLayout(table([['Risiko', 'Handling'], ['Forsinkelse', 'Opfølgning']]), rules)).toBeNull();
  });
});

describe('follow-up and consultation tables', () => {
  it('reads follow-up columns by their headers and skips separator rows', () => {
    const f = parseFollowUps(
      table([
        ['', 'Hvordan måles succeskriteriet?', 'Hvem er ansvarlig for opfølgning?', 'Hvornår gennemføres opfølgningen?'],
        ['Prototype', 'Brugertest', 'KFF', 'Q2 2021'],
        ['------', '--', '----', '---'],
      ]),
      rules,
      1,
    );
    expect(f).toEqual([{ ord: 1, criterion: 'Prototype', method: 'Brugertest', responsible: 'KFF', timing: 'Q2 2021' }]);
  });

  it('reads approval dates as ISO dates and remarks as notes', () => {
    const c = parseConsultations(
      table([
        ['', 'Ja/Nej', 'Dato for godkendelse'],
        ['Center for Økonomi, Økonomiforvaltningen', 'Ja', '7. februar 2018'],
        ['', 'Ja/Nej/Ikke relevant', 'Hvis ja, skriv kort konklusionen.'],
        ['Koncern IT', 'Ja', 'Ingen nyanskaffelse'],
        ['HR-kredsen', 'Ikke relevant', ''],
      ]),
      rules,
    );
    expect(c).toEqual([
      { body: 'Center for Økonomi, Økonomiforvaltningen', answer: 'Ja', date: '2018-02-07', note: null },
      { body: 'Koncern IT', answer: 'Ja', date: null, note: 'Ingen nyanskaffelse' },
      { body: 'HR-kredsen', answer: 'Ikke relevant', date: null, note: null },
    ]);
  });
});

describe('committee split tables', () => {
  const split = (rows: string[][]) => {
    const t = table(rows);
    return parseCommitteeSplit(t, amountLayout(t, rules)!, rules).map((r) => [r.committee, r.kind, r.share, r.isTotal, r.year, r.amount]);
  };

  it('leaves out a cell that is no amount, or "1,000" in 1.000 kr., and says so', () => {
    const t = table([
      ['Udvalg', 'Fordelingsnøgle', '1.000 kr. 2019 p/l', ''],
      ['', '', '2019', '2020'],
      ['Børne- og Ungdomsudvalget', '100 %', '1,000', 'ca. 75'],
      ['Total', '', '-', '250'],
    ]);
    const messages: Message[] = [];
    const rows = parseCommitteeSplit(t, amountLayout(t, rules)!, rules, messages);
    expect(rows.map((r) => [r.committee, r.year, r.amount])).toEqual([['Total', 2020, 250]]);
    expect(messages.map((m) => [m.code, m.year, m.message])).toEqual([
      ['UNREADABLE_AMOUNT', 2019, expect.stringMatching(/^a committee split row "Børne- og Ungdomsudvalget" has "1,000" under 2019, which in a table in 1\.000 kr\. is ambiguous/)],
      ['UNREADABLE_AMOUNT', 2020, expect.stringMatching(/"ca\. 75" under 2020, which is not a number; left out$/)],
    ]);
  });

  it('reads a share column and a kind column side by side, the share carried down a merged cell', () => {
    expect(
      split([
        ['Udvalg', 'Fordelingsnøgle', '', '1.000 kr. 2019 p/l', ''],
        ['', '', '', '2020', '2021'],
        ['Socialudvalget', '50 %', 'Omkostninger', '1.487,5', '637,5'],
        ['', '', 'Besparelse', '', '-255'],
        ['Total', '100 %', 'Omkostninger', '2.975', '1.275'],
      ]),
    ).toEqual([
      ['Socialudvalget', 'Omkostninger', '50 %', false, 2020, 1487.5],
      ['Socialudvalget', 'Omkostninger', '50 %', false, 2021, 637.5],
      ['Socialudvalget', 'Besparelse', '50 %', false, 2021, -255],
      ['Total', 'Omkostninger', '100 %', true, 2020, 2975],
      ['Total', 'Omkostninger', '100 %', true, 2021, 1275],
    ]);
  });

  it('carries a committee down to its Besparelse / Omkostninger rows, and marks the total', () => {
    expect(
      split([
        ['Udvalg', '', '1.000 kr. 2019 p/l', ''],
        ['', '', '2019', '2020'],
        ['Teknik- og Miljøudvalget', 'Besparelse', '', '-50'],
        ['', 'Omkostninger', '1.200', ''],
        ['Total', 'Besparelse', '', '-50'],
        ['', 'Omkostninger', '1.200', ''],
      ]),
    ).toEqual([
      ['Teknik- og Miljøudvalget', 'Besparelse', null, false, 2020, -50],
      ['Teknik- og Miljøudvalget', 'Omkostninger', null, false, 2019, 1200],
      ['Total', 'Besparelse', null, true, 2020, -50],
      ['Total', 'Omkostninger', null, true, 2019, 1200],
    ]);
  });

  it('reads a distribution key column as a share', () => {
    expect(
      split([
        ['Udvalg', 'Fordelings-nøgle', '1000 kr. 2017 p/l', ''],
        ['', '', '2017', '2018'],
        ['Socialudvalget', '', '', ''],
        ['Socialforvaltningen', '60 %', '300', '120'],
      ]),
    ).toEqual([
      ['Socialforvaltningen', null, '60 %', false, 2017, 300],
      ['Socialforvaltningen', null, '60 %', false, 2018, 120],
    ]);
  });
});

describe('a unit caption above a table', () => {
  const t = table([
    ['', '2017', '2018', 'I alt'],
    ['Indkøb', '1.200', '300', '1.500'],
  ]);

  it('gives the unit and price level the header rows lack', () => {
    expect(amountLayout(t, rules)!.unitFound).toBe(false);
    const layout = amountLayout(t, rules, '1.000 kr. 2017 p/l')!;
    expect([layout.unitFound, layout.priceLevelYear, layout.headerEnd]).toEqual([true, 2017, 0]);
  });

  it('is no unit when it names none', () => {
    expect(amountLayout(t, rules, 'Tabel 2. Investeringer i forslaget')!.unitFound).toBe(false);
  });

  it('does not override the price level of the header', () => {
    const withHeader = table([
      ['1.000 kr. 2019 p/l', '2019', '2020'],
      ['Drift', '100', '100'],
    ]);
    expect(amountLayout(withHeader, rules, '1.000 kr. 2017 p/l')!.priceLevelYear).toBe(2019);
  });
});

describe('year columns and totals written otherwise', () => {
  it('reads years written B2017, BO2018, "Budget 2019" and 2020*, and a "Nettoeffekt" row as a total', () => {
    const got = lines([
      ['1.000 kr. 2016 p/l', 'Styringsområde', 'B2017', 'BO2018', 'Budget 2019', '2020*'],
      ['Sensorer', 'Service', '600', '400', '', '100'],
      ['Nettoeffekt', '', '600', '400', '', '100'],
    ]);
    expect(got.map((l) => [l.label, l.total, l.amounts])).toEqual([
      ['Sensorer', false, { 2017: 600, 2018: 400, 2020: 100 }],
      ['Nettoeffekt', true, { 2017: 600, 2018: 400, 2020: 100 }],
    ]);
  });
});

describe('a header repeated inside a table', () => {
  it('is no budget line: its years are no amounts', () => {
    const got = lines([
      ['1.000 kr. 2018 p/l', 'Styringsområde', '2018', '2019'],
      ['Anskaffelse', 'Service', '1.200', '300'],
      ['1.000 kr. 2018 p/l', 'Styringsområde', '2018', '2019'],
      ['Drift', 'Service', '', '100'],
    ]);
    expect(got.map((l) => [l.label, l.amounts])).toEqual([
      ['Anskaffelse', { 2018: 1200, 2019: 300 }],
      ['Drift', { 2019: 100 }],
    ]);
  });
});
