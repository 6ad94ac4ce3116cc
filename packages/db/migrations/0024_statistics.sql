-- Statistics monitoring (统计监测, issue 20, decision 0048): the statistics module's own tables. Clearance writes
-- none of them; a worker outside the clearance transaction reads the clearance facts (the timeline events) in
-- commit-safe order and keeps the rollups here.

-- The events' commit-safe order: the transaction id of the writer, like the receipts feed (decision 0008). A
-- reader takes only events of transactions older than every transaction still running, so an event that
-- commits late (smaller id, later commit) is never skipped. Clearance's inserts do not name the column.
ALTER TABLE document_events ADD COLUMN tx xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX document_events_tx_idx ON document_events (tx, id);

-- Where each consumer of the events stands: the last (tx, id) it has applied. Moved in the same transaction
-- as the rollup rows the events changed.
CREATE TABLE stats_cursors (
  name            text PRIMARY KEY,
  tx              xid8 NOT NULL,
  id              bigint NOT NULL,
  events          bigint NOT NULL DEFAULT 0,      -- events consumed so far (for the status line)
  updated_at      timestamptz NOT NULL
);

-- What each inventory adds to the rollups now, as last counted: the worker recomputes an inventory's
-- contribution from its current state (released, cancelled, returned lines) and applies the difference, so
-- applying the same event twice adds nothing and events may name an inventory in any order.
CREATE TABLE stats_counted (
  document_id     uuid PRIMARY KEY,               -- import_documents or export_documents id
  direction       text NOT NULL CHECK (direction IN ('import', 'export')),
  contribution    jsonb NOT NULL,
  updated_at      timestamptz NOT NULL
);

-- Inventory grain, per Beijing day of release. '' stands for "none" (no statistics flag on import, no lane on
-- export, no park). country: the head's country (import 起运国, export 运抵国).
CREATE TABLE stats_parcels_daily (
  day             date NOT NULL,
  direction       text NOT NULL,
  trade_mode      text NOT NULL,
  statistics_flag text NOT NULL,
  country         text NOT NULL,
  customs_code    text NOT NULL,
  park_code       text NOT NULL,
  declarant_org   uuid NOT NULL,
  ebp_code        text NOT NULL,
  ebc_code        text NOT NULL,
  logistics_code  text NOT NULL,
  lane            text NOT NULL,
  inventories     bigint NOT NULL DEFAULT 0,
  lines           bigint NOT NULL DEFAULT 0,
  parcels         bigint NOT NULL DEFAULT 0,      -- 件数 (packNo)
  gross_weight    numeric(24, 5) NOT NULL DEFAULT 0,
  value_cny       numeric(24, 2) NOT NULL DEFAULT 0,
  value_usd       numeric(24, 2) NOT NULL DEFAULT 0,
  unconverted     bigint NOT NULL DEFAULT 0,      -- lines without a customs rate for CNY that day
  usd_unconverted bigint NOT NULL DEFAULT 0,      -- lines without a USD value (no CNY value or no USD rate)
  tax             numeric(24, 2) NOT NULL DEFAULT 0,
  PRIMARY KEY (day, direction, trade_mode, statistics_flag, country, customs_code, park_code, declarant_org,
               ebp_code, ebc_code, logistics_code, lane)
);

-- Goods (line) grain, per Beijing day of release: HS heading (chapter and section derive from it) and the CBEC
-- goods class. country: the line's (import 原产国, export 最终目的国).
CREATE TABLE stats_goods_daily (
  day             date NOT NULL,
  direction       text NOT NULL,
  trade_mode      text NOT NULL,
  statistics_flag text NOT NULL,
  country         text NOT NULL,
  hs_heading      text NOT NULL,
  goods_class     text NOT NULL,
  customs_code    text NOT NULL,
  park_code       text NOT NULL,
  declarant_org   uuid NOT NULL,
  ebp_code        text NOT NULL,
  ebc_code        text NOT NULL,
  logistics_code  text NOT NULL,
  lines           bigint NOT NULL DEFAULT 0,
  value_cny       numeric(24, 2) NOT NULL DEFAULT 0,
  value_usd       numeric(24, 2) NOT NULL DEFAULT 0,
  unconverted     bigint NOT NULL DEFAULT 0,
  usd_unconverted bigint NOT NULL DEFAULT 0,
  tax             numeric(24, 2) NOT NULL DEFAULT 0,
  PRIMARY KEY (day, direction, trade_mode, statistics_flag, country, hs_heading, goods_class, customs_code,
               park_code, declarant_org, ebp_code, ebc_code, logistics_code)
);
CREATE INDEX stats_parcels_daily_direction_idx ON stats_parcels_daily (direction, day);
CREATE INDEX stats_goods_daily_direction_idx ON stats_goods_daily (direction, day);
