import { randomBytes } from 'node:crypto';
import type { Catalogue } from '../catalogue/load.js';
import type { Embedder } from '../embeddings/embedder.js';
import { AppError, notFound } from '../errors.js';
import { bm25Score, type TermStats } from '../matching/lexical.js';
import { reasonSentence } from '../matching/reason.js';
import type { Explanation } from '../matching/schema.js';
import { DEFAULT_WEIGHTS, round, scoreCandidate, type Weights } from '../matching/score.js';
import type { Database } from '../storage/database.js';
import { getRun, insertRun, partiesByFilter, partiesById, type PartyRow } from '../storage/pairings.js';
import { parseVector } from '../storage/profiles.js';
import { blockingPairs, optimalAssignment, stableAssignment, totalScore, type Instance } from './assign.js';
import { MAX_PARTIES, type PairingRequest, type PairingRun } from './schema.js';

interface Party extends PartyRow {
  v: Float32Array;
  needs: Float32Array | null;
  offers: Float32Array | null;
  stems: string[];
}

function dot(a: Float32Array | null, b: Float32Array | null): number | null {
  if (!a || !b) return null;
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function mergeExplanations(a: Explanation, b: Explanation): Explanation {
  const avg = (x: number, y: number) => round((x + y) / 2);
  const union = (x: string[], y: string[]) => [...new Set([...x, ...y])];
  return {
    semantic: avg(a.semantic, b.semantic),
    themes: { score: avg(a.themes.score, b.themes.score), shared: union(a.themes.shared, b.themes.shared) },
    language: {
      score: avg(a.language.score, b.language.score),
      shared: union(a.language.shared, b.language.shared),
    },
    programme: {
      score: avg(a.programme.score, b.programme.score),
      shared: union(a.programme.shared, b.programme.shared),
    },
    lexical: avg(a.lexical, b.lexical),
    reciprocity:
      a.reciprocity === null || b.reciprocity === null
        ? (a.reciprocity ?? b.reciprocity)
        : avg(a.reciprocity, b.reciprocity),
    diversityPenalty: 0,
  };
}

/** Proposes donor–beneficiary pairings under capacities and stores each run. */
export class PairingService {
  constructor(
    private readonly db: Database,
    private readonly catalogue: Catalogue,
    private readonly embedder: Embedder,
    private readonly termStats: () => Promise<TermStats>,
    private readonly weights: Weights = DEFAULT_WEIGHTS,
  ) {}

  private async side(
    which: 'donors' | 'beneficiaries',
    spec: PairingRequest['donors'],
    programme: string,
  ): Promise<Party[]> {
    let rows: PartyRow[];
    if (spec?.ids) {
      rows = await partiesById(this.db, spec.ids);
      const found = new Set(rows.map((r) => r.id));
      const missing = spec.ids.filter((id) => !found.has(id));
      if (missing.length)
        throw new AppError(422, 'unknown-ids', `Unknown ${which}: ${missing.join(', ')}`, {
          errors: missing.map((id) => ({ field: `${which}.ids`, message: `no profile "${id}"` })),
        });
    } else {
      const filters =
        spec?.filters ??
        (which === 'donors' ? { roles: ['donor'] } : { roles: ['beneficiary'], programmes: [programme] });
      rows = await partiesByFilter(this.db, filters, MAX_PARTIES + 1);
      if (rows.length > MAX_PARTIES)
        throw new AppError(
          422,
          'too-many-parties',
          `More than ${MAX_PARTIES} ${which} pass the filters; narrow them`,
        );
    }
    const stale = rows.filter((r) => r.embedder !== this.embedder.id || !r.embedding);
    if (stale.length)
      throw new AppError(
        503,
        'reindex-needed',
        `Profiles without vectors from ${this.embedder.id}: ${stale.map((r) => r.id).join(', ')}; run npm run reindex`,
      );
    return rows.map((r) => ({
      ...r,
      v: parseVector(r.embedding!),
      needs: r.needs_embedding ? parseVector(r.needs_embedding) : null,
      offers: r.offers_embedding ? parseVector(r.offers_embedding) : null,
      stems: [...new Set(r.search_terms.split(' ').filter(Boolean))],
    }));
  }

  /** Directional score: how good `cand` is for `seeker` (seeker's needs against candidate's offers ...). */
  private direction(seeker: Party, cand: Party, programme: string, stats: TermStats) {
    return scoreCandidate(
      this.catalogue,
      this.embedder.id,
      this.weights,
      { ...seeker, programmes: [...new Set([...seeker.programmes, programme])] },
      cand,
      {
        sim: dot(seeker.v, cand.v)!,
        lexical: bm25Score(seeker.stems, cand.search_terms, stats),
        offersSim: dot(cand.offers, seeker.needs),
        needsSim: dot(cand.needs, seeker.offers),
      },
    );
  }

  /** Runs a pairing, stores it and returns it. */
  async run(req: PairingRequest, createdBy: string): Promise<PairingRun> {
    if (!this.catalogue.programmeByCode.has(req.programme))
      throw new AppError(400, 'validation', `Unknown programme "${req.programme}"`, {
        errors: [{ field: 'programme', message: 'unknown programme code' }],
      });
    const [donors, bens, stats] = await Promise.all([
      this.side('donors', req.donors, req.programme),
      this.side('beneficiaries', req.beneficiaries, req.programme),
      this.termStats(),
    ]);
    const dIndex = new Map(donors.map((d, i) => [d.id, i]));
    const bIndex = new Map(bens.map((b, i) => [b.id, i]));
    const overlap = donors.filter((d) => bIndex.has(d.id)).map((d) => d.id);
    if (overlap.length)
      throw new AppError(422, 'overlapping-sides', `These profiles are on both sides: ${overlap.join(', ')}`);

    const pairIndex = (pairs: [string, string][] | undefined, what: 'require' | 'forbid') =>
      (pairs ?? []).map(([d, b], i): [number, number] => {
        const di = dIndex.get(d);
        const bi = bIndex.get(b);
        if (di === undefined || bi === undefined)
          throw new AppError(
            422,
            'unknown-pair',
            `${what}[${i}] names ${di === undefined ? `donor "${d}"` : `beneficiary "${b}"`}, which is not among the ${di === undefined ? 'donors' : 'beneficiaries'} of this run`,
          );
        return [di, bi];
      });
    const require = pairIndex(req.require, 'require');
    const forbid = pairIndex(req.forbid, 'forbid');
    for (const [i, [d, b]] of require.entries())
      if (forbid.some(([x, y]) => x === d && y === b))
        throw new AppError(
          422,
          'contradiction',
          `The pair ${donors[d]!.id} – ${bens[b]!.id} is both required (require[${i}]) and forbidden`,
        );

    for (const id of Object.keys(req.capacities ?? {}))
      if (!dIndex.has(id) && !bIndex.has(id))
        throw new AppError(422, 'unknown-ids', `capacities names "${id}", which is not part of this run`);
    const capacity = (p: Party, fallback: number) => req.capacities?.[p.id] ?? p.capacity ?? fallback;
    const donorCapacity = donors.map((d) => capacity(d, 1));
    const beneficiaryCapacity = bens.map((b) => capacity(b, 1));
    const dUse = new Array<number>(donors.length).fill(0);
    const bUse = new Array<number>(bens.length).fill(0);
    for (const [d, b] of require) {
      dUse[d]!++;
      bUse[b]!++;
      if (dUse[d]! > donorCapacity[d]!)
        throw new AppError(
          422,
          'over-capacity',
          `Required pairs give donor ${donors[d]!.id} ${dUse[d]} partners, but its capacity is ${donorCapacity[d]}`,
        );
      if (bUse[b]! > beneficiaryCapacity[b]!)
        throw new AppError(
          422,
          'over-capacity',
          `Required pairs give beneficiary ${bens[b]!.id} ${bUse[b]} partners, but its capacity is ${beneficiaryCapacity[b]}`,
        );
    }

    // Both directions from the same engine: the donor judging the city, and the city judging the donor.
    const forDonor: Explanation[][] = [];
    const forBen: Explanation[][] = [];
    const donorScore: number[][] = [];
    const benScore: number[][] = bens.map(() => new Array<number>(donors.length).fill(0));
    const score: number[][] = [];
    donors.forEach((d, di) => {
      forDonor.push([]);
      forBen.push([]);
      donorScore.push([]);
      score.push([]);
      bens.forEach((b, bi) => {
        const a = this.direction(d, b, req.programme, stats);
        const z = this.direction(b, d, req.programme, stats);
        forDonor[di]!.push(a.explanation);
        forBen[di]!.push(z.explanation);
        donorScore[di]!.push(a.relevance);
        benScore[bi]![di] = z.relevance;
        score[di]!.push(round((a.relevance + z.relevance) / 2));
      });
    });

    const inst: Instance = {
      score,
      donorCapacity,
      beneficiaryCapacity,
      require,
      forbid,
      minScore: req.minScore,
    };
    const prefs = { donorScore, beneficiaryScore: benScore };
    const optimal = optimalAssignment(inst);
    const chosen = req.mode === 'optimal' ? optimal : stableAssignment(inst, prefs);
    const lang = req.language;
    const required = new Set(require.map(([d, b]) => `${d}:${b}`));
    const forbidden = new Set(forbid.map(([d, b]) => `${d}:${b}`));

    const pairs = chosen.map(([d, b]) => {
      const explanation = mergeExplanations(forDonor[d]![b]!, forBen[d]![b]!);
      return {
        donorId: donors[d]!.id,
        donorName: donors[d]!.name,
        beneficiaryId: bens[b]!.id,
        beneficiaryName: bens[b]!.name,
        score: score[d]![b]!,
        required: required.has(`${d}:${b}`),
        explanation,
        reason: reasonSentence(this.catalogue, explanation, lang),
      };
    });
    const assignedTo = (b: number) => chosen.filter(([, y]) => y === b).map(([d]) => d);
    const alternatives = Object.fromEntries(
      bens.map((b, bi) => [
        b.id,
        donors
          .map((d, di) => ({ di, s: score[di]![bi]! }))
          .filter(
            ({ di, s }) => !assignedTo(bi).includes(di) && !forbidden.has(`${di}:${bi}`) && s >= req.minScore,
          )
          .sort((x, y) => y.s - x.s || x.di - y.di)
          .slice(0, 3)
          .map(({ di, s }) => ({ donorId: donors[di]!.id, donorName: donors[di]!.name, score: s })),
      ]),
    );

    const unassigned: PairingRun['unassigned'] = [];
    const why = (
      side: 'donor' | 'beneficiary',
      idx: number,
      cap: number,
    ): PairingRun['unassigned'][number] | undefined => {
      const p = side === 'donor' ? donors[idx]! : bens[idx]!;
      const count = chosen.filter(([d, b]) => (side === 'donor' ? d : b) === idx).length;
      if (count > 0) return undefined;
      if (cap === 0)
        return { id: p.id, name: p.name, side, reason: 'no-capacity', detail: 'capacity 0 in this run' };
      const others = side === 'donor' ? bens.length : donors.length;
      const pairsOf = Array.from(
        { length: others },
        (_, o) => (side === 'donor' ? [idx, o] : [o, idx]) as [number, number],
      );
      const allowed = pairsOf.filter(([d, b]) => !forbidden.has(`${d}:${b}`));
      if (!allowed.length)
        return {
          id: p.id,
          name: p.name,
          side,
          reason: 'forbidden',
          detail: 'every possible partner is forbidden',
        };
      const good = allowed.filter(([d, b]) => score[d]![b]! >= req.minScore);
      if (!good.length)
        return {
          id: p.id,
          name: p.name,
          side,
          reason: 'below-min-score',
          detail: `no partner scores at least ${req.minScore}`,
        };
      return {
        id: p.id,
        name: p.name,
        side,
        reason: 'capacity-exhausted',
        detail: `its ${good.length} acceptable partner(s) used their capacity on pairs that scored higher overall`,
      };
    };
    donors.forEach((_, i) => {
      const u = why('donor', i, donorCapacity[i]!);
      if (u) unassigned.push(u);
    });
    bens.forEach((_, i) => {
      const u = why('beneficiary', i, beneficiaryCapacity[i]!);
      if (u) unassigned.push(u);
    });

    const run: PairingRun = {
      id: `run_${randomBytes(8).toString('hex')}`,
      createdAt: new Date().toISOString(),
      createdBy,
      mode: req.mode,
      totalScore: round(totalScore(inst, chosen)),
      pairs,
      alternatives,
      unassigned,
      stability: {
        blockingPairs: blockingPairs(inst, prefs, chosen).length,
        ...(req.mode === 'stable'
          ? {
              optimalWouldBeStable: blockingPairs(inst, prefs, optimal).length === 0,
              optimalTotalScore: round(totalScore(inst, optimal)),
            }
          : {}),
      },
      counts: { donors: donors.length, beneficiaries: bens.length, pairs: pairs.length },
    };
    await insertRun(this.db, { id: run.id, mode: run.mode, createdBy, request: req, result: run });
    return run;
  }

  /** A stored run; 404 when missing. */
  async get(id: string): Promise<PairingRun> {
    const run = await getRun<PairingRun>(this.db, id);
    if (!run) throw notFound('Pairing run', id);
    return run;
  }
}
