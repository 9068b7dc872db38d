/** Which indicators a missing record field blocks, for the import report. */
import { indicatorsReading } from '../coverage';
import type { OptionalRecordField } from './record';
import type { StatField } from './statFields';

/** The statistics each record field feeds. */
const FEEDS: Partial<Record<OptionalRecordField, readonly StatField[]>> = {
  claims: ['app_claims', 'single_claims', 'shared_claims'],
  inventors: ['inventors'],
  examRequestDate: [
    'exam_requests',
    'request_years',
    'requested_by_cutoff',
    'cum_exam_requests',
    'fy_exam_requests',
    'fy_requests_granted',
    'cum_fy_requests',
    'cum_fy_requests_granted',
    'est_exam_rate',
  ],
  registrationDate: [
    'registrations',
    'reg_claims',
    'grant_years',
    'registered_by_cutoff',
    'cum_registrations',
    'fy_requests_granted',
    'cum_fy_requests_granted',
    'valid_by_reg_year',
    'valid_patents',
    'cum_reg_since_base',
    'remaining_life',
    'est_reg_rate',
  ],
  registeredClaims: ['reg_claims'],
  lapseDate: ['valid_by_reg_year', 'valid_patents', 'remaining_life'],
};

export function blockedByRecordField(field: OptionalRecordField): string[] {
  const stats = FEEDS[field] ?? [];
  return stats.length ? indicatorsReading((l) => l.kind === 'stat' && stats.includes(l.field)) : [];
}
