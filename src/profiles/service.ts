import { createHash } from 'node:crypto';
import type { Catalogue } from '../catalogue/load.js';
import type { Embedder } from '../embeddings/embedder.js';
import { AppError, notFound, validationError, type FieldError } from '../errors.js';
import type { Database } from '../storage/database.js';
import {
  deleteProfile,
  existingVersions,
  getProfile,
  listProfiles,
  upsertProfiles,
  analyzeProfiles,
  countProfiles,
  updateDerived,
  type ProfileFilters,
  type ProfileRow,
  type StoredProfile,
} from '../storage/profiles.js';
import { detectLanguage } from '../text/language.js';
import { assertMayEditProfile, seesContact, seesEverything } from '../auth/policy.js';
import type { Principal } from '../auth/tokens.js';
import { reachedPartners } from '../storage/suggestions.js';
import { searchTerms } from '../text/normalise.js';
import { ProfileSchema, type Profile } from './schema.js';

/** A profile as the API returns it: the document as accepted, plus what the service derived. */
export interface ProfileView extends Profile {
  derived: {
    languages: string[];
    languagesDetected: boolean;
    themes: string[];
    themesInferred: boolean;
  };
  source: string;
  /** Seed profiles are illustrative examples, not statements by the organisations named. */
  illustrative: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** Outcome of an import: counts and each rejected line with its reason. */
export interface ImportSummary {
  imported: number;
  updated: number;
  unchanged: number;
  rejected: { line: number; id?: string; reason: string; errors?: FieldError[] }[];
}

/** Progress callback: lines read so far. */
export type ImportProgress = (linesDone: number) => void;

const BATCH = 64;

function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableStringify((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

/** Identifies a document's content: an identical re-import is a no-op. */
export function contentHash(doc: Profile): string {
  return createHash('sha256').update(stableStringify(doc)).digest('hex');
}

/** Converts a stored profile to its API view. */
export function toView(p: StoredProfile): ProfileView {
  return {
    ...p.document,
    derived: {
      languages: p.languages,
      languagesDetected: p.languages_detected,
      themes: p.themes,
      themesInferred: p.themes_inferred,
    },
    source: p.source,
    illustrative: p.source === 'seed',
    version: p.version,
    createdAt: new Date(p.created_at).toISOString(),
    updatedAt: new Date(p.updated_at).toISOString(),
  };
}

/** Stores, reads, lists and imports profiles; computes languages, themes and vectors at write time. */
export class ProfileService {
  /** Counts writes, so caches derived from all profiles (term statistics) know when to refresh. */
  generation = 0;

  constructor(
    private readonly db: Database,
    private readonly catalogue: Catalogue,
    private readonly embedder: Embedder,
  ) {}

  /** Validates one profile against the exchange format and the theme taxonomy. */
  validate(input: unknown, prefix = ''): Profile {
    const parsed = ProfileSchema.safeParse(input);
    if (!parsed.success) throw validationError(parsed.error, 'profile', prefix);
    const unknownThemes = (parsed.data.themes ?? []).filter((t) => !this.catalogue.themeByCode.has(t));
    if (unknownThemes.length)
      throw new AppError(
        400,
        'validation',
        `Invalid profile: unknown theme code(s) ${unknownThemes.join(', ')}`,
        {
          errors: unknownThemes.map((t) => ({
            field: 'themes',
            message: `unknown theme code "${t}"; see GET /v1/themes for the codes`,
          })),
        },
      );
    return parsed.data;
  }

  /** Derives languages, themes, search terms and vectors for a batch (one embedding call per part). */
  async prepare(docs: Profile[], source: string): Promise<ProfileRow[]> {
    const fullText = (d: Profile) => [d.description, d.needs, d.offers].filter(Boolean).join('\n');
    const [main, needs, offers] = await Promise.all([
      this.embedder.embed(docs.map(fullText), 'passage'),
      this.embedder.embed(
        docs.filter((d) => d.needs).map((d) => d.needs!),
        'passage',
      ),
      this.embedder.embed(
        docs.filter((d) => d.offers).map((d) => d.offers!),
        'passage',
      ),
    ]);
    let ni = 0;
    let oi = 0;
    return docs.map((doc, i) => {
      const detected = doc.languages?.length ? undefined : detectLanguage(doc.description).code;
      const text = fullText(doc);
      return {
        doc,
        languages: doc.languages?.length ? doc.languages : detected && detected !== 'und' ? [detected] : [],
        languagesDetected: !doc.languages?.length,
        themes: doc.themes?.length ? doc.themes : this.catalogue.matcher.infer(text),
        themesInferred: !doc.themes?.length,
        searchTerms: searchTerms(doc.name, doc.region, text),
        contentHash: contentHash(doc),
        source,
        embedder: this.embedder.id,
        embedding: main[i]!,
        needsEmbedding: doc.needs ? needs[ni++]! : null,
        offersEmbedding: doc.offers ? offers[oi++]! : null,
      };
    });
  }

  /** Creates or replaces one profile; returns what happened and the stored view. */
  async upsert(
    input: unknown,
    source = 'api',
    principal?: Principal,
  ): Promise<{ result: 'created' | 'updated' | 'unchanged'; profile: ProfileView }> {
    const doc = this.validate(input);
    if (principal) assertMayEditProfile(principal, doc.id);
    const [row] = await this.prepare([doc], source);
    return this.db.transaction(async (tx) => {
      const result = (await upsertProfiles(tx, [row!])).get(doc.id)!;
      this.generation++;
      const stored = await getProfile(tx, doc.id);
      return { result, profile: toView(stored!) };
    });
  }

  /**
   * Recomputes vectors (and derived fields) of every profile with the current embedder, batch by
   * batch in id order; each batch commits on its own, so an interrupted reindex resumes cleanly
   * (profiles already done are skipped by their embedder id).
   */
  async reembedAll(onProgress?: (done: number, total: number) => void): Promise<number> {
    const total = await countProfiles(this.db);
    let done = 0;
    let after: string | undefined;
    for (;;) {
      const page = await listProfiles(this.db, {}, { after, limit: BATCH });
      if (!page.length) break;
      const rows = await this.prepare(
        page.map((p) => p.document),
        'reindex',
      );
      await this.db.transaction(async (tx) => {
        for (const [i, row] of rows.entries()) await updateDerived(tx, { ...row, source: page[i]!.source });
      });
      done += page.length;
      after = page.at(-1)!.id;
      onProgress?.(done, total);
    }
    await analyzeProfiles(this.db);
    return done;
  }

  /** Removes `contact` from profiles the caller may not reach yet (see seesContact). */
  private async withoutHiddenContacts(views: ProfileView[], principal?: Principal): Promise<ProfileView[]> {
    if (!principal || seesEverything(principal)) return views;
    const reached =
      principal.role === 'municipality'
        ? await reachedPartners(this.db, principal.scope.profileIds ?? [])
        : new Set<string>();
    return views.map((v) => {
      if (!v.contact || seesContact(principal, { id: v.id, region: v.region ?? null }, reached)) return v;
      const { contact: _hidden, ...rest } = v;
      return rest;
    });
  }

  /** One profile by id; 404 when missing. */
  async get(id: string, principal?: Principal): Promise<ProfileView> {
    const p = await getProfile(this.db, id);
    if (!p) throw notFound('Profile', id);
    const [view] = await this.withoutHiddenContacts([toView(p)], principal);
    return view!;
  }

  /** Deletes one profile; 404 when missing. */
  async delete(id: string, principal?: Principal): Promise<void> {
    if (principal) assertMayEditProfile(principal, id);
    if (!(await deleteProfile(this.db, id))) throw notFound('Profile', id);
    this.generation++;
  }

  /** A page of profiles plus the cursor of the next page (undefined on the last page). */
  async list(
    filters: ProfileFilters,
    limit: number,
    cursor?: string,
    principal?: Principal,
  ): Promise<{ items: ProfileView[]; nextCursor?: string }> {
    let after: string | undefined;
    if (cursor !== undefined) {
      after = Buffer.from(cursor, 'base64url').toString('utf8');
      if (!/^[A-Za-z0-9._:-]{1,120}$/.test(after))
        throw new AppError(
          400,
          'validation',
          'Invalid cursor: use the nextCursor value of the previous page',
          {
            errors: [{ field: 'cursor', message: 'not a cursor returned by this service' }],
          },
        );
    }
    const rows = await listProfiles(this.db, filters, { after, limit: limit + 1 });
    const items = await this.withoutHiddenContacts(rows.slice(0, limit).map(toView), principal);
    const last = items.at(-1);
    return rows.length > limit && last
      ? { items, nextCursor: Buffer.from(last.id).toString('base64url') }
      : { items };
  }

  /**
   * Imports NDJSON lines. Each valid line is stored whole or not at all (batches commit together;
   * if a batch fails, its lines are retried one by one so one bad row cannot sink the others);
   * invalid lines and repeated ids are reported by line number and never stored.
   */
  async importLines(
    lines: AsyncIterable<string> | Iterable<string>,
    source: string,
    onProgress?: ImportProgress,
  ): Promise<ImportSummary> {
    const summary: ImportSummary = { imported: 0, updated: 0, unchanged: 0, rejected: [] };
    const firstLine = new Map<string, number>();
    let batch: { line: number; doc: Profile }[] = [];
    let lineNo = 0;

    const flush = async () => {
      if (!batch.length) return;
      const current = batch;
      batch = [];
      const existing = await existingVersions(
        this.db,
        current.map((b) => b.doc.id),
      );
      const work: { line: number; doc: Profile }[] = [];
      for (const b of current) {
        const hash = contentHash(b.doc);
        const ex = existing.get(b.doc.id);
        if (ex && ex.hash === hash && ex.embedder === this.embedder.id) summary.unchanged++;
        else work.push(b);
      }
      if (!work.length) return;
      this.generation++;
      const rows = await this.prepare(
        work.map((w) => w.doc),
        source,
      );
      const count = (r: 'created' | 'updated' | 'unchanged') => {
        if (r === 'created') summary.imported++;
        else if (r === 'updated') summary.updated++;
        else summary.unchanged++;
      };
      try {
        const results = await this.db.transaction((tx) => upsertProfiles(tx, rows));
        results.forEach(count);
      } catch {
        for (const [i, row] of rows.entries()) {
          try {
            count((await this.db.transaction((tx) => upsertProfiles(tx, [row]))).get(row.doc.id)!);
          } catch (err) {
            summary.rejected.push({
              line: work[i]!.line,
              id: row.doc.id,
              reason: `could not be stored: ${(err as Error).message}`,
            });
          }
        }
      }
    };

    for await (const raw of lines) {
      lineNo++;
      const line = raw.trim();
      if (line.includes('\uFFFD')) {
        summary.rejected.push({
          line: lineNo,
          reason: 'the line is not valid UTF-8; save the file as UTF-8',
        });
      } else if (line) {
        let value: unknown;
        try {
          value = JSON.parse(line);
        } catch (err) {
          summary.rejected.push({ line: lineNo, reason: `malformed JSON: ${(err as Error).message}` });
          value = undefined;
        }
        if (value !== undefined) {
          const id =
            typeof (value as { id?: unknown })?.id === 'string' ? (value as { id: string }).id : undefined;
          try {
            const doc = this.validate(value);
            const first = firstLine.get(doc.id);
            if (first !== undefined)
              summary.rejected.push({
                line: lineNo,
                id: doc.id,
                reason: `duplicate id "${doc.id}" (first on line ${first})`,
              });
            else {
              firstLine.set(doc.id, lineNo);
              batch.push({ line: lineNo, doc });
            }
          } catch (err) {
            if (!(err instanceof AppError)) throw err;
            const errors = err.extra.errors;
            summary.rejected.push({
              line: lineNo,
              ...(id ? { id } : {}),
              reason: err.message,
              ...(errors ? { errors } : {}),
            });
          }
        }
      }
      if (batch.length >= BATCH) await flush();
      onProgress?.(lineNo);
    }
    await flush();
    if (summary.imported + summary.updated > 0) await analyzeProfiles(this.db);
    onProgress?.(lineNo);
    return summary;
  }
}
