-- Web sessions: the browser holds only a random id; the row keeps its SHA-256, the API token's id
-- (never the token itself) and the session's CSRF token. Sessions end after eight hours, on
-- sign-out, or as soon as the token behind them is revoked (checked on every request).
CREATE TABLE web_sessions (
  id_hash    text PRIMARY KEY,
  token_id   text NOT NULL,
  csrf       text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX web_sessions_expires_idx ON web_sessions (expires_at);
CREATE INDEX web_sessions_token_idx ON web_sessions (token_id);
