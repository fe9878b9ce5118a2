import { randomBytes } from 'node:crypto';
import { mayActFor, suggestionScope } from '../auth/policy.js';
import type { Principal } from '../auth/tokens.js';
import { AppError, notFound } from '../errors.js';
import type { MatchingService } from '../matching/service.js';
import type { Explanation } from '../matching/schema.js';
import type { PairingService } from '../pairing/service.js';
import type { Database } from '../storage/database.js';
import { getProfile } from '../storage/profiles.js';
import {
  getSuggestion,
  insertEvent,
  insertSuggestion,
  listEvents,
  listSuggestions,
  updateState,
  type SuggestionFilters,
  type SuggestionRow,
} from '../storage/suggestions.js';
import type { CreateSuggestion, Suggestion } from './schema.js';
import { allowedTransitions, type State } from './states.js';

/** Ids that sort by creation time, so the review queue pages newest first by id alone. */
function newId(): string {
  return `sug_${Date.now().toString(36).padStart(9, '0')}${randomBytes(4).toString('hex')}`;
}

function toView(r: SuggestionRow): Suggestion {
  return {
    id: r.id,
    seeker: { id: r.seeker_id, name: r.seeker_name, region: r.seeker_region },
    candidate: { id: r.candidate_id, name: r.candidate_name, country: r.candidate_country },
    source: r.source,
    sourceRef: r.source_ref,
    state: r.state as State,
    allowedTransitions: allowedTransitions(r.state as State),
    score: r.score,
    explanation: r.explanation as Explanation,
    reason: r.reason,
    rejectReason: r.reject_reason,
    version: r.version,
    createdBy: r.created_by,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

const actor = (p: Principal) => ({ tokenId: p.tokenId, name: p.name, role: p.role });

/** The review workflow: saved matches, their states and their audit log. */
export class SuggestionService {
  constructor(
    private readonly db: Database,
    private readonly matching: MatchingService,
    private readonly pairings: PairingService,
  ) {}

  private async visible(p: Principal, id: string): Promise<SuggestionRow> {
    const row = await getSuggestion(this.db, id);
    // Someone else's suggestion is answered like a missing one, so ids reveal nothing.
    if (!row || !mayActFor(p, row.seeker_id, row.seeker_region)) throw notFound('Suggestion', id);
    return row;
  }

  /**
   * Saves a match as a suggestion, with the score, explanation and reason computed now by the
   * matching engine (never taken from the client). Saving an open pair again returns it unchanged.
   */
  async create(p: Principal, req: CreateSuggestion): Promise<{ suggestion: Suggestion; created: boolean }> {
    const seeker = await getProfile(this.db, req.seekerId);
    if (!seeker) throw new AppError(422, 'unknown-ids', `Unknown seeker "${req.seekerId}"`);
    if (!(await getProfile(this.db, req.candidateId)))
      throw new AppError(422, 'unknown-ids', `Unknown candidate "${req.candidateId}"`);
    if (req.seekerId === req.candidateId)
      throw new AppError(422, 'validation', 'A profile cannot be suggested to itself');
    if (!mayActFor(p, seeker.id, seeker.document.region ?? null))
      throw new AppError(403, 'forbidden', `This token may not save suggestions for "${seeker.id}"`);
    const res = await this.matching.match(
      { profileId: req.seekerId, ...(req.text ? { text: req.text } : {}), limit: 1 },
      { onlyIds: [req.candidateId] },
    );
    const hit = res.results[0];
    if (!hit)
      throw new AppError(
        503,
        'reindex-needed',
        `No vector for "${req.candidateId}" from the current embedder; run npm run reindex`,
      );
    const id = await this.db.transaction(async (tx) => {
      const r = await insertSuggestion(tx, {
        id: newId(),
        seekerId: req.seekerId,
        candidateId: req.candidateId,
        source: req.source,
        sourceRef: null,
        score: hit.score,
        explanation: hit.explanation,
        reason: hit.reason,
        createdBy: p.tokenId,
      });
      if (r.created)
        await insertEvent(tx, {
          suggestionId: r.id,
          kind: 'created',
          from: null,
          to: 'suggested',
          note: req.note ?? null,
          actor: actor(p),
          version: 1,
        });
      return r;
    });
    return { suggestion: await this.get(p, id.id), created: id.created };
  }

  /**
   * Sends a pairing run's pairs to review: the Norwegian donor is the seeker (so the county
   * reviews its municipalities' pairs), the beneficiary the candidate; score and explanation as the
   * run computed them.
   */
  async fromRun(
    p: Principal,
    runId: string,
    beneficiaryIds?: string[],
  ): Promise<{ created: number; existing: number; ids: string[] }> {
    const run = await this.pairings.get(runId);
    const pairs = beneficiaryIds
      ? run.pairs.filter((x) => beneficiaryIds.includes(x.beneficiaryId))
      : run.pairs;
    const unknown = (beneficiaryIds ?? []).filter((b) => !run.pairs.some((x) => x.beneficiaryId === b));
    if (unknown.length)
      throw new AppError(422, 'unknown-ids', `Not paired in ${runId}: ${unknown.join(', ')}`);
    return this.db.transaction(async (tx) => {
      let created = 0;
      const ids: string[] = [];
      for (const pair of pairs) {
        const r = await insertSuggestion(tx, {
          id: newId(),
          seekerId: pair.donorId,
          candidateId: pair.beneficiaryId,
          source: 'pairing',
          sourceRef: runId,
          score: pair.score,
          explanation: pair.explanation,
          reason: pair.reason,
          createdBy: p.tokenId,
        });
        ids.push(r.id);
        if (r.created) {
          created++;
          await insertEvent(tx, {
            suggestionId: r.id,
            kind: 'created',
            from: null,
            to: 'suggested',
            note: `from pairing run ${runId}`,
            actor: actor(p),
            version: 1,
          });
        }
      }
      return { created, existing: pairs.length - created, ids };
    });
  }

  /** One suggestion with its history; 404 when missing or outside the caller's scope. */
  async get(p: Principal, id: string): Promise<Suggestion> {
    const row = await this.visible(p, id);
    const history = (await listEvents(this.db, id)).map((e) => ({
      kind: e.kind,
      from: e.from_state,
      to: e.to_state,
      note: e.note,
      actor: { token: e.actor_token, name: e.actor_name, role: e.actor_role },
      version: e.version,
      at: new Date(e.at).toISOString(),
    }));
    return { ...toView(row), history };
  }

  /** The review queue: suggestions in the caller's scope, newest first. */
  async list(
    p: Principal,
    f: SuggestionFilters,
    limit: number,
    cursor?: string,
  ): Promise<{ items: Suggestion[]; nextCursor?: string }> {
    if (cursor !== undefined && !/^sug_[0-9a-z]{17}$/.test(cursor))
      throw new AppError(400, 'validation', 'Invalid cursor: use the nextCursor value of the previous page', {
        errors: [{ field: 'cursor', message: 'not a cursor returned by this service' }],
      });
    const rows = await listSuggestions(this.db, suggestionScope(p), f, { before: cursor, limit: limit + 1 });
    const items = rows.slice(0, limit).map(toView);
    return rows.length > limit ? { items, nextCursor: items.at(-1)!.id } : { items };
  }

  /**
   * Changes the state if the caller saw the current version (`If-Match`): an illegal move is a 409
   * naming the allowed ones, a stale version a 409 asking to reload; the change and its note go to
   * the audit log in the same transaction.
   */
  async transition(
    p: Principal,
    id: string,
    version: number,
    to: State,
    reason?: string,
    note?: string,
  ): Promise<Suggestion> {
    const current = await this.visible(p, id);
    const allowed = allowedTransitions(current.state as State);
    if (!allowed.includes(to))
      throw new AppError(
        409,
        'illegal-transition',
        `A ${current.state} suggestion cannot become ${to}; allowed: ${allowed.join(', ') || 'none (final state)'}`,
        {
          allowed,
        },
      );
    if (to === 'rejected' && !reason)
      throw new AppError(400, 'validation', 'Rejecting needs a reason', {
        errors: [{ field: 'reason', message: 'required when rejecting' }],
      });
    await this.db.transaction(async (tx) => {
      if (!(await updateState(tx, id, version, to, to === 'rejected' ? reason! : null)))
        throw new AppError(
          409,
          'stale',
          `Suggestion ${id} changed since version ${version}; reload it and try again`,
        );
      await insertEvent(tx, {
        suggestionId: id,
        kind: 'transition',
        from: current.state,
        to,
        note: reason ?? note ?? null,
        actor: actor(p),
        version: version + 1,
      });
    });
    return this.get(p, id);
  }

  /** Adds a comment to the audit log. */
  async comment(p: Principal, id: string, text: string): Promise<Suggestion> {
    const current = await this.visible(p, id);
    await insertEvent(this.db, {
      suggestionId: id,
      kind: 'comment',
      from: null,
      to: null,
      note: text,
      actor: actor(p),
      version: current.version,
    });
    return this.get(p, id);
  }
}
