-- Risk prevention engine (风险防控, issue 19; decision 0042): versioned rule sets and the decisions they make.
-- A rule set is data (packages/domain/src/risk): its JSON body is checked by the domain before it is saved.
-- Status: draft → published → retired. At most one version is published at a time; publishing retires the
-- previous one in the same transaction (audited). A published or retired body never changes.
CREATE TABLE risk_rule_sets (
  id              uuid PRIMARY KEY,
  version         integer NOT NULL UNIQUE CHECK (version > 0),
  name            text NOT NULL,
  status          text NOT NULL CHECK (status IN ('draft', 'published', 'retired')),
  author_user_id  uuid REFERENCES users (id),
  author_org_id   uuid REFERENCES organisations (id),
  effective_from  timestamptz,
  body            jsonb NOT NULL,
  created_at      timestamptz NOT NULL,
  published_at    timestamptz,
  published_by    uuid REFERENCES users (id),
  retired_at      timestamptz,
  retired_by      uuid REFERENCES users (id)
);
CREATE UNIQUE INDEX risk_rule_sets_one_published ON risk_rule_sets (status) WHERE status = 'published';

-- What a rule set decided about a parcel: the lane and the explanation (every fired rule with each condition's
-- actual value and threshold, the typology scores, texts zh/en). A shadow decision (a draft run beside the live
-- version) is stored and compared but decides nothing. org_id is the inventory's sender, for later sharding.
CREATE TABLE risk_decisions (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  direction        text NOT NULL CHECK (direction IN ('import', 'export')),
  document_id      uuid NOT NULL,
  org_id           uuid NOT NULL REFERENCES organisations (id),
  rule_set_id      uuid NOT NULL REFERENCES risk_rule_sets (id),
  rule_set_version integer NOT NULL,
  lane             text NOT NULL CHECK (lane IN ('green', 'document_review', 'inspection', 'hold', 'manual_review')),
  explanation      jsonb NOT NULL,
  shadow           boolean NOT NULL DEFAULT false,
  decided_at       timestamptz NOT NULL,
  UNIQUE (direction, document_id, rule_set_id)
);
CREATE INDEX risk_decisions_rule_set_idx ON risk_decisions (rule_set_id, shadow, decided_at);
CREATE INDEX risk_decisions_brin ON risk_decisions USING brin (decided_at);
