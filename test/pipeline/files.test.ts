import { describe, expect, it } from 'vitest';
import { extractionOrder } from '../../src/pipeline/files.ts';

describe('extraction order', () => {
  it('groups files by format, PDF then DOCX then text, keeping the given order within a format', () => {
    const paths = ['/a/1.txt', '/a/2.PDF', '/a/3.docx', '/b/4.pdf', '/b/5.txt', '/b/6.DOCX', '/c/7.odt', '/c/8'];
    expect(extractionOrder(paths)).toEqual(['/a/2.PDF', '/b/4.pdf', '/a/3.docx', '/b/6.DOCX', '/a/1.txt', '/b/5.txt', '/c/7.odt', '/c/8']);
  });

  it('returns every path once and leaves its input alone', () => {
    const paths = ['/x.pdf', '/y.txt', '/x.pdf.txt', '/z.docx'];
    const copy = [...paths];
    const out = extractionOrder(paths);
    expect([...out].sort()).toEqual([...paths].sort());
    expect(paths).toEqual(copy);
  });
});
