/** Review states of a suggestion. */
export const STATES = ['suggested', 'shortlisted', 'contacted', 'agreed', 'rejected', 'withdrawn'] as const;
export type State = (typeof STATES)[number];

/** States in which a suggestion is still being worked on. */
export const OPEN_STATES: readonly State[] = ['suggested', 'shortlisted', 'contacted'];

const FORWARD: Partial<Record<State, State>> = {
  suggested: 'shortlisted',
  shortlisted: 'contacted',
  contacted: 'agreed',
};

/**
 * Where a suggestion may go from a state: one step forward along suggested → shortlisted →
 * contacted → agreed, or to `rejected` (with a reason) or `withdrawn` from any open state. Agreed,
 * rejected and withdrawn are final.
 */
export function allowedTransitions(from: State): State[] {
  if (!OPEN_STATES.includes(from)) return [];
  return [FORWARD[from]!, 'rejected', 'withdrawn'];
}
