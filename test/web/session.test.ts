import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/storage/sql.js';
import { ADMIN, testService } from '../helpers/app.js';

type Service = Awaited<ReturnType<typeof testService>>;

const ORIGIN = 'http://localhost';

/** Posts a form the way a browser on this site would (same Origin, urlencoded). */
function post(
  svc: Service,
  path: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
) {
  return svc.app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

const get = (svc: Service, path: string, cookie = '') =>
  svc.app.request(path, { headers: cookie ? { cookie } : {} });

/** The session cookie a response sets, as `name=value` for the next request. */
function sessionCookie(res: Response): { pair: string; raw: string } | undefined {
  const raw = res.headers
    .getSetCookie()
    .find((c) => c.startsWith('ps_session=') && !c.startsWith('ps_session=;'));
  return raw ? { pair: raw.split(';')[0]!, raw } : undefined;
}

async function signIn(svc: Service, token: string, next?: string) {
  const res = await post(svc, '/logg-inn', { token, ...(next ? { neste: next } : {}) });
  const cookie = sessionCookie(res);
  return { res, cookie: cookie?.pair ?? '' };
}

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

describe('web sessions, CSRF, language and escaping', () => {
  let svc: Service;
  const tokens: Record<string, { id: string; token: string }> = {};
  let suggestionId = '';

  beforeAll(async () => {
    svc = await testService('pglite', { seed: true });
    const make = async (key: string, body: object) => {
      tokens[key] = await (await svc.request('POST', '/v1/tokens', { name: key, ...body })).json();
    };
    await make('alver', { role: 'municipality', profileIds: ['no-4631-alver'] });
    await make('vestland', { role: 'reviewer', regions: ['Vestland'] });
    await make('ks', { role: 'coordinator' });
    const created = await svc.request('POST', '/v1/suggestions', {
      seekerId: 'no-4631-alver',
      candidateId: 'se-skelleftea-kommun',
      text: 'Vi treng velferdsteknologi i heimetenesta.',
    });
    suggestionId = (await created.json()).id;
  });
  afterAll(async () => {
    await svc?.close();
  });

  it('sends visitors without a session to the sign-in page, remembering where they were going', async () => {
    const res = await get(svc, '/gjennomgang?state=suggested');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(
      `/logg-inn?neste=${encodeURIComponent('/gjennomgang?state=suggested')}`,
    );
    expect((await get(svc, '/')).headers.get('location')).toBe('/logg-inn');
    expect((await get(svc, '/paringar/run_0000000000000000/eksport.csv')).status).toBe(303);
    const login = await get(svc, '/logg-inn?neste=%2Fgjennomgang');
    expect(login.status).toBe(200);
    expect(login.headers.get('content-type')).toContain('text/html');
    expect(await login.text()).toContain('name="neste" value="/gjennomgang"');
  });

  it('refuses an unknown token without starting a session', async () => {
    const { res, cookie } = await signIn(svc, 'pst_not-a-real-token');
    expect(res.status).toBe(401);
    expect(cookie).toBe('');
    expect(await res.text()).toContain('Nøkkelen er ukjend eller trekt tilbake');
  });

  it('keeps only a random session id in an httpOnly, SameSite=Strict cookie and its hash in the database', async () => {
    const { res } = await signIn(svc, tokens.vestland!.token, '/gjennomgang');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/gjennomgang');
    const cookie = sessionCookie(res)!;
    expect(cookie.raw).toMatch(/HttpOnly/);
    expect(cookie.raw).toMatch(/SameSite=Strict/);
    expect(cookie.raw).toMatch(/Path=\//);
    expect(cookie.raw).not.toMatch(/Secure/);
    const value = cookie.pair.split('=')[1]!;
    expect(value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(cookie.raw).not.toContain(tokens.vestland!.token);
    const rows = await svc.rt.db.query<{
      id_hash: string;
      token_id: string;
      expires_at: Date;
      created_at: Date;
    }>(
      sql`SELECT id_hash, token_id, expires_at, created_at FROM web_sessions WHERE token_id = ${tokens.vestland!.id}`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id_hash).toBe(createHash('sha256').update(value).digest('hex'));
    const hours =
      (new Date(rows[0]!.expires_at).getTime() - new Date(rows[0]!.created_at).getTime()) / 3600_000;
    expect(hours).toBeCloseTo(8, 1);
    const page = await get(svc, '/gjennomgang', cookie.pair);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).not.toContain(tokens.vestland!.token);
    expect(html).toContain('Skellefteå kommun');
  });

  it('accepts only same-site relative paths after sign-in', async () => {
    for (const evil of [
      '//evil.example/x',
      'https://evil.example/',
      '/\\evil.example',
      'javascript:alert(1)',
      '/\t/evil.example',
    ])
      expect((await signIn(svc, tokens.ks!.token, evil)).res.headers.get('location'), evil).toBe('/');
    expect((await signIn(svc, tokens.ks!.token, '/paringar?x=1')).res.headers.get('location')).toBe(
      '/paringar?x=1',
    );
  });

  it('rejects a form without the session CSRF token, or from another origin, with a 403 page', async () => {
    const { cookie } = await signIn(svc, tokens.vestland!.token);
    const detail = await get(svc, `/gjennomgang/${suggestionId}`, cookie);
    expect(detail.status).toBe(200);
    const csrf = csrfOf(await detail.text());
    expect(csrf).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const path = `/gjennomgang/${suggestionId}/kommentar`;
    const missing = await post(svc, path, { text: 'Hei' }, { cookie });
    expect(missing.status).toBe(403);
    expect(missing.headers.get('content-type')).toContain('text/html');
    expect(await missing.text()).toContain('Skjemaet var utdatert');
    expect((await post(svc, path, { text: 'Hei', _csrf: 'x'.repeat(43) }, { cookie })).status).toBe(403);
    expect(
      (await post(svc, path, { text: 'Hei', _csrf: csrf }, { cookie, origin: 'https://evil.example' }))
        .status,
    ).toBe(403);
    const signInElsewhere = await post(
      svc,
      '/logg-inn',
      { token: tokens.ks!.token },
      { origin: 'https://evil.example' },
    );
    expect(signInElsewhere.status).toBe(403);
    expect(sessionCookie(signInElsewhere)).toBeUndefined();
    const nullCrossSite = { cookie, origin: 'null', 'sec-fetch-site': 'cross-site' };
    expect((await post(svc, path, { text: 'Hei', _csrf: csrf }, nullCrossSite)).status).toBe(403);
    // What a browser sends under Referrer-Policy: no-referrer: an opaque Origin, but Sec-Fetch-Site.
    const nullSameOrigin = { cookie, origin: 'null', 'sec-fetch-site': 'same-origin' };
    expect((await post(svc, path, { text: 'Ringde dei i går', _csrf: csrf }, nullSameOrigin)).status).toBe(
      303,
    );
    const ok = await post(svc, path, { text: 'Ringde dei i dag', _csrf: csrf }, { cookie });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe(`/gjennomgang/${suggestionId}?kommentert=1`);
  });

  it('answers a stale state change with a 409 page, not an overwrite', async () => {
    const { cookie } = await signIn(svc, tokens.vestland!.token);
    const created = await svc.request('POST', '/v1/suggestions', {
      seekerId: 'no-4631-alver',
      candidateId: 'dk-aarhus-sundhed-omsorg',
    });
    const { id } = await created.json();
    const csrf = csrfOf(await (await get(svc, `/gjennomgang/${id}`, cookie)).text());
    const first = await post(
      svc,
      `/gjennomgang/${id}/status`,
      { _csrf: csrf, version: '1', to: 'shortlisted' },
      { cookie },
    );
    expect(first.status).toBe(303);
    const second = await post(
      svc,
      `/gjennomgang/${id}/status`,
      { _csrf: csrf, version: '1', to: 'withdrawn' },
      { cookie },
    );
    expect(second.status).toBe(409);
    expect(await second.text()).toContain('Nokon andre endra forslaget');
    const noReason = await post(
      svc,
      `/gjennomgang/${id}/status`,
      { _csrf: csrf, version: '2', to: 'rejected' },
      { cookie },
    );
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain('Skriv kvifor forslaget blir avvist.');
  });

  it('signs out on POST /logg-ut and when the token is revoked', async () => {
    const { cookie } = await signIn(svc, tokens.vestland!.token);
    const csrf = csrfOf(await (await get(svc, '/', cookie)).text());
    const out = await post(svc, '/logg-ut', { _csrf: csrf }, { cookie });
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/logg-inn?ut=1');
    expect((await get(svc, '/', cookie)).status).toBe(303);

    const temp = await (
      await svc.request('POST', '/v1/tokens', { name: 'temp', role: 'coordinator' })
    ).json();
    const session = await signIn(svc, temp.token);
    expect((await get(svc, '/', session.cookie)).status).toBe(200);
    expect((await svc.request('DELETE', `/v1/tokens/${temp.id}`)).status).toBe(204);
    const after = await get(svc, '/', session.cookie);
    expect(after.status).toBe(303);
    expect(after.headers.getSetCookie().some((c) => c.startsWith('ps_session=;'))).toBe(true);
  });

  it('keeps pages to the roles of the API and hides other seekers’ suggestions', async () => {
    const alver = await signIn(svc, tokens.alver!.token);
    const pairings = await get(svc, '/paringar', alver.cookie);
    expect(pairings.status).toBe(403);
    expect(await pairings.text()).toContain('Du har ikkje tilgang');
    const ks = await signIn(svc, tokens.ks!.token);
    expect((await get(svc, '/paringar', ks.cookie)).status).toBe(200);
    const missing = await get(svc, '/gjennomgang/sug_00000000000000000', ks.cookie);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('Fann ikkje sida');
  });

  it('switches language with ?lang= or the switcher, remembered in a cookie; nynorsk by default', async () => {
    expect(await (await get(svc, '/logg-inn')).text()).toContain('<html lang="nn">');
    const en = await get(svc, '/logg-inn?lang=en');
    const html = await en.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Sign in');
    expect(en.headers.getSetCookie().some((c) => c.startsWith('lang=en'))).toBe(true);
    expect(await (await get(svc, '/logg-inn', 'lang=nb')).text()).toContain('<html lang="nb">');
    const sw = await get(svc, '/sprak?lang=nb&neste=%2Fgjennomgang');
    expect(sw.status).toBe(303);
    expect(sw.headers.get('location')).toBe('/gjennomgang');
    expect(sw.headers.getSetCookie().some((c) => c.startsWith('lang=nb'))).toBe(true);
    expect((await get(svc, '/sprak?lang=nb&neste=https%3A%2F%2Fevil.example')).headers.get('location')).toBe(
      '/',
    );
  });

  it('escapes text from profiles: a name with <script> is shown, never run', async () => {
    const res = await svc.request('POST', '/v1/profiles', {
      id: 'no-test-escape',
      name: '<script>alert(1)</script> kommune',
      kind: 'municipality',
      country: 'NO',
      region: 'Vestland',
      description: 'Ein kommune med "hermeteikn" & <b>feit</b> tekst.',
    });
    expect(res.status).toBe(201);
    const { cookie } = await signIn(svc, ADMIN);
    const page = await (await get(svc, '/profilar/no-test-escape', cookie)).text();
    expect(page).not.toContain('<script>alert(1)');
    expect(page).not.toContain('<b>feit</b>');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt; kommune');
  });
});

describe('web sessions behind HTTPS', () => {
  let svc: Service;
  beforeAll(async () => {
    svc = await testService('pglite', { env: { PUBLIC_URL: 'https://partnarsok.example' } });
  });
  afterAll(async () => {
    await svc?.close();
  });

  it('marks the session cookie Secure and accepts forms from the public origin', async () => {
    const res = await post(svc, '/logg-inn', { token: ADMIN }, { origin: 'https://partnarsok.example' });
    expect(res.status).toBe(303);
    const cookie = sessionCookie(res)!;
    expect(cookie.raw).toMatch(/Secure/);
    expect(cookie.raw).toMatch(/HttpOnly/);
    expect(cookie.raw).toMatch(/SameSite=Strict/);
  });
});
