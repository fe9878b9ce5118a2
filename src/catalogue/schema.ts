import { z } from 'zod';

/** Languages every theme has labels and terms in. */
export const THEME_LANGUAGES = [
  'nb',
  'nn',
  'en',
  'pl',
  'de',
  'sv',
  'da',
  'fi',
  'nl',
  'es',
  'it',
  'fr',
] as const;
/** Languages the service writes its own texts in. */
export const UI_LANGUAGES = ['nn', 'nb', 'en'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

const byLanguage = <L extends string, T extends z.ZodType>(langs: readonly L[], value: T) =>
  z.object(Object.fromEntries(langs.map((l) => [l, value])) as { [K in L]: T });
const uiText = byLanguage(UI_LANGUAGES, z.string().min(1));
const iso2 = z.string().regex(/^[A-Z]{2}$/);

/** One theme of the taxonomy in `seeds/themes.json`. */
export const ThemeSchema = z.object({
  code: z.string().regex(/^[a-z][a-z0-9-]+$/),
  group: z.string().min(1),
  labels: byLanguage(THEME_LANGUAGES, z.string().min(1)),
  terms: byLanguage(THEME_LANGUAGES, z.array(z.string().min(3)).min(1)),
  related: z.array(z.string()).default([]),
});
export type Theme = z.infer<typeof ThemeSchema>;

/** Kinds of cooperation a programme funds. */
export const CooperationKind = z.enum([
  'mobility',
  'small-scale-partnership',
  'cooperation-partnership',
  'cross-border-project',
  'transnational-project',
  'interregional-cooperation',
  'donor-partnership',
  'bilateral-initiative',
  'research-innovation-project',
  'network',
  'volunteering',
  'youth-exchange',
  'capacity-building',
  'pilot-deployment',
]);

/** One programme of the catalogue in `seeds/programmes.json`. */
export const ProgrammeSchema = z.object({
  code: z.string().regex(/^[a-z][a-z0-9-]+$/),
  aliases: z.array(z.string()).default([]),
  names: uiText,
  summary: uiText,
  cooperation: z.array(CooperationKind).min(1),
  participation: z.object({ countries: z.array(iso2).min(1), notes: uiText.optional() }),
  roles: z.object({ donor: z.array(iso2).min(1), beneficiary: z.array(iso2).min(1) }).optional(),
  strands: z
    .array(
      z.object({
        id: z.string().min(1),
        names: uiText,
        cooperation: z.array(CooperationKind).default([]),
        countries: z.array(iso2).default([]),
        regions: z.record(iso2, z.array(z.string().min(1))).optional(),
        url: z.url().optional(),
      }),
    )
    .default([]),
  deadlines: uiText,
  url: z.url(),
  themes: z.array(z.string()).default([]),
  signals: z.record(z.string(), z.array(z.string().min(2))).default({}),
  notes: uiText.optional(),
});
export type Programme = z.infer<typeof ProgrammeSchema>;
