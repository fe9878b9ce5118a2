import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticProfiles } from '../../bench/generate.js';
import { sql } from '../../src/storage/sql.js';
import { BACKENDS } from '../helpers/backends.js';
import { testService } from '../helpers/app.js';

describe.each(BACKENDS)('concurrency on %s', (backend) => {
  let svc: Awaited<ReturnType<typeof testService>>;
  beforeAll(async () => {
    svc = await testService(backend, { seed: true, env: { RATE_LIMIT_PER_MINUTE: '0' } });
  });
  afterAll(async () => {
    await svc?.close();
  });

  it('concurrent imports of overlapping ids never duplicate a profile', async () => {
    const lines = syntheticProfiles(300, 5);
    // Four imports at once, each overlapping the next by half.
    const slices = [lines.slice(0, 150), lines.slice(75, 225), lines.slice(150, 300), lines.slice(0, 300)];
    const results = await Promise.all(
      slices.map(async (part) =>
        (
          await svc.request('POST', '/v1/profiles/import', part.join('\n'), {
            'content-type': 'application/x-ndjson',
          })
        ).json(),
      ),
    );
    for (const r of results) expect(r.rejected).toEqual([]);
    const created = results.reduce((s, r) => s + r.imported, 0);
    expect(created).toBe(300);
    const [row] = await svc.rt.db.query<{ n: number; ids: number }>(
      sql`SELECT count(*)::int AS n, count(DISTINCT id)::int AS ids FROM profiles WHERE id LIKE 'bench-%'`,
    );
    expect(row).toEqual({ n: 300, ids: 300 });
  });

  it('many concurrent changes of one suggestion: one winner per version, 409 for the rest, a consistent history', async () => {
    const { id } = await (
      await svc.request('POST', '/v1/suggestions', {
        seekerId: 'no-4631-alver',
        candidateId: 'se-skelleftea-kommun',
      })
    ).json();
    let version = 1;
    for (const to of ['shortlisted', 'contacted', 'agreed']) {
      const attempts = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          svc.request(
            'POST',
            `/v1/suggestions/${id}/transitions`,
            { to, note: `attempt ${i}` },
            { 'if-match': `"${version}"` },
          ),
        ),
      );
      const statuses = attempts.map((r) => r.status).sort();
      expect(statuses).toEqual([200, ...Array(9).fill(409)]);
      version++;
    }
    const s = await (await svc.request('GET', `/v1/suggestions/${id}`)).json();
    expect(s).toMatchObject({ state: 'agreed', version: 4 });
    const transitions = s.history.filter((e: { kind: string }) => e.kind === 'transition');
    expect(
      transitions.map((e: { from: string; to: string; version: number }) => [e.from, e.to, e.version]),
    ).toEqual([
      ['suggested', 'shortlisted', 2],
      ['shortlisted', 'contacted', 3],
      ['contacted', 'agreed', 4],
    ]);
  });
});
