-- Pairing runs: a KS coordinator's proposed donor–beneficiary assignment, stored as it was made.
CREATE TABLE pairing_runs (
  id         text PRIMARY KEY,
  mode       text NOT NULL CHECK (mode IN ('optimal', 'stable')),
  created_by text NOT NULL,
  request    jsonb NOT NULL,
  result     jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX pairing_runs_created_idx ON pairing_runs (created_at DESC);
