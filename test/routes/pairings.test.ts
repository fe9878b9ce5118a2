import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../helpers/backends.js';
import { testService } from '../helpers/app.js';

interface Pair {
  donorId: string;
  beneficiaryId: string;
  score: number;
  required: boolean;
  reason: string;
  explanation: { programme: { shared: string[] } };
}

describe.each(BACKENDS)('pairing runs on %s with the seed data', (backend) => {
  let svc: Awaited<ReturnType<typeof testService>>;
  const create = async (body: unknown) => {
    const res = await svc.request('POST', '/v1/pairings', body);
    return { status: res.status, body: await res.json(), location: res.headers.get('location') };
  };
  beforeAll(async () => {
    svc = await testService(backend, { seed: true });
  });
  afterAll(async () => {
    await svc?.close();
  });

  it('pairs every donor within capacity with EEA Grants beneficiaries, with alternatives and reasons', async () => {
    const { status, body, location } = await create({});
    expect(status).toBe(201);
    expect(location).toBe(`/v1/pairings/${body.id}`);
    const donors = await (await svc.request('GET', '/v1/profiles?role=donor&limit=200')).json();
    const capacity = new Map<string, number>(
      donors.items.map((d: { id: string; capacity?: number }) => [d.id, d.capacity ?? 1]),
    );
    const load = new Map<string, number>();
    for (const p of body.pairs as Pair[]) {
      load.set(p.donorId, (load.get(p.donorId) ?? 0) + 1);
      expect(p.explanation.programme.shared).toContain('eea-grants');
      expect(p.reason).toMatch(/\.$/);
    }
    for (const [id, n] of load) expect(n).toBeLessThanOrEqual(capacity.get(id)!);
    const total = [...capacity.values()].reduce((a, b) => a + b, 0);
    expect(body.pairs).toHaveLength(Math.min(total, body.counts.beneficiaries));
    const bens = new Set((body.pairs as Pair[]).map((p) => p.beneficiaryId));
    expect(bens.size).toBe(body.pairs.length);
    const unassignedBens = body.unassigned.filter((u: { side: string }) => u.side === 'beneficiary');
    expect(unassignedBens.length).toBe(body.counts.beneficiaries - bens.size);
    for (const u of unassignedBens) expect(u.reason).toBe('capacity-exhausted');
    const someBen = (body.pairs as Pair[])[0]!.beneficiaryId;
    expect(body.alternatives[someBen].length).toBeLessThanOrEqual(3);
    expect(body.alternatives[someBen].map((a: { donorId: string }) => a.donorId)).not.toContain(
      (body.pairs as Pair[])[0]!.donorId,
    );

    const again = await (await svc.request('GET', location!)).json();
    expect(again).toEqual(body);
  });

  it('holds require and forbid, and overridden capacities', async () => {
    const first = await create({});
    const [p0] = first.body.pairs as Pair[];
    const forbidden = await create({ forbid: [[p0!.donorId, p0!.beneficiaryId]] });
    expect(
      (forbidden.body.pairs as Pair[]).some(
        (p) => p.donorId === p0!.donorId && p.beneficiaryId === p0!.beneficiaryId,
      ),
    ).toBe(false);
    const ben = (first.body.unassigned as { id: string; side: string }[]).find(
      (u) => u.side === 'beneficiary',
    )!;
    const required = await create({ require: [[p0!.donorId, ben.id]], capacities: { [p0!.donorId]: 1 } });
    const mine = (required.body.pairs as Pair[]).filter((p) => p.donorId === p0!.donorId);
    expect(mine).toEqual([expect.objectContaining({ beneficiaryId: ben.id, required: true })]);
  });

  it('returns 422 naming the pair or id for contradictory or infeasible requests', async () => {
    const { body } = await create({});
    const [p] = body.pairs as Pair[];
    const both = await create({
      require: [[p!.donorId, p!.beneficiaryId]],
      forbid: [[p!.donorId, p!.beneficiaryId]],
    });
    expect(both.status).toBe(422);
    expect(both.body.detail).toContain(`${p!.donorId} – ${p!.beneficiaryId}`);
    const bens = (body.pairs as Pair[]).map((x) => x.beneficiaryId);
    const over = await create({
      require: [
        [p!.donorId, bens[0]],
        [p!.donorId, bens[1]],
      ],
      capacities: { [p!.donorId]: 1 },
    });
    expect(over.status).toBe(422);
    expect(over.body.detail).toMatch(/capacity is 1/);
    const unknown = await create({ donors: { ids: ['no-such-donor'] } });
    expect(unknown.status).toBe(422);
    expect(unknown.body.detail).toContain('no-such-donor');
    const outside = await create({ require: [['pl-zary', 'no-3222-lorenskog']] });
    expect(outside.status).toBe(422);
    expect((await create({ mode: 'greedy' })).status).toBe(400);
  });

  it('runs deferred acceptance in stable mode and reports whether the optimal assignment is stable too', async () => {
    const { status, body } = await create({ mode: 'stable', minScore: 0.2 });
    expect(status).toBe(201);
    expect(body.stability.blockingPairs).toBe(0);
    expect(typeof body.stability.optimalWouldBeStable).toBe('boolean');
    expect(body.stability.optimalTotalScore).toBeGreaterThanOrEqual(body.totalScore - 1e-9);
  });

  it('exports CSV for Excel with a Norwegian locale', async () => {
    const { body } = await create({});
    const res = await svc.request('GET', `/v1/pairings/${body.id}/export.csv`);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const lines = text.split('\r\n');
    expect(lines[0]).toMatch(/^Status;Donor-ID;Donor;Mottakar-ID;Mottakar;Poeng;/);
    expect(lines[1]).toMatch(/;0,\d+;/);
    expect(lines.length).toBe(1 + body.pairs.length + body.unassigned.length + 1);
    expect((await svc.request('GET', '/v1/pairings/run_0000000000000000/export.csv')).status).toBe(404);
  });

  it('is for coordinators and admins only', async () => {
    const { token } = await (
      await svc.request('POST', '/v1/tokens', {
        name: 'county reviewer',
        role: 'reviewer',
        regions: ['Vestland'],
      })
    ).json();
    expect((await svc.request('POST', '/v1/pairings', {}, { authorization: `Bearer ${token}` })).status).toBe(
      403,
    );
    const coord = await (await svc.request('POST', '/v1/tokens', { name: 'KS', role: 'coordinator' })).json();
    expect(
      (await svc.request('POST', '/v1/pairings', {}, { authorization: `Bearer ${coord.token}` })).status,
    ).toBe(201);
  });
});
