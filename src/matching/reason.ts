import type { Catalogue } from '../catalogue/load.js';
import type { UiLanguage } from '../catalogue/schema.js';
import type { Explanation } from './schema.js';

/** The language we answer in: nynorsk or bokmål for Norwegian (and Scandinavian) queries, else English. */
export function replyLanguage(code: string): UiLanguage {
  if (code === 'nn') return 'nn';
  if (code === 'nb' || code === 'no' || code === 'da' || code === 'sv') return 'nb';
  return 'en';
}

const displayNames = new Map<UiLanguage, Intl.DisplayNames>();
function languageName(code: string, lang: UiLanguage): string {
  let dn = displayNames.get(lang);
  if (!dn)
    displayNames.set(
      lang,
      (dn = new Intl.DisplayNames([lang === 'en' ? 'en' : lang], { type: 'language', fallback: 'code' })),
    );
  return dn.of(code === 'no' ? 'no' : code) ?? code;
}

function list(items: string[], lang: UiLanguage): string {
  return new Intl.ListFormat(lang === 'en' ? 'en' : lang, { type: 'conjunction' }).format(items);
}

const TEXT = {
  nn: {
    themes: (t: string) => `felles tema: ${t}`,
    language: (l: string) => `de kan arbeide saman på ${l}`,
    programme: (p: string) => `begge kan nytte ${p}`,
    reciprocity: 'det dei tilbyr, svarar til det de treng',
    fallback: 'liknande arbeid ut frå skildringa',
  },
  nb: {
    themes: (t: string) => `felles tema: ${t}`,
    language: (l: string) => `dere kan samarbeide på ${l}`,
    programme: (p: string) => `begge kan bruke ${p}`,
    reciprocity: 'det de tilbyr, svarer til det dere trenger',
    fallback: 'lignende arbeid ut fra beskrivelsen',
  },
  en: {
    themes: (t: string) => `shared themes: ${t}`,
    language: (l: string) => `you can work together in ${l}`,
    programme: (p: string) => `both can use ${p}`,
    reciprocity: 'what they offer meets what you need',
    fallback: 'similar work, judged from the description',
  },
} as const;

/** One sentence saying why a candidate was suggested, in nn, nb or en. */
export function reasonSentence(catalogue: Catalogue, e: Explanation, lang: UiLanguage): string {
  const t = TEXT[lang];
  const parts: string[] = [];
  if (e.themes.shared.length)
    parts.push(
      t.themes(
        list(
          e.themes.shared
            .slice(0, 3)
            .map((c) => catalogue.themeByCode.get(c)?.labels[lang]?.toLowerCase() ?? c),
          lang,
        ),
      ),
    );
  if (e.language.score > 0) {
    const langs = e.language.shared.filter((l) => l !== 'en' || e.language.score === 0.75);
    parts.push(
      t.language(
        list(
          (langs.length ? langs : e.language.shared).map((l) => languageName(l, lang)),
          lang === 'en' ? 'en' : lang,
        ).replace(/ og | and /, lang === 'en' ? ' or ' : ' eller '),
      ),
    );
  }
  if (e.programme.shared.length)
    parts.push(
      t.programme(
        list(
          e.programme.shared.slice(0, 2).map((c) => catalogue.programmeByCode.get(c)?.names[lang] ?? c),
          lang,
        ),
      ),
    );
  if (e.reciprocity !== null && e.reciprocity >= 0.6) parts.push(t.reciprocity);
  const sentence = parts.length ? parts.join('; ') : t.fallback;
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
}
