// Rows as CSV or TSV text: quoted where needed, and cells that a spreadsheet would run as a
// formula (beginning = + - @, or a tab or carriage return) neutralised with a leading quote
// when the output is meant for spreadsheets.
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function neutralise(text: string): string {
  return /^[=+\-@\t\r]/.test(text) && !/^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(text) ? `'${text}` : text;
}

export function delimitedLine(values: unknown[], delimiter: string, forSpreadsheet = false): string {
  return values.map((v) => {
    let text = cellText(v);
    if (forSpreadsheet && typeof v === 'string') text = neutralise(text);
    return text.includes(delimiter) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  }).join(delimiter);
}

/** datastore_search's csv/tsv records: one headerless string. */
export function csvRecords(rows: unknown[][], delimiter: string): string {
  return rows.map((r) => `${delimitedLine(r, delimiter)}\n`).join('');
}
