import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../helpers/backends.js';
import { testService, type TestResponse } from '../helpers/app.js';

describe.each(BACKENDS)('review workflow on %s with the seed data', (backend) => {
  let svc: Awaited<ReturnType<typeof testService>>;
  const tokens: Record<string, string> = {};
  const as = (
    who: string,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<TestResponse> =>
    svc.request(method, path, body, { authorization: `Bearer ${tokens[who]}`, ...headers });

  beforeAll(async () => {
    svc = await testService(backend, { seed: true });
    const make = async (key: string, body: object) => {
      tokens[key] = (await (await svc.request('POST', '/v1/tokens', { name: key, ...body })).json()).token;
    };
    await make('alver', { role: 'municipality', profileIds: ['no-4631-alver'] });
    await make('fosen', { role: 'municipality', profileIds: ['no-5054-indre-fosen'] });
    await make('vestland', { role: 'reviewer', regions: ['Vestland'] });
    await make('trondelag', { role: 'reviewer', regions: ['Trøndelag'] });
    await make('ks', { role: 'coordinator' });
  });
  afterAll(async () => {
    await svc?.close();
  });

  const save = (who: string, candidateId: string) =>
    as(who, 'POST', '/v1/suggestions', {
      seekerId: who === 'alver' ? 'no-4631-alver' : 'no-5054-indre-fosen',
      candidateId,
      text: 'Vi vil ta i bruk meir velferdsteknologi i heimetenesta for eldre.',
    });

  it('lets a municipality save a match for its own profile, with the score computed by the service', async () => {
    const res = await save('alver', 'dk-aarhus-sundhed-omsorg');
    expect(res.status).toBe(201);
    expect(res.headers.get('etag')).toBe('"1"');
    const s = await res.json();
    expect(s).toMatchObject({
      state: 'suggested',
      version: 1,
      seeker: { id: 'no-4631-alver', region: 'Vestland' },
      candidate: { country: 'DK' },
    });
    expect(s.score).toBeGreaterThan(0);
    expect(s.explanation.themes.shared.length).toBeGreaterThan(0);
    expect(s.allowedTransitions).toEqual(['shortlisted', 'rejected', 'withdrawn']);
    expect(s.history).toEqual([
      expect.objectContaining({
        kind: 'created',
        to: 'suggested',
        actor: expect.objectContaining({ name: 'alver', role: 'municipality' }),
      }),
    ]);
    const again = await save('alver', 'dk-aarhus-sundhed-omsorg');
    expect(again.status).toBe(200);
    expect((await again.json()).id).toBe(s.id);
    expect(
      (
        await as('alver', 'POST', '/v1/suggestions', {
          seekerId: 'no-5054-indre-fosen',
          candidateId: 'pl-nisko',
        })
      ).status,
    ).toBe(403);
  });

  it('shows reviewers only the suggestions of seekers in their regions, municipalities only their own', async () => {
    await save('fosen', 'se-skelleftea-kommun');
    const ids = async (who: string) =>
      ((await (await as(who, 'GET', '/v1/suggestions')).json()).items as { seeker: { id: string } }[]).map(
        (s) => s.seeker.id,
      );
    expect(await ids('vestland')).toEqual(['no-4631-alver']);
    expect(await ids('trondelag')).toEqual(['no-5054-indre-fosen']);
    expect(await ids('alver')).toEqual(['no-4631-alver']);
    expect(new Set(await ids('ks'))).toEqual(new Set(['no-4631-alver', 'no-5054-indre-fosen']));
    const [mine] = (await (await as('alver', 'GET', '/v1/suggestions')).json()).items;
    expect((await as('trondelag', 'GET', `/v1/suggestions/${mine.id}`)).status).toBe(404);
    expect((await as('fosen', 'GET', `/v1/suggestions/${mine.id}`)).status).toBe(404);
    await expect(
      (await as('vestland', 'GET', `/v1/suggestions?state=rejected`)).json(),
    ).resolves.toMatchObject({
      items: [],
    });
  });

  it('moves through the states with If-Match, refuses stale versions and illegal moves, and keeps the history', async () => {
    const { id } = await (await save('alver', 'se-skelleftea-kommun')).json();
    const move = (body: object, ifMatch?: string) =>
      as(
        'vestland',
        'POST',
        `/v1/suggestions/${id}/transitions`,
        body,
        ifMatch ? { 'if-match': ifMatch } : {},
      );
    expect((await move({ to: 'shortlisted' })).status).toBe(428);
    const illegal = await move({ to: 'agreed' }, '"1"');
    expect(illegal.status).toBe(409);
    expect((await illegal.json()).detail).toMatch(/allowed: shortlisted, rejected, withdrawn/);
    const ok = await move({ to: 'shortlisted', note: 'Godt samsvar' }, '"1"');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('etag')).toBe('"2"');
    const stale = await move({ to: 'contacted' }, '"1"');
    expect(stale.status).toBe(409);
    expect((await stale.json()).detail).toMatch(/reload/);
    const noReason = await move({ to: 'rejected' }, '"2"');
    expect(noReason.status).toBe(400);
    await as('vestland', 'POST', `/v1/suggestions/${id}/comments`, { text: 'Ringde dei i dag' });
    const rejected = await (
      await move({ to: 'rejected', reason: 'Dei har ikkje kapasitet i år' }, '"2"')
    ).json();
    expect(rejected).toMatchObject({
      state: 'rejected',
      rejectReason: 'Dei har ikkje kapasitet i år',
      allowedTransitions: [],
    });
    expect(
      rejected.history.map((e: { kind: string; from: string | null; to: string | null }) => [
        e.kind,
        e.from,
        e.to,
      ]),
    ).toEqual([
      ['created', null, 'suggested'],
      ['transition', 'suggested', 'shortlisted'],
      ['comment', null, null],
      ['transition', 'shortlisted', 'rejected'],
    ]);
    expect(rejected.history[1]).toMatchObject({
      note: 'Godt samsvar',
      actor: { name: 'vestland', role: 'reviewer' },
    });
    // Once rejected, the pair can be suggested afresh.
    expect((await save('alver', 'se-skelleftea-kommun')).status).toBe(201);
  });

  it('gives exactly one winner when two people change the same version at once', async () => {
    const { id } = await (await save('alver', 'nl-gemeente-enschede')).json();
    const results = await Promise.all(
      ['shortlisted', 'withdrawn', 'rejected'].map((to) =>
        as(
          'vestland',
          'POST',
          `/v1/suggestions/${id}/transitions`,
          { to, reason: 'x' },
          { 'if-match': '"1"' },
        ),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    const s = await (await as('ks', 'GET', `/v1/suggestions/${id}`)).json();
    expect(s.version).toBe(2);
    expect(s.history.filter((e: { kind: string }) => e.kind === 'transition')).toHaveLength(1);
  });

  it('hides a partner’s contact from a municipality until a suggestion between them is contacted', async () => {
    const contactOf = async (who: string) =>
      (await (await as(who, 'GET', '/v1/profiles/pl-nisko')).json()).contact;
    expect(await contactOf('alver')).toBeUndefined();
    expect(await contactOf('ks')).toMatchObject({ email: expect.stringContaining('@example.org') });
    const listed = (await (await as('alver', 'GET', '/v1/profiles?country=PL&limit=200')).json()).items;
    expect(listed.every((p: { contact?: unknown }) => p.contact === undefined)).toBe(true);
    const { id } = await (await save('alver', 'pl-nisko')).json();
    await as(
      'alver',
      'POST',
      `/v1/suggestions/${id}/transitions`,
      { to: 'shortlisted' },
      { 'if-match': '"1"' },
    );
    expect(await contactOf('alver')).toBeUndefined();
    await as(
      'alver',
      'POST',
      `/v1/suggestions/${id}/transitions`,
      { to: 'contacted' },
      { 'if-match': '"2"' },
    );
    expect(await contactOf('alver')).toMatchObject({ email: expect.stringContaining('@example.org') });
    expect(await contactOf('fosen')).toBeUndefined();
  });

  it('shows a reviewer the contacts of profiles in its regions only', async () => {
    const contact = async (who: string, id: string) =>
      (await (await as(who, 'GET', `/v1/profiles/${id}`)).json()).contact;
    expect(await contact('vestland', 'no-4601-bergen')).toMatchObject({
      email: expect.stringContaining('@example.org'),
    });
    expect(await contact('vestland', 'no-3222-lorenskog')).toBeUndefined();
    expect(await contact('trondelag', 'no-4601-bergen')).toBeUndefined();
    expect(await contact('alver', 'no-4631-alver')).toMatchObject({ email: expect.any(String) });
  });

  it('sends a pairing run to review, filters the queue and exports it as CSV', async () => {
    const run = await (await as('ks', 'POST', '/v1/pairings', { minScore: 0 })).json();
    const sent = await (await as('ks', 'POST', `/v1/pairings/${run.id}/suggestions`, {})).json();
    expect(sent.created + sent.existing).toBe(run.pairs.length);
    expect((await as('vestland', 'POST', `/v1/pairings/${run.id}/suggestions`, {})).status).toBe(403);
    const fromRun = (await (await as('ks', 'GET', '/v1/suggestions?limit=500')).json()).items.filter(
      (s: { source: string }) => s.source === 'pairing',
    );
    expect(fromRun).toHaveLength(sent.created);
    const dk = (await (await as('ks', 'GET', '/v1/suggestions?candidateCountry=DK')).json()).items;
    expect(dk.length).toBeGreaterThan(0);
    expect(dk.every((s: { candidate: { country: string } }) => s.candidate.country === 'DK')).toBe(true);
    const page = await (await as('ks', 'GET', '/v1/suggestions?limit=2')).json();
    const next = await (await as('ks', 'GET', `/v1/suggestions?limit=2&cursor=${page.nextCursor}`)).json();
    expect(next.items[0].id < page.items[1].id).toBe(true);
    const csv = await as('vestland', 'GET', '/v1/suggestions/export.csv?state=rejected');
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.split('\r\n')[0]).toMatch(/^ID;Status;Søkjar-ID;/);
    expect(text).toContain('Dei har ikkje kapasitet i år');
  });
});
