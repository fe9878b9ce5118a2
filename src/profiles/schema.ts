import { z } from 'zod';

/** Programme codes of the exchange format (`shared/spec/profile-format.md`). */
export const PROGRAMME_CODES = [
  'erasmus-plus',
  'interreg',
  'creative-europe',
  'horizon-europe',
  'eea-grants',
  'norway-grants',
  'nordplus',
  'esc',
  'cerv',
  'life',
  'digital-europe',
  'urbact',
] as const;
export type ProgrammeCode = (typeof PROGRAMME_CODES)[number];
/** Accepted alternative spellings, stored as their canonical code. */
export const PROGRAMME_ALIASES: Record<string, ProgrammeCode> = { 'kreativt-europa': 'creative-europe' };

export const PROFILE_KINDS = [
  'municipality',
  'county',
  'region',
  'city_network',
  'school',
  'university',
  'ngo',
  'business',
  'public_agency',
  'other',
] as const;
export const PROFILE_ROLES = ['seeker', 'partner', 'donor', 'beneficiary'] as const;
export type ProfileRole = (typeof PROFILE_ROLES)[number];

const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' });
const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });

/** ISO 639-1 code, lower case (`nb`, `nn` and `no` all mean Norwegian). */
export const LanguageCode = z
  .string()
  .regex(/^[a-z]{2}$/, 'must be an ISO 639-1 code in lower case, e.g. "nn", "en", "pl"')
  .refine((c) => !/^[a-z]{2}$/.test(c) || languageNames.of(c) !== c, {
    error: (i) => `unknown ISO 639-1 language code "${String(i.input)}"`,
  });

/** ISO 3166-1 alpha-2 country code, upper case. */
export const CountryCode = z
  .string()
  .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code in upper case, e.g. "NO", "PL"')
  .refine((c) => !/^[A-Z]{2}$/.test(c) || regionNames.of(c) !== c, {
    error: (i) =>
      `unknown ISO 3166-1 country code "${String(i.input)}"${i.input === 'EL' ? ' (Greece is "GR")' : ''}`,
  });

/** A programme code or alias; aliases become the canonical code. */
export const ProgrammeCodeSchema = z
  .string()
  .transform((v, ctx) => {
    const code = (PROGRAMME_CODES as readonly string[]).includes(v)
      ? (v as ProgrammeCode)
      : PROGRAMME_ALIASES[v];
    if (!code) {
      ctx.issues.push({
        code: 'custom',
        input: v,
        message: `unknown programme code "${v}"; valid codes: ${[...PROGRAMME_CODES, ...Object.keys(PROGRAMME_ALIASES)].join(', ')}`,
      });
      return z.NEVER;
    }
    return code;
  })
  .meta({ description: 'Programme code', example: 'erasmus-plus' });

const unique = <T>(xs: T[]) => [...new Set(xs)];

/** Theme code of the service's taxonomy (checked against `seeds/themes.json` where profiles are stored). */
export const ThemeCode = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,60}$/, 'must be a theme code from GET /v1/themes');

// PostgreSQL cannot store U+0000 in text or jsonb: refuse it here with a clear message.
const noNul = (v: string) => !v.includes('\u0000');
const text = (max: number) =>
  z.string().trim().min(1).max(max).refine(noNul, 'must not contain the NUL character (U+0000)');

/** A partner profile exactly as the exchange format defines it; unknown fields are rejected. */
export const ProfileSchema = z
  .strictObject({
    id: z
      .string()
      .regex(/^[A-Za-z0-9._:-]{1,120}$/, 'must be 1–120 characters of A–Z, a–z, 0–9, ".", "_", ":" or "-"'),
    name: text(300),
    kind: z.enum(PROFILE_KINDS),
    country: CountryCode,
    region: text(200).optional(),
    population: z.number().int().min(0).max(2_000_000_000).optional(),
    languages: z.array(LanguageCode).max(30).transform(unique).optional(),
    programmes: z.array(ProgrammeCodeSchema).max(30).transform(unique).optional(),
    role: z.enum(PROFILE_ROLES).default('partner'),
    description: text(20_000),
    needs: text(20_000).optional(),
    offers: text(20_000).optional(),
    themes: z.array(ThemeCode).max(30).transform(unique).optional(),
    budget_eur: z.number().min(0).max(1e12).optional(),
    capacity: z.number().int().min(1).max(1000).optional(),
    contact: z
      .strictObject({
        name: text(200).optional(),
        email: z.email().max(320).optional(),
        url: z
          .url({ protocol: /^https?$/ })
          .max(2000)
          .optional(),
      })
      .optional(),
  })
  .meta({
    id: 'Profile',
    description: 'A partner profile in the exchange format (shared/spec/profile-format.md).',
    example: {
      id: 'no-4640-sogndal',
      name: 'Sogndal kommune',
      kind: 'municipality',
      country: 'NO',
      region: 'Vestland',
      languages: ['nn', 'en'],
      programmes: ['erasmus-plus', 'eea-grants'],
      role: 'seeker',
      description: 'Kommunen vil styrkje velferdsteknologi i heimetenesta.',
    },
  });

/** A validated profile (aliases resolved, defaults applied). */
export type Profile = z.output<typeof ProfileSchema>;
/** A profile as a caller sends it. */
export type ProfileInput = z.input<typeof ProfileSchema>;
