-- Import clearance (9610 direct mail, 1210 bonded): inbound CEB messages, the documents they carry, the
-- append-only event log per document, the receipts outbox, buyer quotas, tax bills, bonded account books
-- and the negative list the channel choice reads. Traffic tables carry the enterprise (org_id) for sharding.

-- Every inbound message exactly as received, with the synchronous receipt answered for it. A repeat of the
-- same bytes from the same enterprise is recognised by content_hash and answered with the stored receipt.
CREATE TABLE ceb_messages (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id          uuid NOT NULL REFERENCES organisations (id),
  message_type    text NOT NULL,                  -- CEB311Message … or Unknown
  message_guid    text,
  content_hash    text NOT NULL,                  -- SHA-256 of the request body
  cop_msg_id      text,                           -- DxpMsg CopMsgId when enveloped
  xsd_version     text,                           -- 202205 | 2018; NULL when the format check failed
  outcome         text NOT NULL CHECK (outcome IN ('accepted', 'partly_refused', 'refused', 'format_error')),
  body            text NOT NULL,
  receipt_type    text NOT NULL,                  -- CEB312Message … or CEB900Message
  receipt_xml     text NOT NULL,
  request_id      text,
  received_at     timestamptz NOT NULL,
  UNIQUE (org_id, content_hash)
);

-- The business documents. One table for the eight kinds, typed link columns for matching, the CEB content
-- as JSON. business_key is the official identity of each kind (ceb-reference §6.1).
CREATE TABLE import_documents (
  id              uuid PRIMARY KEY,
  doc_type        text NOT NULL CHECK (doc_type IN ('order', 'payment', 'waybill', 'waybill_status', 'inventory', 'cancel', 'refund', 'delivery')),
  business_key    text NOT NULL,
  org_id          uuid NOT NULL REFERENCES organisations (id),   -- the sender
  message_id      bigint NOT NULL REFERENCES ceb_messages (id),
  guid            text NOT NULL,
  app_type        text NOT NULL,
  app_status      text NOT NULL,
  status          text NOT NULL,                  -- current returnStatus (1, 2, 100, 120, 300 … 899)
  deleted         boolean NOT NULL DEFAULT false, -- appType 3 (删除) before declaration
  order_no        text,
  ebp_code        text,
  ebc_code        text,
  logistics_code  text,
  logistics_no    text,
  pay_code        text,
  pay_transaction_id text,
  invt_no         text,
  body            jsonb NOT NULL,                 -- head fields + lines, CEB names
  body_hash       text NOT NULL,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL,
  UNIQUE (doc_type, business_key)
);
CREATE INDEX import_documents_order_idx ON import_documents (doc_type, ebp_code, order_no);
CREATE INDEX import_documents_waybill_idx ON import_documents (doc_type, logistics_code, logistics_no);
CREATE INDEX import_documents_invt_idx ON import_documents (invt_no) WHERE invt_no IS NOT NULL;
CREATE INDEX import_documents_org_idx ON import_documents (org_id, doc_type, created_at);

-- What customs decided about each inventory (CEB621): numbers it assigned, quota, tax, channel, issues.
CREATE SEQUENCE pre_no_seq;
CREATE SEQUENCE invt_no_seq;
CREATE TABLE inventory_clearance (
  document_id     uuid PRIMARY KEY REFERENCES import_documents (id),
  org_id          uuid NOT NULL REFERENCES organisations (id),
  pre_no          text NOT NULL UNIQUE,           -- B + yyyymmdd + 9 digits, assigned at acceptance (status 2)
  invt_no         text UNIQUE,                    -- customs code + year + I + 9 digits, assigned at 120
  customs_code    text NOT NULL,
  trade_mode      text NOT NULL,
  ems_no          text,
  buyer_key       text NOT NULL,                  -- keyed hash of buyerIdType + buyerIdNumber (no ID number stored here)
  decl_date       date NOT NULL,
  matched_at      timestamptz,
  issues          jsonb NOT NULL DEFAULT '[]',    -- match findings: refusals and practice warnings
  tax_mode        text CHECK (tax_mode IN ('cbec', 'full')),
  quota_amount    numeric(19, 2),
  channel         jsonb,                          -- lane and reasons
  released_at     timestamptz,
  cancelled_at    timestamptz,
  updated_at      timestamptz NOT NULL
);

-- Append-only: every status a document reaches, who moved it, why. The timeline of a parcel.
CREATE TABLE document_events (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  document_id     uuid NOT NULL REFERENCES import_documents (id),
  org_id          uuid NOT NULL,
  status          text NOT NULL,
  return_info     text NOT NULL,
  actor_via       text NOT NULL CHECK (actor_via IN ('session', 'api_key', 'system')),
  actor_user_id   uuid,
  actor_org_id    uuid,
  request_id      text,
  details         jsonb,
  at              timestamptz NOT NULL
);
CREATE INDEX document_events_document_idx ON document_events (document_id, id);
CREATE TRIGGER document_events_no_update BEFORE UPDATE OR DELETE ON document_events
  FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();

-- The receipts outbox, per recipient enterprise. Readers page by (tx, id) and only see rows of transactions
-- older than every transaction still running, so the pull feed never skips a receipt that commits late.
CREATE TABLE receipts (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tx              xid8 NOT NULL DEFAULT pg_current_xact_id(),
  org_id          uuid NOT NULL REFERENCES organisations (id),
  message_type    text NOT NULL,                  -- CEB312Message … CEB816Message
  document_id     uuid REFERENCES import_documents (id),
  business_key    text,
  return_status   text NOT NULL,
  return_info     text NOT NULL,
  xml             text NOT NULL,
  created_at      timestamptz NOT NULL
);
CREATE INDEX receipts_feed_idx ON receipts (org_id, tx, id);
CREATE TRIGGER receipts_no_update BEFORE UPDATE OR DELETE ON receipts
  FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();

-- Annual CBEC purchases per buyer (财关税〔2018〕49号: RMB 26,000 a year). `used` is kept equal to the sum of
-- counted, unrestored quota entries; the conditional upsert makes concurrent inventories of one buyer queue.
CREATE TABLE buyer_quotas (
  buyer_key       text NOT NULL,
  year            integer NOT NULL,
  used            numeric(19, 2) NOT NULL CHECK (used >= 0),
  PRIMARY KEY (buyer_key, year)
);
CREATE TABLE quota_entries (
  document_id     uuid PRIMARY KEY REFERENCES import_documents (id),
  buyer_key       text NOT NULL,
  year            integer NOT NULL,
  amount          numeric(19, 2) NOT NULL,
  restored        numeric(19, 2) NOT NULL DEFAULT 0,
  counted_at      timestamptz NOT NULL,
  restored_at     timestamptz
);

-- CEB816 electronic tax bills, one per inventory.
CREATE TABLE tax_bills (
  id              uuid PRIMARY KEY,
  document_id     uuid NOT NULL UNIQUE REFERENCES import_documents (id),
  org_id          uuid NOT NULL REFERENCES organisations (id),
  tax_no          text NOT NULL UNIQUE,
  invt_no         text NOT NULL,
  assure_code     text NOT NULL,
  ebc_code        text NOT NULL,
  logistics_code  text NOT NULL,
  agent_code      text NOT NULL,
  customs_code    text NOT NULL,
  status          text NOT NULL CHECK (status IN ('1', '2', '3')),  -- 已生成 / 已汇总 / 作废
  ent_duty_no     text,
  customs_tax     numeric(19, 2) NOT NULL,
  value_added_tax numeric(19, 2) NOT NULL,
  consumption_tax numeric(19, 2) NOT NULL,
  tax_mode        text NOT NULL,
  lines           jsonb NOT NULL,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL
);
CREATE INDEX tax_bills_assure_idx ON tax_bills (assure_code, status);

-- 1210 bonded: account books (账册) of bonded warehouses and their items' stock.
CREATE TABLE account_books (
  ems_no          text PRIMARY KEY,
  org_id          uuid NOT NULL REFERENCES organisations (id),   -- the warehouse operator
  customs_code    text NOT NULL,
  name            text NOT NULL,
  created_at      timestamptz NOT NULL
);
CREATE TABLE account_book_items (
  ems_no          text NOT NULL REFERENCES account_books (ems_no),
  item_record_no  text NOT NULL,
  gcode           text NOT NULL,
  gname           text NOT NULL,
  unit            text NOT NULL,
  stock_qty       numeric(19, 5) NOT NULL CHECK (stock_qty >= 0),
  PRIMARY KEY (ems_no, item_record_no)
);
CREATE TABLE stock_movements (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ems_no          text NOT NULL,
  item_record_no  text NOT NULL,
  qty             numeric(19, 5) NOT NULL,        -- + received, − written off
  reason          text NOT NULL CHECK (reason IN ('receipt', 'release', 'return', 'adjustment')),
  document_id     uuid REFERENCES import_documents (id),
  note            text,
  at              timestamptz NOT NULL,
  FOREIGN KEY (ems_no, item_record_no) REFERENCES account_book_items (ems_no, item_record_no)
);

-- The credit negative list (信用负面清单) as the channel choice reads it; the credit issue manages it.
CREATE TABLE negative_list (
  id              uuid PRIMARY KEY,
  subject_type    text NOT NULL CHECK (subject_type IN ('enterprise', 'person')),
  subject_key     text NOT NULL,                  -- enterprise code, or buyer key for a person
  reason          text NOT NULL,
  authority       text NOT NULL,
  listed_at       timestamptz NOT NULL,
  delisted_at     timestamptz
);
CREATE INDEX negative_list_active_idx ON negative_list (subject_key) WHERE delisted_at IS NULL;

-- Random inspection sampling rate of the red/green channel (until the risk engine exists).
ALTER TABLE zones ADD COLUMN inspection_sampling_rate numeric(5, 4) NOT NULL DEFAULT 0.0300
  CHECK (inspection_sampling_rate >= 0 AND inspection_sampling_rate <= 1);
