/**
 * Dates as patent offices and databases write them, to ISO YYYY-MM-DD: ISO, YYYY/MM/DD, YYYYMMDD,
 * DD/MM/YY (Lens's old layout; only where the format says so), and Japanese era dates (令和6年1月5日,
 * 平成15年10月23日, 平成元年, H15.10.23, R6.1.5), with full-width digits and separators.
 */
export type DateStyle = 'auto' | 'dmy2';

const ERAS: readonly { names: readonly string[]; start: [number, number, number] }[] = [
  { names: ['令和', 'R'], start: [2019, 5, 1] },
  { names: ['平成', 'H'], start: [1989, 1, 8] },
  { names: ['昭和', 'S'], start: [1926, 12, 25] },
  { names: ['大正', 'T'], start: [1912, 7, 30] },
  { names: ['明治', 'M'], start: [1868, 1, 25] },
];

function valid(y: number, m: number, d: number): string | null {
  if (!isDateInRange(y, m, d)) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function era(s: string): string | null {
  const m =
    /^(令和|平成|昭和|大正|明治|[RHSTM])\s*(元|\d{1,2})\s*[年.\-/]\s*(\d{1,2})\s*[月.\-/]\s*(\d{1,2})\s*日?$/.exec(s);
  if (!m) return null;
  const e = ERAS.find((x) => x.names.includes(m[1]));
  if (!e) return null;
  const n = m[2] === '元' ? 1 : Number(m[2]);
  const iso = valid(e.start[0] + n - 1, Number(m[3]), Number(m[4]));
  if (!iso) return null;
  // A date before the era began is a typo, not a date (平成1年1月1日 was still 昭和).
  const start = valid(...e.start) ?? '';
  return iso >= start ? iso : null;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Digit at i of s as a number, or -1. */
const digitAt = (s: string, i: number): number => {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
};

/**
 * A date already written YYYY-MM-DD (the canonical files, most exports): valid() by arithmetic, without NFKC,
 * regular expressions or a Date, and the text itself as the result. undefined: not in this form.
 */
function isoAsIs(s: string): string | null | undefined {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return undefined;
  // Digit by digit, no array: this runs for every date of a million-row import.
  const y0 = digitAt(s, 0);
  const y1 = digitAt(s, 1);
  const y2 = digitAt(s, 2);
  const y3 = digitAt(s, 3);
  const m0 = digitAt(s, 5);
  const m1 = digitAt(s, 6);
  const d0 = digitAt(s, 8);
  const d1 = digitAt(s, 9);
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0) return undefined;
  const y = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const m = m0 * 10 + m1;
  const d = d0 * 10 + d1;
  return isDateInRange(y, m, d) ? s : null;
}

/**
 * Whether y-m-d is a real date of the years every importer accepts (1800–2200): the one rule of date validity,
 * for text (parseDate) and for bytes (dayNumbers.ts) alike.
 */
export function isDateInRange(y: number, m: number, d: number): boolean {
  if (!(y >= 1800 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= DAYS_IN_MONTH[m - 1])) return false;
  return !(m === 2 && d === 29 && !isLeapYear(y));
}

/** A Gregorian leap year. */
export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** ISO date, or null when the text is not a date in a recognised form; '' → null too (check emptiness first). */
export function parseDate(raw: string, style: DateStyle = 'auto'): string | null {
  const iso = isoAsIs(raw);
  if (iso !== undefined) return iso;
  const s = raw.normalize('NFKC').trim();
  if (s === '') return null;
  let m: RegExpExecArray | null;
  if (style === 'dmy2' && (m = /^(\d{1,2})\/(\d{1,2})\/(\d{2})$/.exec(s))) {
    // Two-digit years: 00–(this century's years so far + 1) are 20xx; the rest are 19xx.
    const yy = Number(m[3]);
    return valid(yy <= 30 ? 2000 + yy : 1900 + yy, Number(m[2]), Number(m[1]));
  }
  if ((m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ].*)?$/.exec(s)))
    return valid(Number(m[1]), Number(m[2]), Number(m[3]));
  if ((m = /^(\d{4})(\d{2})(\d{2})$/.exec(s))) return valid(Number(m[1]), Number(m[2]), Number(m[3]));
  if ((m = /^(\d{4})年\s*(\d{1,2})月\s*(\d{1,2})日$/.exec(s))) return valid(Number(m[1]), Number(m[2]), Number(m[3]));
  return era(s);
}

/** Adds whole years to an ISO date (29 Feb → 28 Feb in a non-leap target year). */
export function addYears(iso: string, years: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const target = y + years;
  const last = new Date(Date.UTC(target, m, 0)).getUTCDate();
  return `${String(target).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Days from a to b (ISO dates), b − a. */
export function daysBetween(a: string, b: string): number {
  return (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000;
}
