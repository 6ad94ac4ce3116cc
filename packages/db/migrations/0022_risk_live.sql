-- Live risk decisions (issue 19, decision 0046). Every import parcel's lane now comes from a rule set: the
-- published version, or — when none is published — the built-in baseline (today's two reasons), which has no
-- row here, so a decision's rule set may be absent (version 0).
ALTER TABLE risk_decisions ALTER COLUMN rule_set_id DROP NOT NULL;

-- Shadow mode: a draft that runs beside the live version. It judges the same parcels, its decisions are stored
-- with shadow = true, and it decides nothing. At most one draft runs in shadow at a time.
ALTER TABLE risk_rule_sets ADD COLUMN shadow boolean NOT NULL DEFAULT false;
CREATE UNIQUE INDEX risk_rule_sets_one_shadow ON risk_rule_sets (shadow) WHERE shadow;

-- The cross-parcel window keys of every parcel the live engine judged: who (buyer), where (consignee address),
-- which telephone, which payer (keyed hashes, never the values), when (the inventory's receipt) and how much
-- (fen). Written with the decisions, read set-wise for a batch's keys over the last seven days, so the windows
-- (split orders, shared address or telephone, payer fan-in) need no scan of the inventories' bodies.
CREATE TABLE risk_parcel_keys (
  document_id  uuid PRIMARY KEY,
  at           timestamptz NOT NULL,
  buyer_key    text NOT NULL,
  address_key  text,
  phone_key    text,
  payer_key    text,
  value_fen    bigint NOT NULL
);
CREATE INDEX risk_parcel_keys_buyer_idx ON risk_parcel_keys (buyer_key, at);
CREATE INDEX risk_parcel_keys_address_idx ON risk_parcel_keys (address_key, at) WHERE address_key IS NOT NULL;
CREATE INDEX risk_parcel_keys_phone_idx ON risk_parcel_keys (phone_key, at) WHERE phone_key IS NOT NULL;
CREATE INDEX risk_parcel_keys_payer_idx ON risk_parcel_keys (payer_key, at) WHERE payer_key IS NOT NULL;
