/** Problems found in the inputs. Every rejected or partly used record is reported: nothing is dropped silently. */
export type Severity = 'error' | 'warning';

export interface InputIssue {
  readonly severity: Severity;
  readonly file: string;
  /** 1-based line of the file (the header is line 1). */
  readonly line?: number;
  readonly column?: string;
  readonly message: string;
}

export function formatIssue(i: InputIssue): string {
  const where = [i.file, i.line !== undefined ? `row ${i.line}` : '', i.column ? `column ${i.column}` : '']
    .filter(Boolean)
    .join(', ');
  return `${i.severity}: ${where}: ${i.message}`;
}
