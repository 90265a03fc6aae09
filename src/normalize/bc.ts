/**
 * BC numbers (the business case number in a proposal's title and a bundle's overview) in one spelling, so that
 * 'BC 7', 'BC7', 'bc07' and 'BC007' are the same proposal: 'BC', the number without leading zeros padded to
 * two digits (the municipality's own spelling: 'BC' and two digits), then an upper-case letter if any.
 */
const BC = /^BC\s*0*(\d+)\s*([A-Z]?)$/i;

export function canonicalBcNumber(raw: string): string {
  const m = BC.exec(raw.trim());
  if (!m) return raw.replace(/\s+/g, '').toUpperCase();
  return `BC${m[1]!.padStart(2, '0')}${m[2]!.toUpperCase()}`;
}
