import type { FC } from 'hono/jsx';
import { seesEverything } from '../../auth/policy.js';
import { Layout, type PageCtx } from '../layout.js';

/** The start page: what this role can do, and a municipality's own profiles. */
export const HomePage: FC<{ ctx: PageCtx; profiles: { id: string; name: string }[] }> = ({
  ctx,
  profiles,
}) => {
  const { t } = ctx;
  const p = ctx.session!.principal;
  return (
    <Layout ctx={ctx} title={t.home.title}>
      <p>{t.home.intro(p.name)}</p>
      <ul>
        <li>
          <a href="/utfordring">{t.nav.challenge}</a>: {t.home.challenge}
        </li>
        <li>
          <a href="/gjennomgang">{t.nav.review}</a>:{' '}
          {p.role === 'municipality' ? t.home.reviewOwn : t.home.review}
        </li>
        {seesEverything(p) ? (
          <li>
            <a href="/paringar">{t.nav.pairings}</a>: {t.home.pairings}
          </li>
        ) : null}
      </ul>
      {profiles.length ? (
        <>
          <h2>{t.home.profiles}</h2>
          <ul>
            {profiles.map((x) => (
              <li>
                <a href={`/profilar/${encodeURIComponent(x.id)}`}>{x.name}</a> (
                <a href={`/profilar/${encodeURIComponent(x.id)}/rediger`}>
                  {t.home.edit}
                  <span class="visually-hidden"> {x.name}</span>
                </a>
                )
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Layout>
  );
};
