/** Reading financials.csv and market.csv: every problem is named by file, row and column; nothing is dropped silently. */
import { parseCsv, CsvSyntaxError } from '../src/core/csv';
import { readFinancials, readMarket } from '../src/core/inputs';
import { formatIssue } from '../src/core/issues';
import { blockedByField } from '../src/core/coverage';

const HEAD = 'company,industry,fiscal_year,fy_end,sales,operating_income';

function fin(text: string) {
  return readFinancials(text, 'financials.csv', blockedByField);
}

describe('CSV', () => {
  test('quoted commas, doubled quotes and line breaks inside cells; CRLF, LF and CR line ends; BOM', () => {
    const text = '\uFEFFa,b\r\n"x, y","say ""hi"""\r\n"multi\nline",2\r3,4\n';
    const recs = parseCsv(text, 't.csv');
    expect(recs.map((r) => r.cells)).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"'],
      ['multi\nline', '2'],
      ['3', '4'],
    ]);
    // the record after the quoted line break starts on physical line 3 and the next one on line 5
    expect(recs.map((r) => r.line)).toEqual([1, 2, 3, 5]);
  });

  test('an unterminated quote is an error naming the line where the cell opened', () => {
    expect(() => parseCsv('a,b\n1,"open\n2,3\n', 't.csv')).toThrow(CsvSyntaxError);
    expect(() => parseCsv('a,b\n1,"open\n2,3\n', 't.csv')).toThrow('t.csv, line 2: a quoted cell is not closed');
  });
});

describe('financials.csv', () => {
  test('a valid file: thousands separators, full-width digits and header case are accepted', () => {
    const r = fin(`Company,INDUSTRY,fiscal_year,fy_end,sales,operating_income\nA,x,2020,2021-03-31,"1,234.5",１２\n`);
    expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(r.rows[0].values).toEqual({ sales: 1234.5, operating_income: 12 });
  });

  test('a missing required column is an error on the header row naming the column; no rows are read', () => {
    const r = fin('company,fiscal_year,fy_end,sales\nA,2020,2021-03-31,1\n');
    expect(r.rows).toEqual([]);
    expect(r.issues.map(formatIssue)).toContain(
      'error: financials.csv, row 1, column industry: required column is missing from the header',
    );
  });

  test('an absent numeric column is a warning naming what it blocks', () => {
    const r = fin(`${HEAD}\nA,x,2020,2021-03-31,1,1\n`);
    const w = r.issues.find((i) => i.column === 'rnd');
    expect(w?.severity).toBe('warning');
    expect(w?.message).toMatch(/blocks RND, INVEST_TREND, .*GBP/);
  });

  test('a non-numeric cell, a bad date, a bad year and an empty company: each named, each row rejected, the rest kept', () => {
    const r = fin(
      [
        HEAD,
        'A,x,2020,2021-03-31,12a,1',
        'B,x,2020,2021-02-30,1,1',
        'C,x,FY2020,2021-03-31,1,1',
        ',x,2020,2021-03-31,1,1',
        'D,x,2020,2021-03-31,5,1',
      ].join('\n'),
    );
    const errors = r.issues.filter((i) => i.severity === 'error').map(formatIssue);
    expect(errors).toEqual([
      'error: financials.csv, row 2, column sales: "12a" is not a number: row rejected',
      'error: financials.csv, row 3, column fy_end: "2021-02-30" is not a date YYYY-MM-DD: row rejected',
      'error: financials.csv, row 4, column fiscal_year: "FY2020" is not an integer year: row rejected',
      'error: financials.csv, row 5, column company: company is empty: row rejected',
    ]);
    expect(r.rows.map((x) => x.company)).toEqual(['D']);
  });

  test('a duplicate company-year names both rows; a company that changes industry is an error', () => {
    const r = fin([HEAD, 'A,x,2020,2021-03-31,1,1', 'A,x,2020,2021-03-31,2,2', 'A,y,2021,2022-03-31,1,1'].join('\n'));
    const errors = r.issues.filter((i) => i.severity === 'error').map(formatIssue);
    expect(errors).toEqual([
      'error: financials.csv, row 3, column fiscal_year: A FY2020 already appears on row 2: duplicate rejected',
      'error: financials.csv, row 4, column industry: A is in industry "x" on row 2 but "y" here: row rejected',
    ]);
  });

  test('a row with too many or too few cells is rejected with its row number', () => {
    const r = fin([HEAD, 'A,x,2020,2021-03-31,1', 'B,x,2020,2021-03-31,1,1,9'].join('\n'));
    expect(r.issues.filter((i) => i.severity === 'error').map(formatIssue)).toEqual([
      'error: financials.csv, row 2: row has 5 cells but the header has 6: row rejected',
      'error: financials.csv, row 3: row has 7 cells but the header has 6: row rejected',
    ]);
    expect(r.issues.filter((i) => i.severity === 'error').map((i) => i.line)).toEqual([2, 3]);
  });

  test('a negative employee count is rejected; a negative operating income is not', () => {
    const r = fin(
      'company,industry,fiscal_year,fy_end,operating_income,employees\nA,x,2020,2021-03-31,-5,10\nB,x,2020,2021-03-31,5,-1\n',
    );
    expect(r.rows.map((x) => x.company)).toEqual(['A']);
    expect(r.issues.some((i) => i.severity === 'error' && i.column === 'employees' && i.line === 3)).toBe(true);
  });

  test('an fy_end that does not fit the fiscal year is a warning', () => {
    const r = fin(`${HEAD}\nA,x,2020,2025-03-31,1,1\n`);
    expect(r.issues.some((i) => i.severity === 'warning' && i.column === 'fy_end')).toBe(true);
  });

  test('an empty file and a header-only file are errors', () => {
    expect(fin('').issues.map((i) => i.message)).toEqual(['the file is empty: a header row is required']);
    expect(
      fin(`${HEAD}\n`)
        .issues.filter((i) => i.severity === 'error')
        .map((i) => i.message),
    ).toEqual(['no data rows']);
  });
});

describe('market.csv', () => {
  test('a rate written as a percentage is rejected; duplicates are named', () => {
    const r = readMarket('fiscal_year,short_prime_rate\n2020,1.475\n2021,0.01475\n2021,0.01\n', 'market.csv');
    expect(r.issues.filter((i) => i.severity === 'error').map(formatIssue)).toEqual([
      'error: market.csv, row 2, column short_prime_rate: 1.475 is not a rate as a fraction (write 0.015 for 1.5%)',
      'error: market.csv, row 4, column fiscal_year: FY2021 already appears on row 3: duplicate rejected',
    ]);
    expect(r.rows.map((x) => x.fiscalYear)).toEqual([2021]);
  });
});
