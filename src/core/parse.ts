/** Cell-level parsing shared by every importer: numbers, dates, header names. */

/** Full-width digits and signs (１２３, －) are common in Japanese files; NFKC folds them to ASCII. */
function fold(s: string): string {
  return s.normalize('NFKC').trim();
}

const PLAIN_NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const GROUPED_NUMBER = /^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/;

/** A number, undefined for an empty cell, or null when the text is not a number. */
export function parseNumber(raw: string): number | undefined | null {
  const s = fold(raw);
  if (s === '') return undefined;
  let t = s;
  if (GROUPED_NUMBER.test(t)) t = t.replace(/,/g, '');
  if (!PLAIN_NUMBER.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/** An ISO date YYYY-MM-DD that exists in the calendar, or null. */
export function parseIsoDate(raw: string): string | null {
  const s = fold(raw);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null;
  return s;
}

export function parseInteger(raw: string): number | null {
  // Plain ASCII digits (nearly every cell of a large file): no NFKC, no regular expression.
  const n = raw.length;
  if (n > 0 && n <= 9) {
    let v = 0;
    let i = 0;
    for (; i < n; i += 1) {
      const d = raw.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      v = v * 10 + d;
    }
    if (i === n) return v;
  }
  const s = fold(raw);
  return /^[-+]?\d+$/.test(s) ? Number(s) : null;
}

/** Header names are case-insensitive and may carry stray spaces. */
export function normaliseHeader(raw: string): string {
  return fold(raw).toLowerCase();
}
