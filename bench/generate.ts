import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A small seeded PRNG (mulberry32), so every run generates the same profiles. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface SourceProfile {
  name: string;
  kind: string;
  country: string;
  languages?: string[];
  programmes?: string[];
  role?: string;
  description: string;
  needs?: string;
  offers?: string;
}

interface Theme {
  code: string;
  terms: Record<string, string[]>;
}

const root = fileURLToPath(new URL('..', import.meta.url));
const readLines = (file: string) =>
  readFileSync(`${root}/${file}`, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as SourceProfile);

const COUNTRIES = [
  'PL',
  'SE',
  'DK',
  'DE',
  'NL',
  'FI',
  'ES',
  'IT',
  'FR',
  'LT',
  'EE',
  'LV',
  'IE',
  'PT',
  'CZ',
  'NO',
];
const KINDS = [
  'municipality',
  'municipality',
  'municipality',
  'region',
  'school',
  'university',
  'ngo',
  'business',
  'public_agency',
];
const ROLES = ['partner', 'partner', 'partner', 'seeker', 'beneficiary'];
const PROGRAMMES = [
  'erasmus-plus',
  'interreg',
  'creative-europe',
  'horizon-europe',
  'eea-grants',
  'nordplus',
  'urbact',
  'digital-europe',
];
const LANG_OF: Record<string, string> = {
  PL: 'pl',
  SE: 'sv',
  DK: 'da',
  DE: 'de',
  NL: 'nl',
  FI: 'fi',
  ES: 'es',
  IT: 'it',
  FR: 'fr',
  NO: 'nb',
};

/**
 * `n` synthetic multilingual profiles, deterministic for a seed: texts recombined from the seed and
 * dev-set profiles plus theme terms in the profile's language, so vectors and themes vary like real data.
 */
export function syntheticProfiles(n: number, seed = 42): string[] {
  const sources = [...readLines('seeds/profiles.jsonl'), ...readLines('test/eval/profiles.jsonl')];
  const themes = JSON.parse(readFileSync(`${root}/seeds/themes.json`, 'utf8')) as Theme[];
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const a = pick(sources);
    const b = pick(sources);
    const country = pick(COUNTRIES);
    const lang = LANG_OF[country] ?? 'en';
    const t1 = pick(themes);
    const t2 = pick(themes);
    const terms = [pick(t1.terms[lang] ?? t1.terms.en!), pick(t2.terms[lang] ?? t2.terms.en!)];
    const sentences = b.description.split(/(?<=\.)\s+/);
    const description = `${a.description} ${pick(sentences)} ${terms.join(', ')}.`.slice(0, 4000);
    const profile = {
      id: `bench-${String(i).padStart(6, '0')}`,
      name: `${a.name.split(/[,(]/)[0]!.trim()} ${i}`,
      kind: pick(KINDS),
      country,
      ...(rand() < 0.8 ? { languages: [lang, 'en'].filter((x, k, all) => all.indexOf(x) === k) } : {}),
      programmes: PROGRAMMES.filter(() => rand() < 0.3),
      role: country === 'NO' && rand() < 0.3 ? 'donor' : pick(ROLES),
      description,
      ...(a.needs ? { needs: a.needs } : {}),
      ...(b.offers ? { offers: b.offers } : {}),
      ...(rand() < 0.3 ? { capacity: 1 + Math.floor(rand() * 2) } : {}),
    };
    out.push(JSON.stringify(profile));
  }
  return out;
}
