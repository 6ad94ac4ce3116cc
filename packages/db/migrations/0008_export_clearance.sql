-- Export clearance (9610 retail, 1210 special zone, 9710 B2B, 9810 overseas warehouse): the documents of the
-- export messages (ceb-reference §3.2), what customs decided about each export inventory, the waybill
-- marks arrival / departure / master-bill binding leave, the monthly summary declarations (汇总申报,
-- 海关总署公告2018年第194号) with the mapping of every inventory line to its declaration line, declaration
-- certificates, overseas-warehouse filings, the holiday calendar and customs exchange rates.

-- Events and receipts now belong to documents of either direction (document ids are UUIDs, unique across
-- both document tables), so their foreign keys to import_documents go.
ALTER TABLE document_events DROP CONSTRAINT document_events_document_id_fkey;
ALTER TABLE receipts DROP CONSTRAINT receipts_document_id_fkey;

CREATE TABLE export_documents (
  id              uuid PRIMARY KEY,
  doc_type        text NOT NULL CHECK (doc_type IN ('order', 'receipt', 'waybill', 'arrival', 'departure', 'inventory',
                                                    'cancel', 'bill_binding', 'summary_apply', 'refund', 'refund_detail')),
  business_key    text NOT NULL,
  org_id          uuid NOT NULL REFERENCES organisations (id),   -- the sender
  message_id      bigint NOT NULL REFERENCES ceb_messages (id),
  guid            text NOT NULL,
  app_type        text NOT NULL,
  app_status      text NOT NULL,
  status          text NOT NULL,                  -- current returnStatus (1, 2, 100, 120, 400, 800, 899 …)
  deleted         boolean NOT NULL DEFAULT false,
  order_no        text,
  ebp_code        text,
  ebc_code        text,
  logistics_code  text,
  logistics_no    text,
  invt_no         text,
  body            jsonb NOT NULL,                 -- head fields + lines, CEB names
  body_hash       text NOT NULL,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL,
  UNIQUE (doc_type, business_key)
);
CREATE INDEX export_documents_order_idx ON export_documents (doc_type, ebp_code, order_no);
CREATE INDEX export_documents_waybill_idx ON export_documents (doc_type, logistics_code, logistics_no);
CREATE INDEX export_documents_invt_idx ON export_documents (invt_no) WHERE invt_no IS NOT NULL;
CREATE INDEX export_documents_org_idx ON export_documents (org_id, doc_type, created_at);

-- Per customs office: in which order arrival and release come (offices differ; ceb-reference §5.3 step 3).
CREATE TABLE customs_office_settings (
  customs_code      text PRIMARY KEY,
  export_sequencing text NOT NULL CHECK (export_sequencing IN ('arrival_then_release', 'release_then_arrival')),
  updated_at        timestamptz NOT NULL
);

CREATE SEQUENCE export_invt_no_seq;
CREATE TABLE export_inventories (
  document_id     uuid PRIMARY KEY REFERENCES export_documents (id),
  org_id          uuid NOT NULL REFERENCES organisations (id),
  pre_no          text NOT NULL UNIQUE,           -- B + yyyymmdd + 9 digits
  invt_no         text UNIQUE,                    -- customs code + year + E + 9 digits, assigned at 120
  customs_code    text NOT NULL,
  port_code       text NOT NULL,
  trade_mode      text NOT NULL,                  -- 9610 | 1210 | 9710 | 9810
  statistics_flag text NOT NULL CHECK (statistics_flag IN ('A', 'B')),  -- A 简化申报(汇总统计) / B 汇总申报
  ebc_code        text NOT NULL,
  agent_code      text NOT NULL,
  logistics_code  text NOT NULL,
  logistics_no    text NOT NULL,
  value_cny       numeric(19, 2),                 -- for 9710 / 9810: the shipment value the ≤ 5,000 CNY rule saw
  issues          jsonb NOT NULL DEFAULT '[]',
  bill_no         text,                           -- from the CEB607 binding when it comes after the inventory
  voyage_no       text,
  matched_at      timestamptz,
  arrived_at      timestamptz,
  released_at     timestamptz,
  departed_at     timestamptz,
  closed_at       timestamptz,                    -- 899 结关: what the monthly summary picks by month
  cancelled_at    timestamptz,
  summarised_at   timestamptz,
  returned_qty    jsonb NOT NULL DEFAULT '{}',    -- gnum → quantity returned by CEB213 (leaves the statistics)
  updated_at      timestamptz NOT NULL
);
CREATE INDEX export_inventories_waybill_idx ON export_inventories (logistics_code, logistics_no);
CREATE INDEX export_inventories_closed_idx ON export_inventories (closed_at) WHERE closed_at IS NOT NULL AND summarised_at IS NULL;

-- Arrival (CEB507), departure (CEB509) and master-bill binding (CEB607) name waybills; they may come before or
-- after the inventory, so what they say about each waybill is kept here and read when the inventory moves.
CREATE TABLE export_waybill_marks (
  logistics_no    text NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('arrival', 'departure', 'binding')),
  logistics_code  text,
  document_id     uuid NOT NULL REFERENCES export_documents (id),
  details         jsonb NOT NULL DEFAULT '{}',
  at              timestamptz NOT NULL,
  PRIMARY KEY (logistics_no, kind)
);

-- Monthly summary declarations. One summary per application (CEB701, the schedule at the deadline, or an
-- officer / CLI run); one declaration per head-key group; every (invtNo, gnum) in exactly one declaration line.
CREATE SEQUENCE export_sum_no_seq;
CREATE SEQUENCE export_decl_seq;
CREATE TABLE export_summaries (
  id              uuid PRIMARY KEY,
  sum_no          text NOT NULL UNIQUE,
  month           text NOT NULL,                  -- YYYY-MM whose closed inventories are summarised
  deadline        date NOT NULL,                  -- the 15th of the next month, or the next working day
  customs_code    text NOT NULL,
  ebc_code        text NOT NULL,
  agent_code      text NOT NULL,
  decl_agent_code text NOT NULL,
  decl_agent_name text NOT NULL,
  summary_flag    text NOT NULL CHECK (summary_flag IN ('1', '2')),
  item_name_flag  text NOT NULL DEFAULT '',
  source          text NOT NULL CHECK (source IN ('ceb701', 'schedule', 'manual')),
  document_id     uuid REFERENCES export_documents (id),
  org_id          uuid REFERENCES organisations (id),  -- the applicant, when an enterprise applied
  invt_count      integer NOT NULL,
  created_at      timestamptz NOT NULL
);
CREATE INDEX export_summaries_ebc_idx ON export_summaries (ebc_code, month);

CREATE TABLE export_declarations (
  id              uuid PRIMARY KEY,
  summary_id      uuid NOT NULL REFERENCES export_summaries (id),
  seq             integer NOT NULL,
  decl_seq_no     text NOT NULL UNIQUE,           -- 汇总统一编号
  entry_id        text,                           -- 报关单号, when customs gives it
  dec_state       text NOT NULL,
  customs_code    text NOT NULL,
  trade_mode      text NOT NULL,
  ebc_code        text NOT NULL,
  ebc_name        text NOT NULL,
  owner_code      text,
  owner_name      text,
  traf_mode       text NOT NULL,
  country         text NOT NULL,
  port_code       text NOT NULL,
  gross_weight    numeric(19, 5) NOT NULL,
  net_weight      numeric(19, 5) NOT NULL,
  invt_count      integer NOT NULL,
  lines           jsonb NOT NULL,
  totals          jsonb NOT NULL,                 -- value per currency
  certificate_no  text NOT NULL UNIQUE,
  verify_code     text NOT NULL UNIQUE,           -- the secret in the certificate's QR code
  created_at      timestamptz NOT NULL,
  UNIQUE (summary_id, seq)
);
CREATE TABLE export_declaration_items (
  invt_no         text NOT NULL,
  gnum            integer NOT NULL,
  declaration_id  uuid NOT NULL REFERENCES export_declarations (id),
  gseqno          integer NOT NULL,
  logistics_no    text NOT NULL,
  gcode           text NOT NULL,
  PRIMARY KEY (invt_no, gnum)                     -- an inventory line is in one declaration, never two
);
CREATE INDEX export_declaration_items_decl_idx ON export_declaration_items (declaration_id, gseqno);

-- Overseas warehouses (9810): the booking order (orderType W) names the warehouse by ebpCode; it must be filed.
CREATE TABLE overseas_warehouses (
  id              uuid PRIMARY KEY,
  code            text NOT NULL UNIQUE,
  name            text NOT NULL,
  country         text NOT NULL,
  address         text NOT NULL,
  area_m2         numeric(12, 2),
  operator_org_id uuid NOT NULL REFERENCES organisations (id),
  status          text NOT NULL CHECK (status IN ('filed', 'revoked')),
  filed_at        timestamptz NOT NULL,
  revoked_at      timestamptz,
  updated_at      timestamptz NOT NULL
);

-- The State Council's holiday arrangements: statutory holidays and adjusted working days (调休).
CREATE TABLE calendar_days (
  date            date PRIMARY KEY,
  kind            text NOT NULL CHECK (kind IN ('holiday', 'workday')),
  name            text NOT NULL DEFAULT ''
);

-- Exchange rates for converting declared values to CNY (the customs monthly rates, entered by an admin).
CREATE TABLE exchange_rates (
  currency        text NOT NULL,                  -- JGS-20 currency code
  valid_from      date NOT NULL,
  valid_to        date,
  cny_per_unit    numeric(19, 6) NOT NULL CHECK (cny_per_unit > 0),
  source          text NOT NULL,
  PRIMARY KEY (currency, valid_from)
);
