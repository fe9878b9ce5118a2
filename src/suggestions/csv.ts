import { excelCsv } from '../export/csv.js';
import type { Suggestion } from './schema.js';

/** The review queue as CSV for Excel with a Norwegian locale; the API export and the web page share it. */
export function suggestionsCsv(items: readonly Suggestion[]): string {
  return excelCsv(
    [
      'ID',
      'Status',
      'Søkjar-ID',
      'Søkjar',
      'Region',
      'Partnar-ID',
      'Partnar',
      'Land',
      'Poeng',
      'Felles tema',
      'Program',
      'Grunngjeving',
      'Avvist fordi',
      'Kjelde',
      'Oppdatert',
    ],
    items.map((s) => [
      s.id,
      s.state,
      s.seeker.id,
      s.seeker.name,
      s.seeker.region,
      s.candidate.id,
      s.candidate.name,
      s.candidate.country,
      s.score,
      s.explanation.themes.shared.join(', '),
      s.explanation.programme.shared.join(', '),
      s.reason,
      s.rejectReason,
      s.source,
      s.updatedAt,
    ]),
  );
}
