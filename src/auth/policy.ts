import { AppError } from '../errors.js';
import type { Principal } from './tokens.js';

/**
 * Object-level rules the route table (src/http/access.ts) cannot express, in one place: which
 * profiles a municipality token owns, which regions a reviewer covers, who sees which suggestion and
 * whose contact details.
 */

/** Admins and coordinators see and manage everything. */
export function seesEverything(p: Principal): boolean {
  return p.role === 'admin' || p.role === 'coordinator';
}

/** Whether the caller may create, change or delete this profile. */
export function mayEditProfile(p: Principal, profileId: string): boolean {
  return seesEverything(p) || (p.role === 'municipality' && (p.scope.profileIds ?? []).includes(profileId));
}

/** Throws 403 unless the caller may edit the profile. */
export function assertMayEditProfile(p: Principal, profileId: string): void {
  if (!mayEditProfile(p, profileId))
    throw new AppError(
      403,
      'forbidden',
      `This token may not change profile "${profileId}"; a municipality token may change only its own profiles`,
    );
}

/** Whether the caller may act as this seeker (match from it, save suggestions for it). */
export function mayActFor(p: Principal, seekerId: string, seekerRegion: string | null): boolean {
  if (seesEverything(p)) return true;
  if (p.role === 'municipality') return (p.scope.profileIds ?? []).includes(seekerId);
  return p.role === 'reviewer' && seekerRegion !== null && (p.scope.regions ?? []).includes(seekerRegion);
}

/** The suggestions a caller may see: all, those of seekers in some regions, or of some seekers. */
export type SuggestionScope = { all: true } | { regions: string[] } | { seekerIds: string[] };

/** The suggestion scope of a caller. */
export function suggestionScope(p: Principal): SuggestionScope {
  if (seesEverything(p)) return { all: true };
  if (p.role === 'reviewer') return { regions: p.scope.regions ?? [] };
  return { seekerIds: p.scope.profileIds ?? [] };
}

/**
 * Whether the caller sees a profile's contact details: admins and coordinators always; reviewers for
 * profiles in their regions; a municipality for its own profiles and for partners it has reached
 * (a suggestion between them in state `contacted` or `agreed`).
 */
export function seesContact(
  p: Principal,
  profile: { id: string; region: string | null },
  contactedIds: ReadonlySet<string>,
): boolean {
  if (seesEverything(p)) return true;
  if (p.role === 'reviewer')
    return profile.region !== null && (p.scope.regions ?? []).includes(profile.region);
  return (p.scope.profileIds ?? []).includes(profile.id) || contactedIds.has(profile.id);
}

/** Throws 403 when a municipality token matches from a profile that is not its own. */
export function assertMayMatchFrom(p: Principal, profileId: string | undefined): void {
  if (profileId && p.role === 'municipality' && !(p.scope.profileIds ?? []).includes(profileId))
    throw new AppError(
      403,
      'forbidden',
      `A municipality token may match only from its own profiles, not "${profileId}"`,
    );
}
