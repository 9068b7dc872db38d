/**
 * Requests counted by fiscal year (年度): a fiscal year runs from the day after the previous FY end up to and
 * including its own end, so a request on an FY-end day is that year's and one on the next day the next year's;
 * the cumulative counts start after the FY end before the grant-rate base year. Counted by hand below.
 */
import { buildUniverse } from '../src/core/universe';
import type { CompanyYear } from '../src/core/inputs';
import { importCanonical } from '../src/core/patents/importers/canonical';
import { consolidate } from '../src/core/patents/names';
import { aggregatePatents } from '../src/core/patents/stats';
import type { StatField } from '../src/core/patents/statFields';

const HEADER = 'application_number,filing_date,applicants,claims,exam_request_date,registration_date';
// Delta's fiscal year N ends N+1-03-31; the grant-rate base year is 2019, so cumulative counts start after
// 2019-03-31 (the end of FY2018).
const ROWS = [
  'B1,2018-06-01,Delta,5,2020-03-31,2020-09-01', // FY2019's last day; registered
  'B2,2018-07-01,Delta,5,2020-04-01,', // FY2020's first day
  'B3,2018-08-01,Delta,5,2021-03-31,2021-12-01', // FY2020's last day; registered
  'B4,2018-09-01,Delta,5,2019-04-01,', // FY2019's first day
  'B5,2010-01-01,Delta,5,2010-05-05,2011-01-01', // long before the base
  'B6,2018-01-01,Delta,5,2019-03-31,2019-06-01', // FY2018's last day: the base, not after it
  'B7,2018-10-01,Delta,5,2023-01-10,', // after the cut-off
];

test('requests on and around FY-end days, yearly and cumulative since the base', async () => {
  const imported = await importCanonical([`${HEADER}\n${ROWS.join('\n')}\n`], { file: 'p.csv' });
  expect(imported.rejected).toEqual([]);
  const rows: CompanyYear[] = [2019, 2020, 2021].map((y) => ({
    company: 'Delta',
    industry: 'x',
    fiscalYear: y,
    fyEnd: `${y + 1}-03-31`,
    values: {},
    file: 'f.csv',
    line: 0,
  }));
  const stats = aggregatePatents(imported.records, consolidate(['Delta'], ['Delta']), buildUniverse(rows, []), {
    cutoff: '2022-12-31',
    baseYearApplications: 1994,
    baseYearExam: 1992,
    baseYearGrantRate: 2019,
  });
  const values = (field: StatField): unknown[] => [2019, 2020, 2021].map((y) => stats.value('Delta', y, field));
  expect(values('fy_exam_requests')).toEqual([2, 2, 0]); // B4, B1 | B2, B3 | none
  expect(values('fy_requests_granted')).toEqual([1, 1, 0]); // B1 | B3
  expect(values('cum_fy_requests')).toEqual([2, 4, 4]);
  expect(values('cum_fy_requests_granted')).toEqual([1, 2, 2]);
});
