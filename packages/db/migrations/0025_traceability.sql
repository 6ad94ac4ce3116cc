-- Quality safety and traceability (质量安全 + 云关码, issue 21; decision 0049). The module owns these tables and
-- only reads clearance's (import_documents, inventory_clearance, document_events).
--
-- trace_codes: one code per approved product filing and per released import-parcel line. A code is derived
-- (HMAC of the subject under the server's keyed-hash key, 12 Crockford base-32 characters and a Luhn mod 32
-- check character), so issuing it again gives the same code; resolving one is a primary-key lookup.
-- org_id is the owner: the product's enterprise, or the parcel's seller (the inventory's sender when the seller
-- is not registered).
CREATE TABLE trace_codes (
  code        text PRIMARY KEY CHECK (code ~ '^[0-9A-HJKMNP-TV-Z]{13}$'),
  kind        text NOT NULL CHECK (kind IN ('product', 'line')),
  org_id      uuid NOT NULL REFERENCES organisations (id),
  product_id  uuid REFERENCES products (id),
  document_id uuid REFERENCES import_documents (id),
  gnum        integer,
  issued_at   timestamptz NOT NULL,
  CHECK (
    (kind = 'product' AND product_id IS NOT NULL AND document_id IS NULL AND gnum IS NULL)
    OR (kind = 'line' AND document_id IS NOT NULL AND gnum IS NOT NULL)
  )
);
CREATE UNIQUE INDEX trace_codes_one_per_product ON trace_codes (product_id) WHERE kind = 'product';
CREATE UNIQUE INDEX trace_codes_one_per_line ON trace_codes (document_id, gnum) WHERE kind = 'line';
CREATE INDEX trace_codes_owner_idx ON trace_codes (org_id, kind, issued_at);
CREATE INDEX trace_codes_product_idx ON trace_codes (product_id);

-- trace_events: what manufacturers, warehouses and carriers record about a product (production batch) or a
-- parcel line (warehouse in/out, departure, delivery, return), in EPCIS 2.0's what / when / where / why shape.
-- Clearance's own events are not copied here: the chain reads them from document_events. Append-only.
CREATE TABLE trace_events (
  id               uuid PRIMARY KEY,
  org_id           uuid NOT NULL REFERENCES organisations (id),
  product_id       uuid REFERENCES products (id),
  line_code        text REFERENCES trace_codes (code),
  event_type       text NOT NULL CHECK (event_type IN ('production', 'warehouse_in', 'warehouse_out', 'departure', 'delivery', 'return')),
  event_time       timestamptz NOT NULL,
  batch            text,
  place            text NOT NULL,
  place_code       text,
  quantity         numeric,
  note             text,
  via              text NOT NULL CHECK (via IN ('api', 'excel', 'system')),
  recorded_by      uuid REFERENCES users (id),
  request_id       text,
  created_at       timestamptz NOT NULL,
  CHECK (product_id IS NOT NULL OR line_code IS NOT NULL)
);
CREATE INDEX trace_events_product_idx ON trace_events (product_id, event_time);
CREATE INDEX trace_events_line_idx ON trace_events (line_code, event_time);
CREATE INDEX trace_events_batch_idx ON trace_events (product_id, batch);

CREATE FUNCTION trace_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'trace_events is append-only';
END $$;
CREATE TRIGGER trace_events_no_change BEFORE UPDATE OR DELETE ON trace_events
  FOR EACH ROW EXECUTE FUNCTION trace_events_append_only();
