-- Returned quantities per line of an original inventory (decision 0019). Every accepted return application —
-- import CEB625 (concluded at once, decision 0010) and export CEB213 (from its approval, 120, before the CEB215
-- tally) — writes one row per returned line; a new return is checked against the released quantity minus the
-- sum of these rows for the same (inventory, gnum), so the same goods cannot be returned twice. One table for
-- both directions: `inventory_id` and `return_id` are import_documents ids for 'import', export_documents ids
-- for 'export' (hence no foreign key on them).
CREATE TABLE return_lines (
  direction       text NOT NULL CHECK (direction IN ('import', 'export')),
  inventory_id    uuid NOT NULL,                  -- the original inventory (CEB621 / CEB603)
  return_id       uuid NOT NULL,                  -- the return application (CEB625 / CEB213)
  org_id          uuid NOT NULL REFERENCES organisations (id),   -- the original inventory's declarant
  gnum            integer NOT NULL,               -- the original inventory line (InvtRefundList.gnum)
  qty             numeric(19, 5) NOT NULL CHECK (qty > 0),
  created_at      timestamptz NOT NULL,
  PRIMARY KEY (direction, return_id, gnum)
);
CREATE INDEX return_lines_inventory_idx ON return_lines (direction, inventory_id, gnum);

-- What earlier returns already took, from their stored documents: import returns concluded (399), export returns
-- approved (120) or tallied (800). Lines that are not a whole gnum or a positive quantity were never accepted.
INSERT INTO return_lines (direction, inventory_id, return_id, org_id, gnum, qty, created_at)
SELECT 'import', inv.id, r.id, inv.org_id, (l ->> 'gnum')::integer, sum((l ->> 'qty')::numeric), r.updated_at
FROM import_documents r
JOIN inventory_clearance c ON c.invt_no = r.invt_no
JOIN import_documents inv ON inv.id = c.document_id
CROSS JOIN LATERAL jsonb_array_elements(
  CASE WHEN jsonb_typeof(r.body -> 'lines') = 'array' THEN r.body -> 'lines' ELSE '[]'::jsonb END) AS l
WHERE r.doc_type = 'refund' AND r.status = '399' AND NOT r.deleted
  AND (l ->> 'gnum') ~ '^[0-9]{1,9}$' AND (l ->> 'qty') ~ '^[0-9]{1,14}(\.[0-9]{1,5})?$'
  AND (l ->> 'qty')::numeric > 0
GROUP BY inv.id, r.id, inv.org_id, (l ->> 'gnum')::integer, r.updated_at;

INSERT INTO return_lines (direction, inventory_id, return_id, org_id, gnum, qty, created_at)
SELECT 'export', i.document_id, r.id, i.org_id, (l ->> 'gnum')::integer, sum((l ->> 'qty')::numeric), r.updated_at
FROM export_documents r
JOIN export_inventories i ON i.invt_no = r.invt_no
CROSS JOIN LATERAL jsonb_array_elements(
  CASE WHEN jsonb_typeof(r.body -> 'lines') = 'array' THEN r.body -> 'lines' ELSE '[]'::jsonb END) AS l
WHERE r.doc_type = 'refund' AND r.status IN ('120', '800') AND NOT r.deleted
  AND (l ->> 'gnum') ~ '^[0-9]{1,9}$' AND (l ->> 'qty') ~ '^[0-9]{1,14}(\.[0-9]{1,5})?$'
  AND (l ->> 'qty')::numeric > 0
GROUP BY i.document_id, r.id, i.org_id, (l ->> 'gnum')::integer, r.updated_at;
