import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ProgrammeSchema, ThemeSchema, type Programme, type Theme } from './schema.js';
import { TermMatcher } from './term-matcher.js';

/** The `seeds/` folder at the project root. */
export const SEEDS_DIR = fileURLToPath(new URL('../../seeds/', import.meta.url));

/** Programme and theme catalogues, loaded and checked once at start and shared read-only. */
export interface Catalogue {
  programmes: Programme[];
  themes: Theme[];
  /** Programme code for a code or alias (`kreativt-europa` → `creative-europe`). */
  programmeCodes: Map<string, string>;
  programmeByCode: Map<string, Programme>;
  themeByCode: Map<string, Theme>;
  matcher: TermMatcher;
  /** Finds programme signal words ("study visit", "cross-border") in a challenge text. */
  signals: TermMatcher;
}

function readJson<T>(file: string, schema: z.ZodType<T>): T {
  const raw: unknown = JSON.parse(readFileSync(fileURLToPath(new URL(file, `file://${SEEDS_DIR}`)), 'utf8'));
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new Error(`seeds/${file} is invalid: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** Loads `seeds/programmes.json` and `seeds/themes.json`, checking cross-references between them. */
export function loadCatalogue(): Catalogue {
  const programmes = readJson('programmes.json', z.array(ProgrammeSchema));
  const themes = readJson('themes.json', z.array(ThemeSchema));
  const themeByCode = new Map(themes.map((t) => [t.code, t]));
  const programmeByCode = new Map(programmes.map((p) => [p.code, p]));
  const programmeCodes = new Map<string, string>();
  for (const p of programmes) {
    programmeCodes.set(p.code, p.code);
    for (const a of p.aliases) programmeCodes.set(a, p.code);
  }
  for (const t of themes)
    for (const r of t.related)
      if (!themeByCode.has(r))
        throw new Error(`seeds/themes.json: ${t.code} is related to unknown theme ${r}`);
  for (const p of programmes)
    for (const t of p.themes)
      if (!themeByCode.has(t)) throw new Error(`seeds/programmes.json: ${p.code} names unknown theme ${t}`);
  return {
    programmes,
    themes,
    programmeCodes,
    programmeByCode,
    themeByCode,
    matcher: new TermMatcher(themes),
    signals: new TermMatcher(programmes.map((p) => ({ code: p.code, terms: p.signals }))),
  };
}
