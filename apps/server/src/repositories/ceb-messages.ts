import { withEcho } from '@crossgate/ceb';
import { openReceipt, sealMessageBody, sealReceipt } from '../security/pii.ts';
import { sql, type Database, type Kysely } from '@crossgate/db';
import { deferRow, type DeferredKind } from './unit-of-work.ts';

type Outcome = 'accepted' | 'partly_refused' | 'refused' | 'format_error';

/** How much of a refused message is kept (decision 0021): its first 4 KiB, cut between characters. */
export const REFUSED_EXCERPT_BYTES = 4096;

/** The first `max` bytes of a text's UTF-8, never splitting a character. */
export function excerptOf(text: string, max = REFUSED_EXCERPT_BYTES): string {
  if (text.length * 3 <= max) return text;
  const bytes = Buffer.from(text.slice(0, max), 'utf8');
  if (bytes.length <= max) return bytes.toString('utf8');
  let end = max;
  while (end > 0 && ((bytes[end] as number) & 0xc0) === 0x80) end--; // back to the start of a character
  return bytes.subarray(0, end).toString('utf8');
}

/**
 * What is stored of a message's bytes: an accepted message whole, sealed (its documents refer to it); a refused
 * one — a CEB900, or every document refused — only its excerpt, sealed. Repeats are recognised by content_hash,
 * which is of the whole message.
 */
export const storedBody = (body: string, outcome: Outcome) =>
  sealMessageBody(outcome === 'refused' || outcome === 'format_error' ? excerptOf(body) : body);

/** The stored answer to a message (a CEB900 sealed and without its echo: `answerOf` makes it whole again). */
export async function findMessageByHash(db: Kysely<Database>, orgId: string, contentHash: string) {
  return db
    .selectFrom('ceb_messages')
    .select(['id', 'receipt_type', 'receipt_xml', 'outcome'])
    .where('org_id', '=', orgId)
    .where('content_hash', '=', contentHash)
    .executeTakeFirst();
}

/** A stored answer as sent: opened (the plugin opens it too) and with the refused message echoed again. */
export const answerOf = (receiptXml: string, body: string) => withEcho(openReceipt(receiptXml), body);

export async function insertMessage(
  db: Kysely<Database>,
  row: {
    orgId: string;
    messageType: string;
    messageGuid: string | null;
    contentHash: string;
    copMsgId: string | null;
    xsdVersion: string | null;
    /** 'refused' when the message is refused as a whole before its documents are read. */
    outcome: Outcome;
    body: string;
    receiptType: string;
    /** A CEB900 is stored sealed and without its echo (`formatRefusalReceipt`); other receipts as written. */
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
      body: storedBody(row.body, row.outcome),
      receipt_type: row.receiptType,
      receipt_xml: row.outcome === 'format_error' ? sealReceipt(row.receiptXml) : row.receiptXml,
      request_id: row.requestId,
      received_at: row.now,
    })
    .onConflict((oc) => oc.columns(['org_id', 'content_hash']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return r?.id ?? null;
}

/**
 * The outcome and receipt are known only after the documents are processed, in the same transaction. A message
 * stored whole (`wholeBody`, its bytes) that turns out refused in every document keeps only its excerpt.
 */
interface Completion {
  id: string;
  outcome: Outcome;
  xml: string;
  /** What is kept of the bytes, when it changes (a message refused in every document, decision 0021). */
  body: string | null;
}

/** The answers of a gateway batch's messages, recorded in one statement (decision 0045). */
const COMPLETIONS: DeferredKind<Completion> = {
  table: 'ceb_messages',
  mode: 'update',
  merge: (a, b) => ({ ...b, body: b.body ?? a.body }),
  write: async (db, rows) => {
    await sql`UPDATE ceb_messages AS m SET outcome = v.outcome, receipt_xml = v.xml, body = coalesce(v.body, m.body)
      FROM unnest(${rows.map((c) => c.id)}::bigint[], ${rows.map((c) => c.outcome)}::text[], ${rows.map((c) => c.xml)}::text[],
        ${rows.map((c) => c.body)}::text[]) AS v(id, outcome, xml, body)
      WHERE m.id = v.id`.execute(db);
  },
};

export async function completeMessage(
  db: Kysely<Database>,
  id: string,
  outcome: 'accepted' | 'partly_refused' | 'refused',
  receiptXml: string,
  wholeBody?: string,
): Promise<void> {
  const body = outcome === 'refused' && wholeBody !== undefined ? storedBody(wholeBody, outcome) : null;
  if (deferRow(db, COMPLETIONS, id, { id, outcome, xml: receiptXml, body })) return;
  await db
    .updateTable('ceb_messages')
    .set({ outcome, receipt_xml: receiptXml, ...(body !== null ? { body } : {}) })
    .where('id', '=', id)
    .execute();
}

/** When the platform received a stored message (a document's version is dated by it, decision 0025). */
export async function messageReceivedAt(db: Kysely<Database>, id: string): Promise<Date | undefined> {
  const row = await db
    .selectFrom('ceb_messages')
    .select('received_at')
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.received_at;
}

/** When each of these messages was received, in one statement (`messageReceivedAt` for a set). */
export async function messagesReceivedAt(db: Kysely<Database>, ids: string[]): Promise<Map<string, Date>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('ceb_messages')
    .select(['id', 'received_at'])
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [String(r.id), r.received_at]));
}

/** A message of a set-wise batch (simple-batch.ts), stored whole and accepted until its documents say otherwise. */
export interface BatchMessage {
  orgId: string;
  messageType: string;
  messageGuid: string;
  contentHash: string;
  copMsgId: string | null;
  xsdVersion: string;
  /** The message's bytes as received; stored sealed. */
  body: string;
  receiptType: string;
  requestId: string | null;
  now: Date;
}

/**
 * Inserts a batch of messages in one statement, each as `accepted` with its receipt still empty. A repeat (same
 * enterprise, same bytes, stored before or earlier in the batch) inserts nothing: only the rows written come
 * back, so the caller answers the others as replays.
 */
export async function insertMessagesSetwise(db: Kysely<Database>, rows: BatchMessage[]) {
  const r = await sql<{ id: string; org_id: string; content_hash: string }>`
    INSERT INTO ceb_messages (org_id, message_type, message_guid, content_hash, cop_msg_id, xsd_version, outcome, body, receipt_type, receipt_xml, request_id, received_at)
    SELECT * FROM unnest(${rows.map((m) => m.orgId)}::uuid[], ${rows.map((m) => m.messageType)}::text[], ${rows.map((m) => m.messageGuid)}::text[],
      ${rows.map((m) => m.contentHash)}::text[], ${rows.map((m) => m.copMsgId)}::text[], ${rows.map((m) => m.xsdVersion)}::text[],
      ${rows.map(() => 'accepted')}::text[], ${rows.map((m) => sealMessageBody(m.body))}::text[], ${rows.map((m) => m.receiptType)}::text[], ${rows.map(() => '')}::text[],
      ${rows.map((m) => m.requestId)}::text[], ${rows.map((m) => m.now.toISOString())}::timestamptz[])
    ON CONFLICT (org_id, content_hash) DO NOTHING
    RETURNING id::text, org_id::text, content_hash`.execute(db);
  return r.rows;
}

/** Records the outcome and receipt of many messages in one statement (nothing for none). */
export async function completeMessagesSetwise(
  db: Kysely<Database>,
  rows: { id: string; outcome: Outcome; xml: string }[],
): Promise<void> {
  if (rows.length === 0) return;
  await sql`UPDATE ceb_messages AS m SET outcome = v.outcome, receipt_xml = v.xml
      FROM unnest(${rows.map((c) => c.id)}::bigint[], ${rows.map((c) => c.outcome)}::text[], ${rows.map((c) => c.xml)}::text[]) AS v(id, outcome, xml)
      WHERE m.id = v.id`.execute(db);
}

/**
 * Messages refused in every document keep only their excerpt (decision 0021): one statement for many (nothing
 * for none). `body` is the message's whole bytes; what is stored is `storedBody(body, 'refused')`.
 */
export async function keepRefusedExcerpts(
  db: Kysely<Database>,
  rows: { id: string; body: string }[],
): Promise<void> {
  if (rows.length === 0) return;
  await sql`UPDATE ceb_messages AS m SET body = v.body
      FROM unnest(${rows.map((r) => r.id)}::bigint[], ${rows.map((r) => storedBody(r.body, 'refused'))}::text[]) AS v(id, body)
      WHERE m.id = v.id`.execute(db);
}
