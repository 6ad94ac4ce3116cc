-- Receipt push: an enterprise's webhooks read the same receipts outbox as the pull feed, each with its own
-- commit-safe cursor. Failed deliveries are retried with backoff; a receipt that keeps failing goes to the
-- dead-letter list, visible to the enterprise, and delivery moves on.
CREATE TABLE webhooks (
  id              uuid PRIMARY KEY,
  org_id          uuid NOT NULL REFERENCES organisations (id),
  url             text NOT NULL,
  secret          text NOT NULL,                  -- HMAC-SHA256 key of the X-Crossgate-Signature header
  cursor_tx       xid8 NOT NULL DEFAULT '0',
  cursor_id       bigint NOT NULL DEFAULT 0,
  attempts        integer NOT NULL DEFAULT 0,     -- failed attempts at the batch after the cursor
  next_attempt_at timestamptz NOT NULL,
  last_error      text,
  last_success_at timestamptz,
  disabled_at     timestamptz,
  created_at      timestamptz NOT NULL
);
CREATE INDEX webhooks_due_idx ON webhooks (next_attempt_at) WHERE disabled_at IS NULL;

CREATE TABLE webhook_dead_letters (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  webhook_id      uuid NOT NULL REFERENCES webhooks (id),
  receipt_id      bigint NOT NULL REFERENCES receipts (id),
  attempts        integer NOT NULL,
  last_error      text NOT NULL,
  dead_at         timestamptz NOT NULL,
  retried_at      timestamptz,
  UNIQUE (webhook_id, receipt_id)
);
