/**
 * Block 3's text side in the evaluator's JSON: KEYWORD_COUNT, PSI_SELF and PSI_ALL in `indicators` keyed `latest`,
 * tables.PKA (the characteristic keywords, ranked) and tables.PSI (moments, by year, composition, examples).
 */
import type { EvaluationJson } from '../report';
import { isNoValue, toJson, type Value } from '../values';
import { type CompanyKeywords, type KeywordSide, psiYears } from './evaluation';
import type { PsiExample, PsiMoments } from './psi';

const moments = (m: PsiMoments) => ({ n: m.n, mean: toJson(m.mean), sd: toJson(m.sd) });

const example = (e: PsiExample) => ({
  ...(e.publicationNumber ? { publication_number: e.publicationNumber } : { application_number: e.applicationNumber }),
  title: e.title ?? null,
  filing_year: e.filingYear,
  psi_self: e.psiSelf,
  psi_all: e.psiAll,
});

export function keywordJson(json: EvaluationJson, side: KeywordSide, ck: CompanyKeywords): void {
  const values: Record<string, Value> = {
    KEYWORD_COUNT: ck.pka.keywordCount,
    PSI_SELF: ck.psi.self.mean,
    PSI_ALL: ck.psi.all.mean,
  };
  for (const [id, v] of Object.entries(values)) {
    json.indicators[id] = { latest: toJson(v) };
    if (isNoValue(v)) json.no_value[id] = { latest: `${v.error} ${v.message}` };
  }
  const { pka, psi } = side.parameters;
  json.parameters.pka_thresholds = {
    min_own_rate: pka.minOwnRate,
    min_lift: pka.minLift,
    min_own_documents: pka.minOwnDocuments,
  };
  json.parameters.psi_sd_multiple = psi.sdMultiple;
  json.parameters.psi_years = psiYears(ck) ?? null;
  json.parameters.segmenter = side.segmenter ?? null;
  json.tables.PKA = ck.pka.keywords.map((k) => ({
    rank: k.rank,
    keyword: k.keyword,
    own_rate: k.ownRate,
    corpus_rate: k.corpusRate,
    lift: k.lift,
    own_documents: k.ownDocuments,
    corpus_documents: k.corpusDocuments,
    score: k.score,
  }));
  const r = ck.psi;
  const c = r.composition;
  json.tables.PSI = {
    self: moments(r.self),
    all: moments(r.all),
    corpus: moments(r.corpus),
    by_year: r.byYear.map((y) => ({
      year: y.year,
      applications: y.applications,
      typical: y.typical,
      exceptional: y.exceptional,
      typical_ratio: y.typicalRatio,
      exceptional_ratio: y.exceptionalRatio,
      high_similarity: y.highSimilarity,
      low_similarity: y.lowSimilarity,
      other_similarity: y.otherSimilarity,
    })),
    composition: {
      high: c.high,
      low: c.low,
      other: c.other,
      high_share: toJson(c.highShare),
      low_share: toJson(c.lowShare),
      other_share: toJson(c.otherShare),
    },
    typical_examples: r.typicalExamples.map(example),
    exceptional_examples: r.exceptionalExamples.map(example),
  };
}
