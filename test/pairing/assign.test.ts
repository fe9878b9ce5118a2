import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  acceptable,
  blockingPairs,
  optimalAssignment,
  stableAssignment,
  totalScore,
  type Assignment,
  type Instance,
} from '../../src/pairing/assign.js';

/** Random small instances: up to 4 × 4, capacities 1–2, scores on a coarse grid so ties happen. */
const instance = fc
  .record({ D: fc.integer({ min: 1, max: 4 }), B: fc.integer({ min: 1, max: 4 }) })
  .chain(({ D, B }) =>
    fc.record({
      score: fc.array(
        fc.array(
          fc.integer({ min: 0, max: 10 }).map((x) => x / 10),
          { minLength: B, maxLength: B },
        ),
        { minLength: D, maxLength: D },
      ),
      donorCapacity: fc.array(fc.integer({ min: 1, max: 2 }), { minLength: D, maxLength: D }),
      beneficiaryCapacity: fc.array(fc.integer({ min: 1, max: 2 }), { minLength: B, maxLength: B }),
      forbid: fc.uniqueArray(fc.tuple(fc.nat(D - 1), fc.nat(B - 1)), {
        maxLength: 3,
        selector: ([d, b]) => `${d}:${b}`,
      }),
      requireOne: fc.option(fc.tuple(fc.nat(D - 1), fc.nat(B - 1))),
      minScore: fc.constantFrom(0, 0.3),
      donorBias: fc.array(
        fc.array(
          fc.integer({ min: -2, max: 2 }).map((x) => x / 10),
          { minLength: B, maxLength: B },
        ),
        { minLength: D, maxLength: D },
      ),
    }),
  )
  .map(({ requireOne, donorBias, ...r }) => {
    const forbid = r.forbid.filter(([d, b]) => !(requireOne && requireOne[0] === d && requireOne[1] === b));
    const inst: Instance = { ...r, forbid, require: requireOne ? [requireOne] : [] };
    const prefs = {
      donorScore: r.score.map((row, d) => row.map((s, b) => s + donorBias[d]![b]!)),
      beneficiaryScore: r.score.map((row) => row.map((s) => s)),
    };
    // beneficiaryScore is indexed [beneficiary][donor].
    prefs.beneficiaryScore = r.beneficiaryCapacity.map((_, b) => r.score.map((row) => row[b]!));
    return { inst, prefs };
  });

function feasible(inst: Instance, a: Assignment): boolean {
  const ok = acceptable(inst);
  const dLoad = new Array(inst.donorCapacity.length).fill(0);
  const bLoad = new Array(inst.beneficiaryCapacity.length).fill(0);
  const seen = new Set<string>();
  for (const [d, b] of a) {
    const key = `${d}:${b}`;
    if (seen.has(key)) return false;
    seen.add(key);
    const required = inst.require.some(([x, y]) => x === d && y === b);
    if (!required && !ok[d]![b]) return false;
    dLoad[d]++;
    bLoad[b]++;
  }
  return (
    dLoad.every((l, d) => l <= inst.donorCapacity[d]!) &&
    bLoad.every((l, b) => l <= inst.beneficiaryCapacity[b]!) &&
    inst.require.every(([d, b]) => seen.has(`${d}:${b}`))
  );
}

function bruteForceBest(inst: Instance): number {
  const pairs: [number, number][] = [];
  inst.score.forEach((row, d) => row.forEach((_, b) => pairs.push([d, b])));
  let best = -Infinity;
  for (let mask = 0; mask < 1 << pairs.length; mask++) {
    const a = pairs.filter((_, i) => mask & (1 << i));
    if (feasible(inst, a)) best = Math.max(best, totalScore(inst, a));
  }
  return best;
}

const feasibleInstance = instance.filter(({ inst }) =>
  inst.require.every(([d, b]) => inst.donorCapacity[d]! >= 1 && inst.beneficiaryCapacity[b]! >= 1),
);

describe('optimal assignment', () => {
  it('equals the brute-force optimum and holds capacities, require and forbid', () => {
    fc.assert(
      fc.property(feasibleInstance, ({ inst }) => {
        const a = optimalAssignment(inst);
        expect(feasible(inst, a)).toBe(true);
        expect(totalScore(inst, a)).toBeCloseTo(bruteForceBest(inst), 6);
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(feasibleInstance, ({ inst }) => {
        expect(optimalAssignment(inst)).toEqual(optimalAssignment(structuredClone(inst)));
      }),
      {
        numRuns: 100,
      },
    );
  });

  it('prefers one strong pair over spreading when that scores more', () => {
    const inst: Instance = {
      score: [
        [0.9, 0.8],
        [0.85, 0.1],
      ],
      donorCapacity: [1, 1],
      beneficiaryCapacity: [1, 1],
      require: [],
      forbid: [],
      minScore: 0,
    };
    // Greedy would take 0.9 + 0.1 = 1.0; the optimum is 0.8 + 0.85.
    expect(optimalAssignment(inst)).toEqual([
      [0, 1],
      [1, 0],
    ]);
  });
});

describe('stable assignment', () => {
  it('has no blocking pair and holds capacities, require and forbid', () => {
    fc.assert(
      fc.property(feasibleInstance, ({ inst, prefs }) => {
        const a = stableAssignment(inst, prefs);
        expect(feasible(inst, a)).toBe(true);
        expect(blockingPairs(inst, prefs, a)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('finds the blocking pair of an unstable assignment', () => {
    const inst: Instance = {
      score: [
        [0.9, 0.2],
        [0.8, 0.7],
      ],
      donorCapacity: [1, 1],
      beneficiaryCapacity: [1, 1],
      require: [],
      forbid: [],
      minScore: 0,
    };
    const prefs = {
      donorScore: inst.score,
      beneficiaryScore: [
        [0.9, 0.8],
        [0.2, 0.7],
      ],
    };
    expect(
      blockingPairs(inst, prefs, [
        [0, 1],
        [1, 0],
      ]),
    ).toEqual([[0, 0]]);
  });
});
