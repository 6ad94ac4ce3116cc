-- Risk warnings (风险预警, issue 19; decision 0047): what the cross-parcel typologies raise over a period, and their
-- disposal. One warning per (typology, subject, period): a rescan of the same data adds nothing. Subjects that
-- are persons (an address, a telephone, a payer, a buyer) are keyed hashes, never clear values.
-- Status: open → assigned → disposed (awaiting review) → closed; a reviewer may send a disposal back (assigned).
CREATE TABLE risk_warnings (
  id               uuid PRIMARY KEY,
  typology         text NOT NULL,
  subject_type     text NOT NULL CHECK (subject_type IN ('address', 'phone', 'payer', 'buyer', 'enterprise')),
  subject_key      text NOT NULL,
  period           text NOT NULL,                  -- W<Monday's date> (a Beijing week) or M<yyyy-mm>
  severity         text NOT NULL CHECK (severity IN ('low', 'medium', 'high')),
  status           text NOT NULL CHECK (status IN ('open', 'assigned', 'disposed', 'closed')),
  org_id           uuid REFERENCES organisations (id),  -- the enterprise concerned, when the subject is one
  evidence         jsonb NOT NULL,                 -- { parcels, buyers, sellers, figures, zh, en }
  parcel_count     integer NOT NULL,
  assignee_user_id uuid REFERENCES users (id),
  disposal         text CHECK (disposal IN ('dismissed', 'confirmed')),
  disposal_actions jsonb,                          -- { negativeList, creditEvent, referral: { agency, note } }
  disposal_note    text,
  disposed_by      uuid REFERENCES users (id),
  disposed_at      timestamptz,
  reviewed_by      uuid REFERENCES users (id),
  reviewed_at      timestamptz,
  review_note      text,
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  UNIQUE (typology, subject_key, period)
);
CREATE INDEX risk_warnings_queue_idx ON risk_warnings (status, severity, created_at);
CREATE INDEX risk_warnings_assignee_idx ON risk_warnings (assignee_user_id, status);

-- The history of a warning: raised, assigned, disposed, reviewed (approved / returned), effects applied.
-- Append-only, like the audit trail (each act is also in audit_log).
CREATE TABLE risk_warning_events (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  warning_id    uuid NOT NULL REFERENCES risk_warnings (id),
  action        text NOT NULL,
  actor_user_id uuid REFERENCES users (id),
  actor_org_id  uuid REFERENCES organisations (id),
  note          text,
  details       jsonb NOT NULL DEFAULT '{}',
  at            timestamptz NOT NULL
);
CREATE INDEX risk_warning_events_warning_idx ON risk_warning_events (warning_id, id);
CREATE TRIGGER risk_warning_events_no_update BEFORE UPDATE OR DELETE ON risk_warning_events
  FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
