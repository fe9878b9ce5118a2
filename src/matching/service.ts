import type { Catalogue } from '../catalogue/load.js';
import type { Embedder } from '../embeddings/embedder.js';
import { AppError, notFound } from '../errors.js';
import type { Database } from '../storage/database.js';
import { findCandidates, getSeeker, vectorsById, type CandidateRow } from '../storage/candidates.js';
import { parseVector, stemsTsQuery, queryStems, termStatistics, vectorLiteral } from '../storage/profiles.js';
import { detectLanguage, languageFamily } from '../text/language.js';
import { bm25Score, type TermStats } from './lexical.js';
import { DEFAULT_WEIGHTS, round, scoreCandidate, type Weights } from './score.js';
import { suggestProgrammes, type ProgrammeSuggestion, type SuggestContext } from './programmes.js';
import { reasonSentence, replyLanguage } from './reason.js';
import type { Explanation, MatchRequest, MatchResponse, MatchResult } from './schema.js';

// Diversification: a candidate whose vector is within cosine DUP_FROM of a better one already
// chosen loses up to DUP_PENALTY, so near-duplicate profiles do not crowd the top.
const DUP_FROM = 0.9;
const DUP_PENALTY = 0.2;

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** Ranks partners for a challenge text or an existing profile. */
export class MatchingService {
  private stats: { value: Promise<TermStats>; generation: number; at: number } | undefined;

  /**
   * @param generation counts profile writes in this process; term statistics are recomputed when it
   * moves (at most every few seconds) and at least every five minutes for writes by other processes.
   */
  constructor(
    private readonly db: Database,
    private readonly catalogue: Catalogue,
    private readonly embedder: Embedder,
    private readonly generation: () => number = () => 0,
    private readonly weights: Weights = DEFAULT_WEIGHTS,
  ) {}

  /** BM25 corpus statistics, cached until profiles change. */
  termStats(): Promise<TermStats> {
    const gen = this.generation();
    const age = Date.now() - (this.stats?.at ?? 0);
    if (!this.stats || (gen !== this.stats.generation && age > 2_000) || age > 300_000) {
      const value = termStatistics(this.db);
      this.stats = { value, generation: gen, at: Date.now() };
      value.catch(() => (this.stats = undefined));
    }
    return this.stats.value;
  }

  /** Programme suggestions for a challenge text. */
  suggest(
    text: string,
    ctx: SuggestContext,
  ): { language: string; themes: string[]; results: ProgrammeSuggestion[] } {
    const language = detectLanguage(text).code;
    const themes = this.catalogue.matcher.infer(text);
    return {
      language,
      themes,
      results: suggestProgrammes(this.catalogue, text, themes, ctx, replyLanguage(language)),
    };
  }

  /** `POST /v1/matches`: the best `limit` partners with explanations, sorted by score. */
  async match(req: MatchRequest, opts: { onlyIds?: string[] } = {}): Promise<MatchResponse> {
    const seeker = req.profileId ? await getSeeker(this.db, req.profileId) : undefined;
    if (req.profileId && !seeker) throw notFound('Profile', req.profileId);
    if (seeker && seeker.embedder !== this.embedder.id)
      throw new AppError(
        503,
        'reindex-needed',
        `Profile "${seeker.id}" has no vectors from ${this.embedder.id}; run npm run reindex`,
      );

    const text = req.text;
    const detected = text ? detectLanguage(text).code : undefined;
    const language =
      detected && detected !== 'und'
        ? detected
        : (seeker?.languages.find((l) => l !== 'en') ??
          seeker?.languages[0] ??
          (detected === 'und' ? 'nn' : 'en'));
    const themes = text ? this.catalogue.matcher.infer(text) : (seeker?.themes ?? []);
    const seekerParty = { country: seeker?.country ?? 'NO', role: seeker?.role ?? 'seeker' };

    // A text-only seeker is taken to be a Norwegian public body whose staff also work in English.
    const seekerLanguages = seeker?.languages.length
      ? seeker.languages
      : [...new Set([languageFamily(language), 'en'])];
    const suggested = text
      ? suggestProgrammes(this.catalogue, text, themes, { country: seekerParty.country }, 'en')
          .filter((s) => s.signals.length > 0 && s.eligible)
          .map((s) => s.code)
      : [];
    const wanted = [
      ...new Set([...(seeker?.programmes ?? []), ...(req.filters?.programmes ?? []), ...suggested]),
    ];

    const queryVector = text
      ? vectorLiteral((await this.embedder.embed([text], 'query'))[0]!)
      : (seeker!.needs_embedding ?? seeker!.embedding!);
    const stems = queryStems(text ?? `${seeker!.description} ${seeker!.needs ?? ''}`);
    const stats = await this.termStats();
    const k = Math.max(50, req.limit * 5);
    // Only distinctive words (in at most k profiles) go to the full-text path: common ones
    // ("kommune") match much of the corpus, which would be slow and adds nothing the vector path
    // misses; every candidate is still scored with BM25 over all query words.
    const rare = stems
      .map((s) => ({ s, df: stats.df.get(s) ?? 0 }))
      .filter(({ df }) => df > 0 && df <= k)
      .sort((a, b) => a.df - b.df || a.s.localeCompare(b.s))
      .slice(0, 8)
      .map(({ s }) => s);
    const candidates = await findCandidates(this.db, {
      embedder: this.embedder.id,
      vector: queryVector!,
      seekerNeeds: text ? queryVector : seeker!.needs_embedding,
      seekerOffers: seeker?.offers_embedding ?? null,
      tsquery: stemsTsQuery(rare),
      filters: { ...req.filters, excludeIds: seeker ? [seeker.id] : [], onlyIds: opts.onlyIds },
      k,
    });

    const scored = candidates.map((c) => ({
      c,
      ...scoreCandidate(
        this.catalogue,
        this.embedder.id,
        this.weights,
        { themes, languages: seekerLanguages, ...seekerParty, programmes: wanted },
        c,
        {
          sim: c.sim,
          lexical: bm25Score(stems, c.search_terms, stats),
          offersSim: c.offers_sim,
          needsSim: c.needs_sim,
        },
      ),
    }));
    scored.sort((a, b) => b.relevance - a.relevance || a.c.id.localeCompare(b.c.id));

    const reply = replyLanguage(language);
    const results = (await this.diversify(scored, req.limit)).map(
      ({ c, explanation, score }): MatchResult => ({
        id: c.id,
        name: c.name,
        country: c.country,
        kind: c.kind,
        role: c.role,
        score: round(score),
        explanation,
        reason: reasonSentence(this.catalogue, explanation, reply),
      }),
    );
    return { results, query: { language, themes, programmes: wanted, embedder: this.embedder.id } };
  }

  /**
   * Greedy selection with a near-duplicate penalty. Penalties only grow as results are chosen, so
   * the chosen scores never increase: the list stays sorted by its final score.
   */
  private async diversify<T extends { c: CandidateRow; relevance: number; explanation: Explanation }>(
    ranked: T[],
    limit: number,
  ): Promise<(T & { score: number })[]> {
    const top = ranked.slice(0, Math.max(limit * 3, limit + 10));
    const vectors = await vectorsById(
      this.db,
      top.map((r) => r.c.id),
    );
    const pool = top.map((r) => ({ ...r, v: parseVector(vectors.get(r.c.id)!), penalty: 0 }));
    const chosen: (typeof pool)[number][] = [];
    while (chosen.length < limit && pool.length) {
      let best = 0;
      for (let i = 1; i < pool.length; i++) {
        const a = pool[i]!.relevance - pool[i]!.penalty;
        const b = pool[best]!.relevance - pool[best]!.penalty;
        if (a > b || (a === b && pool[i]!.c.id < pool[best]!.c.id)) best = i;
      }
      const [pick] = pool.splice(best, 1);
      chosen.push(pick!);
      for (const other of pool) {
        const sim = dot(pick!.v, other.v);
        if (sim > DUP_FROM)
          other.penalty = Math.max(other.penalty, (DUP_PENALTY * (sim - DUP_FROM)) / (1 - DUP_FROM));
      }
    }
    return chosen.map(({ v: _v, penalty, ...r }) => ({
      ...(r as unknown as T),
      score: Math.max(0, Math.min(1, r.relevance - penalty)),
      explanation: { ...r.explanation, diversityPenalty: round(penalty) },
    }));
  }
}
