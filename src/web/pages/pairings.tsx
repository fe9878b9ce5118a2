import type { FC } from 'hono/jsx';
import type { PairingRun } from '../../pairing/schema.js';
import type { RunSummaryRow } from '../../storage/pairings.js';
import { formatDate, formatScore } from '../i18n.js';
import { Csrf, describe, Layout, Notice, type PageCtx } from '../layout.js';

/** The start-a-run form and the recent runs. */
export const PairingsPage: FC<{
  ctx: PageCtx;
  runs: RunSummaryRow[];
  values: { mode: string; minScore: string };
  errors?: Record<string, string>;
}> = ({ ctx, runs, values, errors = {} }) => {
  const { t, lang } = ctx;
  const min = describe('minScore', true, errors.minScore);
  const anyError = Object.values(errors)[0];
  return (
    <Layout
      ctx={ctx}
      title={t.pairings.title}
      notice={
        anyError ? (
          <Notice kind="error">
            <p>{anyError}</p>
          </Notice>
        ) : undefined
      }
    >
      <p class="prose">{t.pairings.intro}</p>
      <form method="post" action="/paringar" class="panel">
        <h2>{t.pairings.start}</h2>
        <Csrf ctx={ctx} />
        <fieldset class="radios">
          <legend>{t.pairings.mode}</legend>
          <label>
            <input type="radio" name="mode" value="optimal" checked={values.mode !== 'stable'} />
            {t.pairings.optimal}
          </label>
          <label>
            <input type="radio" name="mode" value="stable" checked={values.mode === 'stable'} />
            {t.pairings.stable}
          </label>
        </fieldset>
        <label for="minScore">{t.pairings.minScore}</label>
        <p class="hint" id="minScore-hint">
          {t.pairings.minScoreHint}
        </p>
        {min.error}
        <input
          type="text"
          inputmode="decimal"
          id="minScore"
          name="minScore"
          value={values.minScore}
          class="short"
          {...min.attrs}
        />
        <button type="submit">{t.pairings.submit}</button>
      </form>
      <h2 id="runs-title">{t.pairings.recent}</h2>
      {runs.length ? (
        <div class="table-wrap" role="region" aria-labelledby="runs-title" tabindex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t.pairings.runCol}</th>
                <th scope="col">{t.pairings.createdCol}</th>
                <th scope="col">{t.pairings.modeCol}</th>
                <th scope="col" class="num">
                  {t.pairings.pairsCol}
                </th>
                <th scope="col" class="num">
                  {t.pairings.totalCol}
                </th>
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => (
                <tr>
                  <td>
                    <a href={`/paringar/${encodeURIComponent(r.id)}`}>{r.id}</a>
                  </td>
                  <td>{formatDate(r.created_at, lang)}</td>
                  <td>{t.pairings.modes[r.mode as 'optimal' | 'stable'] ?? r.mode}</td>
                  <td class="num">{r.pairs}</td>
                  <td class="num">{formatScore(r.total_score, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t.pairings.noRuns}</p>
      )}
    </Layout>
  );
};

/** One run: the assignment table with alternatives, the unassigned, CSV and "send to review". */
export const RunPage: FC<{ ctx: PageCtx; run: PairingRun; sent?: { created: number; existing: number } }> = ({
  ctx,
  run,
  sent,
}) => {
  const { t, lang } = ctx;
  const alternatives = (id: string) =>
    (run.alternatives[id] ?? []).map((a) => `${a.donorName} (${formatScore(a.score, lang)})`).join('; ') ||
    t.none;
  return (
    <Layout
      ctx={ctx}
      title={t.pairings.runTitle(run.id)}
      notice={
        sent ? (
          <Notice>
            <p>
              {t.pairings.sent(sent.created, sent.existing)}{' '}
              <a href="/gjennomgang">{t.pairings.openReview}</a>
            </p>
          </Notice>
        ) : undefined
      }
    >
      <p>
        <a href="/paringar">{t.pairings.title}</a>
      </p>
      <p>
        {t.pairings.summary(
          t.pairings.modes[run.mode],
          run.counts.pairs,
          run.counts.donors,
          run.counts.beneficiaries,
        )}
      </p>
      <dl class="facts">
        <dt>{t.pairings.totalScore}</dt>
        <dd>{formatScore(run.totalScore, lang)}</dd>
        {run.stability ? (
          <>
            <dt>{t.pairings.blocking}</dt>
            <dd>{run.stability.blockingPairs}</dd>
          </>
        ) : null}
        {run.stability?.optimalWouldBeStable !== undefined ? (
          <>
            <dt>{t.pairings.optimalStable}</dt>
            <dd>{run.stability.optimalWouldBeStable ? t.yes : t.no}</dd>
          </>
        ) : null}
      </dl>
      <div class="actions">
        <a class="button secondary" href={`/paringar/${encodeURIComponent(run.id)}/eksport.csv`} download>
          {t.pairings.csv}
        </a>
        {run.pairs.length ? (
          <form method="post" action={`/paringar/${encodeURIComponent(run.id)}/gjennomgang`}>
            <Csrf ctx={ctx} />
            <button type="submit" aria-describedby="send-hint">
              {t.pairings.send}
            </button>
          </form>
        ) : null}
      </div>
      {run.pairs.length ? (
        <p class="hint" id="send-hint">
          {t.pairings.sendHint}
        </p>
      ) : null}
      <h2 id="assign-title">{t.pairings.assignments}</h2>
      {run.pairs.length ? (
        <div class="table-wrap" role="region" aria-labelledby="assign-title" tabindex={0}>
          <table>
            <caption>{t.pairings.assignmentsCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.pairings.donor}</th>
                <th scope="col">{t.pairings.beneficiary}</th>
                <th scope="col" class="num">
                  {t.pairings.score}
                </th>
                <th scope="col">{t.pairings.reason}</th>
                <th scope="col">{t.pairings.alternatives}</th>
              </tr>
            </thead>
            <tbody>
              {run.pairs.map((p) => (
                <tr>
                  <td>
                    <a href={`/profilar/${encodeURIComponent(p.donorId)}`}>{p.donorName}</a>
                  </td>
                  <td>
                    <a href={`/profilar/${encodeURIComponent(p.beneficiaryId)}`}>{p.beneficiaryName}</a>
                    {p.required ? <div class="hint">{t.pairings.required}</div> : null}
                  </td>
                  <td class="num">{formatScore(p.score, lang)}</td>
                  <td class="wide">{p.reason}</td>
                  <td>{alternatives(p.beneficiaryId)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t.pairings.noPairs}</p>
      )}
      <h2 id="unassigned-title">{t.pairings.unassigned}</h2>
      {run.unassigned.length ? (
        <div class="table-wrap" role="region" aria-labelledby="unassigned-title" tabindex={0}>
          <table>
            <caption>{t.pairings.unassignedCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.pairings.name}</th>
                <th scope="col">{t.pairings.side}</th>
                <th scope="col">{t.pairings.why}</th>
                <th scope="col">{t.pairings.alternatives}</th>
              </tr>
            </thead>
            <tbody>
              {run.unassigned.map((u) => (
                <tr>
                  <td>
                    <a href={`/profilar/${encodeURIComponent(u.id)}`}>{u.name}</a>
                  </td>
                  <td>{t.pairings.sides[u.side]}</td>
                  <td>{t.pairings.reasons[u.reason]}</td>
                  <td>{u.side === 'beneficiary' ? alternatives(u.id) : t.none}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t.pairings.noneUnassigned}</p>
      )}
    </Layout>
  );
};
