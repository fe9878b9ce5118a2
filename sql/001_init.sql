-- Profiles, their vectors, API tokens and service metadata.
-- Runs unchanged on embedded PGlite and on PostgreSQL 15+ with pgvector 0.8+.

CREATE EXTENSION IF NOT EXISTS vector;

CREATE TABLE service_meta (
  key   text PRIMARY KEY,
  value jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE profiles (
  id              text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9._:-]{1,120}$'),
  name            text NOT NULL,
  kind            text NOT NULL,
  country         text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
  region          text,
  population      bigint CHECK (population >= 0),
  -- Effective working languages: as declared, or detected from the description when not declared.
  languages       text[] NOT NULL DEFAULT '{}',
  languages_detected boolean NOT NULL DEFAULT false,
  programmes      text[] NOT NULL DEFAULT '{}',
  role            text NOT NULL DEFAULT 'partner',
  description     text NOT NULL,
  needs           text,
  offers          text,
  -- Effective themes: as declared, or inferred from the text when not declared.
  themes          text[] NOT NULL DEFAULT '{}',
  themes_inferred boolean NOT NULL DEFAULT false,
  budget_eur      double precision CHECK (budget_eur >= 0),
  capacity        integer CHECK (capacity >= 1),
  contact         jsonb,
  -- The profile exactly as accepted (exchange format), returned by GET.
  document        jsonb NOT NULL,
  content_hash    text NOT NULL,
  source          text NOT NULL DEFAULT 'api',
  -- Folded, stemmed words of name/description/needs/offers for lexical match and text search.
  search_terms    text NOT NULL DEFAULT '',
  search          tsvector GENERATED ALWAYS AS (to_tsvector('simple', search_terms)) STORED,
  embedder        text,
  embedding       vector(384),
  needs_embedding vector(384),
  offers_embedding vector(384),
  version         integer NOT NULL DEFAULT 1,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX profiles_country_idx ON profiles (country);
CREATE INDEX profiles_kind_idx ON profiles (kind);
CREATE INDEX profiles_role_idx ON profiles (role);
CREATE INDEX profiles_programmes_idx ON profiles USING gin (programmes);
CREATE INDEX profiles_languages_idx ON profiles USING gin (languages);
CREATE INDEX profiles_themes_idx ON profiles USING gin (themes);
CREATE INDEX profiles_search_idx ON profiles USING gin (search);

CREATE TABLE api_tokens (
  id           text PRIMARY KEY,
  name         text NOT NULL,
  role         text NOT NULL CHECK (role IN ('admin', 'coordinator', 'reviewer', 'municipality')),
  token_hash   text NOT NULL UNIQUE,
  scope        jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at   timestamptz NOT NULL DEFAULT now(),
  revoked_at   timestamptz,
  last_used_at timestamptz
);
