import type { FC } from 'hono/jsx';
import type { Suggestion } from '../../suggestions/schema.js';
import { STATES } from '../../suggestions/states.js';
import { byName, countryName, formatDate, formatScore, themeLabel } from '../i18n.js';
import { Layout, Notice, StateBadge, type PageCtx } from '../layout.js';
import { COUNTRIES } from '../options.js';

/** The queue's filters as the form holds them. */
export interface QueueQuery {
  states: string[];
  region: string;
  programme: string;
  theme: string;
  seeker: string;
  candidateCountry: string;
}

/** The filters as a query string (without the cursor), for the CSV link and "more". */
export function queueSearch(q: QueueQuery): string {
  const params = new URLSearchParams();
  for (const s of q.states) params.append('state', s);
  if (q.region) params.set('region', q.region);
  if (q.programme) params.set('programme', q.programme);
  if (q.theme) params.set('theme', q.theme);
  if (q.seeker) params.set('seeker', q.seeker);
  if (q.candidateCountry) params.set('candidateCountry', q.candidateCountry);
  return params.toString();
}

/** The review queue: filters, the table of suggestions, CSV export. */
export const ReviewPage: FC<{
  ctx: PageCtx;
  q: QueueQuery;
  items: Suggestion[];
  nextCursor?: string | undefined;
  error?: string | undefined;
}> = ({ ctx, q, items, nextCursor, error }) => {
  const { t, lang, catalogue } = ctx;
  const own = ctx.session?.principal.role === 'municipality';
  const search = queueSearch(q);
  const withSearch = (path: string, extra = '') => {
    const s = [search, extra].filter(Boolean).join('&');
    return s ? `${path}?${s}` : path;
  };
  return (
    <Layout
      ctx={ctx}
      title={t.review.title}
      notice={
        error ? (
          <Notice kind="error">
            <p>{error}</p>
          </Notice>
        ) : undefined
      }
    >
      <p>{own ? t.review.introOwn : t.review.intro}</p>
      <form method="get" action="/gjennomgang" class="panel">
        <h2>{t.review.filters}</h2>
        <fieldset>
          <legend>{t.review.state}</legend>
          <div class="checks">
            {STATES.map((s) => (
              <label>
                <input type="checkbox" name="state" value={s} checked={q.states.includes(s)} />
                {t.states[s]}
              </label>
            ))}
          </div>
        </fieldset>
        <label for="f-region">{t.review.region}</label>
        <input type="text" id="f-region" name="region" value={q.region} autocomplete="off" />
        <label for="f-programme">{t.review.programme}</label>
        <select id="f-programme" name="programme">
          <option value="">{t.review.anyProgramme}</option>
          {byName(catalogue.programmes, (p) => p.names[lang], lang).map((p) => (
            <option value={p.code} selected={p.code === q.programme}>
              {p.names[lang]}
            </option>
          ))}
        </select>
        <label for="f-theme">{t.review.theme}</label>
        <select id="f-theme" name="theme">
          <option value="">{t.review.anyTheme}</option>
          {byName(catalogue.themes, (x) => x.labels[lang], lang).map((x) => (
            <option value={x.code} selected={x.code === q.theme}>
              {themeLabel(catalogue, x.code, lang)}
            </option>
          ))}
        </select>
        <label for="f-seeker">{t.review.seeker}</label>
        <input type="text" id="f-seeker" name="seeker" value={q.seeker} autocomplete="off" />
        <label for="f-country">{t.review.candidateCountry}</label>
        <select id="f-country" name="candidateCountry">
          <option value="">{t.review.anyCountry}</option>
          {byName([...COUNTRIES], (c) => countryName(c, lang), lang).map((c) => (
            <option value={c} selected={c === q.candidateCountry}>
              {countryName(c, lang)}
            </option>
          ))}
        </select>
        <div class="actions">
          <button type="submit">{t.review.apply}</button>
          <a class="button secondary" href="/gjennomgang">
            {t.review.reset}
          </a>
        </div>
      </form>
      <h2>{t.review.count(items.length)}</h2>
      <p>
        <a href={withSearch('/gjennomgang/eksport.csv')} download>
          {t.review.export}
        </a>
      </p>
      {items.length ? (
        <div class="table-wrap" role="region" aria-labelledby="queue-caption" tabindex={0}>
          <table>
            <caption id="queue-caption">{t.review.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.review.seekerCol}</th>
                <th scope="col">{t.review.candidateCol}</th>
                <th scope="col" class="num">
                  {t.review.scoreCol}
                </th>
                <th scope="col">{t.review.stateCol}</th>
                <th scope="col">{t.review.updatedCol}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((s) => (
                <tr>
                  <td>
                    {s.seeker.name}
                    {s.seeker.region ? <div class="hint">{s.seeker.region}</div> : null}
                  </td>
                  <td>
                    <a href={`/gjennomgang/${s.id}`}>{s.candidate.name}</a>
                    <div class="hint">{countryName(s.candidate.country, lang)}</div>
                  </td>
                  <td class="num">{formatScore(s.score, lang)}</td>
                  <td>
                    <StateBadge ctx={ctx} state={s.state} />
                  </td>
                  <td>{formatDate(s.updatedAt, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t.review.none}</p>
      )}
      {nextCursor ? (
        <p>
          <a href={withSearch('/gjennomgang', `etter=${encodeURIComponent(nextCursor)}`)}>{t.review.more}</a>
        </p>
      ) : null}
    </Layout>
  );
};
