import type { FC } from 'hono/jsx';
import type { MatchResult } from '../../matching/schema.js';
import type { ProgrammeSuggestion } from '../../matching/programmes.js';
import {
  byName,
  countryName,
  formatScore,
  languageName,
  programmeName,
  themeLabel,
  type Lang,
} from '../i18n.js';
import { Csrf, describe, Layout, Notice, type PageCtx } from '../layout.js';
import { COUNTRIES, PARTNER_LANGUAGES } from '../options.js';

/** What the challenge form was filled in with. */
export interface ChallengeQuery {
  text: string;
  programme: string;
  countries: string[];
  language: string;
  /** Leave out Norwegian profiles when no country is ticked: the users seek partners abroad. */
  abroad: boolean;
}

/** How the save button names the seeker: fixed (one own profile), a choice of own profiles, or typed in. */
export type SeekerChoice =
  | { kind: 'fixed'; id: string }
  | { kind: 'select'; options: { id: string; name: string }[] }
  | { kind: 'input' };

/** A saved suggestion to confirm at the top of the results. */
export interface SavedNotice {
  id: string;
  created: boolean;
  seeker: string;
  candidate: string;
}

const joinNames = (xs: string[], ctx: PageCtx) => (xs.length ? xs.join(', ') : ctx.t.none);

const SaveForm: FC<{
  ctx: PageCtx;
  r: MatchResult;
  i: number;
  q: ChallengeQuery;
  seeker: SeekerChoice;
  back: string;
}> = ({ ctx, r, i, q, seeker, back }) => {
  const { t } = ctx;
  return (
    <form method="post" action="/utfordring/lagre">
      <Csrf ctx={ctx} />
      <input type="hidden" name="candidateId" value={r.id} />
      <input type="hidden" name="tekst" value={q.text} />
      <input type="hidden" name="tilbake" value={back} />
      {seeker.kind === 'fixed' ? <input type="hidden" name="seekerId" value={seeker.id} /> : null}
      {seeker.kind === 'select' ? (
        <>
          <label for={`seeker-${i}`}>{t.challenge.seeker}</label>
          <select id={`seeker-${i}`} name="seekerId" required>
            {seeker.options.map((o) => (
              <option value={o.id}>{o.name}</option>
            ))}
          </select>
        </>
      ) : null}
      {seeker.kind === 'input' ? (
        <>
          <label for={`seeker-${i}`}>{t.challenge.seekerId}</label>
          <input type="text" id={`seeker-${i}`} name="seekerId" required autocomplete="off" />
        </>
      ) : null}
      <button type="submit" class="secondary" aria-label={`${t.challenge.save}: ${r.name}`}>
        {t.challenge.save}
      </button>
    </form>
  );
};

const Result: FC<{
  ctx: PageCtx;
  r: MatchResult;
  i: number;
  q: ChallengeQuery;
  seeker: SeekerChoice;
  back: string;
}> = (props) => {
  const { ctx, r } = props;
  const { t, lang, catalogue } = ctx;
  const e = r.explanation;
  return (
    <li class="result">
      <h3>
        <a href={`/profilar/${encodeURIComponent(r.id)}`}>{r.name}</a>
      </h3>
      <p class="meta">
        {countryName(r.country, lang)} · {t.challenge.score}: <strong>{formatScore(r.score, lang)}</strong>
      </p>
      <p>
        <strong>{t.challenge.reason}:</strong> {r.reason}
      </p>
      <dl class="facts">
        <dt>{t.challenge.themes}</dt>
        <dd>
          {joinNames(
            e.themes.shared.map((c) => themeLabel(catalogue, c, lang)),
            ctx,
          )}
        </dd>
        <dt>{t.challenge.languages}</dt>
        <dd>
          {joinNames(
            e.language.shared.map((c) => languageName(c, lang)),
            ctx,
          )}
        </dd>
        <dt>{t.challenge.programmes}</dt>
        <dd>
          {joinNames(
            e.programme.shared.map((c) => programmeName(catalogue, c, lang)),
            ctx,
          )}
        </dd>
      </dl>
      <SaveForm {...props} />
    </li>
  );
};

const Programmes: FC<{ ctx: PageCtx; items: ProgrammeSuggestion[] }> = ({ ctx, items }) => {
  const { t, lang, catalogue } = ctx;
  return (
    <section aria-labelledby="programmes-title" class="panel">
      <h2 id="programmes-title">{t.challenge.programmeTitle}</h2>
      {items.length ? (
        <ul>
          {items.map((p) => (
            <li>
              <strong>{programmeName(catalogue, p.code, lang)}</strong>
              {p.eligible ? null : <span> ({t.challenge.notEligible})</span>}
              <br />
              {p.reason}
              <br />
              <a href={p.url} rel="noopener noreferrer">
                {t.challenge.readMore(programmeName(catalogue, p.code, lang))}
              </a>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t.challenge.programmeNone}</p>
      )}
    </section>
  );
};

const countryOptions = (lang: Lang) => byName([...COUNTRIES], (c) => countryName(c, lang), lang);

/** "Describe your challenge": the form, and once submitted the ranked partners and programmes. */
export const ChallengePage: FC<{
  ctx: PageCtx;
  q: ChallengeQuery;
  results?: MatchResult[] | undefined;
  programmes?: ProgrammeSuggestion[] | undefined;
  textError?: string | undefined;
  seeker: SeekerChoice;
  back: string;
  saved?: SavedNotice | undefined;
}> = ({ ctx, q, results, programmes, textError, seeker, back, saved }) => {
  const { t, lang, catalogue } = ctx;
  const text = describe('tekst', true, textError);
  const notice = saved ? (
    <Notice>
      <p>
        {saved.created ? t.challenge.saved : t.challenge.savedExisting} {saved.seeker} – {saved.candidate}.{' '}
        <a href={`/gjennomgang/${saved.id}`}>{t.challenge.openSaved}</a>
      </p>
    </Notice>
  ) : textError ? (
    <Notice kind="error">
      <p>
        <a href="#tekst">{textError}</a>
      </p>
    </Notice>
  ) : undefined;
  return (
    <Layout ctx={ctx} title={t.challenge.title} notice={notice}>
      <p class="prose">{t.challenge.intro}</p>
      <form method="get" action="/utfordring">
        <label for="tekst">{t.challenge.text}</label>
        <p class="hint" id="tekst-hint">
          {t.challenge.textHint}
        </p>
        {text.error}
        <textarea id="tekst" name="tekst" rows={6} maxlength={4000} required {...text.attrs}>
          {q.text}
        </textarea>
        <div class="radios">
          <label>
            <input
              type="checkbox"
              name="utland"
              value="1"
              checked={q.abroad}
              aria-describedby="utland-hint"
            />
            {t.challenge.abroad}
          </label>
          <p class="hint" id="utland-hint">
            {t.challenge.abroadHint}
          </p>
        </div>
        <details open={Boolean(q.programme || q.countries.length || q.language)}>
          <summary>{t.challenge.filters}</summary>
          <label for="program">{t.challenge.programme}</label>
          <select id="program" name="program">
            <option value="">{t.challenge.anyProgramme}</option>
            {byName(catalogue.programmes, (p) => p.names[lang], lang).map((p) => (
              <option value={p.code} selected={p.code === q.programme}>
                {p.names[lang]}
              </option>
            ))}
          </select>
          <label for="partnarsprak">{t.challenge.language}</label>
          <select id="partnarsprak" name="partnarsprak">
            <option value="">{t.challenge.anyLanguage}</option>
            {byName([...PARTNER_LANGUAGES], (l) => languageName(l, lang), lang).map((l) => (
              <option value={l} selected={l === q.language}>
                {languageName(l, lang)}
              </option>
            ))}
          </select>
          <fieldset>
            <legend>{t.challenge.countries}</legend>
            <p class="hint">{t.challenge.countriesHint}</p>
            <div class="checks">
              {countryOptions(lang).map((c) => (
                <label>
                  <input type="checkbox" name="land" value={c} checked={q.countries.includes(c)} />
                  {countryName(c, lang)}
                </label>
              ))}
            </div>
          </fieldset>
        </details>
        <button type="submit">{t.challenge.submit}</button>
      </form>
      {results ? (
        <div class="layout">
          <section aria-labelledby="results-title">
            <h2 id="results-title">{t.challenge.results}</h2>
            <p>{results.length ? t.challenge.resultsCount(results.length) : t.challenge.none}</p>
            <ol class="results">
              {results.map((r, i) => (
                <Result ctx={ctx} r={r} i={i} q={q} seeker={seeker} back={back} />
              ))}
            </ol>
          </section>
          <Programmes ctx={ctx} items={programmes ?? []} />
        </div>
      ) : null}
    </Layout>
  );
};
