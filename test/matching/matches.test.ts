import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../helpers/backends.js';
import { testService } from '../helpers/app.js';

interface Result {
  id: string;
  name: string;
  country: string;
  kind: string;
  role: string;
  score: number;
  reason: string;
  explanation: {
    semantic: number;
    themes: { score: number; shared: string[] };
    language: { score: number; shared: string[] };
    programme: { score: number; shared: string[] };
    diversityPenalty: number;
  };
}

describe.each(BACKENDS)('POST /v1/matches on %s with the seed data', (backend) => {
  let svc: Awaited<ReturnType<typeof testService>>;
  const match = async (body: unknown) => {
    const res = await svc.request('POST', '/v1/matches', body);
    return { status: res.status, body: await res.json() };
  };
  const countWhere = async (query: string) => {
    let n = 0;
    let cursor: string | undefined;
    do {
      const page = await (
        await svc.request('GET', `/v1/profiles?limit=200&${query}${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      n += page.items.length;
      cursor = page.nextCursor;
    } while (cursor);
    return n;
  };

  beforeAll(async () => {
    svc = await testService(backend, { seed: true });
  });
  afterAll(async () => {
    await svc?.close();
  });

  it('ranks foreign elderly-care and welfare-technology partners first for a nynorsk home-care query, naming the shared themes', async () => {
    const { status, body } = await match({
      text: 'Kommunen vår vil ta i bruk meir velferdsteknologi i heimetenesta, til dømes digitalt tilsyn og tryggleiksalarmar for eldre som bur heime. Vi søkjer europeiske partnarar som har prøvd dette.',
      filters: { countries: ['PL', 'SE', 'DK', 'DE', 'NL', 'FI'] },
      limit: 5,
    });
    expect(status).toBe(200);
    expect(body.query.language).toBe('nn');
    expect(body.query.themes).toEqual(expect.arrayContaining(['welfare-technology', 'elderly-care']));
    const top: Result[] = body.results;
    expect(top).toHaveLength(5);
    for (const r of top.slice(0, 3)) {
      expect(
        r.explanation.themes.shared.some((t) => t === 'elderly-care' || t === 'welfare-technology'),
        r.id,
      ).toBe(true);
      expect(r.reason).toMatch(/^Felles tema: .*(eldreomsorg|velferdsteknologi)/i);
    }
    // Written in Danish, Swedish, German, Dutch, Finnish and Polish: none of them in Norwegian.
    expect(new Set(top.map((r) => r.country)).size).toBeGreaterThanOrEqual(3);
  });

  it('returns scores in [0, 1], sorted descending, with every explanation component', async () => {
    const { body } = await match({
      text: 'Youth unemployment: we want to keep young people in our small town.',
      limit: 15,
    });
    const scores = body.results.map((r: Result) => r.score);
    expect(scores).toEqual([...scores].sort((a: number, b: number) => b - a));
    for (const r of body.results as Result[]) {
      expect(r.score).toBeGreaterThanOrEqual(0);
      expect(r.score).toBeLessThanOrEqual(1);
      expect(r.explanation).toMatchObject({
        semantic: expect.any(Number),
        themes: { score: expect.any(Number), shared: expect.any(Array) },
        language: { score: expect.any(Number), shared: expect.any(Array) },
        programme: { score: expect.any(Number), shared: expect.any(Array) },
      });
      expect(r.reason).toMatch(/\.$/);
    }
    expect(body.query.language).toBe('en');
    expect(body.results[0].reason).toMatch(
      /^(Shared themes|You can work|Both can use|What they offer|Similar work)/,
    );
  });

  it('applies selective filters exactly and still returns exactly `limit` when enough profiles pass', async () => {
    const passing = await countWhere('country=PL&role=beneficiary');
    expect(passing).toBeGreaterThan(7);
    const { body } = await match({
      text: 'klimatilpassing og overvatn',
      filters: { countries: ['PL'], roles: ['beneficiary'] },
      limit: 7,
    });
    expect(body.results).toHaveLength(7);
    for (const r of body.results as Result[]) expect([r.country, r.role]).toEqual(['PL', 'beneficiary']);

    // A filter combination that only a few profiles pass, none about the query's topic: all of them come back.
    const few = await countWhere('country=FI&kind=university');
    const { body: b2 } = await match({
      text: 'akvakultur og havbruk',
      filters: { countries: ['FI'], kinds: ['university'] },
      limit: 50,
    });
    expect(b2.results).toHaveLength(few);
    for (const r of b2.results as Result[]) expect([r.country, r.kind]).toEqual(['FI', 'university']);

    const { body: b3 } = await match({
      text: 'bibliotek',
      filters: { programmes: ['nordplus'], languages: ['sv'] },
      limit: 100,
    });
    expect(b3.results).toHaveLength(await countWhere('programme=nordplus&language=sv'));
  });

  it('matches an existing profile against the others, never itself', async () => {
    const { status, body } = await match({ profileId: 'pl-zary', limit: 100 });
    if (status === 404) throw new Error('seed profile pl-zary is missing');
    expect(body.results.map((r: Result) => r.id)).not.toContain('pl-zary');
    expect(body.results.length).toBe(100);
  });

  it('pairs a Polish beneficiary with Norwegian donors through EEA Grants', async () => {
    const { body } = await match({ profileId: 'pl-zary', filters: { roles: ['donor'] }, limit: 3 });
    expect(body.results).toHaveLength(3);
    for (const r of body.results as Result[]) {
      expect(r.country).toBe('NO');
      expect(r.explanation.programme.shared).toContain('eea-grants');
    }
  });

  it('keeps near-duplicate profiles from crowding the top', async () => {
    const { body } = await match({
      text: 'velfærdsteknologi og sundhed og omsorg i Aarhus kommune',
      limit: 10,
    });
    const ids = body.results.map((r: Result) => r.id);
    const a = ids.indexOf('dk-aarhus-sundhed-omsorg');
    const b = ids.indexOf('dk-aarhus-sundhed-omsorg-velfaerdsteknologi');
    expect(Math.min(a, b)).toBeGreaterThanOrEqual(0);
    const second = body.results[Math.max(a, b)] as Result;
    expect(second.explanation.diversityPenalty).toBeGreaterThan(0);
  });

  it('answers in the query language', async () => {
    const nb = await match({
      text: 'Vi trenger en partner innen integrering av flyktninger og voksenopplæring.',
      limit: 3,
    });
    expect(nb.body.query.language).toBe('nb');
    expect(nb.body.results[0].reason).toMatch(/^(Felles tema|Dere kan|Begge kan|Det de tilbyr|Lignende)/);
  });

  it('rejects bad requests with 400/404 problem+json', async () => {
    expect((await match({ limit: 5 })).status).toBe(400);
    expect((await match({ text: 'x', limit: 0 })).status).toBe(400);
    expect((await match({ text: 'x', limit: 101 })).status).toBe(400);
    expect((await match({ text: 'x', filters: { programmes: ['money'] } })).status).toBe(400);
    expect((await match({ text: 'x', filters: { planets: ['mars'] } })).status).toBe(400);
    expect((await match({ profileId: 'no-such-profile' })).status).toBe(404);
    const def = await match({ text: 'eldreomsorg' });
    expect(def.body.results).toHaveLength(10);
  });
});

describe('POST /v1/programmes/suggest', () => {
  let svc: Awaited<ReturnType<typeof testService>>;
  beforeAll(async () => {
    svc = await testService('pglite');
  });
  afterAll(async () => {
    await svc?.close();
  });
  const suggest = async (body: unknown) =>
    (await (await svc.request('POST', '/v1/programmes/suggest', body)).json()).results;

  it('points a study visit to Erasmus+ mobility', async () => {
    const [first] = await suggest({
      text: 'Vi vil reise på studietur til ein kommune i Danmark for å lære om vaksenopplæring.',
    });
    expect(first.code).toBe('erasmus-plus');
    expect(first.cooperation).toContain('mobility');
    expect(first.reason).toMatch(/\.$/);
  });

  it('points a cross-border project with Sweden to Interreg Sverige–Norge', async () => {
    const [first] = await suggest({
      text: 'Et grenseoverskridende prosjekt med svenske nabokommuner om turistveier og natur.',
      region: 'Trøndelag',
      partnerCountries: ['SE'],
    });
    expect(first.code).toBe('interreg');
    expect(first.strands.map((s: { id: string }) => s.id)).toContain('interreg-sverige-norge');
  });

  it('points a partnership with a Polish city to EEA Grants', async () => {
    const [first] = await suggest({
      text: 'We want to become a donor partner of a Polish city in the EEA Grants local development programme.',
      partnerCountries: ['PL'],
    });
    expect(first.code).toBe('eea-grants');
    expect(first.eligible).toBe(true);
  });
});
