-- Suggestions: a saved match between a seeker and a candidate, reviewed by county staff and
-- coordinators. The score and explanation are kept as they were when saved.
CREATE TABLE suggestions (
  id           text PRIMARY KEY,
  seeker_id    text NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
  candidate_id text NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
  source       text NOT NULL CHECK (source IN ('match', 'pairing', 'manual')),
  source_ref   text,
  state        text NOT NULL DEFAULT 'suggested'
               CHECK (state IN ('suggested', 'shortlisted', 'contacted', 'agreed', 'rejected', 'withdrawn')),
  score        double precision NOT NULL,
  explanation  jsonb NOT NULL,
  reason       text NOT NULL,
  reject_reason text,
  version      integer NOT NULL DEFAULT 1,
  created_by   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  CHECK (seeker_id <> candidate_id),
  CHECK (state <> 'rejected' OR reject_reason IS NOT NULL)
);
-- One open suggestion per pair: saving the same pair again returns the existing one.
CREATE UNIQUE INDEX suggestions_open_pair ON suggestions (seeker_id, candidate_id)
  WHERE state IN ('suggested', 'shortlisted', 'contacted');
CREATE INDEX suggestions_state_idx ON suggestions (state);
CREATE INDEX suggestions_candidate_idx ON suggestions (candidate_id);

-- Every change and comment, append-only: who, when, from, to, note.
CREATE TABLE suggestion_events (
  id            bigserial PRIMARY KEY,
  suggestion_id text NOT NULL REFERENCES suggestions(id) ON DELETE CASCADE,
  kind          text NOT NULL CHECK (kind IN ('created', 'transition', 'comment')),
  from_state    text,
  to_state      text,
  note          text,
  actor_token   text NOT NULL,
  actor_name    text NOT NULL,
  actor_role    text NOT NULL,
  version       integer NOT NULL,
  at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX suggestion_events_suggestion_idx ON suggestion_events (suggestion_id, id);
