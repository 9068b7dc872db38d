/** Block 2 reads a request's or registration's year from its day number by arithmetic, as isoOfDay spells it. */
import { civilDay, isoOfDay } from '../src/core/patents/dayNumbers';
import { yearOfDay } from '../src/core/patents/stats';

test('the year of a day number: year ends, leap days, the edges of 1800–2200 and beyond them', () => {
  // Day 0 is 1970-01-01; 1969-12-31 is day −1; 2000-02-29 (a leap day of a year divisible by 400) is
  // 30 years × 365 + 7 leap days (1972 … 1996) + 31 + 28 = 11016 days after day 0.
  expect(yearOfDay(0)).toBe(1970);
  expect(yearOfDay(-1)).toBe(1969);
  expect(civilDay(2000, 2, 29)).toBe(11016);
  expect(yearOfDay(11016)).toBe(2000);
  expect(yearOfDay(civilDay(1900, 3, 1) - 1)).toBe(1900); // 1900-02-28: 1900 has no 29 February
  expect(yearOfDay(civilDay(1800, 1, 1))).toBe(1800);
  expect(yearOfDay(civilDay(1800, 1, 1) - 1)).toBe(1799);
  expect(yearOfDay(civilDay(2200, 12, 31))).toBe(2200);
  expect(yearOfDay(civilDay(2200, 12, 31) + 1)).toBe(2201);
  // Every day of 1790–2210 as the ISO string spells its year.
  let differ = 0;
  for (let d = civilDay(1790, 1, 1); d <= civilDay(2210, 12, 31); d += 1) {
    if (yearOfDay(d) !== Number(isoOfDay(d).slice(0, 4))) differ += 1;
  }
  expect(differ).toBe(0);
});
