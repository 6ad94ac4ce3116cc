-- Indexes for the zone dashboard and the public parcel lookup. The time columns of the traffic tables only
-- grow, so BRIN indexes (a few pages, almost free to maintain on insert) serve the last-hour and last-30-days
-- windows; the public lookup by waybill number alone gets a partial index on inventories.
CREATE INDEX ceb_messages_received_brin ON ceb_messages USING brin (received_at);
CREATE INDEX document_events_at_brin ON document_events USING brin (at);
CREATE INDEX import_documents_inventory_waybill_idx ON import_documents (logistics_no) WHERE doc_type = 'inventory';
CREATE INDEX export_inventories_logistics_no_idx ON export_inventories (logistics_no);
