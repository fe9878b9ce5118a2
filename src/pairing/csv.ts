import type { PairingRun } from './schema.js';

const BOM = '\uFEFF';

function cell(value: string | number | boolean): string {
  // Norwegian Excel: `;` separates fields and `,` is the decimal mark.
  const s = typeof value === 'number' ? String(value).replace('.', ',') : String(value);
  // A leading = + - @ would make Excel run the cell as a formula.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A pairing run as CSV that opens correctly in Excel with a Norwegian locale (UTF-8 with BOM, `;`, CRLF). */
export function pairingCsv(run: PairingRun): string {
  const header = [
    'Status',
    'Donor-ID',
    'Donor',
    'Mottakar-ID',
    'Mottakar',
    'Poeng',
    'Felles tema',
    'Språk',
    'Program',
    'Grunngjeving',
    'Alternativ',
  ];
  const rows: (string | number | boolean)[][] = run.pairs.map((p) => [
    p.required ? 'påkravd' : 'foreslått',
    p.donorId,
    p.donorName,
    p.beneficiaryId,
    p.beneficiaryName,
    p.score,
    p.explanation.themes.shared.join(', '),
    p.explanation.language.shared.join(', '),
    p.explanation.programme.shared.join(', '),
    p.reason,
    (run.alternatives[p.beneficiaryId] ?? [])
      .map((a) => `${a.donorName} (${String(a.score).replace('.', ',')})`)
      .join(' | '),
  ]);
  for (const u of run.unassigned)
    rows.push([
      `utan partnar: ${u.reason}`,
      u.side === 'donor' ? u.id : '',
      u.side === 'donor' ? u.name : '',
      u.side === 'beneficiary' ? u.id : '',
      u.side === 'beneficiary' ? u.name : '',
      '',
      '',
      '',
      '',
      u.detail,
      u.side === 'beneficiary' ? (run.alternatives[u.id] ?? []).map((a) => a.donorName).join(' | ') : '',
    ]);
  return BOM + [header, ...rows].map((r) => r.map(cell).join(';')).join('\r\n') + '\r\n';
}
