import type { Catalogue } from '../catalogue/load.js';
import type { UiLanguage } from '../catalogue/schema.js';

/** A programme that fits a challenge, with why. */
export interface ProgrammeSuggestion {
  code: string;
  name: string;
  score: number;
  cooperation: string[];
  strands: { id: string; name: string }[];
  signals: string[];
  themes: string[];
  eligible: boolean;
  reason: string;
  url: string;
}

const TEXT = {
  nn: {
    signals: (s: string) => `teksten nemner ${s}`,
    themes: (t: string) => `programmet støttar ofte ${t}`,
    strands: (s: string) => `aktuelt delprogram: ${s}`,
    notEligible: 'men ikkje alle landa de nemner kan delta',
    fallback: 'eit breitt program som kan passe',
  },
  nb: {
    signals: (s: string) => `teksten nevner ${s}`,
    themes: (t: string) => `programmet støtter ofte ${t}`,
    strands: (s: string) => `aktuelt delprogram: ${s}`,
    notEligible: 'men ikke alle landene dere nevner kan delta',
    fallback: 'et bredt program som kan passe',
  },
  en: {
    signals: (s: string) => `the text mentions ${s}`,
    themes: (t: string) => `the programme often funds ${t}`,
    strands: (s: string) => `relevant strand: ${s}`,
    notEligible: 'but not every country you name can take part',
    fallback: 'a broad programme that may fit',
  },
} as const;

/** Where the seeker and its intended partners are. */
export interface SuggestContext {
  country: string;
  region?: string | undefined;
  partnerCountries?: string[] | undefined;
}

/**
 * Ranks the programmes for a challenge: words that point to a programme (a study visit → Erasmus+
 * mobility, cross-border → Interreg, a Polish city → EEA Grants) weigh most, then the overlap of the
 * challenge's themes with what the programme funds; a programme the named countries cannot use
 * together is kept but pushed down and flagged.
 */
export function suggestProgrammes(
  catalogue: Catalogue,
  text: string,
  themes: readonly string[],
  ctx: SuggestContext,
  lang: UiLanguage,
): ProgrammeSuggestion[] {
  const hits = new Map(catalogue.signals.match(text).map((h) => [h.code, h]));
  const t = TEXT[lang];
  const fmt = (xs: string[]) => new Intl.ListFormat(lang, { type: 'conjunction' }).format(xs);
  const suggestions = catalogue.programmes.map((p): ProgrammeSuggestion => {
    const hit = hits.get(p.code);
    const signalScore = hit ? Math.min(1, hit.strength / 2) : 0;
    const sharedThemes = themes.filter((th) => p.themes.includes(th));
    const themeScore = themes.length ? sharedThemes.length / Math.min(3, themes.length) : 0;
    const countries = [ctx.country, ...(ctx.partnerCountries ?? [])];
    const eligible = p.roles
      ? p.roles.donor.includes(ctx.country) &&
        (ctx.partnerCountries ?? []).every((c) => p.roles!.beneficiary.includes(c))
      : countries.every((c) => p.participation.countries.includes(c));
    const strands = p.strands.filter((s) => {
      if (!s.countries.length) return true;
      if (!s.countries.includes(ctx.country)) return false;
      const partners = ctx.partnerCountries ?? [];
      if (partners.length && !partners.some((c) => s.countries.includes(c))) return false;
      const regions = s.regions?.[ctx.country];
      return !regions || !ctx.region || regions.includes(ctx.region);
    });
    let score = 0.6 * signalScore + 0.4 * Math.min(1, themeScore);
    if (!eligible) score *= 0.3;
    const parts: string[] = [];
    if (hit) parts.push(t.signals(fmt(hit.terms.slice(0, 3).map((s) => `«${s}»`))));
    if (sharedThemes.length)
      parts.push(
        t.themes(
          fmt(
            sharedThemes
              .slice(0, 3)
              .map((c) => catalogue.themeByCode.get(c)?.labels[lang]?.toLowerCase() ?? c),
          ),
        ),
      );
    if (hit && strands.length && strands.length < p.strands.length)
      parts.push(t.strands(fmt(strands.slice(0, 3).map((s) => s.names[lang]))));
    if (!eligible) parts.push(t.notEligible);
    const sentence = parts.length ? parts.join('; ') : t.fallback;
    return {
      code: p.code,
      name: p.names[lang],
      score: Math.round(score * 1000) / 1000,
      cooperation: p.cooperation,
      strands: strands.map((s) => ({ id: s.id, name: s.names[lang] })),
      signals: hit?.terms ?? [],
      themes: sharedThemes,
      eligible,
      reason: `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`,
      url: p.url,
    };
  });
  return suggestions.sort((a, b) => b.score - a.score || a.code.localeCompare(b.code));
}
