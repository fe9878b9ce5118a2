import { Hono, type Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppDeps } from '../app.js';
import { mayEditProfile, seesEverything } from '../auth/policy.js';
import type { Principal } from '../auth/tokens.js';
import { AppError, fieldErrors, validationError } from '../errors.js';
import type { AppEnv } from '../http/context.js';
import { MatchRequestSchema } from '../matching/schema.js';
import { pairingCsv } from '../pairing/csv.js';
import { PairingRequestSchema } from '../pairing/schema.js';
import type { ProfileView } from '../profiles/service.js';
import { listRuns } from '../storage/pairings.js';
import type { SuggestionFilters } from '../storage/suggestions.js';
import { suggestionsCsv } from '../suggestions/csv.js';
import {
  CommentSchema,
  CreateSuggestionSchema,
  SuggestionQuerySchema,
  TransitionSchema,
} from '../suggestions/schema.js';
import { STATES, type State } from '../suggestions/states.js';
import { errorsByField, list, optional, queryList, text, texts, type Form } from './forms.js';
import { DEFAULT_LANG, dict, isLang, type Lang } from './i18n.js';
import { ErrorPage, type PageCtx } from './layout.js';
import { COUNTRIES, isCountry } from './options.js';
import {
  ChallengePage,
  type ChallengeQuery,
  type SavedNotice,
  type SeekerChoice,
} from './pages/challenge.js';
import { HomePage } from './pages/home.js';
import { LoginPage } from './pages/login.js';
import { PairingsPage, RunPage } from './pages/pairings.js';
import { formValues, ProfileEditPage, ProfilePage, type ProfileFormValues } from './pages/profile.js';
import { ReviewPage, type QueueQuery } from './pages/review.js';
import { SuggestionPage } from './pages/suggestion.js';
import { csrfMatches, endSession, loadSession, safeNext, secureCookies, startSession } from './session.js';

type C = Context<AppEnv>;
type Handler = (c: C, ctx: PageCtx, form: Form) => Promise<Response>;

const LANG_COOKIE = 'lang';
const SUGGESTION_ID = /^sug_[0-9a-z]{17}$/;
/** Renders a page as a full HTML document (the doctype keeps browsers out of quirks mode). */
async function render(c: C, el: unknown, status = 200): Promise<Response> {
  const html = await (el as unknown as { toString(): string | Promise<string> }).toString();
  return c.html(`<!DOCTYPE html>${html}`, status as ContentfulStatusCode);
}

/** The `:id` of the route (always present: the routes below all have one). */
const param = (c: C) => c.req.param('id') ?? '';

const isState = (s: unknown): s is State =>
  typeof s === 'string' && (STATES as readonly string[]).includes(s);

/** A stored profile's document without what the service derived, for the editor to change and send back. */
function documentOf(view: ProfileView): Record<string, unknown> {
  const {
    derived: _derived,
    source: _source,
    illustrative: _illustrative,
    version: _version,
    createdAt: _createdAt,
    updatedAt: _updatedAt,
    ...doc
  } = view;
  return doc;
}

/**
 * The web interface: server-rendered pages in nynorsk, bokmål and English with their own
 * sign-in (an API token exchanged for a session cookie). Every page goes through `page()`, which
 * loads the session, enforces sign-in, the role and CSRF, and turns errors into friendly pages.
 */
export function webRouter(deps: AppDeps) {
  const web = new Hono<AppEnv>();
  const secure = secureCookies(deps.config.publicUrl);
  const publicOrigin = deps.config.publicUrl ? new URL(deps.config.publicUrl).origin : undefined;
  // Behind a reverse proxy the app sees its own address, the browser sends the public one. With the
  // app-wide Referrer-Policy no-referrer, browsers send `Origin: null` on form posts; csrf() then
  // relies on `Sec-Fetch-Site: same-origin`, which every current browser sends.
  const originCheck = csrf({
    origin: (origin, c) => origin === new URL(c.req.url).origin || origin === publicOrigin,
  });
  const sameOrigin = async (c: C) => {
    try {
      await originCheck(c, async () => {});
      return true;
    } catch (err) {
      if (err instanceof HTTPException && err.status === 403) return false;
      throw err;
    }
  };

  /** The page language: `?lang=` (remembered in a cookie), else the cookie, else nynorsk. */
  const pickLang = (c: C): Lang => {
    const asked = c.req.query('lang');
    if (isLang(asked)) {
      setCookie(c, LANG_COOKIE, asked, {
        path: '/',
        sameSite: 'Lax',
        httpOnly: true,
        secure,
        maxAge: 365 * 86400,
      });
      return asked;
    }
    const stored = getCookie(c, LANG_COOKIE);
    return isLang(stored) ? stored : DEFAULT_LANG;
  };

  const hereOf = (c: C) => {
    const url = new URL(c.req.url);
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return url.pathname;
    url.searchParams.delete('lang');
    return url.pathname + url.search;
  };

  const errorPage = (c: C, ctx: PageCtx, err: unknown) => {
    const { t } = ctx;
    if (err instanceof AppError) {
      const message =
        err.status === 404
          ? t.errors.notFound
          : err.status === 403
            ? t.errors.role
            : (t.errors.titles[err.status] ?? t.errors.generic);
      // A 404 says nothing more: "does not exist" and "not yours" must look the same.
      const detail = err.status === 404 ? undefined : err.message;
      return render(
        c,
        <ErrorPage ctx={ctx} status={err.status} message={message} detail={detail} />,
        err.status,
      );
    }
    if (err instanceof HTTPException && err.status < 500) {
      return render(
        c,
        <ErrorPage ctx={ctx} status={err.status} message={t.errors.titles[err.status] ?? t.errors.generic} />,
        err.status,
      );
    }
    c.get('log')?.error({ err }, 'web page failed');
    return render(c, <ErrorPage ctx={ctx} status={500} message={t.errors.internal} />, 500);
  };

  const page =
    (opts: { public?: boolean; allow?: (p: Principal) => boolean }, fn: Handler) =>
    async (c: C): Promise<Response> => {
      const lang = pickLang(c);
      const ctx: PageCtx = {
        lang,
        t: dict(lang),
        session: undefined,
        here: hereOf(c),
        requestId: c.get('requestId'),
        catalogue: deps.catalogue,
      };
      // Pages show one person's data: a shared computer's cache must not keep them. (CSP, framing
      // and referrer headers come from the app-wide securityHeaders middleware.)
      c.header('Cache-Control', 'no-store');
      try {
        ctx.session = await loadSession(c, deps.db, deps.tokens, secure);
        if (ctx.session) c.set('principal', ctx.session.principal);
        let form: Form = {};
        if (c.req.method === 'POST') {
          // The Origin (or Sec-Fetch-Site) check covers the sign-in form too, which has no session yet.
          if (!(await sameOrigin(c)))
            return render(c, <ErrorPage ctx={ctx} status={403} message={ctx.t.errors.csrf} />, 403);
          form = (await c.req.parseBody({ all: true })) as Form;
        }
        if (!opts.public) {
          if (!ctx.session) {
            const next = c.req.method === 'GET' ? hereOf(c) : undefined;
            const target = next && next !== '/' ? `/logg-inn?neste=${encodeURIComponent(next)}` : '/logg-inn';
            return c.redirect(target, 303);
          }
          if (c.req.method === 'POST' && !csrfMatches(ctx.session, form._csrf))
            return render(c, <ErrorPage ctx={ctx} status={403} message={ctx.t.errors.csrf} />, 403);
          if (opts.allow && !opts.allow(ctx.session.principal))
            return render(c, <ErrorPage ctx={ctx} status={403} message={ctx.t.errors.role} />, 403);
        }
        return await fn(c, ctx, form);
      } catch (err) {
        return errorPage(c, ctx, err);
      }
    };

  const me = (ctx: PageCtx) => ctx.session!.principal;

  // --- Language, sign-in, sign-out -------------------------------------------------------------

  web.get(
    '/sprak',
    page({ public: true }, async (c) => c.redirect(safeNext(c.req.query('neste')) ?? '/', 303)),
  );

  web.get(
    '/logg-inn',
    page({ public: true }, async (c, ctx) => {
      const next = safeNext(c.req.query('neste'));
      if (ctx.session) return c.redirect(next ?? '/', 303);
      return render(c, <LoginPage ctx={ctx} next={next} signedOut={c.req.query('ut') === '1'} />);
    }),
  );

  web.post(
    '/logg-inn',
    page({ public: true }, async (c, ctx, form) => {
      ctx.here = '/logg-inn';
      const next = safeNext(text(form, 'neste'));
      const token = text(form, 'token');
      const principal = token ? await deps.tokens.authenticate(token) : undefined;
      if (!principal) return render(c, <LoginPage ctx={ctx} next={next} failed />, 401);
      // A fresh id on every sign-in, so a session id planted before sign-in is worthless.
      if (ctx.session) await endSession(c, deps.db, ctx.session, secure);
      await startSession(c, deps.db, principal, secure);
      return c.redirect(next ?? '/', 303);
    }),
  );

  web.post(
    '/logg-ut',
    page({}, async (c, ctx) => {
      await endSession(c, deps.db, ctx.session!, secure);
      return c.redirect('/logg-inn?ut=1', 303);
    }),
  );

  // --- Start page ----------------------------------------------------------------------------------

  web.get(
    '/',
    page({}, async (c, ctx) => {
      const p = me(ctx);
      const profiles = await Promise.all(
        (p.role === 'municipality' ? (p.scope.profileIds ?? []) : []).map(async (id) => {
          try {
            return { id, name: (await deps.profiles.get(id, p)).name };
          } catch {
            return { id, name: id };
          }
        }),
      );
      return render(c, <HomePage ctx={ctx} profiles={profiles} />);
    }),
  );

  // --- Describe your challenge ---------------------------------------------------------------------

  const seekerChoice = async (p: Principal): Promise<SeekerChoice> => {
    const own = p.role === 'municipality' ? (p.scope.profileIds ?? []) : [];
    if (own.length === 1) return { kind: 'fixed', id: own[0]! };
    if (own.length > 1)
      return {
        kind: 'select',
        options: await Promise.all(
          own.map(async (id) => {
            try {
              return { id, name: (await deps.profiles.get(id, p)).name };
            } catch {
              return { id, name: id };
            }
          }),
        ),
      };
    return { kind: 'input' };
  };

  web.get(
    '/utfordring',
    page({}, async (c, ctx) => {
      const p = me(ctx);
      const q: ChallengeQuery = {
        text: (c.req.query('tekst') ?? '').trim(),
        programme: (c.req.query('program') ?? '').trim(),
        countries: queryList(c.req.queries('land')).filter(isCountry),
        language: (c.req.query('partnarsprak') ?? '').trim(),
        // A fresh form starts with the box ticked; a submitted one says what the user chose.
        abroad: c.req.query('tekst') === undefined || c.req.query('utland') === '1',
      };
      const url = new URL(c.req.url);
      for (const k of ['lang', 'lagra', 'ny']) url.searchParams.delete(k);
      const back = url.pathname + url.search;
      const seeker = await seekerChoice(p);
      let saved: SavedNotice | undefined;
      const savedId = c.req.query('lagra');
      if (savedId && SUGGESTION_ID.test(savedId)) {
        try {
          const s = await deps.suggestions.get(p, savedId);
          saved = {
            id: s.id,
            created: c.req.query('ny') === '1',
            seeker: s.seeker.name,
            candidate: s.candidate.name,
          };
        } catch {
          saved = undefined;
        }
      }
      const props = { ctx, q, seeker, back, saved };
      if (!q.text) return render(c, <ChallengePage {...props} />);

      // A municipality's own profiles are never its partners; ask for a few more to fill the list.
      const own = p.role === 'municipality' ? (p.scope.profileIds ?? []) : [];
      const filters = {
        ...(q.countries.length
          ? { countries: q.countries }
          : q.abroad
            ? { countries: COUNTRIES.filter((x) => x !== 'NO') }
            : {}),
        ...(q.programme ? { programmes: [q.programme] } : {}),
        ...(q.language ? { languages: [q.language] } : {}),
      };
      const parsed = MatchRequestSchema.safeParse({
        text: q.text,
        ...(Object.keys(filters).length ? { filters } : {}),
        limit: Math.min(100, 10 + own.length),
      });
      if (!parsed.success) {
        const message = fieldErrors(parsed.error)
          .map((e) => `${e.field}: ${e.message}`)
          .join('; ');
        return render(c, <ChallengePage {...props} textError={message} />, 400);
      }
      const res = await deps.matching.match(parsed.data);
      const results = res.results.filter((r) => !own.includes(r.id)).slice(0, 10);
      const programmes = deps.matching
        .suggest(q.text, { country: 'NO', partnerCountries: q.countries.length ? q.countries : undefined })
        .results.filter((x) => x.score > 0)
        .slice(0, 4);
      return render(c, <ChallengePage {...props} results={results} programmes={programmes} />);
    }),
  );

  web.post(
    '/utfordring/lagre',
    page({}, async (c, ctx, form) => {
      const back = safeNext(text(form, 'tilbake'));
      const target = back && /^\/utfordring(\?|$)/.test(back) ? back : '/utfordring';
      const parsed = CreateSuggestionSchema.safeParse({
        seekerId: text(form, 'seekerId'),
        candidateId: text(form, 'candidateId'),
        text: optional(text(form, 'tekst')),
        source: 'match',
      });
      if (!parsed.success) throw validationError(parsed.error, 'suggestion');
      const { suggestion, created } = await deps.suggestions.create(me(ctx), parsed.data);
      const url = new URL(target, 'http://partnarsok.invalid');
      url.searchParams.set('lagra', suggestion.id);
      url.searchParams.set('ny', created ? '1' : '0');
      return c.redirect(url.pathname + url.search, 303);
    }),
  );

  // --- Review queue --------------------------------------------------------------------------------

  const queueQuery = (c: C): QueueQuery => ({
    states: queryList(c.req.queries('state')),
    region: (c.req.query('region') ?? '').trim(),
    programme: (c.req.query('programme') ?? '').trim(),
    theme: (c.req.query('theme') ?? '').trim(),
    seeker: (c.req.query('seeker') ?? '').trim(),
    candidateCountry: (c.req.query('candidateCountry') ?? '').trim(),
  });

  /** The same filters as GET /v1/suggestions, validated by the same schema. */
  const queueFilters = (q: QueueQuery): SuggestionFilters => {
    const parsed = SuggestionQuerySchema.safeParse({
      state: q.states.length ? q.states : undefined,
      region: q.region ? [q.region] : undefined,
      programme: q.programme || undefined,
      theme: q.theme || undefined,
      seeker: q.seeker || undefined,
      candidateCountry: q.candidateCountry ? [q.candidateCountry] : undefined,
    });
    if (!parsed.success) throw validationError(parsed.error, 'filters');
    const f = parsed.data;
    return {
      states: f.state,
      regions: f.region,
      programme: f.programme,
      theme: f.theme,
      seekerId: f.seeker,
      candidateCountries: f.candidateCountry,
    };
  };

  web.get(
    '/gjennomgang',
    page({}, async (c, ctx) => {
      const q = queueQuery(c);
      let filters: SuggestionFilters;
      try {
        filters = queueFilters(q);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        return render(c, <ReviewPage ctx={ctx} q={q} items={[]} error={err.message} />, 400);
      }
      const cursor = c.req.query('etter') || undefined;
      const { items, nextCursor } = await deps.suggestions.list(me(ctx), filters, 50, cursor);
      return render(c, <ReviewPage ctx={ctx} q={q} items={items} nextCursor={nextCursor} />);
    }),
  );

  web.get(
    '/gjennomgang/eksport.csv',
    page({}, async (c, ctx) => {
      const { items } = await deps.suggestions.list(me(ctx), queueFilters(queueQuery(c)), 10_000);
      return c.body(suggestionsCsv(items), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': 'attachment; filename="partnarsok-forslag.csv"',
      });
    }),
  );

  web.get(
    '/gjennomgang/:id',
    page({}, async (c, ctx) => {
      const s = await deps.suggestions.get(me(ctx), param(c));
      const changed = c.req.query('endra');
      const ok = isState(changed)
        ? ctx.t.detail.changed(ctx.t.states[changed])
        : c.req.query('kommentert') === '1'
          ? ctx.t.detail.commentAdded
          : undefined;
      return render(c, <SuggestionPage ctx={ctx} s={s} ok={ok} />);
    }),
  );

  web.post(
    '/gjennomgang/:id/status',
    page({}, async (c, ctx, form) => {
      const { t } = ctx;
      const id = param(c);
      ctx.here = `/gjennomgang/${id}`;
      const p = me(ctx);
      const values = { note: text(form, 'note'), reason: text(form, 'reason') };
      const again = async (status: number, problems: Parameters<typeof SuggestionPage>[0]['problems']) =>
        render(
          c,
          <SuggestionPage
            ctx={ctx}
            s={await deps.suggestions.get(p, id)}
            problems={problems}
            values={values}
          />,
          status,
        );
      const version = Number(text(form, 'version'));
      const parsed = TransitionSchema.safeParse({
        to: text(form, 'to'),
        reason: optional(values.reason),
        note: optional(values.note),
      });
      if (!parsed.success || !Number.isInteger(version) || version < 1) {
        const errs = parsed.success ? {} : errorsByField(fieldErrors(parsed.error));
        return again(400, {
          notice: t.errors.titles[400] ?? t.errors.generic,
          reason: errs.reason,
          note: errs.note,
        });
      }
      const { to, reason, note } = parsed.data;
      if (to === 'rejected' && !reason)
        return again(400, { notice: t.detail.reasonRequired, reason: t.detail.reasonRequired });
      try {
        // The version from the form is the If-Match of the API: a stale page cannot overwrite.
        await deps.suggestions.transition(p, id, version, to, reason, note);
      } catch (err) {
        if (!(err instanceof AppError) || err.status !== 409) throw err;
        const fresh = await deps.suggestions.get(p, id);
        const message =
          err.type === 'stale'
            ? t.detail.stale
            : t.detail.illegal(
                t.states[fresh.state],
                fresh.allowedTransitions.map((s) => t.states[s]).join(', ') || t.none,
              );
        return render(
          c,
          <SuggestionPage ctx={ctx} s={fresh} problems={{ notice: message }} values={values} />,
          409,
        );
      }
      return c.redirect(`/gjennomgang/${encodeURIComponent(id)}?endra=${to}`, 303);
    }),
  );

  web.post(
    '/gjennomgang/:id/kommentar',
    page({}, async (c, ctx, form) => {
      const id = param(c);
      ctx.here = `/gjennomgang/${id}`;
      const p = me(ctx);
      const comment = text(form, 'text');
      const parsed = CommentSchema.safeParse({ text: comment });
      if (!parsed.success) {
        const message = comment
          ? (errorsByField(fieldErrors(parsed.error)).text ?? '')
          : ctx.t.detail.commentRequired;
        return render(
          c,
          <SuggestionPage
            ctx={ctx}
            s={await deps.suggestions.get(p, id)}
            problems={{ notice: message, comment: message }}
            values={{ comment }}
          />,
          400,
        );
      }
      await deps.suggestions.comment(p, id, parsed.data.text);
      return c.redirect(`/gjennomgang/${encodeURIComponent(id)}?kommentert=1`, 303);
    }),
  );

  // --- Pairing runs (admins and coordinators, as in the API) ---------------------------------------

  const editors = { allow: seesEverything };

  web.get(
    '/paringar',
    page(editors, async (c, ctx) => {
      const runs = await listRuns(deps.db, 10);
      const values = { mode: 'optimal', minScore: ctx.lang === 'en' ? '0.3' : '0,3' };
      return render(c, <PairingsPage ctx={ctx} runs={runs} values={values} />);
    }),
  );

  web.post(
    '/paringar',
    page(editors, async (c, ctx, form) => {
      const values = { mode: text(form, 'mode') || 'optimal', minScore: text(form, 'minScore') };
      // Norwegian users type a decimal comma.
      const minScore = values.minScore === '' ? 0 : Number(values.minScore.replace(',', '.'));
      const parsed = PairingRequestSchema.safeParse({ mode: values.mode, minScore, language: ctx.lang });
      if (!parsed.success) {
        const errors = errorsByField(fieldErrors(parsed.error));
        return render(
          c,
          <PairingsPage ctx={ctx} runs={await listRuns(deps.db, 10)} values={values} errors={errors} />,
          400,
        );
      }
      const run = await deps.pairings.run(parsed.data, me(ctx).tokenId);
      return c.redirect(`/paringar/${encodeURIComponent(run.id)}`, 303);
    }),
  );

  web.get(
    '/paringar/:id',
    page(editors, async (c, ctx) => {
      const run = await deps.pairings.get(param(c));
      const m = /^(\d{1,6})-(\d{1,6})$/.exec(c.req.query('sendt') ?? '');
      const sent = m ? { created: Number(m[1]), existing: Number(m[2]) } : undefined;
      return render(c, <RunPage ctx={ctx} run={run} sent={sent} />);
    }),
  );

  web.get(
    '/paringar/:id/eksport.csv',
    page(editors, async (c) => {
      const run = await deps.pairings.get(param(c));
      return c.body(pairingCsv(run), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="partnarsok-${run.id.replace(/[^\w-]/g, '')}.csv"`,
      });
    }),
  );

  web.post(
    '/paringar/:id/gjennomgang',
    page(editors, async (c, ctx) => {
      const id = param(c);
      const r = await deps.suggestions.fromRun(me(ctx), id);
      return c.redirect(`/paringar/${encodeURIComponent(id)}?sendt=${r.created}-${r.existing}`, 303);
    }),
  );

  // --- Profiles ------------------------------------------------------------------------------------

  web.get(
    '/profilar/:id',
    page({}, async (c, ctx) => {
      const id = param(c);
      const p = me(ctx);
      const view = await deps.profiles.get(id, p);
      return render(
        c,
        <ProfilePage
          ctx={ctx}
          p={view}
          editable={mayEditProfile(p, id)}
          saved={c.req.query('lagra') === '1'}
        />,
      );
    }),
  );

  /** The stored document to edit, or a new municipality profile when the token owns an id not yet stored. */
  const editable = async (
    p: Principal,
    id: string,
  ): Promise<{ doc: Record<string, unknown>; exists: boolean }> => {
    if (!mayEditProfile(p, id))
      throw new AppError(403, 'forbidden', `This token may not change profile "${id}"`);
    try {
      return { doc: documentOf(await deps.profiles.get(id, p)), exists: true };
    } catch (err) {
      if (err instanceof AppError && err.status === 404)
        return { doc: { id, kind: 'municipality', country: 'NO', role: 'seeker' }, exists: false };
      throw err;
    }
  };

  web.get(
    '/profilar/:id/rediger',
    page({}, async (c, ctx) => {
      const id = param(c);
      const { doc, exists } = await editable(me(ctx), id);
      const values: ProfileFormValues = exists
        ? formValues(doc as Parameters<typeof formValues>[0])
        : {
            name: '',
            region: '',
            description: '',
            needs: '',
            offers: '',
            languages: '',
            programmes: [],
            themes: [],
          };
      return render(
        c,
        <ProfileEditPage ctx={ctx} id={id} title={exists ? values.name : id} values={values} />,
      );
    }),
  );

  web.post(
    '/profilar/:id/rediger',
    page({}, async (c, ctx, form) => {
      const id = param(c);
      ctx.here = `/profilar/${id}/rediger`;
      const p = me(ctx);
      const { doc: base, exists } = await editable(p, id);
      const values: ProfileFormValues = {
        name: text(form, 'name'),
        region: text(form, 'region'),
        description: text(form, 'description'),
        needs: text(form, 'needs'),
        offers: text(form, 'offers'),
        languages: text(form, 'languages'),
        programmes: texts(form, 'programmes'),
        themes: texts(form, 'themes'),
      };
      // Fields the editor does not show (kind, country, population, contact ...) are kept as stored.
      const doc: Record<string, unknown> = {
        ...base,
        id,
        name: values.name,
        description: values.description,
      };
      const set = (key: string, value: unknown, empty: boolean) => {
        if (empty) delete doc[key];
        else doc[key] = value;
      };
      set('region', values.region, !values.region);
      set('needs', values.needs, !values.needs);
      set('offers', values.offers, !values.offers);
      const languages = list(values.languages).map((l) => l.toLowerCase());
      set('languages', languages, !languages.length);
      set('programmes', values.programmes, !values.programmes.length);
      set('themes', values.themes, !values.themes.length);
      try {
        await deps.profiles.upsert(doc, 'api', p);
      } catch (err) {
        if (!(err instanceof AppError) || err.status !== 400) throw err;
        const errors = errorsByField(err.extra.errors);
        if (!Object.keys(errors).length) errors['(body)'] = err.message;
        return render(
          c,
          <ProfileEditPage
            ctx={ctx}
            id={id}
            title={exists ? String(base.name ?? id) : id}
            values={values}
            errors={errors}
          />,
          400,
        );
      }
      return c.redirect(`/profilar/${encodeURIComponent(id)}?lagra=1`, 303);
    }),
  );

  return web;
}
