/**
 * The evaluator run in-process on the small fixture (financials-small.csv, market-small.csv) for Alpha Denki
 * with a patents.csv written by the test, cut-off 2022-12-31: what the Block 3 CLI tests share.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { main } from '../../src/cli/main';
import { FIXTURES } from './evaluate';

/** The hand-worked portfolio corpus of portfolio.test.ts, with the fixture's company names. */
export const PORTFOLIO_PATENTS = [
  'application_number,filing_date,applicants,ipc,claims',
  'P1,2017-03-01,Alpha Denki,H01M 4/00,10',
  'P2,2017-04-01,Beta Seiki,B01D 53/14,5',
  'P3,2017-05-01,Gamma Kogyo,G06F 17/00,3',
  'P4,2018-02-01,Alpha Denki,H01M 8/00,10',
  'P5,2018-03-01,Alpha Denki;Beta Seiki,B01D 53/62,6',
  'P6,2018-06-01,Gamma Kogyo,H01M 10/00;G06F 1/00,4',
  'P7,2019-01-10,ALPHA DENKI,H01M 4/00;H01M 8/04,20',
  'P8,2019-02-01,Beta Seiki,B01D 53/14,8',
  'P9,2019-03-01,Gamma Kogyo,G06F 3/00,2',
  'P10,2020-04-01,Alpha Denki,H01M 4/00;C01B 32/50,12',
  'P11,2020-05-01,Beta Seiki,B01D 53/14,4',
  'P12,2020-06-01,Gamma Kogyo,G06F 3/00,6',
].join('\n');

export interface SmallRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the evaluator's JSON, read field by field
  readonly json: any;
  readonly xlsx: string;
}

export async function evaluateSmall(patentsCsv: string, extra: readonly string[]): Promise<SmallRun> {
  const dir = mkdtempSync(join(tmpdir(), 'ipb-small-'));
  writeFileSync(join(dir, 'patents.csv'), `${patentsCsv}\n`);
  let out = '';
  let err = '';
  const xlsx = join(dir, 'a.xlsx');
  const code = await main(
    [
      'evaluate',
      '--financials',
      `${FIXTURES}/financials-small.csv`,
      '--market',
      `${FIXTURES}/market-small.csv`,
      '--company',
      'Alpha Denki',
      '--patents',
      join(dir, 'patents.csv'),
      '--cutoff',
      '2022-12-31',
      '--out',
      xlsx,
      '--json',
      join(dir, 'a.json'),
      ...extra,
    ],
    { out: (s) => (out += `${s}\n`), err: (s) => (err += `${s}\n`) },
  );
  const json: unknown = code === 0 ? JSON.parse(readFileSync(join(dir, 'a.json'), 'utf8')) : undefined;
  return { code, out, err, json, xlsx };
}
