/**
 * The pane's keyword path without a browser: Session.keywordSide segments the merged records once per set of
 * patent imports (the extractor here is the core's, in this thread; the pane's runs lindera in Web Workers) and
 * the evaluation gets the Keywords and PSI sheets, company-scoped like Evaluation and Portfolio. The corpus and its
 * hand-worked PSI are those of cli-keywords.test.ts.
 */
import { readFileSync } from 'fs';
import { importCanonical } from '../src/core/patents/importers/canonical';
import { documentKeywords } from '../src/core/text-mining/keywords';
import { DEFAULT_PARAMETERS, Session, type KeywordExtractor } from '../src/taskpane/session';
import { FIXTURES } from './helpers/evaluate';
import { KEYWORD_PATENTS } from './helpers/keywordCorpus';

test('keywords once per import, the Keywords and PSI sheets of the company, PSI_SELF as worked by hand', async () => {
  const s = new Session();
  s.setFinancials({ name: 'financials-small.csv', text: readFileSync(`${FIXTURES}/financials-small.csv`, 'utf8') });
  s.setMarket({ name: 'market-small.csv', text: readFileSync(`${FIXTURES}/market-small.csv`, 'utf8') });
  s.addPatents(await importCanonical([KEYWORD_PATENTS], { file: 'patents.csv', keepText: true }));
  let calls = 0;
  const progress: number[] = [];
  const extract: KeywordExtractor = async (texts, onProgress) => {
    calls += 1;
    onProgress?.(texts.length, texts.length);
    return { keywords: texts.map((t) => documentKeywords(t, undefined)) };
  };
  const params = { ...DEFAULT_PARAMETERS, cutoff: '2022-12-31' };
  const keywords = await s.keywordSide(params, extract, (done) => progress.push(done));
  expect(calls).toBe(1);
  expect(progress).toEqual([10]);
  const ev = s.evaluate('Alpha Denki', params, keywords);
  // PSI_SELF of Alpha's four applications: 66.667, 87.5, 75, 75 → mean 76.042.
  expect(ev.json.indicators.PSI_SELF.latest).toBeCloseTo((200 / 3 + 87.5 + 75 + 75) / 4, 9);
  // Default region (lift ≥ 5): none of its keywords (pump and laser have lift 2.5).
  expect(ev.json.indicators.KEYWORD_COUNT.latest).toBe(0);
  const scoped = ev.workbook.model.sheets.filter((x) => x.scope === 'company').map((x) => x.name);
  expect(scoped).toEqual(['Evaluation', 'Portfolio', 'Keywords', 'PSI']);

  // Another cut-off rebuilds the patent side, not the segmentation.
  await s.keywordSide({ ...params, cutoff: '2021-12-31' }, extract);
  expect(calls).toBe(1);
  // Another patent file does.
  s.addPatents(await importCanonical([KEYWORD_PATENTS.replace(/\nG2,.*$/, '')], { file: 'more.csv', keepText: true }));
  await s.keywordSide(params, extract);
  expect(calls).toBe(2);
});
