/** The streaming CSV reader: any chunking gives the same records; oversized records are rejected and skipped. */
import { CsvStream, parseCsv } from '../src/core/csv';

const SAMPLE = '\uFEFFid,text,n\r\n1,"a, b",2\r\n2,"multi\r\nline ""quoted""",3\n3,plain,4\r4,"",5\n\n5,last,6';

function chunked(text: string, size: number) {
  const s = new CsvStream('t.csv');
  const out = [];
  for (let i = 0; i < text.length; i += size) out.push(...s.push(text.slice(i, i + size)));
  out.push(...s.end());
  return out;
}

test('every chunk size gives the same records and line numbers as whole-text parsing', () => {
  const whole = parseCsv(SAMPLE, 't.csv');
  expect(whole.map((r) => r.cells)).toEqual([
    ['id', 'text', 'n'],
    ['1', 'a, b', '2'],
    ['2', 'multi\nline "quoted"', '3'],
    ['3', 'plain', '4'],
    ['4', '', '5'],
    ['5', 'last', '6'],
  ]);
  expect(whole.map((r) => r.line)).toEqual([1, 2, 3, 5, 6, 8]);
  for (const size of [1, 2, 3, 5, 7, 16, 1000]) expect(chunked(SAMPLE, size)).toEqual(whole);
});

test('a 5 MB line is rejected with its line number and the next lines are still read', () => {
  const s = new CsvStream('big.csv', { maxRecordChars: 1_000_000 });
  const big = `2,${'x'.repeat(5_000_000)},3`;
  const text = `id,text,n\n1,ok,2\n${big}\n3,ok,4\n`;
  const records = [...s.push(text), ...s.end()];
  expect(records.map((r) => r.cells[0])).toEqual(['id', '1', '3']);
  expect(records[2].line).toBe(4);
  expect(s.oversized).toEqual([{ line: 3, chars: 1_000_001 }]);
});

test('a broken quote that swallows the rest of the file is reported at the line where it opened', () => {
  expect(() => parseCsv('a,b\n1,"never closed\n2,3\n4,5\n', 'cut.csv')).toThrow(
    'cut.csv, line 2: a quoted cell is not closed before the end of the file (truncated file?)',
  );
});

test('TSV without quoting: quotes are ordinary characters', () => {
  const r = parseCsv('a\tb\n"x\t5 "inch"\n', 't.tsv', { separator: '\t', quotes: false });
  expect(r.map((x) => x.cells)).toEqual([
    ['a', 'b'],
    ['"x', '5 "inch"'],
  ]);
});
