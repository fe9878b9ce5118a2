import { excelCsv } from '../export/csv.js';
import type { PairingRun } from './schema.js';

const decimal = (x: number) => String(x).replace('.', ',');

/** A pairing run as CSV for Excel with a Norwegian locale: pairs, then the unassigned. */
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
  const alternatives = (id: string) =>
    (run.alternatives[id] ?? []).map((a) => `${a.donorName} (${decimal(a.score)})`).join(' | ');
  const rows = run.pairs.map((p) => [
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
    alternatives(p.beneficiaryId),
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
      u.side === 'beneficiary' ? alternatives(u.id) : '',
    ]);
  return excelCsv(header, rows);
}
