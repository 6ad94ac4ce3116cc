-- Signing keys an enterprise registers: the gateway verifies ds:Signature against them (RSA-SHA1, SM2-SM3).
CREATE TABLE signing_keys (
  id              uuid PRIMARY KEY,
  org_id          uuid NOT NULL REFERENCES organisations (id),
  algorithm       text NOT NULL CHECK (algorithm IN ('rsa', 'sm2')),
  key_name        text NOT NULL,                  -- ds:KeyName: certificate serial or card number
  public_key      text NOT NULL,                  -- RSA: SPKI PEM; SM2: uncompressed point, hex
  certificate     text,                           -- the X.509 certificate when one was uploaded (PEM)
  subject         text,
  valid_from      timestamptz,
  valid_to        timestamptz,
  revoked_at      timestamptz,
  created_by      uuid REFERENCES users (id),
  created_at      timestamptz NOT NULL
);
CREATE INDEX signing_keys_org_idx ON signing_keys (org_id) WHERE revoked_at IS NULL;
