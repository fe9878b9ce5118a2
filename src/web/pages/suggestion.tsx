import type { Child, FC } from 'hono/jsx';
import { seesEverything } from '../../auth/policy.js';
import type { Suggestion } from '../../suggestions/schema.js';
import type { State } from '../../suggestions/states.js';
import {
  countryName,
  formatDate,
  formatScore,
  languageName,
  programmeName,
  themeLabel,
  type Dict,
} from '../i18n.js';
import { Csrf, describe, Layout, Notice, StateBadge, type PageCtx } from '../layout.js';

/** Field errors and a message to show with the detail page after a failed form. */
export interface DetailProblems {
  notice?: string;
  reason?: string;
  comment?: string;
  note?: string;
}

const stateName = (t: Dict, s: string | null) => (s ? (t.states[s as State] ?? s) : '');

/** One suggestion: score, explanation, reason, history, and the forms to move it on. */
export const SuggestionPage: FC<{
  ctx: PageCtx;
  s: Suggestion;
  ok?: string | undefined;
  problems?: DetailProblems;
  values?: { note?: string; reason?: string; comment?: string };
}> = ({ ctx, s, ok, problems = {}, values = {} }) => {
  const { t, lang, catalogue } = ctx;
  const e = s.explanation;
  const forward = s.allowedTransitions.filter((x) => x !== 'rejected');
  const canReject = s.allowedTransitions.includes('rejected');
  const note = describe('note', false, problems.note);
  const reason = describe('reason', false, problems.reason);
  const comment = describe('comment', false, problems.comment);
  const shared = (codes: string[], name: (c: string) => string) => codes.map(name).join(', ');
  const rows: [string, number | null, string][] = [
    [t.detail.components.semantic, e.semantic, ''],
    [
      t.detail.components.themes,
      e.themes.score,
      shared(e.themes.shared, (c) => themeLabel(catalogue, c, lang)),
    ],
    [t.detail.components.language, e.language.score, shared(e.language.shared, (c) => languageName(c, lang))],
    [
      t.detail.components.programme,
      e.programme.score,
      shared(e.programme.shared, (c) => programmeName(catalogue, c, lang)),
    ],
    [t.detail.components.lexical, e.lexical, ''],
    [t.detail.components.reciprocity, e.reciprocity, ''],
    [t.detail.components.diversityPenalty, e.diversityPenalty, ''],
  ];
  const notice: Child = problems.notice ? (
    <Notice kind="error">
      <p>{problems.notice}</p>
    </Notice>
  ) : ok ? (
    <Notice>
      <p>{ok}</p>
    </Notice>
  ) : undefined;
  const editors = ctx.session ? seesEverything(ctx.session.principal) : false;
  return (
    <Layout ctx={ctx} title={t.detail.title(s.seeker.name, s.candidate.name)} notice={notice}>
      <p>
        <a href="/gjennomgang">{t.detail.back}</a>
      </p>
      <div class="layout">
        <div>
          <h2>{t.detail.summary}</h2>
          <dl class="facts">
            <dt>{t.detail.state}</dt>
            <dd>
              <StateBadge ctx={ctx} state={s.state} />
            </dd>
            <dt>{t.detail.seeker}</dt>
            <dd>
              <a href={`/profilar/${encodeURIComponent(s.seeker.id)}`}>{s.seeker.name}</a>
              {s.seeker.region ? ` (${s.seeker.region})` : ''}
            </dd>
            <dt>{t.detail.candidate}</dt>
            <dd>
              <a href={`/profilar/${encodeURIComponent(s.candidate.id)}`}>{s.candidate.name}</a> (
              {countryName(s.candidate.country, lang)})
            </dd>
            <dt>{t.detail.score}</dt>
            <dd>{formatScore(s.score, lang)}</dd>
            <dt>{t.detail.source}</dt>
            <dd>
              {t.sources[s.source]}
              {s.source === 'pairing' && s.sourceRef ? (
                editors ? (
                  <>
                    {' '}
                    (<a href={`/paringar/${encodeURIComponent(s.sourceRef)}`}>{t.detail.openRun}</a>)
                  </>
                ) : (
                  ` (${s.sourceRef})`
                )
              ) : null}
            </dd>
            <dt>{t.detail.createdAt}</dt>
            <dd>{formatDate(s.createdAt, lang)}</dd>
            <dt>{t.detail.updatedAt}</dt>
            <dd>{formatDate(s.updatedAt, lang)}</dd>
            <dt>{t.detail.version}</dt>
            <dd>{s.version}</dd>
          </dl>
          <h2>{t.detail.reason}</h2>
          <p class="prose">{s.reason}</p>
          {s.rejectReason ? (
            <>
              <h2>{t.detail.rejectReason}</h2>
              <p class="prose">{s.rejectReason}</p>
            </>
          ) : null}
          <h2>{t.detail.explanation}</h2>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t.detail.component}</th>
                  <th scope="col" class="num">
                    {t.detail.value}
                  </th>
                  <th scope="col">{t.detail.shared}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map(([label, value, extra]) => (
                  <tr>
                    <th scope="row">{label}</th>
                    <td class="num">{value === null ? t.detail.notComputed : formatScore(value, lang)}</td>
                    <td>{extra || t.none}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
        <div>
          <section class="panel" aria-labelledby="change-title">
            <h2 id="change-title">{t.detail.changeState}</h2>
            {forward.length ? (
              <form method="post" action={`/gjennomgang/${s.id}/status`}>
                <Csrf ctx={ctx} />
                <input type="hidden" name="version" value={String(s.version)} />
                <label for="note">{t.detail.note}</label>
                {note.error}
                <textarea id="note" name="note" rows={2} maxlength={4000} {...note.attrs}>
                  {values.note ?? ''}
                </textarea>
                <div class="actions">
                  {forward.map((to) => (
                    <button
                      type="submit"
                      name="to"
                      value={to}
                      class={to === 'withdrawn' ? 'secondary' : undefined}
                    >
                      {t.moveTo[to]}
                    </button>
                  ))}
                </div>
              </form>
            ) : (
              <p>{t.detail.finalState}</p>
            )}
          </section>
          {canReject ? (
            <section class="panel" aria-labelledby="reject-title">
              <h2 id="reject-title">{t.detail.reject}</h2>
              <form method="post" action={`/gjennomgang/${s.id}/status`}>
                <Csrf ctx={ctx} />
                <input type="hidden" name="version" value={String(s.version)} />
                <input type="hidden" name="to" value="rejected" />
                <label for="reason">{t.detail.rejectReason2}</label>
                {reason.error}
                <textarea id="reason" name="reason" rows={3} maxlength={4000} required {...reason.attrs}>
                  {values.reason ?? ''}
                </textarea>
                <button type="submit" class="danger">
                  {t.detail.rejectSubmit}
                </button>
              </form>
            </section>
          ) : null}
          <section class="panel" aria-labelledby="comment-title">
            <h2 id="comment-title">{t.detail.comment}</h2>
            <form method="post" action={`/gjennomgang/${s.id}/kommentar`}>
              <Csrf ctx={ctx} />
              <label for="comment">{t.detail.commentLabel}</label>
              {comment.error}
              <textarea id="comment" name="text" rows={3} maxlength={4000} required {...comment.attrs}>
                {values.comment ?? ''}
              </textarea>
              <button type="submit" class="secondary">
                {t.detail.commentSubmit}
              </button>
            </form>
          </section>
        </div>
      </div>
      <h2 id="history-title">{t.detail.history}</h2>
      <div class="table-wrap" role="region" aria-labelledby="history-title" tabindex={0}>
        <table>
          <caption>{t.detail.historyCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{t.detail.at}</th>
              <th scope="col">{t.detail.who}</th>
              <th scope="col">{t.detail.change}</th>
              <th scope="col">{t.detail.noteCol}</th>
            </tr>
          </thead>
          <tbody>
            {(s.history ?? []).map((h) => (
              <tr>
                <td>{formatDate(h.at, lang)}</td>
                <td>
                  {h.actor.name}
                  <div class="hint">{t.roles[h.actor.role as keyof Dict['roles']] ?? h.actor.role}</div>
                </td>
                <td>
                  {h.kind === 'created'
                    ? `${t.detail.created}: ${stateName(t, h.to)}`
                    : h.kind === 'comment'
                      ? t.detail.commented
                      : `${stateName(t, h.from)} → ${stateName(t, h.to)}`}
                </td>
                <td class="prose">{h.note ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
};
