import { sealMessageBody } from '../security/pii.ts';
import type { Database, Kysely } from '@crossgate/db';

export async function findMessageByHash(db: Kysely<Database>, orgId: string, contentHash: string) {
  return db
    .selectFrom('ceb_messages')
    .select(['id', 'receipt_type', 'receipt_xml', 'outcome'])
    .where('org_id', '=', orgId)
    .where('content_hash', '=', contentHash)
    .executeTakeFirst();
}

export async function insertMessage(
  db: Kysely<Database>,
  row: {
    orgId: string;
    messageType: string;
    messageGuid: string | null;
    contentHash: string;
    copMsgId: string | null;
    xsdVersion: string | null;
    outcome: 'accepted' | 'partly_refused' | 'refused' | 'format_error';
    body: string;
    receiptType: string;
    receiptXml: string;
    requestId: string | null;
    now: Date;
  },
): Promise<string | null> {
  // The same bytes from the same enterprise are one message: a repeat inserts nothing (and the caller replays).
  const r = await db
    .insertInto('ceb_messages')
    .values({
      org_id: row.orgId,
      message_type: row.messageType,
      message_guid: row.messageGuid,
      content_hash: row.contentHash,
      cop_msg_id: row.copMsgId,
      xsd_version: row.xsdVersion,
      outcome: row.outcome,
      body: sealMessageBody(row.body),
      receipt_type: row.receiptType,
      receipt_xml: row.receiptXml,
      request_id: row.requestId,
      received_at: row.now,
    })
    .onConflict((oc) => oc.columns(['org_id', 'content_hash']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return r?.id ?? null;
}

/** The outcome and receipt are known only after the documents are processed, in the same transaction. */
export async function completeMessage(
  db: Kysely<Database>,
  id: string,
  outcome: 'accepted' | 'partly_refused' | 'refused',
  receiptXml: string,
): Promise<void> {
  await db
    .updateTable('ceb_messages')
    .set({ outcome, receipt_xml: receiptXml })
    .where('id', '=', id)
    .execute();
}
