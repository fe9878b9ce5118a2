const BOM = '\uFEFF';

function cell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  // Norwegian Excel: `;` separates fields and `,` is the decimal mark.
  const s = typeof value === 'number' ? String(value).replace('.', ',') : String(value);
  // A leading = + - @ would make Excel run the cell as a formula.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * Rows as CSV that opens correctly in Excel with a Norwegian locale: UTF-8 with BOM (or Excel
 * guesses Windows-1252 and breaks ø and ł), `;` separators, decimal commas, CRLF line ends, and
 * formula-looking cells escaped.
 */
export function excelCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number | boolean | null | undefined)[])[],
): string {
  return BOM + [header, ...rows].map((r) => r.map(cell).join(';')).join('\r\n') + '\r\n';
}
