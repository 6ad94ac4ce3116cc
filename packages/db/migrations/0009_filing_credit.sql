-- Filing (备案) of enterprises and products, and the e-commerce credit system (seed §二(一)1, §二(二)4):
-- enterprise filings reviewed by an officer, product filings checked against the nomenclature and the
-- retail-import positive list, credit events, customs credit levels, third-party ratings, composite scores
-- with their explanation, the negative list's management fields, and the credit-based sampling table.

-- An enterprise's filing: what it applied for and what the officer decided. Approval grants the roles
-- (organisations.enterprise_roles) and the filing status the gateway checks.
ALTER TABLE organisations ADD COLUMN filing_status text NOT NULL DEFAULT 'none'
  CHECK (filing_status IN ('none', 'submitted', 'approved', 'rejected', 'suspended', 'revoked'));

CREATE TABLE enterprise_filings (
  id              uuid PRIMARY KEY,
  org_id          uuid NOT NULL REFERENCES organisations (id),
  uscc            text NOT NULL,                  -- GB 32100-2015, check character verified
  customs_code    text NOT NULL,                  -- 10 characters
  name_zh         text NOT NULL,
  name_en         text,
  roles           text[] NOT NULL CHECK (cardinality(roles) > 0),
  legal_rep       text NOT NULL,                  -- 法定代表人
  address         text NOT NULL,
  contacts        jsonb NOT NULL DEFAULT '[]',    -- [{ name, phone, email }]
  documents       jsonb NOT NULL DEFAULT '[]',    -- [{ kind, name, sha256 }]
  status          text NOT NULL CHECK (status IN ('draft', 'submitted', 'approved', 'rejected', 'suspended', 'revoked')),
  reasons         jsonb NOT NULL DEFAULT '[]',    -- the officer's reasons (rejection, suspension, revocation)
  identity_verified_at timestamptz,               -- the officer verified the legal representative's identity
  reviewed_by     uuid REFERENCES users (id),
  submitted_at    timestamptz,
  decided_at      timestamptz,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL
);
CREATE INDEX enterprise_filings_org_idx ON enterprise_filings (org_id, created_at);
CREATE INDEX enterprise_filings_status_idx ON enterprise_filings (status, submitted_at);

-- Product filing: the products table grows a review state and the fields customs files.
ALTER TABLE products
  ADD COLUMN status text NOT NULL DEFAULT 'approved'
    CHECK (status IN ('draft', 'submitted', 'approved', 'rejected')),
  ADD COLUMN declaration_elements jsonb NOT NULL DEFAULT '{}',   -- 申报要素 by element name
  ADD COLUMN legal_unit1 text REFERENCES units (code),
  ADD COLUMN legal_unit2 text REFERENCES units (code),
  ADD COLUMN retail_import boolean NOT NULL DEFAULT false,       -- filed for CBEC retail import (positive list applies)
  ADD COLUMN reasons jsonb NOT NULL DEFAULT '[]',
  ADD COLUMN reviewed_by uuid REFERENCES users (id),
  ADD COLUMN submitted_at timestamptz,
  ADD COLUMN decided_at timestamptz;
CREATE INDEX products_barcode_idx ON products (barcode) WHERE barcode IS NOT NULL;
CREATE INDEX products_status_idx ON products (status, submitted_at);

-- 跨境电子商务零售进口商品清单 (the positive list), by tariff code prefix, with validity dates.
CREATE TABLE positive_list (
  id              uuid PRIMARY KEY,
  hs_prefix       text NOT NULL CHECK (hs_prefix ~ '^\d{4,10}$'),
  name_zh         text NOT NULL,
  note            text NOT NULL DEFAULT '',      -- 监管要求 (e.g. 仅限网购保税商品)
  list_name       text NOT NULL,                 -- which list and edition
  valid_from      date NOT NULL,
  valid_to        date,
  created_at      timestamptz NOT NULL,
  UNIQUE (hs_prefix, valid_from)
);

-- Credit events: what the platform saw (refusals by rule, inspection findings, detentions, returns, late tax,
-- sampling failures, complaints) and what regulators recorded (penalties, commendations). Append-only.
CREATE TABLE credit_events (
  id              uuid PRIMARY KEY,
  subject_type    text NOT NULL CHECK (subject_type IN ('enterprise', 'person')),
  subject_key     text NOT NULL,                  -- enterprise customs code, or a person's keyed hash
  org_id          uuid REFERENCES organisations (id),
  source          text NOT NULL CHECK (source IN ('platform', 'regulator')),
  category        text NOT NULL,
  weight          numeric(8, 2) NOT NULL,         -- signed: negative lowers the behaviour score
  occurred_on     date NOT NULL,
  expires_on      date NOT NULL,
  description     text NOT NULL,
  reference       text,                           -- the document or decision it comes from
  authority       text,                           -- the regulator, for regulator events
  recorded_by     uuid REFERENCES users (id),
  created_at      timestamptz NOT NULL
);
CREATE INDEX credit_events_subject_idx ON credit_events (subject_key, occurred_on);
CREATE UNIQUE INDEX credit_events_reference_idx ON credit_events (subject_key, category, reference) WHERE reference IS NOT NULL;
CREATE TRIGGER credit_events_no_update BEFORE UPDATE OR DELETE ON credit_events
  FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();

-- The customs credit level (海关企业信用管理办法: 高级认证 / 一般信用 / 失信; 一般认证 kept for history).
CREATE TABLE customs_credit_levels (
  id              uuid PRIMARY KEY,
  org_id          uuid NOT NULL REFERENCES organisations (id),
  level           text NOT NULL CHECK (level IN ('advanced_certified', 'general_certified', 'general', 'dishonest')),
  valid_from      date NOT NULL,
  valid_to        date,
  source          text NOT NULL,
  created_at      timestamptz NOT NULL
);
CREATE INDEX customs_credit_levels_org_idx ON customs_credit_levels (org_id, valid_from);

-- Third-party credit ratings, imported through the API.
CREATE TABLE third_party_ratings (
  id              uuid PRIMARY KEY,
  org_id          uuid NOT NULL REFERENCES organisations (id),
  agency          text NOT NULL,
  rating          text NOT NULL,
  score           numeric(5, 2) NOT NULL CHECK (score >= 0 AND score <= 100),
  rated_on        date NOT NULL,
  valid_to        date,
  imported_at     timestamptz NOT NULL,
  UNIQUE (org_id, agency, rated_on)
);

-- Composite scores, kept as a history; each row explains itself (components: every contributing input).
CREATE TABLE credit_scores (
  id              uuid PRIMARY KEY,
  org_id          uuid NOT NULL REFERENCES organisations (id),
  score           numeric(6, 2) NOT NULL,
  level           text NOT NULL CHECK (level IN ('A', 'B', 'C', 'D')),
  formula_version text NOT NULL,
  as_of           date NOT NULL,
  components      jsonb NOT NULL,
  computed_at     timestamptz NOT NULL
);
CREATE INDEX credit_scores_org_idx ON credit_scores (org_id, computed_at DESC);

-- Credit-based facilitation: the random inspection rate by composite level (configurable).
CREATE TABLE credit_sampling_rates (
  level           text PRIMARY KEY CHECK (level IN ('A', 'B', 'C', 'D')),
  sampling_rate   numeric(5, 4) NOT NULL CHECK (sampling_rate >= 0 AND sampling_rate <= 1),
  updated_at      timestamptz NOT NULL
);

-- The negative list gains its management fields (listed / delisted by whom, why, until when).
ALTER TABLE negative_list
  ADD COLUMN subject_name text NOT NULL DEFAULT '',
  ADD COLUMN listed_by uuid REFERENCES users (id),
  ADD COLUMN valid_until date,
  ADD COLUMN delist_reason text,
  ADD COLUMN delisted_by uuid REFERENCES users (id);

-- Enterprises registered before filing existed keep the roles they were registered with (grandfathered).
UPDATE organisations SET filing_status = 'approved'
  WHERE kind = 'enterprise' AND cardinality(enterprise_roles) > 0;
