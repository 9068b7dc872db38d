/**
 * PSI, patent similarity (特許類似率, 表17).
 *
 *   PSI(d, P) = mean over the keywords k of d of (documents of P that use k / |P|) × 100
 *
 * The keywords of d are its distinct nouns and compound nouns (documentKeywords), each counted once however
 * often d repeats it. P is a population of patent applications (kind 'patent': the seed's 公開特許公報; utility
 * models are not published as applications), d itself included when d ∈ P:
 *   PSI_SELF(d) = PSI(d, the company's applications), PSI_ALL(d) = PSI(d, all applications of the corpus).
 *
 * Typical (典型) / exceptional (例外) applications: PSI_SELF above mean + k·SD / below mean − k·SD, mean and
 * population SD (dividing by n) over all the company's applications; counts and ratios by filing year and the
 * examples with the highest / lowest PSI_SELF. PSI_ALL composition: high / low / other similarity against the
 * mean ± k·SD of PSI_ALL over every application of the corpus (all applicants). k = 1 by default.
 * A value equal to a bound within 1e-9 of the SD is not beyond it, so that equal values never split on rounding.
 */
import { type Value, noValue } from '../values';
import type { KeywordCorpus } from './corpus';

export interface PsiParameters {
  /** k of mean ± k·SD. */
  readonly sdMultiple: number;
  /** Filing years whose applications are counted in the by-year rows and examples (the population is all years). */
  readonly fromYear?: number;
  readonly toYear?: number;
  /** Number of typical and of exceptional examples listed. */
  readonly examples: number;
}

export const DEFAULT_PSI: PsiParameters = { sdMultiple: 1, examples: 10 };

export interface PsiMoments {
  /** Applications in the distribution. */
  readonly n: number;
  readonly mean: Value;
  /** Population SD (dividing by n). */
  readonly sd: Value;
}

export interface PsiYearRow {
  readonly year: number;
  readonly applications: number;
  readonly typical: number;
  readonly exceptional: number;
  /** % of the year's applications. */
  readonly typicalRatio: number;
  readonly exceptionalRatio: number;
  /** PSI_ALL classes of the year's applications. */
  readonly highSimilarity: number;
  readonly lowSimilarity: number;
  readonly otherSimilarity: number;
}

export interface PsiExample {
  readonly applicationNumber: string;
  readonly publicationNumber?: string;
  readonly title?: string;
  readonly filingYear: number;
  readonly psiSelf: number;
  readonly psiAll: number;
}

export interface PsiComposition {
  readonly high: number;
  readonly low: number;
  readonly other: number;
  /** % of the company's applications (in the years counted). */
  readonly highShare: Value;
  readonly lowShare: Value;
  readonly otherShare: Value;
}

export interface PsiResult {
  readonly company: string;
  readonly parameters: PsiParameters;
  /** PSI_SELF over the company's applications. */
  readonly self: PsiMoments;
  /** PSI_ALL over the company's applications. */
  readonly all: PsiMoments;
  /** PSI_ALL over every application of the corpus: the bounds of the composition. */
  readonly corpus: PsiMoments;
  readonly byYear: readonly PsiYearRow[];
  readonly composition: PsiComposition;
  /** Highest PSI_SELF first. */
  readonly typicalExamples: readonly PsiExample[];
  /** Lowest PSI_SELF first. */
  readonly exceptionalExamples: readonly PsiExample[];
  /** Every application of the company in the years counted, with its PSI_SELF and PSI_ALL, in corpus order. */
  readonly applications: readonly PsiExample[];
}

/** PSI of document i against a population given by its per-keyword document counts and its size. */
function psiOf(kw: Uint32Array, counts: Uint32Array, size: number): number {
  let sum = 0;
  for (const id of kw) sum += counts[id];
  return (sum / kw.length / size) * 100;
}

function moments(xs: ArrayLike<number>, what: string): PsiMoments {
  const n = xs.length;
  if (n === 0) {
    const none = noValue('#N/A', `no applications with keywords for ${what}`);
    return { n, mean: none, sd: none };
  }
  let s = 0;
  for (let i = 0; i < n; i += 1) s += xs[i];
  const mean = s / n;
  let q = 0;
  for (let i = 0; i < n; i += 1) q += (xs[i] - mean) * (xs[i] - mean);
  return { n, mean, sd: Math.sqrt(q / n) };
}

type Side = 1 | -1 | 0;

/** +1 above mean + k·SD, −1 below mean − k·SD, 0 otherwise. */
function sideOf(x: number, m: PsiMoments, k: number): Side {
  if (typeof m.mean !== 'number' || typeof m.sd !== 'number') return 0;
  const tolerance = 1e-9 * Math.max(m.sd, Math.abs(m.mean));
  if (x > m.mean + k * m.sd + tolerance) return 1;
  if (x < m.mean - k * m.sd - tolerance) return -1;
  return 0;
}

const corpusMoments = new WeakMap<KeywordCorpus, PsiMoments>();

/** PSI_ALL of every application of the corpus: mean and SD, computed once per corpus. */
export function corpusPsiAll(corpus: KeywordCorpus): PsiMoments {
  const hit = corpusMoments.get(corpus);
  if (hit) return hit;
  const xs = new Float64Array(corpus.patentCount);
  let j = 0;
  corpus.keywordIds.forEach((kw, i) => {
    if (corpus.documents[i].kind === 'patent') xs[j++] = psiOf(kw, corpus.patentFrequency, corpus.patentCount);
  });
  const m = moments(xs, 'the corpus');
  corpusMoments.set(corpus, m);
  return m;
}

const share = (part: number, whole: number, what: string): Value =>
  whole === 0 ? noValue('#DIV/0!', `no applications ${what}`) : (part / whole) * 100;

export function patentSimilarity(
  corpus: KeywordCorpus,
  company: string,
  parameters: PsiParameters = DEFAULT_PSI,
): PsiResult {
  const apps = (corpus.documentsOf.get(company) ?? []).filter((i) => corpus.documents[i].kind === 'patent');
  const n = apps.length;
  const self = new Float64Array(n);
  const all = new Float64Array(n);
  corpus.withCounts(apps, (counts) => {
    apps.forEach((doc, j) => {
      self[j] = psiOf(corpus.keywordIds[doc], counts, n);
      all[j] = psiOf(corpus.keywordIds[doc], corpus.patentFrequency, corpus.patentCount);
    });
  });
  const selfM = moments(self, company);
  const allM = moments(all, company);
  const corpusM = corpusPsiAll(corpus);
  const k = parameters.sdMultiple;
  const years = new Map<
    number,
    { applications: number; typical: number; exceptional: number; high: number; low: number }
  >();
  const listed: PsiExample[] = [];
  const typical: PsiExample[] = [];
  const exceptional: PsiExample[] = [];
  let high = 0;
  let low = 0;
  let counted = 0;
  apps.forEach((doc, j) => {
    const d = corpus.documents[doc];
    if (
      (parameters.fromYear !== undefined && d.filingYear < parameters.fromYear) ||
      (parameters.toYear !== undefined && d.filingYear > parameters.toYear)
    )
      return;
    counted += 1;
    const y = years.get(d.filingYear) ?? { applications: 0, typical: 0, exceptional: 0, high: 0, low: 0 };
    y.applications += 1;
    const example: PsiExample = {
      applicationNumber: d.applicationNumber,
      publicationNumber: d.publicationNumber,
      title: d.title,
      filingYear: d.filingYear,
      psiSelf: self[j],
      psiAll: all[j],
    };
    listed.push(example);
    const s = sideOf(self[j], selfM, k);
    if (s === 1) {
      y.typical += 1;
      typical.push(example);
    } else if (s === -1) {
      y.exceptional += 1;
      exceptional.push(example);
    }
    const a = sideOf(all[j], corpusM, k);
    if (a === 1) {
      y.high += 1;
      high += 1;
    } else if (a === -1) {
      y.low += 1;
      low += 1;
    }
    years.set(d.filingYear, y);
  });
  const byYear = [...years.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([year, y]) => ({
      year,
      applications: y.applications,
      typical: y.typical,
      exceptional: y.exceptional,
      typicalRatio: (y.typical / y.applications) * 100,
      exceptionalRatio: (y.exceptional / y.applications) * 100,
      highSimilarity: y.high,
      lowSimilarity: y.low,
      otherSimilarity: y.applications - y.high - y.low,
    }));
  const byId = (a: PsiExample, b: PsiExample): number =>
    a.applicationNumber < b.applicationNumber ? -1 : a.applicationNumber > b.applicationNumber ? 1 : 0;
  typical.sort((a, b) => b.psiSelf - a.psiSelf || byId(a, b));
  exceptional.sort((a, b) => a.psiSelf - b.psiSelf || byId(a, b));
  const other = counted - high - low;
  const what = `of ${company} in the years counted`;
  return {
    company,
    parameters,
    self: selfM,
    all: allM,
    corpus: corpusM,
    byYear,
    composition: {
      high,
      low,
      other,
      highShare: share(high, counted, what),
      lowShare: share(low, counted, what),
      otherShare: share(other, counted, what),
    },
    typicalExamples: typical.slice(0, parameters.examples),
    exceptionalExamples: exceptional.slice(0, parameters.examples),
    applications: listed,
  };
}
