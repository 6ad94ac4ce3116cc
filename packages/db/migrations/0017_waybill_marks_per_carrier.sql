-- Export waybill marks (arrival CEB507, departure CEB509, master-bill binding CEB607) belong to the carrier whose
-- waybill they mark (issue 13): a waybill number is unique only within its carrier (CEB505 key logisticsCode +
-- logisticsNo), so a mark is kept per (number, carrier, kind), and only marks of the inventory's own carrier count
-- for it. Another carrier naming the same number marks its own waybill, never someone else's. The enterprise that
-- sent the mark is kept too: a master-bill binding applies only to inventories its sender declared.
UPDATE export_waybill_marks SET logistics_code = '' WHERE logistics_code IS NULL;
ALTER TABLE export_waybill_marks ALTER COLUMN logistics_code SET NOT NULL;
ALTER TABLE export_waybill_marks ADD COLUMN org_id uuid REFERENCES organisations (id);
UPDATE export_waybill_marks m SET org_id = d.org_id FROM export_documents d WHERE d.id = m.document_id;
ALTER TABLE export_waybill_marks ALTER COLUMN org_id SET NOT NULL;
ALTER TABLE export_waybill_marks DROP CONSTRAINT export_waybill_marks_pkey;
ALTER TABLE export_waybill_marks ADD PRIMARY KEY (logistics_no, logistics_code, kind);
