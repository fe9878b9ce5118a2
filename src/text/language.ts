import { francAll } from 'franc';

// ISO 639-3 (franc) to ISO 639-1 (the exchange format), for the languages European partners write in.
const TO_639_1: Record<string, string> = {
  nob: 'nb',
  nno: 'nn',
  dan: 'da',
  swe: 'sv',
  isl: 'is',
  fin: 'fi',
  est: 'et',
  lav: 'lv',
  lit: 'lt',
  pol: 'pl',
  ces: 'cs',
  slk: 'sk',
  hun: 'hu',
  ron: 'ro',
  slv: 'sl',
  hrv: 'hr',
  bul: 'bg',
  ell: 'el',
  deu: 'de',
  nld: 'nl',
  eng: 'en',
  fra: 'fr',
  spa: 'es',
  ita: 'it',
  por: 'pt',
};
const CANDIDATES = Object.keys(TO_639_1);

// Function words and spellings typical of one language (lower-case, diacritics kept). franc's trigram
// scores are unreliable on the one-sentence texts people type; these words settle the close calls,
// and tell nynorsk from bokmål, which franc cannot (it answers bokmål for both).
const MARKERS: Record<string, string[]> = {
  nn: 'ikkje eg ein eit kva korleis kven kvar frå dei deira vere vore treng ho heime berre mykje saman skule skular kommunar tenester tenesta tenestene kjem gjer difor fleire noko nokre desse sjølv utfordringar meir hjå elles ønskjer ynskjer bustad bustader grøn grøne partnar partnarar busetjing innbyggjarar verksemder søknad søknader vidaregåande auke korleis også'.split(
    ' ',
  ),
  nb: 'ikke jeg en et hva hvordan hvem hvor fra være trenger hun hjemme bare mye sammen skole skoler kommuner tjenester tjenesten tjenestene kommer gjør derfor flere noe noen disse selv utfordringer mer ellers ønsker bolig boliger grønn grønne partner partnere bosetting innbyggere virksomheter søknad søker etter gjennom arbeid utvikling eldre'.split(
    ' ',
  ),
  da: 'af hvad meget mellem efter blive bliver søger ældre nogle kun samt gennem arbejde udvikling borgerne kommunens løsninger vores også'.split(
    ' ',
  ),
  sv: 'och att inte för med som är av till det har söker äldre inom samt kommunen genom arbete utveckling också'.split(
    ' ',
  ),
  pl: 'i w z na do się nie jest oraz dla przez jak które który która miasto miasta gminy gmina mieszkańców seniorów współpracy rozwój'.split(
    ' ',
  ),
  de: 'und der die das für mit von zu ist im den nicht wir suchen eine einen auch durch älterer menschen'.split(
    ' ',
  ),
  nl: 'de het een en van voor met wij zijn ook door naar onze gemeente ouderen'.split(' '),
  en: 'the and of to for with we our is are in on by from this that looking partners'.split(' '),
  fi: 'ja on että ei sekä kunta kunnan myös tai joka ovat'.split(' '),
  es: 'el la los las de del y que para con por una un es en su ayuntamiento'.split(' '),
  it: 'il lo la gli le di da che per con una un è del della comune'.split(' '),
  fr: 'le la les des du et que pour avec une un est dans sur nous commune'.split(' '),
};
const MARKER_SETS = Object.fromEntries(Object.entries(MARKERS).map(([k, v]) => [k, new Set(v)]));

// Letters that only some languages use.
const LETTERS: [RegExp, string[]][] = [
  [/[ąęłńśźżć]/u, ['pl']],
  [/[øæ]/u, ['nb', 'nn', 'da']],
  [/[äö]/u, ['sv', 'fi', 'de']],
  [/ü/u, ['de']],
  [/ß/u, ['de']],
  [/[őű]/u, ['hu']],
  [/[șțăâî]/u, ['ro']],
  [/[ėųūįč]/u, ['lt']],
  [/[āēīķļņģ]/u, ['lv']],
  [/õ/u, ['et', 'pt']],
  [/ñ/u, ['es']],
  [/[ěřůť]/u, ['cs']],
];

/** The language of a text as an ISO 639-1 code, with how sure we are (0–1). */
export interface DetectedLanguage {
  code: string;
  confidence: number;
}

/**
 * Detects the language of a text among the languages of European partner profiles; Norwegian is
 * returned as `nn` or `nb` where the text allows, otherwise `nb`. Returns `und` for text too short
 * to tell.
 */
export function detectLanguage(text: string): DetectedLanguage {
  const ranked = francAll(text, { only: CANDIDATES, minLength: 8 });
  if (!ranked[0] || ranked[0][0] === 'und') return { code: 'und', confidence: 0 };
  const scores = new Map<string, number>();
  for (const [iso3, score] of ranked) scores.set(TO_639_1[iso3] ?? iso3, score);
  // franc has no nynorsk-specific signal; start nynorsk level with bokmål and let the markers decide.
  scores.set('nn', Math.max(scores.get('nn') ?? 0, scores.get('nb') ?? 0));
  const lower = text.toLowerCase();
  const tokens = lower.match(/\p{L}+/gu) ?? [];
  for (const [lang, set] of Object.entries(MARKER_SETS)) {
    const hits = tokens.filter((t) => set.has(t)).length;
    scores.set(lang, (scores.get(lang) ?? 0) + Math.min(0.5, (0.5 * hits) / Math.max(4, tokens.length / 3)));
  }
  for (const [re, langs] of LETTERS)
    if (re.test(lower)) for (const l of langs) scores.set(l, (scores.get(l) ?? 0) + 0.25);
  const sorted = [...scores.entries()].sort((a, b) => b[1] - a[1]);
  const [top, second] = sorted as [[string, number], [string, number] | undefined];
  const confidence = second ? Math.max(0, Math.min(1, (top[1] - second[1]) * 4 + 0.3)) : 1;
  return { code: top[0], confidence };
}

/** Norwegian written forms that all mean Norwegian for working-language purposes. */
export const NORWEGIAN = new Set(['no', 'nb', 'nn']);

/** Maps nb/nn/no to `no`, so two Norwegian organisations share a language whatever they write. */
export function languageFamily(code: string): string {
  return NORWEGIAN.has(code) ? 'no' : code;
}
