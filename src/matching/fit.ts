import type { Catalogue } from '../catalogue/load.js';
import { languageFamily } from '../text/language.js';

const SCANDINAVIAN = new Set(['no', 'sv', 'da']);

/** A component score with the codes that earned it. */
export interface Fit {
  score: number;
  shared: string[];
}

/**
 * Whether two organisations share a working language. A shared native language is best; Norwegian,
 * Swedish and Danish staff read each other's languages; English as a lingua franca counts, a bit less.
 */
export function languageFit(seeker: readonly string[], candidate: readonly string[]): Fit {
  const a = new Set(seeker.map(languageFamily));
  const b = new Set(candidate.map(languageFamily));
  const shared = [...a].filter((l) => b.has(l)).sort();
  if (shared.some((l) => l !== 'en')) return { score: 1, shared };
  const scandi = [...a].some((l) => SCANDINAVIAN.has(l)) && [...b].some((l) => SCANDINAVIAN.has(l));
  if (scandi) {
    const pair = [...new Set([...a, ...b].filter((l) => SCANDINAVIAN.has(l)))].sort();
    return { score: 0.9, shared: [...new Set([...shared, ...pair])].sort() };
  }
  if (shared.includes('en')) return { score: 0.75, shared };
  return { score: 0, shared: [] };
}

/** One side of a programme check. */
export interface Party {
  country: string;
  role: string;
}

/**
 * Whether both parties can take part in a programme: both countries participate, and for EEA and
 * Norway Grants one side is in a donor state and the other in a beneficiary state (two Norwegian
 * municipalities cannot form a donor partnership).
 */
export function bothEligible(catalogue: Catalogue, code: string, a: Party, b: Party): boolean {
  const p = catalogue.programmeByCode.get(code);
  if (!p) return false;
  if (p.roles) {
    const donor = new Set(p.roles.donor);
    const beneficiary = new Set(p.roles.beneficiary);
    return (
      (donor.has(a.country) && beneficiary.has(b.country)) ||
      (donor.has(b.country) && beneficiary.has(a.country))
    );
  }
  const countries = new Set(p.participation.countries);
  return countries.has(a.country) && countries.has(b.country);
}

/**
 * Programme fit: programmes both can use. Full score when one of them is a programme the seeker
 * wants; 0.7 when both could use one the candidate named but the seeker did not ask for.
 */
export function programmeFit(
  catalogue: Catalogue,
  seeker: Party & { programmes: readonly string[] },
  candidate: Party & { programmes: readonly string[] },
): Fit {
  const usable = candidate.programmes.filter((code) => bothEligible(catalogue, code, seeker, candidate));
  const wanted = usable.filter((code) => seeker.programmes.includes(code));
  if (wanted.length) return { score: 1, shared: wanted };
  if (usable.length) return { score: 0.7, shared: usable };
  return { score: 0, shared: [] };
}

/**
 * Theme overlap: shared themes count fully, a related theme half, against up to three query themes
 * (a candidate does not need to match every theme of a long challenge to be a strong partner).
 */
export function themeFit(catalogue: Catalogue, query: readonly string[], candidate: readonly string[]): Fit {
  if (!query.length || !candidate.length) return { score: 0, shared: [] };
  const cand = new Set(candidate);
  const shared = query.filter((t) => cand.has(t));
  const relatedOnly = query.filter(
    (t) => !cand.has(t) && (catalogue.themeByCode.get(t)?.related ?? []).some((r) => cand.has(r)),
  );
  const score = Math.min(1, (shared.length + 0.5 * relatedOnly.length) / Math.min(query.length, 3));
  return { score, shared };
}
