/**
 * The evaluator's keyword side (Block 3, PKA and PSI): the options, and the keyword extraction of every merged
 * record on worker threads, once for all the companies evaluated.
 */
import type { PatentSide } from '../core/pipeline';
import {
  buildKeywordSide,
  DEFAULT_KEYWORD_PARAMETERS,
  type KeywordParameters,
  type KeywordSide,
} from '../core/text-mining/evaluation';
import { hasKeywordText } from '../core/text-mining/keywords';
import { UsageError } from './args';
import { extractKeywords } from './segmenters/keywordPool';

export interface KeywordArgs {
  readonly pkaMinOwnRate?: string;
  readonly pkaMinLift?: string;
  readonly pkaMinDocuments?: string;
  readonly psiSd?: string;
  readonly psiYears?: string;
}

function positive(raw: string | undefined, name: string, fallback: number, integer = false): number {
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (!Number.isFinite(v) || v < 0 || (integer && !Number.isInteger(v)))
    throw new UsageError(`--${name} must be a ${integer ? 'whole number' : 'number'} ≥ 0`);
  return v;
}

export function parseKeywordParameters(a: KeywordArgs): KeywordParameters {
  const d = DEFAULT_KEYWORD_PARAMETERS;
  let years: { fromYear?: number; toYear?: number } = {};
  if (a.psiYears !== undefined) {
    const m = /^(\d{4})-(\d{4})$/.exec(a.psiYears.trim());
    if (!m || Number(m[1]) > Number(m[2]))
      throw new UsageError('--psi-years must be a range of filing years, e.g. 1994-2000');
    years = { fromYear: Number(m[1]), toYear: Number(m[2]) };
  }
  const sd = positive(a.psiSd, 'psi-sd', d.psi.sdMultiple);
  return {
    pka: {
      minOwnRate: positive(a.pkaMinOwnRate, 'pka-min-own-rate', d.pka.minOwnRate),
      minLift: positive(a.pkaMinLift, 'pka-min-lift', d.pka.minLift),
      minOwnDocuments: Math.max(1, positive(a.pkaMinDocuments, 'pka-min-documents', d.pka.minOwnDocuments, true)),
    },
    psi: { ...d.psi, sdMultiple: sd, ...years },
  };
}

/**
 * Keywords of every merged record (undefined when no record carries abstract or claims text), with a line for
 * the log saying what was done.
 */
export async function loadKeywordSide(
  side: PatentSide,
  parameters: KeywordParameters,
  log: (s: string) => void,
): Promise<KeywordSide | undefined> {
  const records = side.merge.records;
  const withText = records.filter(hasKeywordText).length;
  if (withText === 0) {
    log('keywords (Block 3 PKA, PSI): no record carries abstract or claims text; KEYWORD_COUNT and PSI are left out');
    return undefined;
  }
  const started = Date.now();
  const ex = await extractKeywords(records.map((r) => ({ abstract: r.abstract, claimsText: r.claimsText })));
  const ks = buildKeywordSide(records, side.names.nameOf, ex.keywords, parameters, ex.segmenter);
  log(
    `keywords (Block 3 PKA, PSI): ${withText} of ${records.length} records with abstract or claims text, ` +
      `${ks.corpus.vocabulary.length} distinct keywords, ${ks.corpus.patentCount} applications with keywords` +
      `${ex.segmenter ? `; ${ex.segmenter}` : ''}, ${ex.threads} thread${ex.threads > 1 ? 's' : ''}, ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return ks;
}
