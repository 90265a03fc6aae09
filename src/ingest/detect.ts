/** Format detection by content (magic bytes), not by file name. */
import type { Format } from '../types.ts';

export function detectFormat(buf: Buffer): Format | null {
  if (buf.length >= 5 && buf.subarray(0, 1024).includes(Buffer.from('%PDF-'))) {
    // PDF allows junk before the header within the first 1024 bytes.
    if (buf.subarray(0, 5).toString('latin1') === '%PDF-' || buf.indexOf('%PDF-') < 1024) return 'pdf';
  }
  if (buf.length >= 4 && buf[0] === 0x50 && buf[1] === 0x4b && (buf[2] === 0x03 || buf[2] === 0x05) && (buf[3] === 0x04 || buf[3] === 0x06)) return 'docx';
  return 'txt';
}

export function formatFromName(path: string): Format | null {
  const m = /\.(pdf|docx|txt)$/i.exec(path);
  return m ? (m[1]!.toLowerCase() as Format) : null;
}
