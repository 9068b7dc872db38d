/**
 * Imports with their records as plain objects, for toEqual: a record of the byte path may be a view whose fields
 * are getters (src/core/patents/recordStore.ts), which toEqual does not read.
 */
import { type PatentRecord, plainRecord } from '../../src/core/patents/record';

export function plainRecords<T extends { readonly records: readonly PatentRecord[] }>(r: T): T;
export function plainRecords<T extends { readonly records: readonly PatentRecord[] }>(r: T | undefined): T | undefined;
export function plainRecords<T extends { readonly records: readonly PatentRecord[] }>(r: T | undefined): T | undefined {
  return r === undefined ? undefined : { ...r, records: r.records.map(plainRecord) };
}
