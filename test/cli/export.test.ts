import { describe, expect, it } from 'vitest';
import { exportNames } from '../../src/cli/export.ts';

describe('export file names', () => {
  it('keep Danish letters, and tell apart documents of the same name in different folders', () => {
    const docs = [
      { path: '/arkiv/2018/Bilag 3 Økonomi.pdf', sha256: 'aaaaaaaaaaaa1111' },
      { path: '/arkiv/2019/Bilag 3 Økonomi.pdf', sha256: 'bbbbbbbbbbbb2222' },
      { path: '/arkiv/2019/bilag 3 økonomi.PDF', sha256: 'cccccccccccc3333' },
      { path: '/arkiv/2019/Forslag (BC07).docx', sha256: 'dddd' },
    ];
    expect(exportNames(docs).map(([, n]) => n)).toEqual([
      'Bilag_3_Økonomi.pdf.aaaaaaaaaaaa.json',
      'Bilag_3_Økonomi.pdf.bbbbbbbbbbbb.json',
      'bilag_3_økonomi.PDF.cccccccccccc.json',
      'Forslag_BC07_.docx.json',
    ]);
  });
});
