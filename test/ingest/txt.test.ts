import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { decodeText, txtToBlocks } from '../../src/ingest/txt.ts';

describe('TXT decoding', () => {
  const text = 'Økonomi – 1.025 kr. ½';
  it('reads UTF-8 without BOM', () => expect(decodeText(Buffer.from(text, 'utf8'), 'a.txt')).toBe(text));
  it('reads UTF-8 with BOM', () => expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), 'a.txt')).toBe(text));
  it('reads UTF-16LE with BOM', () => expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf16le')]), 'a.txt')).toBe(text));
  it('reads UTF-16BE with BOM', () => expect(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, 'utf16be')]), 'a.txt')).toBe(text));
  it('reads Windows-1252, where 0x96 is an en dash', () => {
    const buf = iconv.encode(text, 'windows-1252');
    expect(buf.includes(0x96)).toBe(true);
    expect(decodeText(buf, 'a.txt')).toBe(text);
  });
  it('refuses an empty file, naming it', () => expect(() => decodeText(Buffer.alloc(0), 'x/empty.txt')).toThrow(/x\/empty\.txt.*empty/));
  it('refuses binary content', () => expect(() => decodeText(Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00]), 'b.txt')).toThrow(/not a text file/));
});

describe('TXT blocks', () => {
  it('keeps empty cells of TAB-separated tables in place', () => {
    const blocks = txtToBlocks('1.000 kr.\t2018\t2019\r\nDrift\t\t200\r\n\r\nEfter tabellen\r\n');
    expect(blocks).toEqual([
      { kind: 'table', page: null, rows: [{ cells: ['1.000 kr.', '2018', '2019'], page: null }, { cells: ['Drift', '', '200'], page: null }] },
      { kind: 'paragraph', text: 'Efter tabellen', page: null },
    ]);
  });

  it('reads checkbox inputs and markdown pipe tables', () => {
    const blocks = txtToBlocks('- | | |\n|---|---|\n| <input checked="" type="checkbox"/> Økonomiforvaltningen | <input type="checkbox"/> Socialforvaltningen |\n');
    expect(blocks).toHaveLength(1);
    const t = blocks[0]!;
    expect(t.kind === 'table' && t.rows.map((r) => r.cells)).toEqual([
      ['', ''],
      ['☒ Økonomiforvaltningen', '☐ Socialforvaltningen'],
    ]);
  });

  it('removes **bold**, [link](#) and HTML residue but keeps footnote markers', () => {
    const blocks = txtToBlocks('Forslagets titel: **BC19 Fra løntilskud\n- Udvikling**\n\n[Angiv p/l:](#)\n\n** Tværgående forslag\n\n<p>Alle</p> <ul><li>forslag</li></ul>');
    expect(blocks.map((b) => (b.kind === 'paragraph' ? b.text : ''))).toEqual([
      'Forslagets titel: BC19 Fra løntilskud\n- Udvikling',
      'Angiv p/l:',
      '** Tværgående forslag',
      'Alle forslag',
    ]);
  });

  it('drops soft hyphens', () => {
    const blocks = txtToBlocks('Fordelings\u00ADnøgle');
    expect(blocks[0]).toEqual({ kind: 'paragraph', text: 'Fordelingsnøgle', page: null });
  });
});

describe('typed checkboxes', () => {
  it('reads [X] and [ ] before a name as checked and unchecked boxes, and leaves other brackets alone', () => {
    const blocks = txtToBlocks('[X] Økonomiforvaltningen\t[ ] Socialforvaltningen\n[ ] Kultur- og Fritidsforvaltningen\t[x] Teknik- og Miljøforvaltningen\n\nSe bilag [x] og noten[ ].\n');
    expect(blocks.map((b) => (b.kind === 'table' ? b.rows.map((r) => r.cells.join('|')) : b.text))).toEqual([
      ['☒ Økonomiforvaltningen|☐ Socialforvaltningen', '☐ Kultur- og Fritidsforvaltningen|☒ Teknik- og Miljøforvaltningen'],
      'Se bilag [x] og noten[ ].',
    ]);
  });
});

describe('a table row typed without its TABs', () => {
  it('stays in its table when it stands between two rows', () => {
    const blocks = txtToBlocks('1.000 kr.\t2019\t2020\nImplementeringsomkostninger\nKonsulenter\t300\t100\nEfter tabellen\n\nNy tekst\n');
    expect(blocks.map((b) => (b.kind === 'table' ? b.rows.map((r) => r.cells.join('|')) : b.text))).toEqual([
      ['1.000 kr.|2019|2020', 'Implementeringsomkostninger', 'Konsulenter|300|100'],
      'Efter tabellen',
      'Ny tekst',
    ]);
  });

  it('keeps a row of TABs alone as an empty row of its table, where a blank line ends the table', () => {
    const blocks = txtToBlocks('1.000 kr.\t2019\t2020\nKonsulenter\t300\t100\n\t\t\nScanning\t250\t\n\nEfter tabellen\n\t\t\nNy tekst\n');
    expect(blocks.map((b) => (b.kind === 'table' ? b.rows.map((r) => r.cells.join('|')) : b.text))).toEqual([
      ['1.000 kr.|2019|2020', 'Konsulenter|300|100', '||', 'Scanning|250|'],
      'Efter tabellen',
      'Ny tekst',
    ]);
  });
});

describe('TXT laid out with spaces (a print-to-text export)', () => {
  const rows = (text: string) => txtToBlocks(text).flatMap((b) => (b.kind === 'table' ? [b.rows.map((r) => r.cells)] : []));
  const paragraphs = (text: string) => txtToBlocks(text).flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));

  it('reads a table by its columns: right-aligned amounts under their years, blank cells empty, wrapped labels joined', () => {
    const text = [
      'Tabel 1. Samlede økonomiske konsekvenser',
      '',
      '1.000 kr. 2017 p/l            Styringsområde     2017      2018      2019',
      'Implementeringsomkostninger',
      'Dørlåse og adgangskontrol     Anlæg             1.850       600',
      'Integration til omsorgs-      Service             425                 150',
      'system og nøgleadministration',
      'Samlet økonomisk påvirkning                     2.275       600       150',
      '',
    ].join('\n');
    expect(rows(text)).toEqual([
      [
        ['1.000 kr. 2017 p/l', 'Styringsområde', '2017', '2018', '2019'],
        ['Implementeringsomkostninger', '', '', '', ''],
        ['Dørlåse og adgangskontrol', 'Anlæg', '1.850', '600', ''],
        ['Integration til omsorgssystem og nøgleadministration', 'Service', '425', '', '150'],
        ['Samlet økonomisk påvirkning', '', '2.275', '600', '150'],
      ],
    ]);
    expect(paragraphs(text)).toEqual(['Tabel 1. Samlede økonomiske konsekvenser']);
  });

  it('goes on past a page break, its page number and running header left out', () => {
    const header = 'Københavns Kommune                              Innovationsforslag BC91';
    const text = [
      header,
      '',
      '1.000 kr. 2021 p/l            Styringsområde     2021      2022',
      'Sensorer                      Anlæg             1.250       400',
      '',
      '                            Side 1 af 2',
      `\f${header}`,
      'Effektiviseringer',
      'Mindre salt                   Service                       −300',
      '',
      'Næste afsnit.',
      '',
      '                            Side 2 af 2',
    ].join('\n');
    expect(rows(text)).toEqual([
      [
        ['1.000 kr. 2021 p/l', 'Styringsområde', '2021', '2022'],
        ['Sensorer', 'Anlæg', '1.250', '400'],
        ['Effektiviseringer', '', '', ''],
        ['Mindre salt', 'Service', '', '−300'],
      ],
    ]);
    expect(paragraphs(text)).toEqual(['Næste afsnit.']);
  });

  it('reads boxes marked with an X in a column of their own, and typed [X] before a name', () => {
    const boxes = (a: string, b: string, c: string, d: string) => `${a.padStart(4).padEnd(7)}${b.padEnd(38)}${c.padStart(1).padEnd(4)}${d}`;
    const typed = (a: string, b: string) => `${a.padEnd(40)}${b}`;
    const text = [
      boxes('', 'Økonomiforvaltningen', '', 'Socialforvaltningen'),
      boxes('X', 'Kultur- og Fritidsforvaltningen', 'X', 'Teknik- og Miljøforvaltningen'),
      '',
      typed('[X] Børne- og Ungdomsforvaltningen', '[ ] Sundheds- og Omsorgsforvaltningen'),
      typed('[ ] Socialforvaltningen', '[X] Økonomiforvaltningen'),
      '',
    ].join('\n');
    expect(rows(text)).toEqual([
      [
        ['', 'Økonomiforvaltningen', '', 'Socialforvaltningen'],
        ['X', 'Kultur- og Fritidsforvaltningen', 'X', 'Teknik- og Miljøforvaltningen'],
      ],
      [
        ['☒ Børne- og Ungdomsforvaltningen', '☐ Sundheds- og Omsorgsforvaltningen'],
        ['☐ Socialforvaltningen', '☒ Økonomiforvaltningen'],
      ],
    ]);
  });

  it('leaves text typed with two spaces after a full stop alone, though the gaps line up', () => {
    // both second sentences start at column 23
    const text = 'Forslaget sparer tid.  Det giver\nOg de har det rigtig.  Nu kan vi\n';
    expect(rows(text)).toEqual([]);
    expect(paragraphs(text)).toEqual(['Forslaget sparer tid. Det giver\nOg de har det rigtig. Nu kan vi']);
  });

  it('reads label and value lines set in two columns as fields, each with its value\'s hanging lines', () => {
    const text = [
      'Forslagets titel:           BC91 Intelligent saltning',
      'Kort resumé:                Forvaltningen vil afprøve, om vejsensorer',
      '                            kan styre saltningen.',
      'Der søges om midler fra:    Innovationspuljen',
      'Fremstillende forvaltning:  Teknik- og Miljøforvaltningen (TMF)',
      '',
    ].join('\n');
    expect(rows(text)).toEqual([]);
    expect(paragraphs(text)).toEqual([
      'Forslagets titel: BC91 Intelligent saltning',
      'Kort resumé: Forvaltningen vil afprøve, om vejsensorer\nkan styre saltningen.',
      'Der søges om midler fra: Innovationspuljen',
      'Fremstillende forvaltning: Teknik- og Miljøforvaltningen (TMF)',
    ]);
  });

  it('leaves out a header repeated after a page break, keeps a total that ends a page, and starts a new table at a new header', () => {
    const head = '1.000 kr. 2018 p/l                    Styringsområde      2018      2019';
    const text = [
      head,
      'Anskaffelse af system                 Service            1.200       300',
      'Samlede implementeringsomkostninger                      1.200       300',
      `\f${head}`,
      'Mindre tid                            Service                       -400',
      '',
      'Samlet økonomisk påvirkning                              1.200      -100',
      `\fTabel 2. Investeringer`,
      '                                                2019      2020',
      'Anskaffelse af system                          1.200       300',
      'Investeringer totalt                           1.200       300',
    ].join('\n');
    const [a, b] = rows(text);
    expect(a!.map((r) => r[0])).toEqual(['1.000 kr. 2018 p/l', 'Anskaffelse af system', 'Samlede implementeringsomkostninger', 'Mindre tid', 'Samlet økonomisk påvirkning']);
    expect(b!.map((r) => r.filter(Boolean).join(' | '))).toEqual(['2019 | 2020', 'Anskaffelse af system | 1.200 | 300', 'Investeringer totalt | 1.200 | 300']);
    expect(paragraphs(text)).toEqual(['Tabel 2. Investeringer']);
  });

  it('reads a form whose values stand in parts (boxes, a BC number apart) as fields, and an indented numbered list as text', () => {
    const text = [
      'Forslagets titel:            BC88   Digital adgangsstyring',
      'Der søges om midler fra:     Investeringspuljen',
      'Berørte forvaltninger:       [X] Økonomiforvaltningen     [ ] Socialforvaltningen',
      '',
      '  1.   Etablering af låse i to botilbud',
      '  2.   Udrulning til de øvrige botilbud',
      '',
    ].join('\n');
    expect(rows(text)).toEqual([]);
    expect(paragraphs(text)).toEqual([
      'Forslagets titel: BC88 Digital adgangsstyring',
      'Der søges om midler fra: Investeringspuljen',
      'Berørte forvaltninger: ☒ Økonomiforvaltningen ☐ Socialforvaltningen',
      '1. Etablering af låse i to botilbud\n2. Udrulning til de øvrige botilbud',
    ]);
  });

  it('leaves justified text alone, whose stretched word spaces line up by chance', () => {
    const text = 'Vintertjenesten  salter  i  dag  efter  faste ruter og\nen ny vejrudsigt for by  og  land, men temperaturen\n';
    expect(rows(text)).toEqual([]);
  });

  it('leaves text alone where a double space lines up with nothing', () => {
    const text = 'Forslaget  sparer tid.\nDet giver os  bedre service og færre fejl i sagerne.\n';
    expect(rows(text)).toEqual([]);
    expect(paragraphs(text)).toEqual(['Forslaget sparer tid.\nDet giver os bedre service og færre fejl i sagerne.']);
  });

  it('reads a markdown pipe table without outer pipes', () => {
    const text = 'Udvalg | NR | Forslag | Beløb\n--- | --- | --- | ---:\nBUU | BC29 | Digitale samtaler | 2,2\nI alt | | | 2,2\n\nEfter tabellen | med en streg\n';
    expect(rows(text)).toEqual([
      [
        ['Udvalg', 'NR', 'Forslag', 'Beløb'],
        ['BUU', 'BC29', 'Digitale samtaler', '2,2'],
        ['I alt', '', '', '2,2'],
      ],
    ]);
    expect(paragraphs(text)).toEqual(['Efter tabellen | med en streg']);
  });
});
