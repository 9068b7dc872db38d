/**
 * Dates as day numbers (days since 1970-01-01, proleptic Gregorian): what a million-record store keeps instead
 * of ISO strings, and what the statistics compare. ISO strings compare as their day numbers do.
 */
import { isDateInRange } from '../text/dates';

/** Day number of a civil date (Howard Hinnant's days_from_civil). */
export function civilDay(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** The ISO date (YYYY-MM-DD) of a day number (civil_from_days). */
function civilIso(day: number): string {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

/** Years 1800–2200, the range parseDate accepts: one string per day, made once and shared by every record. */
const FIRST_DAY = civilDay(1800, 1, 1);
const LAST_DAY = civilDay(2200, 12, 31);
let isoByDay: (string | undefined)[] | undefined;

/** isoOfDay(civilDay(y, m, d)) is the ISO date; the same string object every time for days of 1800–2200. */
export function isoOfDay(day: number): string {
  if (day < FIRST_DAY || day > LAST_DAY) return civilIso(day);
  // Filled up front: an array written at scattered indexes would fall back to a slow dictionary.
  isoByDay ??= new Array<string | undefined>(LAST_DAY - FIRST_DAY + 1).fill(undefined);
  const i = day - FIRST_DAY;
  return (isoByDay[i] ??= civilIso(day));
}

/** isoDayOfBytes of bytes that are not a valid YYYY-MM-DD: far below any day of 1800–2200. */
export const NOT_ISO = -1e9;

/**
 * The day number of bytes buf[s, e) written YYYY-MM-DD and valid as parseDate validates it (years 1800–2200,
 * the month's days, 29 February of leap years only); NOT_ISO for anything else, which parseDate then reads.
 */
export function isoDayOfBytes(buf: Uint8Array, s: number, e: number): number {
  if (e - s !== 10 || buf[s + 4] !== 45 || buf[s + 7] !== 45) return NOT_ISO;
  let y = 0;
  for (let i = s; i < s + 4; i += 1) {
    const c = buf[i] - 48;
    if (c < 0 || c > 9) return NOT_ISO;
    y = y * 10 + c;
  }
  const m0 = buf[s + 5] - 48;
  const m1 = buf[s + 6] - 48;
  const d0 = buf[s + 8] - 48;
  const d1 = buf[s + 9] - 48;
  if (m0 < 0 || m0 > 9 || m1 < 0 || m1 > 9 || d0 < 0 || d0 > 9 || d1 < 0 || d1 > 9) return NOT_ISO;
  const m = m0 * 10 + m1;
  const d = d0 * 10 + d1;
  return isDateInRange(y, m, d) ? civilDay(y, m, d) : NOT_ISO;
}
