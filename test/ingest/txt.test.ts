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
