-- Identity and access: organisations, users, sessions, API keys, and the append-only audit log.
-- Every table that grows with traffic carries org_id so a distributed PostgreSQL (Citus) can shard on it.

CREATE TABLE organisations (
  id              uuid PRIMARY KEY,
  code            text NOT NULL UNIQUE,           -- customs registration code (10) or agency / office code
  uscc            text UNIQUE,                    -- 统一社会信用代码, GB 32100-2015
  name_zh         text NOT NULL,
  name_en         text,
  kind            text NOT NULL CHECK (kind IN ('enterprise', 'agency', 'bank', 'zone_office')),
  enterprise_roles text[] NOT NULL DEFAULT '{}',
  agency_type     text CHECK (agency_type IN ('customs', 'inspection', 'commerce', 'tax', 'forex', 'market_supervision', 'statistics')),
  zone_code       text,
  park_code       text,
  status          text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'agency') = (agency_type IS NOT NULL)),
  CHECK (kind = 'enterprise' OR cardinality(enterprise_roles) = 0)
);

CREATE TABLE users (
  id              uuid PRIMARY KEY,
  org_id          uuid NOT NULL REFERENCES organisations (id),
  username        text NOT NULL UNIQUE,
  display_name    text NOT NULL,
  password_hash   text NOT NULL,                  -- argon2id, PHC string
  roles           text[] NOT NULL CHECK (roles <@ ARRAY['admin', 'operator', 'viewer']::text[] AND cardinality(roles) > 0),
  locale          text NOT NULL DEFAULT 'zh-CN' CHECK (locale IN ('zh-CN', 'en')),
  disabled_at     timestamptz,
  last_login_at   timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX users_org_idx ON users (org_id);

CREATE TABLE sessions (
  token_hash      text PRIMARY KEY,               -- SHA-256 of the cookie token; the token itself is never stored
  user_id         uuid NOT NULL REFERENCES users (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  expires_at      timestamptz NOT NULL,
  revoked_at      timestamptz,
  ip              text,
  user_agent      text
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE api_keys (
  id              uuid PRIMARY KEY,
  org_id          uuid NOT NULL REFERENCES organisations (id),
  name            text NOT NULL,
  prefix          text NOT NULL UNIQUE,           -- public part, shown in lists to tell keys apart
  secret_hash     text NOT NULL,                  -- SHA-256 of the 256-bit secret; shown once at creation
  created_by      uuid REFERENCES users (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  last_used_at    timestamptz,
  revoked_at      timestamptz
);
CREATE INDEX api_keys_org_idx ON api_keys (org_id);

-- Append-only: who did what to which record, with the state before and after, in the same transaction as
-- the change. UPDATE, DELETE and TRUNCATE are refused by trigger, so not even the application can rewrite it.
CREATE TABLE audit_log (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at              timestamptz NOT NULL DEFAULT now(),
  actor_user_id   uuid,
  actor_api_key_id uuid,
  actor_org_id    uuid,
  actor_via       text NOT NULL CHECK (actor_via IN ('session', 'api_key', 'system')),
  action          text NOT NULL,
  target_type     text NOT NULL,
  target_id       text NOT NULL,
  target_org_id   uuid,
  before          jsonb,
  after           jsonb,
  request_id      text,
  ip              text
);
CREATE INDEX audit_log_target_idx ON audit_log (target_type, target_id);
CREATE INDEX audit_log_actor_org_idx ON audit_log (actor_org_id, at);
CREATE INDEX audit_log_target_org_idx ON audit_log (target_org_id, at);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
