/**
 * Assignment of donors to beneficiaries under capacities: the exact optimum (min-cost flow) and
 * capacitated deferred acceptance (stable). Pure functions over indices, so they can be checked
 * against brute force on random instances.
 */

/** An assignment problem: pair scores, capacities and the pairs that must or must not be made. */
export interface Instance {
  /** score[d][b] in [0, 1] for donor d and beneficiary b. */
  score: number[][];
  donorCapacity: number[];
  beneficiaryCapacity: number[];
  /** Pairs that must be in the result (already checked to be consistent). */
  require: [number, number][];
  /** Pairs that must not be in the result. */
  forbid: [number, number][];
  /** Pairs scoring below this are not acceptable. */
  minScore: number;
}

/** The chosen pairs as [donor, beneficiary] index pairs, in donor then beneficiary order. */
export type Assignment = [number, number][];

const SCALE = 1_000_000;

/** Whether a pair may be chosen at all (not forbidden, and scoring at least minScore). */
export function acceptable(inst: Instance): boolean[][] {
  const forbidden = new Set(inst.forbid.map(([d, b]) => `${d}:${b}`));
  return inst.score.map((row, d) => row.map((s, b) => !forbidden.has(`${d}:${b}`) && s >= inst.minScore));
}

function residual(inst: Instance) {
  const dCap = [...inst.donorCapacity];
  const bCap = [...inst.beneficiaryCapacity];
  for (const [d, b] of inst.require) {
    dCap[d]!--;
    bCap[b]!--;
  }
  return { dCap, bCap };
}

/**
 * The assignment with the largest total score, with required pairs fixed and every capacity held.
 * Successive shortest paths on a min-cost flow network (source → donor → beneficiary → sink) with
 * costs = −score: each augmentation adds one pair or re-routes earlier ones, and we stop when no
 * augmenting path has negative cost, which is exactly the maximum-weight b-matching. Bellman–Ford
 * over nodes in index order keeps ties deterministic.
 */
export function optimalAssignment(inst: Instance): Assignment {
  const D = inst.donorCapacity.length;
  const B = inst.beneficiaryCapacity.length;
  const ok = acceptable(inst);
  const { dCap, bCap } = residual(inst);
  const required = new Set(inst.require.map(([d, b]) => `${d}:${b}`));
  const N = D + B + 2;
  const S = D + B;
  const T = S + 1;
  const to: number[] = [];
  const cap: number[] = [];
  const cost: number[] = [];
  const adj: number[][] = Array.from({ length: N }, () => []);
  const addEdge = (u: number, v: number, c: number, w: number) => {
    adj[u]!.push(to.length);
    to.push(v);
    cap.push(c);
    cost.push(w);
    adj[v]!.push(to.length);
    to.push(u);
    cap.push(0);
    cost.push(-w);
  };
  for (let d = 0; d < D; d++) if (dCap[d]! > 0) addEdge(S, d, dCap[d]!, 0);
  const pairEdges: { e: number; d: number; b: number }[] = [];
  for (let d = 0; d < D; d++)
    for (let b = 0; b < B; b++)
      if (ok[d]![b] && !required.has(`${d}:${b}`)) {
        pairEdges.push({ e: to.length, d, b });
        addEdge(d, D + b, 1, -Math.round(inst.score[d]![b]! * SCALE));
      }
  for (let b = 0; b < B; b++) if (bCap[b]! > 0) addEdge(D + b, T, bCap[b]!, 0);

  for (;;) {
    const dist = new Array<number>(N).fill(Infinity);
    const via = new Array<number>(N).fill(-1);
    dist[S] = 0;
    for (let round = 0; round < N; round++) {
      let changed = false;
      for (let u = 0; u < N; u++) {
        if (dist[u] === Infinity) continue;
        for (const e of adj[u]!)
          if (cap[e]! > 0 && dist[u]! + cost[e]! < dist[to[e]!]!) {
            dist[to[e]!] = dist[u]! + cost[e]!;
            via[to[e]!] = e;
            changed = true;
          }
      }
      if (!changed) break;
    }
    if (dist[T] === Infinity || dist[T]! >= 0) break;
    for (let v = T; v !== S; v = to[via[v]! ^ 1]!) {
      cap[via[v]!]!--;
      cap[via[v]! ^ 1]!++;
    }
  }
  const chosen: Assignment = [...inst.require.map(([d, b]) => [d, b] as [number, number])];
  for (const { e, d, b } of pairEdges) if (cap[e] === 0) chosen.push([d, b]);
  return chosen.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
}

/** Total score of an assignment. */
export function totalScore(inst: Instance, a: Assignment): number {
  return a.reduce((s, [d, b]) => s + inst.score[d]![b]!, 0);
}

/**
 * Preference orders for deferred acceptance: each side ranks the acceptable partners by its own
 * directional score (ties by index), since a donor's view of a city need not equal the city's view.
 */
export interface Preferences {
  donorScore: number[][];
  beneficiaryScore: number[][];
}

/**
 * Capacitated deferred acceptance, donors proposing: each donor proposes to acceptable
 * beneficiaries in order of its preference; a beneficiary keeps its best proposals up to its
 * capacity and rejects the rest. The result has no blocking pair among the acceptable pairs.
 * Required pairs are fixed first and use up capacity.
 */
export function stableAssignment(inst: Instance, prefs: Preferences): Assignment {
  const D = inst.donorCapacity.length;
  const B = inst.beneficiaryCapacity.length;
  const ok = acceptable(inst);
  const { dCap, bCap } = residual(inst);
  const required = new Set(inst.require.map(([d, b]) => `${d}:${b}`));
  const order = Array.from({ length: D }, (_, d) =>
    Array.from({ length: B }, (_, b) => b)
      .filter((b) => ok[d]![b] && !required.has(`${d}:${b}`))
      .sort((x, y) => prefs.donorScore[d]![y]! - prefs.donorScore[d]![x]! || x - y),
  );
  const next = new Array<number>(D).fill(0);
  const held: number[][] = Array.from({ length: B }, () => []);
  const load = new Array<number>(D).fill(0);
  const better = (b: number, x: number, y: number) =>
    prefs.beneficiaryScore[b]![x]! > prefs.beneficiaryScore[b]![y]! ||
    (prefs.beneficiaryScore[b]![x] === prefs.beneficiaryScore[b]![y] && x < y);
  const queue = Array.from({ length: D }, (_, d) => d);
  while (queue.length) {
    const d = queue.shift()!;
    while (load[d]! < dCap[d]! && next[d]! < order[d]!.length) {
      const b = order[d]![next[d]!++]!;
      if (bCap[b]! <= 0) continue;
      held[b]!.push(d);
      load[d]!++;
      if (held[b]!.length > bCap[b]!) {
        held[b]!.sort((x, y) => (better(b, x, y) ? -1 : better(b, y, x) ? 1 : 0));
        const rejected = held[b]!.pop()!;
        load[rejected]!--;
        if (rejected !== d) queue.push(rejected);
      }
    }
  }
  const chosen: Assignment = inst.require.map(([d, b]) => [d, b] as [number, number]);
  held.forEach((ds, b) => ds.forEach((d) => chosen.push([d, b])));
  return chosen.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
}

/**
 * Pairs that would both rather be together than with (one of) their assigned partners; an
 * assignment is stable when there are none. Required pairs are outside the market.
 */
export function blockingPairs(inst: Instance, prefs: Preferences, a: Assignment): [number, number][] {
  const D = inst.donorCapacity.length;
  const B = inst.beneficiaryCapacity.length;
  const ok = acceptable(inst);
  const { dCap, bCap } = residual(inst);
  const required = new Set(inst.require.map(([d, b]) => `${d}:${b}`));
  const market = a.filter(([d, b]) => !required.has(`${d}:${b}`));
  const has = new Set(market.map(([d, b]) => `${d}:${b}`));
  const ofDonor = Array.from({ length: D }, (_, d) => market.filter(([x]) => x === d).map(([, b]) => b));
  const ofBen = Array.from({ length: B }, (_, b) => market.filter(([, y]) => y === b).map(([d]) => d));
  const out: [number, number][] = [];
  for (let d = 0; d < D; d++)
    for (let b = 0; b < B; b++) {
      if (!ok[d]![b] || has.has(`${d}:${b}`) || required.has(`${d}:${b}`)) continue;
      if (dCap[d]! <= 0 || bCap[b]! <= 0) continue;
      const dWants =
        ofDonor[d]!.length < dCap[d]! ||
        ofDonor[d]!.some((x) => prefs.donorScore[d]![b]! > prefs.donorScore[d]![x]!);
      const bWants =
        ofBen[b]!.length < bCap[b]! ||
        ofBen[b]!.some((x) => prefs.beneficiaryScore[b]![d]! > prefs.beneficiaryScore[b]![x]!);
      if (dWants && bWants) out.push([d, b]);
    }
  return out;
}
