/**
 * Language-neutral text normalisation for matching. Stored text is never changed; these forms are
 * only compared with each other, so `Świętokrzyski`, `swietokrzyski` and `SWIETOKRZYSKI` meet.
 */

// Letters that NFKD does not decompose into base + mark.
const SPECIAL: Record<string, string> = {
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ß: 'ss',
  ı: 'i',
};

/** Lower-cases and removes diacritics (ø→o, ł→l, ä→a, ß→ss). */
export function fold(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[øæœłđðþßı]/g, (c) => SPECIAL[c] ?? c);
}

/** Splits text into folded words of letters and digits. */
export function words(text: string): string[] {
  return fold(text).match(/[a-z0-9]+/g) ?? [];
}

// Function words of the supported languages, folded. They carry no topic, and several are short
// prefixes of topic words, so lexical matching drops them.
const STOPWORDS = new Set(
  `og i a at av for med som pa er til det den de en et ein eit ikkje ikke eg jeg vi me du han ho hun
  dei dere deim oss var vart blir bli vere vore vaere har hadde kan skal vil ma sa fra fra om over under
  etter mot ved hos eller men ogsa og berre bare mykje mye meir mer kva hva korleis hvordan kven hvem
  the and of to in for on with as by at from an or be is are was were this that these those it its our
  their we you they have has had will would can could should may also not but which who what how
  all any each more most other some such than too very into about between through during
  i w z na do sie nie jest oraz a o od po przez dla jak ze to tak ten ta te tym ktore ktory
  ich miasto miasta gminy gmina ktora
  der die das und zu den von mit sich des auf fur ist im dem nicht ein eine als auch es an werden aus
  er hat dass sie nach wird bei einer um am sind noch wie einem uber einen so zum war haben nur oder
  och att det som en pa ar av for med till den har de inte om ett var jag men sig sa vid kan nar eller
  af til er pa med som den det de har en et ikke der vil kan man sig fra ogsa
  ja on ei se ovat ole etta joka tai kun mutta myos
  de het een en van ik te dat die in is niet op aan met als voor er maar om zijn ook bij
  el la los las de del en y que un una por con para es al lo como mas o su sus se
  il lo la i gli le di da in con su per tra fra e che un una del della dei delle al alla
  le la les de des du et en un une pour par sur dans que qui au aux avec est sont ce cette`.split(/\s+/),
);

/** Words worth matching on: folded, at least three characters, no function words. */
export function contentWords(text: string): string[] {
  return words(text).filter((w) => w.length >= 3 && !STOPWORDS.has(w));
}

/**
 * A crude but language-neutral stem: the first six characters. Truncation stemming holds up well
 * across inflecting European languages (Norwegian compounds, Polish cases) where no single
 * stemmer covers all twelve languages we see.
 */
export function stem(word: string): string {
  return word.length > 6 ? word.slice(0, 6) : word;
}

/** Stemmed content words, space-separated: what the `search_terms` column holds. */
export function searchTerms(...texts: (string | undefined | null)[]): string {
  return texts
    .filter((t): t is string => !!t)
    .flatMap((t) => contentWords(t).map(stem))
    .join(' ');
}
