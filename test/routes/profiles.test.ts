import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../helpers/backends.js';
import { testService } from '../helpers/app.js';

const gniezno = {
  id: 'pl-ostrowiec-swietokrzyski',
  name: 'Ostrowiec Świętokrzyski',
  kind: 'municipality',
  country: 'PL',
  region: 'Świętokrzyskie',
  population: 66000,
  languages: ['pl', 'en'],
  programmes: ['eea-grants'],
  role: 'beneficiary',
  description: 'Miasto rozwija teleopiekę dla seniorów i usługi opiekuńcze w domu.',
  needs: 'Szukamy partnera z doświadczeniem w technologiach wspierających osoby starsze.',
  budget_eur: 150000,
};
const bergen = {
  id: 'no-4601-bergen',
  name: 'Bergen kommune',
  kind: 'municipality',
  country: 'NO',
  region: 'Vestland',
  languages: ['nn', 'en'],
  programmes: ['erasmus-plus', 'kreativt-europa'],
  role: 'seeker',
  description: 'Kommunen vil styrkje biblioteka som møteplass for unge og for integrering av flyktningar.',
};
const koeln = {
  id: 'de-koeln-bibliothek',
  name: 'Stadtbibliothek Köln (Beispiel)',
  kind: 'public_agency',
  country: 'DE',
  languages: ['de', 'en'],
  programmes: ['erasmus-plus', 'creative-europe'],
  description: 'Die Bibliothek entwickelt Leseförderung und Treffpunkte für Jugendliche und Geflüchtete.',
};

describe.each(BACKENDS)('profiles API on %s', (backend) => {
  let svc: Awaited<ReturnType<typeof testService>>;
  beforeAll(async () => {
    svc = await testService(backend);
  });
  afterAll(async () => {
    await svc?.close();
  });

  it('creates, reads back exactly, and upserts by id without duplicating', async () => {
    const created = await svc.request('POST', '/v1/profiles', gniezno);
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe('/v1/profiles/pl-ostrowiec-swietokrzyski');
    const got = await (await svc.request('GET', '/v1/profiles/pl-ostrowiec-swietokrzyski')).json();
    // Polish characters survive byte for byte.
    expect(got.name).toBe('Ostrowiec Świętokrzyski');
    expect(got.region).toBe('Świętokrzyskie');
    expect(got.needs).toBe(gniezno.needs);
    expect(got.derived.themes).toEqual(expect.arrayContaining(['elderly-care']));
    expect(got.derived.themesInferred).toBe(true);
    expect(got.version).toBe(1);

    const same = await svc.request('POST', '/v1/profiles', gniezno);
    expect(same.status).toBe(200);
    expect((await same.json()).version).toBe(1);

    const changed = await svc.request('POST', '/v1/profiles', { ...gniezno, population: 67000 });
    expect(changed.status).toBe(200);
    const body = await changed.json();
    expect(body.version).toBe(2);
    expect(body.population).toBe(67000);
    const list = await (await svc.request('GET', '/v1/profiles?country=PL')).json();
    expect(list.items.filter((p: { id: string }) => p.id === gniezno.id)).toHaveLength(1);
  });

  it('stores aliases as canonical programme codes and detects missing languages', async () => {
    expect((await svc.request('POST', '/v1/profiles', bergen)).status).toBe(201);
    const { languages: _l, ...noLanguages } = koeln;
    const res = await svc.request('POST', '/v1/profiles', noLanguages);
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.derived.languages).toEqual(['de']);
    expect(body.derived.languagesDetected).toBe(true);
    const b = await (await svc.request('GET', '/v1/profiles/no-4601-bergen')).json();
    expect(b.programmes).toEqual(['erasmus-plus', 'creative-europe']);
  });

  it('filters by country, kind, role, programme, language, theme and text, and pages with a cursor', async () => {
    const ids = async (q: string) =>
      ((await (await svc.request('GET', `/v1/profiles?${q}`)).json()).items as { id: string }[]).map(
        (p) => p.id,
      );
    expect(await ids('country=DE')).toEqual(['de-koeln-bibliothek']);
    expect(await ids('country=DE,PL')).toEqual(['de-koeln-bibliothek', 'pl-ostrowiec-swietokrzyski']);
    expect(await ids('role=beneficiary')).toEqual(['pl-ostrowiec-swietokrzyski']);
    expect(await ids('kind=public_agency')).toEqual(['de-koeln-bibliothek']);
    expect(await ids('programme=creative-europe')).toEqual(['de-koeln-bibliothek', 'no-4601-bergen']);
    // nb, nn and no all mean Norwegian.
    expect(await ids('language=nb')).toEqual(['no-4601-bergen']);
    expect(await ids('theme=elderly-care')).toEqual(['pl-ostrowiec-swietokrzyski']);
    expect(await ids('q=teleopieka')).toEqual(['pl-ostrowiec-swietokrzyski']);
    expect(await ids('q=%C5%9Awi%C4%99tokrzyski')).toEqual(['pl-ostrowiec-swietokrzyski']);

    const first = await (await svc.request('GET', '/v1/profiles?limit=2')).json();
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await (await svc.request('GET', `/v1/profiles?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.items.map((p: { id: string }) => p.id)).toEqual(['pl-ostrowiec-swietokrzyski']);
    expect(second.nextCursor).toBeUndefined();
  });

  it('rejects bad profiles with 400 problem+json naming each field, and stores nothing', async () => {
    const res = await svc.request('POST', '/v1/profiles', {
      ...gniezno,
      id: 'pl-bad',
      country: 'pl',
      kind: 'town',
      programmes: ['erasmus-plus', 'eu-money'],
      colour: 'red',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const p = await res.json();
    const fields = p.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['country', 'kind', 'programmes.1', 'colour']));
    expect(p.errors.find((e: { field: string }) => e.field === 'programmes.1').message).toContain(
      'erasmus-plus, interreg',
    );
    expect(p.errors.find((e: { field: string }) => e.field === 'colour').message).toBe(
      'unknown field "colour"',
    );
    expect((await svc.request('GET', '/v1/profiles/pl-bad')).status).toBe(404);

    const themes = await svc.request('POST', '/v1/profiles', {
      ...koeln,
      id: 'x-1',
      themes: ['not-a-theme'],
    });
    expect(themes.status).toBe(400);
    expect((await themes.json()).detail).toContain('not-a-theme');
  });

  it('answers HTTP errors as problem+json: 400 bad JSON, 404, 405, 413, 415, 401, 403', async () => {
    const badJson = await svc.request('POST', '/v1/profiles', '{"id": "x",');
    expect(badJson.status).toBe(400);
    expect((await badJson.json()).detail).toMatch(/not valid JSON/);
    expect((await svc.request('GET', '/v1/profiles/nobody')).status).toBe(404);
    expect((await svc.request('GET', '/nowhere')).status).toBe(404);
    const wrongMethod = await svc.request('PUT', '/v1/profiles/no-4601-bergen', bergen);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toContain('GET');
    const huge = await svc.request('POST', '/v1/profiles', {
      ...bergen,
      description: 'x'.repeat(2 * 1024 * 1024),
    });
    expect(huge.status).toBe(413);
    const form = await svc.request('POST', '/v1/profiles', 'id=x', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(form.status).toBe(415);
    const noToken = await svc.app.request('/v1/profiles');
    expect(noToken.status).toBe(401);
    expect(noToken.headers.get('www-authenticate')).toContain('Bearer');
    const wrongToken = await svc.request('GET', '/v1/profiles', undefined, { authorization: 'Bearer nope' });
    expect(wrongToken.status).toBe(401);
    const { token } = await (
      await svc.request('POST', '/v1/tokens', { name: 'reviewer', role: 'reviewer', regions: ['Vestland'] })
    ).json();
    const asReviewer = await svc.request('POST', '/v1/profiles', bergen, {
      authorization: `Bearer ${token}`,
    });
    expect(asReviewer.status).toBe(403);
    expect(
      (await svc.request('GET', '/v1/profiles', undefined, { authorization: `Bearer ${token}` })).status,
    ).toBe(200);
    for (const r of [badJson, wrongMethod, huge, form, noToken])
      expect(r.headers.get('content-type')).toContain('application/problem+json');
  });

  it('imports NDJSON: valid lines stored, each bad line reported by number, re-import changes nothing', async () => {
    const lines = [
      JSON.stringify({
        ...koeln,
        id: 'imp-1',
        name: 'Göteborgs Stadsbibliotek',
        country: 'SE',
        languages: ['sv', 'en'],
      }),
      '{"id": "imp-2", "name": ',
      JSON.stringify({ ...koeln, id: 'imp-3', favourite: true }),
      JSON.stringify({ ...koeln, id: 'imp-4', kind: 'castle' }),
      JSON.stringify({ ...koeln, id: 'imp-1', name: 'again' }),
      '',
      JSON.stringify({ ...gniezno, id: 'imp-5', name: 'Żary' }),
    ].join('\n');
    const send = () =>
      svc.request('POST', '/v1/profiles/import', lines, { 'content-type': 'application/x-ndjson' });
    const first = await (await send()).json();
    expect(first).toMatchObject({ imported: 2, updated: 0, unchanged: 0 });
    expect(first.rejected.map((r: { line: number }) => r.line)).toEqual([2, 3, 4, 5]);
    expect(first.rejected[0].reason).toMatch(/malformed JSON/);
    expect(first.rejected[1].reason).toMatch(/favourite/);
    expect(first.rejected[2].reason).toMatch(/kind/);
    expect(first.rejected[3].reason).toMatch(/duplicate id "imp-1" \(first on line 1\)/);
    expect((await (await svc.request('GET', '/v1/profiles/imp-5')).json()).name).toBe('Żary');
    const again = await (await send()).json();
    expect(again).toMatchObject({ imported: 0, updated: 0, unchanged: 2 });
    expect((await (await svc.request('GET', '/v1/profiles/imp-1')).json()).version).toBe(1);
  });

  it('rejects an import line that is not UTF-8 and keeps the others', async () => {
    const good = Buffer.from(`${JSON.stringify({ ...koeln, id: 'utf-ok' })}\n`);
    const bad = Buffer.concat([
      Buffer.from('{"id":"utf-bad","name":"'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('"}\n'),
    ]);
    const res = await svc.app.request('/v1/profiles/import', {
      method: 'POST',
      headers: {
        authorization: 'Bearer test-admin-token-0123456789',
        'content-type': 'application/x-ndjson',
      },
      body: Buffer.concat([good, bad]),
    });
    const body = (await res.json()) as { imported: number; rejected: unknown[] };
    expect(body.imported).toBe(1);
    expect(body.rejected).toEqual([
      expect.objectContaining({ line: 2, reason: expect.stringMatching(/UTF-8/) }),
    ]);
  });

  it('deletes a profile, then 404s it', async () => {
    expect((await svc.request('DELETE', '/v1/profiles/imp-5')).status).toBe(204);
    expect((await svc.request('DELETE', '/v1/profiles/imp-5')).status).toBe(404);
    expect((await svc.request('GET', '/v1/profiles/imp-5')).status).toBe(404);
  });
});
