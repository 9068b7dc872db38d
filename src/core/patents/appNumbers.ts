/**
 * Application numbers of the Japanese and US offices as one key per application, whatever source wrote them
 * (pure: no I/O, no other module). normaliseApplicationNumber (record.ts) composes these; every importer
 * goes through it.
 *
 * Japan ("JP" + 4-digit year + 6-digit serial; utility models "JPU" + year + serial):
 *   J-PlatPat  特願2018-174321, 特願平11-123456 (era year), 実願2002-002636 (utility model)
 *   Lens       "JP 2018174321 A" (year + serial; "U" = utility model), "JP 5847480 A" (serial + 2-digit year,
 *              before 2000: 特願昭55-058474)
 *   by hand    JP2018-174321, JP2018174321, JPU2002-002636, 特願２０１８－１７４３２１
 * United States ("US" + 2-digit series code + 6-digit serial):
 *   ppubs      "17/848319"; PatentsView "17/848319" or the serial with its series code apart
 *   Lens       "US 201213657122 A" (year + series + serial), "US 17439471 A" (serial + 2-digit year:
 *              174394 filed in 1971, series 05)
 *   by hand    US 13/657,122, US13657122
 */

/** Hyphens and dashes people and exports put between year and serial (after NFKC). */
const DASH = '[-‐‑–—−―ー]';

/** The first year of each Japanese era that numbers applications (n-th year = first + n − 1). */
const ERAS: readonly (readonly [RegExp, number, number])[] = [
  [/^(?:令和?|R)$/, 2019, 99],
  [/^(?:平成?|H)$/, 1989, 31],
  [/^(?:昭和?|S)$/, 1926, 64],
];

const pad6 = (serial: string): string => serial.padStart(6, '0');

/** An era and its year ("平", "11" or "元") as a Gregorian year, or undefined when out of the era. */
function eraYear(era: string, n: string): number | undefined {
  const found = ERAS.find(([re]) => re.test(era));
  if (!found) return undefined;
  const year = n === '元' ? 1 : Number(n);
  return year >= 1 && year <= found[2] ? found[1] + year - 1 : undefined;
}

const JP_ERA = new RegExp(`^(令和|平成|昭和|[令平昭RHS])(\\d{1,2}|元)年?${DASH}?(\\d{1,6})号?$`);
const JP_YEAR_DASH = new RegExp(`^((?:19|20)\\d{2})${DASH}(\\d{1,6})号?$`);
const JP_YEAR = /^((?:19|20)\d{2})(\d{6})号?$/;

/**
 * The key of a Japanese application number, or undefined when `s` is none. `s` is NFKC, without spaces,
 * upper case. 特願/実願 (J-PlatPat) and JP/JPU prefixes are recognised; a Lens kind letter after the number says
 * patent (A) or utility model (U); a bare "JP…" is a utility model only when `utility` says so (the record's
 * kind, from a column of the source). Era years: 令和 R n = 2018 + n, 平成 H n = 1988 + n, 昭和 S n = 1925 + n.
 */
export function jpApplicationKey(s: string, utility = false): string | undefined {
  const m = /^(特願|実願|JPU|JP)(.+)$/.exec(s);
  if (!m) return undefined;
  let body = m[2];
  let isUtility = m[1] === '実願' || m[1] === 'JPU' || (m[1] === 'JP' && utility);
  let lensKind = false;
  if (m[1] === 'JP' && /^\d+[AU]$/.test(body)) {
    // Lens: "JP 2018174321 A", "JP 2002002636 U", "JP 5847480 A" (serial + two-digit year).
    isUtility = body.endsWith('U');
    body = body.slice(0, -1);
    lensKind = true;
  }
  const series = isUtility ? 'JPU' : 'JP';
  let g: RegExpExecArray | null;
  if ((g = JP_YEAR.exec(body)) || (g = JP_YEAR_DASH.exec(body))) return `${series}${g[1]}${pad6(g[2])}`;
  if ((g = JP_ERA.exec(body))) {
    const year = eraYear(g[1], g[2]);
    return year === undefined ? undefined : `${series}${year}${pad6(g[3])}`;
  }
  // Before 2000 the office numbered by era year; Lens writes those as serial + the Gregorian year's last two digits.
  if (lensKind && (g = /^(\d{1,6})(\d{2})$/.exec(body))) return `${series}19${g[2]}${pad6(g[1])}`;
  return undefined;
}

/**
 * US utility series codes by filing year, for Lens's serial + two-digit-year numbers. A series runs from its
 * first year to its last; in a year two series share (the old one's stragglers, the new one's first serials)
 * a serial from 500,000 up belongs to the old series, a lower one to the new: a series ends near 999,999 and
 * no series reached 500,000 in its first year. Lens writes series 13 on as year + series + serial, so the table
 * stops at 12. A national-stage (371) entry numbered in a later series than its international filing year's
 * comes out in the earlier series: such numbers are better written with their series ("12/064,123").
 */
const US_SERIES_YEARS: readonly (readonly [series: number, from: number, to: number])[] = [
  [2, 1935, 1948],
  [3, 1948, 1960],
  [4, 1960, 1970],
  [5, 1970, 1979],
  [6, 1979, 1987],
  [7, 1987, 1993],
  [8, 1993, 1998],
  [9, 1997, 2002],
  [10, 2001, 2005],
  [11, 2004, 2008],
  [12, 2007, 2012],
];

/** The series of a US serial filed in a year (see US_SERIES_YEARS), or undefined out of the table. */
export function usSeriesOf(serial: number, year: number): number | undefined {
  const candidates = US_SERIES_YEARS.filter(([, from, to]) => year >= from && year <= to).map(([s]) => s);
  if (candidates.length === 0) return undefined;
  return candidates.length === 1 || serial >= 500_000 ? candidates[0] : candidates[candidates.length - 1];
}

/**
 * The application key of a US application number: "US" + series code (2 digits) + serial (6 digits).
 * Accepts "17/848319", "17848319", "US 17/848,319", a bare serial with its series code given apart
 * (PatentsView's series_code), the year-prefixed "2012/13657122" or "201213657122" some databases write, and
 * Lens's forms with the kind letter after them: "US 201213657122 A" (year + series + serial) and
 * "US 17439471 A" (serial 174394 + the filing year's last two digits, 71: series 05, see usSeriesOf).
 * undefined when the number is in none of these forms (the caller keeps it as written, and says so).
 */
export function usApplicationKey(raw: string, seriesCode = ''): string | undefined {
  const s = raw.normalize('NFKC').toUpperCase().replace(/[\s,]/g, '').replace(/^US/, '');
  const series = seriesCode.normalize('NFKC').trim();
  let m: RegExpExecArray | null;
  if ((m = /^(\d{2})\/(\d{6})$/.exec(s))) return `US${m[1]}${m[2]}`;
  if ((m = /^(\d{8})$/.exec(s))) return `US${m[1]}`;
  if ((m = /^(\d{6})$/.exec(s)) && /^\d{1,2}$/.test(series)) return `US${series.padStart(2, '0')}${m[1]}`;
  // Year-prefixed, with or without Lens's kind letter (A application, P provisional, F design: the series says which).
  if ((m = /^(?:19|20)\d{2}\/?(\d{8})[APF]?$/.exec(s))) return `US${m[1]}`;
  if ((m = /^(\d{1,6})(\d{2})A$/.exec(s))) {
    const yy = Number(m[2]);
    const year = yy >= 35 ? 1900 + yy : 2000 + yy;
    const found = usSeriesOf(Number(m[1]), year);
    return found === undefined ? undefined : `US${String(found).padStart(2, '0')}${pad6(m[1])}`;
  }
  return undefined;
}
