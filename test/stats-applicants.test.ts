/**
 * Block 2 counts a patent's applicants after consolidation: spellings of one company on one application count
 * once, in short lists and in long ones alike, and a patent whose applicants all consolidate to one company is a
 * single-applicant patent (its inventors count).
 */
import type { CompanyYear } from '../src/core/inputs';
import { consolidate } from '../src/core/patents/names';
import type { PatentRecord } from '../src/core/patents/record';
import { DEFAULT_BASE_YEARS, aggregatePatents } from '../src/core/patents/stats';
import { buildUniverse } from '../src/core/universe';

const patent = (n: number, applicants: string[], claims: number, inventors: string[]): PatentRecord => ({
  applicationNumber: `JP2020${String(n).padStart(6, '0')}`,
  filingDate: '2020-05-01',
  applicants,
  inventors,
  ipc: [],
  claims,
  kind: 'patent',
  sources: [{ file: 'p.csv', line: n + 1 }],
});

test('consolidated applicants: repeated spellings count once, in short and long lists', () => {
  // 25 co-applicants, each written twice (once with a full-width space), plus Alpha twice: 26 distinct.
  const others = Array.from({ length: 25 }, (_, k) => `Other ${k} Co`);
  const long = [...others, 'Alpha Corp', ...others.map((o) => o.replace(' ', '\u3000')), 'ALPHA CORP'];
  const records = [
    // Alpha alone, spelled two ways: a single-applicant patent with inventors 山田 and 佐藤.
    patent(1, ['Alpha Corp', 'ALPHA CORP'], 10, ['山田 太郎', '佐藤 花子']),
    // Alpha and Beta (Beta spelled twice): joint, 2 applicants, 6 claims → 3 shared.
    patent(2, ['Alpha Corp', 'Beta Ltd', 'BETA LTD'], 6, ['鈴木 一郎']),
    // The long list: joint, 26 applicants, 52 claims → 2 shared.
    patent(3, long, 52, ['田中 次郎']),
  ];
  const names = consolidate(
    records.flatMap((r) => r.applicants),
    ['Alpha Corp', 'Beta Ltd'],
  );
  expect(names.nameOf('ALPHA CORP')).toBe('Alpha Corp');
  expect(names.nameOf('Other\u30000 Co')).toBe(names.nameOf('Other 0 Co'));
  const rows: CompanyYear[] = ['Alpha Corp', 'Beta Ltd'].map((company) => ({
    company,
    industry: 'x',
    fiscalYear: 2020,
    fyEnd: '2020-12-31',
    values: {},
    file: 'f.csv',
    line: 0,
  }));
  const stats = aggregatePatents(records, names, buildUniverse(rows, []), {
    cutoff: '2023-12-31',
    ...DEFAULT_BASE_YEARS,
  });
  const alpha = (f: 'apps' | 'single_apps' | 'joint_apps' | 'shared_claims' | 'inventors') =>
    stats.value('Alpha Corp', 2020, f);
  expect(alpha('apps')).toBe(3);
  expect(alpha('single_apps')).toBe(1);
  expect(alpha('joint_apps')).toBe(2);
  // 10 (alone) + 6 / 2 + 52 / 26 = 10 + 3 + 2 = 15.
  expect(alpha('shared_claims')).toBe(15);
  // Only patent 1 is single-applicant: 山田 and 佐藤.
  expect(alpha('inventors')).toBe(2);
  expect(stats.value('Beta Ltd', 2020, 'shared_claims')).toBe(3);
  // Alpha's co-applicants in its 2 joint patents: Beta once, each Other once.
  const co = stats.coApplicants('Alpha Corp', [2020]);
  expect(co.length).toBe(26);
  expect(co.find((c) => c.name === 'Beta Ltd')).toEqual({ name: 'Beta Ltd', jointApplications: 1, share: 50 });
});
