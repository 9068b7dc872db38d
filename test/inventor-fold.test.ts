import { foldInventor, foldPlainInventor } from '../src/core/patents/stats';

describe('foldPlainInventor: the fast path of inventor names gives what NFKC and dropping whitespace give', () => {
  it('drops half- and full-width spaces of names in kanji, kana and ASCII', () => {
    // "山田 太郎" / "山田\u3000太郎" / "山田太郎" are one person: the spaces go, nothing else changes.
    expect(foldPlainInventor('山田 太郎')).toBe('山田太郎');
    expect(foldPlainInventor('山田\u3000太郎')).toBe('山田太郎');
    expect(foldPlainInventor('山田太郎')).toBe('山田太郎');
    expect(foldPlainInventor('John  Smith')).toBe('JohnSmith');
    expect(foldPlainInventor('佐々木 カオリ')).toBe('佐々木カオリ');
    expect(foldPlainInventor('ゆーこ')).toBe('ゆーこ');
  });

  it('leaves to NFKC the names it cannot vouch for', () => {
    // Full-width Latin (Ｊｏｈｎ → John), half-width katakana (ｶｵﾘ → カオリ), a voiced mark written apart
    // (か + U+3099 → が), a tab: NFKC or \s changes more than the spaces.
    for (const name of ['Ｊｏｈｎ Ｓｍｉｔｈ', 'ｶｵﾘ', 'か\u3099ん', 'a\tb', 'Müller']) {
      expect(foldPlainInventor(name)).toBeUndefined();
    }
    expect(foldInventor('Ｊｏｈｎ Ｓｍｉｔｈ')).toBe('JohnSmith');
  });

  it('agrees with foldInventor on every character it accepts', () => {
    // Every code point of the accepted ranges, alone and between spaces, folds as NFKC + \s removal does.
    const ranges: [number, number][] = [
      [0x21, 0x7e],
      [0x3041, 0x3096],
      [0x30a1, 0x30fa],
      [0x30fc, 0x30fc],
      [0x3005, 0x3005],
      [0x4e00, 0x9fff],
    ];
    let checked = 0;
    for (const [from, to] of ranges) {
      for (let c = from; c <= to; c += 1) {
        const name = ` a${String.fromCharCode(c)}\u3000${String.fromCharCode(c)}`;
        const plain = foldPlainInventor(name);
        if (plain !== foldInventor(name)) throw new Error(`U+${c.toString(16)}: ${plain} vs ${foldInventor(name)}`);
        checked += 1;
      }
    }
    expect(checked).toBe(94 + 86 + 90 + 1 + 1 + 0x5200);
  });
});
