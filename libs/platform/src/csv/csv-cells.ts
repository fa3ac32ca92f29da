/** One CSV cell (RFC 4180): quoted only when it holds a comma, a quote or a line break. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line with its line ending. */
export function csvLine(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(',')}\n`;
}

/**
 * A cell of a CSV meant to be opened in a spreadsheet: text starting with = + - @ (or a tab or
 * carriage return) is prefixed with an apostrophe so that it is shown, never run as a formula
 * (CSV injection). Numbers are left as they are.
 */
export function spreadsheetSafeCell(value: unknown): unknown {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** One CSV line for a spreadsheet (see spreadsheetSafeCell). */
export function spreadsheetCsvLine(values: readonly unknown[]): string {
  return csvLine(values.map(spreadsheetSafeCell));
}
