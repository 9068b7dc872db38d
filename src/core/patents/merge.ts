/**
 * Merging imported records into one record per application: a publication and a registration of the same
 * application (from one export or from several files of one search) become one record; importing the same
 * file twice changes nothing. Conflicting values are kept from the first source and reported.
 */
import {
  type ImportResult,
  type OptionalRecordField,
  type PatentRecord,
  type Rejection,
  type SourceRef,
  plainRecord,
} from './record';

export interface MergeReport {
  readonly records: PatentRecord[];
  /** Applications seen in more than one row (merged), with their sources. */
  readonly merged: number;
  /** Rows that repeat a row already imported (same file and line): ignored. */
  readonly repeats: number;
  /** Conflicting values between rows of one application, kept from the first. */
  readonly conflicts: Rejection[];
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const SCALARS = [
  'publicationNumber',
  'claims',
  'examRequestDate',
  'registrationDate',
  'registrationNumber',
  'registeredClaims',
  'lapseDate',
  'expiryDate',
  'title',
  'abstract',
  'claimsText',
] as const;

const sameSource = (a: SourceRef, b: SourceRef): boolean => a.file === b.file && a.line === b.line;

export function mergeRecords(results: readonly ImportResult[]): MergeReport {
  // Copy on merge: a record that nothing merges with is kept as imported (a 1M-row import is not held twice);
  // only the records this function copied are ever changed.
  const byNumber = new Map<string, PatentRecord>();
  const copies = new Set<PatentRecord>();
  const own = (r: PatentRecord, unknown: readonly OptionalRecordField[] | undefined): Mutable<PatentRecord> => {
    const copy: Mutable<PatentRecord> = { ...plainRecord(r), unknown, sources: [...r.sources] };
    copies.add(copy);
    return copy;
  };
  if (results.length === 1 && results[0].uniqueApplications === true) {
    // One file whose importer rejected every duplicate: no lookups, the loop below would only copy the records.
    const [res] = results;
    const records = res.records.map((r) => (r.unknown !== undefined || res.lacks.length === 0 ? r : own(r, res.lacks)));
    return { records, merged: 0, repeats: 0, conflicts: [] };
  }
  const conflicts: Rejection[] = [];
  let repeats = 0;
  let merged = 0;
  for (const res of results) {
    for (const r of res.records) {
      const seen = byNumber.get(r.applicationNumber);
      const unknown = r.unknown ?? res.lacks;
      if (!seen) {
        byNumber.set(r.applicationNumber, r.unknown !== undefined || unknown.length === 0 ? r : own(r, unknown));
        continue;
      }
      if (r.sources.every((s) => seen.sources.some((p) => sameSource(p, s)))) {
        repeats += 1;
        continue;
      }
      let prev: Mutable<PatentRecord>;
      if (copies.has(seen)) prev = seen;
      else {
        prev = own(seen, seen.unknown);
        byNumber.set(r.applicationNumber, prev);
      }
      if (prev.sources.length === 1) merged += 1;
      const where = r.sources[0];
      if (r.filingDate !== prev.filingDate) {
        conflicts.push({
          ...where,
          field: 'filingDate',
          reason: `${r.applicationNumber}: filing date ${r.filingDate} differs from ${prev.filingDate} (kept)`,
        });
      }
      for (const k of SCALARS) {
        const v = r[k];
        if (v === undefined) continue;
        if (prev[k] === undefined) (prev as Record<string, unknown>)[k] = v;
        else if (prev[k] !== v && k !== 'title' && k !== 'abstract' && k !== 'claimsText') {
          conflicts.push({
            ...where,
            field: k,
            reason: `${r.applicationNumber}: ${k} ${String(v)} differs from ${String(prev[k])} (kept)`,
          });
        }
      }
      // Lists: the longest is the most complete (a registration may list the assignee who acquired the right).
      if (r.applicants.length > prev.applicants.length) prev.applicants = r.applicants;
      if (r.inventors && (!prev.inventors || r.inventors.length > prev.inventors.length)) prev.inventors = r.inventors;
      prev.ipc = [...new Set([...prev.ipc, ...r.ipc])];
      if (r.kind === 'utility') prev.kind = 'utility';
      // A field is unknown only if no source of the application carries it.
      prev.unknown = (prev.unknown ?? []).filter((f) => unknown.includes(f));
      prev.sources = [...prev.sources, ...r.sources];
    }
  }
  return { records: [...byNumber.values()], merged, repeats, conflicts };
}
