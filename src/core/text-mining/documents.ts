/**
 * Patent records as the documents of keyword analysis: who filed them (consolidated names), when, and their
 * keywords. Segmentation is the slow part, so it is done once per record and may be done elsewhere (in worker
 * threads, or read from a cache): keywordDocuments takes the keyword lists aligned with the records.
 */
import type { PatentKind, PatentRecord } from '../patents/record';

export interface KeywordDocument {
  /** The application number (the record's key). */
  readonly applicationNumber: string;
  readonly publicationNumber?: string;
  readonly title?: string;
  /** Consolidated applicant names, distinct; a joint application belongs to each of its applicants. */
  readonly companies: readonly string[];
  /** Calendar year of the filing date. */
  readonly filingYear: number;
  readonly kind: PatentKind;
  /** Distinct keywords of the abstract and claims (documentKeywords). */
  readonly keywords: readonly string[];
}

export function keywordDocuments(
  records: readonly PatentRecord[],
  nameOf: (raw: string) => string,
  keywords: readonly (readonly string[])[],
): KeywordDocument[] {
  if (keywords.length !== records.length)
    throw new Error(`keywordDocuments: ${records.length} records but ${keywords.length} keyword lists`);
  // The same applicants recur on thousands of records; a name's key (normalisation, legal forms) is worked out once.
  const names = new Map<string, string>();
  const consolidated = (raw: string): string => {
    let name = names.get(raw);
    if (name === undefined) names.set(raw, (name = nameOf(raw)));
    return name;
  };
  return records.map((r, i) => ({
    applicationNumber: r.applicationNumber,
    publicationNumber: r.publicationNumber,
    title: r.title,
    companies: [...new Set(r.applicants.map(consolidated))],
    filingYear: Number(r.filingDate.slice(0, 4)),
    kind: r.kind,
    keywords: keywords[i],
  }));
}
