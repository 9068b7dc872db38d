import { StringPool, detached } from '../src/core/patents/stringPool';

describe('StringPool', () => {
  it('hands out one copy per distinct string, equal to the original', () => {
    const pool = new StringPool();
    const row = '蔵王テクノエレクトロニクス株式会社,高木電子工業株式会社,蔵王テクノエレクトロニクス株式会社';
    const [a, b, c] = row.split(',');
    const pa = pool.intern(a);
    expect(pa).toBe('蔵王テクノエレクトロニクス株式会社');
    expect(pool.intern(c)).toBe(pa);
    expect(pool.intern(b)).toBe('高木電子工業株式会社');
  });

  it('pools ISO dates by their digits, and dates outside 1800–2200 by hashing', () => {
    const pool = new StringPool();
    expect(pool.isoDate('2004-01-05')).toBe('2004-01-05');
    expect(pool.isoDate('2004-01-05')).toBe('2004-01-05');
    // Neighbouring slots must not collide: month 12 day 31 vs the next year's first day.
    expect(pool.isoDate('2004-12-31')).toBe('2004-12-31');
    expect(pool.isoDate('2005-01-01')).toBe('2005-01-01');
    expect(pool.isoDate('1800-01-01')).toBe('1800-01-01');
    expect(pool.isoDate('2200-12-31')).toBe('2200-12-31');
    expect(pool.isoDate('1799-12-31')).toBe('1799-12-31');
    expect(pool.isoDate('2201-01-01')).toBe('2201-01-01');
  });

  it('splits lists at semicolons, trims and drops empty items, interned or not', () => {
    const pool = new StringPool();
    expect(pool.list('')).toEqual([]);
    expect(pool.list('  ')).toEqual([]);
    expect(pool.list(' 久保 翔太 ')).toEqual(['久保 翔太']);
    expect(pool.list('久保 翔太; ;三浦純一;')).toEqual(['久保 翔太', '三浦純一']);
    expect(pool.list('H01M 79/204;G06T 1/00', false)).toEqual(['H01M 79/204', 'G06T 1/00']);
  });

  it('shares one list among cells of the same text', () => {
    const pool = new StringPool();
    const a = pool.sharedList('北斗電機株式会社; 南風工業株式会社');
    expect(a).toEqual(['北斗電機株式会社', '南風工業株式会社']);
    expect(pool.sharedList('北斗電機株式会社; 南風工業株式会社')).toBe(a);
    expect(pool.sharedList('北斗電機株式会社')).toEqual(['北斗電機株式会社']);
    expect(pool.sharedList('')).toEqual([]);
  });

  it('detached keeps the text', () => {
    const long = 'x'.repeat(40) + '株式会社';
    expect(detached(long.slice(3))).toBe(long.slice(3));
    expect(detached('short')).toBe('short');
  });
});
