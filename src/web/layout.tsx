import type { Child, FC, PropsWithChildren } from 'hono/jsx';
import { seesEverything } from '../auth/policy.js';
import type { Catalogue } from '../catalogue/load.js';
import { ENDONYMS, LANGS, type Dict, type Lang } from './i18n.js';
import type { WebSession } from './session.js';

/** What every page knows about the request: language, dictionary, who is signed in. */
export interface PageCtx {
  lang: Lang;
  t: Dict;
  session: WebSession | undefined;
  /** The GET address of this page, for the language switcher (POST results name their page). */
  here: string;
  requestId: string;
  catalogue: Catalogue;
}

// Inline, so a page is one request and works on air-gapped servers; colours meet WCAG AA contrast
// (body text 16:1, links 8.6:1, white on the header and buttons 10:1).
const CSS = `*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;line-height:1.5;color:#1b1b1b;background:#fff}
a{color:#0a4a8f;text-underline-offset:.15em}a:hover{color:#06305e;text-decoration-thickness:2px}
:focus-visible{outline:3px solid #b34700;outline-offset:2px}
.skip{position:absolute;left:-10000px;top:.5rem;background:#fff;color:#0a4a8f;padding:.5rem 1rem;z-index:10;font-weight:600}
.skip:focus{left:.5rem}
.site{background:#0b3d6e;color:#fff}
.site a,.site button.link{color:#fff}
.site :focus-visible{outline-color:#ffbf47}
.bar{max-width:72rem;margin:0 auto;padding:.5rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center;justify-content:space-between}
.brand{font-weight:700;font-size:1.25rem;text-decoration:none}
.site ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
.site a[aria-current]{font-weight:700;text-decoration-thickness:3px}
.who{font-size:.9rem;display:flex;flex-wrap:wrap;gap:.25rem .75rem;align-items:center}
button.link{background:none;border:0;padding:0;margin:0;font:inherit;text-decoration:underline;cursor:pointer}
main{max-width:72rem;margin:0 auto;padding:1rem}
main:focus{outline:none}
h1{font-size:1.75rem;line-height:1.25;margin:.5rem 0 1rem}
h2{font-size:1.35rem;margin:1.75rem 0 .75rem}
h3{font-size:1.1rem;margin:0 0 .5rem}
label,.label{display:block;font-weight:600;margin:.75rem 0 .25rem}
input[type=text],input[type=password],input[type=number],input[type=search],select,textarea{display:block;width:100%;max-width:44rem;font:inherit;padding:.5rem;border:2px solid #4a4a4a;border-radius:4px;background:#fff;color:#1b1b1b}
textarea{min-height:8rem}
input.short{max-width:8rem}
input[aria-invalid=true],textarea[aria-invalid=true],select[aria-invalid=true]{border-color:#a4161a}
fieldset{border:1px solid #8a8a8a;border-radius:4px;margin:1rem 0;padding:.5rem 1rem 1rem;max-width:56rem}
legend{font-weight:600;padding:0 .25rem}
.checks{display:grid;grid-template-columns:repeat(auto-fill,minmax(11rem,1fr));gap:.25rem .75rem}
.checks label,.radios label{font-weight:400;display:flex;gap:.5rem;align-items:flex-start;margin:.25rem 0}
.checks input,.radios input{width:1.1rem;height:1.1rem;margin:.2rem 0 0;flex:none}
.hint{color:#4a4a4a;font-size:.95rem;margin:.25rem 0}
.field-error{color:#a4161a;font-weight:600;margin:.25rem 0}
button,.button{display:inline-block;font:inherit;font-weight:600;padding:.55rem 1rem;border-radius:4px;border:2px solid #0a4a8f;background:#0a4a8f;color:#fff;cursor:pointer;text-decoration:none;margin:.75rem .5rem 0 0}
button.secondary,.button.secondary{background:#fff;color:#0a4a8f}
button.danger{background:#a4161a;border-color:#a4161a}
button:hover{filter:brightness(1.1)}
.notice{border-left:6px solid #1d7a36;background:#eef7f0;padding:.75rem 1rem;margin:1rem 0;max-width:56rem}
.notice.error{border-color:#a4161a;background:#fbeeee}
.notice p{margin:.25rem 0}
.table-wrap{overflow-x:auto;max-width:100%}
.table-wrap table{min-width:36rem}
td.wide{min-width:16rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
caption{text-align:left;font-weight:600;padding:.25rem 0 .5rem}
th,td{text-align:left;padding:.5rem;border-bottom:1px solid #c8c8c8;vertical-align:top}
th{background:#f2f4f7}
td.num,th.num{text-align:right;white-space:nowrap}
.results{list-style:none;margin:0;padding:0;counter-reset:r}
.result{border:1px solid #b8b8b8;border-radius:6px;padding:1rem;margin:0 0 1rem}
.result h3{font-size:1.15rem}
.meta{color:#3d3d3d;margin:.25rem 0}
.layout{display:grid;gap:1.5rem}
@media (min-width:64rem){.layout{grid-template-columns:minmax(0,2fr) minmax(0,1fr)}}
dl.facts{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.25rem 1rem;margin:.5rem 0}
dl.facts dt{font-weight:600}dl.facts dd{margin:0}
@media (max-width:32rem){dl.facts{grid-template-columns:minmax(0,1fr)}dl.facts dd{margin:0 0 .5rem}}
.state{display:inline-block;padding:.05rem .55rem;border-radius:999px;background:#e3ebf5;color:#0b3d6e;font-weight:600;font-size:.9rem;white-space:nowrap}
.state-shortlisted,.state-contacted{background:#fff1d6;color:#6b4000}
.state-agreed{background:#e2f3e6;color:#14532d}
.state-rejected,.state-withdrawn{background:#f8e3e4;color:#7a1014}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
.panel{border:1px solid #b8b8b8;border-radius:6px;padding:1rem;margin:1rem 0}
.panel h2{margin-top:0}
footer{max-width:72rem;margin:2rem auto 0;padding:1rem;border-top:1px solid #c8c8c8;color:#3d3d3d;font-size:.9rem}
.prose{max-width:48rem;white-space:pre-line}
.visually-hidden{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media (max-width:32rem){h1{font-size:1.45rem}main{padding:.75rem}}`;

/** The hidden field every form of a signed-in page carries. */
export const Csrf: FC<{ ctx: PageCtx }> = ({ ctx }) =>
  ctx.session ? <input type="hidden" name="_csrf" value={ctx.session.csrf} /> : null;

/** A status message shown near the top of the page; `error` is announced at once. */
export const Notice: FC<PropsWithChildren<{ kind?: 'ok' | 'error' }>> = ({ kind = 'ok', children }) =>
  kind === 'error' ? (
    <div class="notice error" role="alert">
      {children}
    </div>
  ) : (
    <div class="notice" role="status">
      {children}
    </div>
  );

/** A review state as a coloured badge with its name in the page language. */
export const StateBadge: FC<{ ctx: PageCtx; state: string }> = ({ ctx, state }) => (
  <span class={`state state-${state}`}>{ctx.t.states[state as keyof Dict['states']] ?? state}</span>
);

/** A field's hint and error lines, and the attributes that tie them to the input. */
export function describe(id: string, hint: boolean, error: string | undefined) {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return {
    attrs: { ...(ids ? { 'aria-describedby': ids } : {}), ...(error ? { 'aria-invalid': 'true' } : {}) },
    describedBy: ids || undefined,
    error: error ? (
      <p class="field-error" id={`${id}-error`}>
        {error}
      </p>
    ) : null,
  };
}

function navLinks(ctx: PageCtx): { href: string; label: string }[] {
  const p = ctx.session?.principal;
  if (!p) return [];
  const links = [
    { href: '/', label: ctx.t.nav.start },
    { href: '/utfordring', label: ctx.t.nav.challenge },
    { href: '/gjennomgang', label: ctx.t.nav.review },
  ];
  if (seesEverything(p)) links.push({ href: '/paringar', label: ctx.t.nav.pairings });
  return links;
}

function isCurrent(here: string, href: string): boolean {
  const path = here.split('?')[0]!;
  return href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`);
}

/** The page frame: language, skip link, header with navigation and language switcher, main, footer. */
export const Layout: FC<PropsWithChildren<{ ctx: PageCtx; title: string; notice?: Child }>> = ({
  ctx,
  title,
  notice,
  children,
}) => {
  const { t, session } = ctx;
  const principal = session?.principal;
  return (
    <html lang={ctx.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} – ${t.appName}`}</title>
        <style>{CSS}</style>
      </head>
      <body>
        <a class="skip" href="#main">
          {t.skip}
        </a>
        <header class="site">
          <div class="bar">
            <a class="brand" href="/">
              {t.appName}
            </a>
            {principal ? (
              <nav aria-label={t.navLabel}>
                <ul>
                  {navLinks(ctx).map((l) => (
                    <li>
                      <a href={l.href} aria-current={isCurrent(ctx.here, l.href) ? 'page' : undefined}>
                        {l.label}
                      </a>
                    </li>
                  ))}
                </ul>
              </nav>
            ) : null}
            <nav aria-label={t.languageLabel}>
              <ul>
                {LANGS.map((l) => (
                  <li>
                    <a
                      href={`/sprak?lang=${l}&neste=${encodeURIComponent(ctx.here)}`}
                      lang={l}
                      hreflang={l}
                      aria-current={l === ctx.lang ? 'true' : undefined}
                    >
                      {ENDONYMS[l]}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
            {principal ? (
              <div class="who">
                <span>{t.signedInAs(principal.name, t.roles[principal.role])}</span>
                <form method="post" action="/logg-ut">
                  <Csrf ctx={ctx} />
                  <button type="submit" class="link">
                    {t.signOut}
                  </button>
                </form>
              </div>
            ) : null}
          </div>
        </header>
        <main id="main" tabindex={-1}>
          <h1>{title}</h1>
          {notice ?? null}
          {children}
        </main>
        <footer>
          <p>{t.footer}</p>
        </footer>
      </body>
    </html>
  );
};

/** A friendly error page: the status, what it means, and never a stack trace. */
export const ErrorPage: FC<{ ctx: PageCtx; status: number; message: string; detail?: string }> = ({
  ctx,
  status,
  message,
  detail,
}) => (
  <Layout ctx={ctx} title={ctx.t.errors.titles[status] ?? ctx.t.errors.generic}>
    <p>{message}</p>
    {detail ? (
      <p>
        <strong>{ctx.t.errors.detail}:</strong> {detail}
      </p>
    ) : null}
    <p class="hint">
      {ctx.t.errors.status(status)} · {ctx.t.errors.requestId}: <code>{ctx.requestId}</code>
    </p>
    <p>
      <a href="/">{ctx.t.errors.home}</a>
    </p>
  </Layout>
);
