import { existsSync } from 'node:fs';
import { withoutEcho } from '@crossgate/ceb';
import type { TPersonalData } from '@crossgate/contract';
import type { Database, Kysely } from '@crossgate/db';
import { isPersonalField, scopeFor } from '@crossgate/domain';
import { forbidden } from '../errors.ts';
import { appendAuditMany } from '../repositories/audit.ts';
import {
  documentsToReseal,
  inventoriesWithLegacyKeys,
  legacyPersonKeys,
  listPiiKeys,
  messagesToReseal,
  recordPiiKey,
  replacePersonKey,
  retirePiiKeys,
  sealedCounts,
  updateDocumentBody,
  updateMessage,
} from '../repositories/pii-keys.ts';
import { excerptOf } from '../repositories/ceb-messages.ts';
import {
  checkValue,
  installKeyring,
  loadKeyring,
  openBody,
  isSealed,
  openMessageBody,
  openReceipt,
  personKey,
  sameCheckValue,
  sealBody,
  sealMessageBody,
  sealReceipt,
  type Keyring,
} from '../security/pii.ts';
import type { Deps, RequestContext } from './context.ts';
import { parcelDocuments } from './import/queries.ts';

const HASH_KEY_ID = 'hash';

/**
 * Checks the keyring against the check values this database recorded, and records new keys. Refuses (throws)
 * when a key differs from the one that sealed the data, or when a key the data still needs is missing.
 */
export async function verifyKeyring(db: Kysely<Database>, ring: Keyring, now = new Date()): Promise<void> {
  const wanted: { keyId: string; purpose: 'seal' | 'hash'; checkValue: string }[] = [
    { keyId: HASH_KEY_ID, purpose: 'hash', checkValue: checkValue(ring.hash) },
    ...[...ring.seal].map(([keyId, key]) => ({
      keyId,
      purpose: 'seal' as const,
      checkValue: checkValue(key),
    })),
  ];
  const recorded = await listPiiKeys(db);
  const problems: string[] = [];
  for (const row of recorded) {
    const mine = wanted.find((w) => w.keyId === row.key_id);
    if (mine && !sameCheckValue(mine.checkValue, row.check_value))
      problems.push(`key ${row.key_id} is not the key this database was sealed with (check value differs)`);
    if (!mine && row.purpose === 'seal' && row.retired_at === null)
      problems.push(`key ${row.key_id} is missing from the keyring, and data may still be sealed with it`);
  }
  if (problems.length > 0)
    throw new Error(
      `personal-data keys do not match this database: ${problems.join('; ')}. Use the key file the database was created with (CROSSGATE_PII_KEY_FILE / CROSSGATE_PII_KEYS).`,
    );
  // Only a keyring that matches records its new keys. Two processes starting at once with different key files
  // race to record: the loser finds the winner's check value when it reads back, and refuses.
  const missing = wanted.filter((w) => !recorded.some((r) => r.key_id === w.keyId));
  if (missing.length === 0) return;
  for (const w of missing) await recordPiiKey(db, { ...w, now });
  const after = await listPiiKeys(db);
  for (const w of missing) {
    const row = after.find((r) => r.key_id === w.keyId);
    if (!row || !sameCheckValue(row.check_value, w.checkValue))
      throw new Error(
        `personal-data key ${w.keyId} was recorded by another process with a different key: start every process with the same key file`,
      );
  }
}

/** Loads (creating on first start) the keyring named by the configuration, checks it and installs it. */
export async function preparePersonalData(
  db: Kysely<Database>,
  config: { piiKeyFile: string; piiKeys: string | undefined; legacyPiiKeyFile?: string | undefined },
): Promise<Keyring> {
  // A database that already recorded keys never gets a fresh key file made for it: that would seal new data
  // under a key its old data does not open. The missing file must be put back.
  if (!config.piiKeys && !existsSync(config.piiKeyFile) && (await listPiiKeys(db)).length > 0)
    throw new Error(
      `personal-data key file ${config.piiKeyFile} is missing, but this database holds data sealed with its keys: restore the key file (or set CROSSGATE_PII_KEY_FILE / CROSSGATE_PII_KEYS)`,
    );
  const ring = loadKeyring({ inline: config.piiKeys, file: config.piiKeyFile, create: true });
  try {
    await verifyKeyring(db, ring);
  } catch (error) {
    // Both the new default and the pre-0022 one exist (the new one made by something else first): say which
    // file may be the right one rather than leave the operator guessing.
    const legacy = config.legacyPiiKeyFile;
    if (!config.piiKeys && legacy && existsSync(legacy))
      throw new Error(
        `${(error as Error).message} 旧位置 ${legacy} 还有一个密钥文件，可能才是本数据库的：核对后将其移至 ${config.piiKeyFile}。 ` +
          `A key file is still at the old default ${legacy} and may be this database's: check, then move it to ${config.piiKeyFile}.`,
      );
    throw error;
  }
  installKeyring(ring);
  return ring;
}

/**
 * A raw message re-sealed under the active key. Stored by an earlier version, a refused message is cut to its
 * excerpt, and a CEB900 receipt (in clear, echoing the whole message) is sealed, its echo left as the slot
 * replays fill again from the bytes sent — when that gives back the same receipt exactly (decision 0021).
 */
function resealMessage(
  row: { body: string; outcome: string; receipt_xml: string },
  ring: Keyring,
): { body: string; receipt_xml: string } {
  const clear = openMessageBody(row.body, ring);
  const refused = row.outcome === 'refused' || row.outcome === 'format_error';
  const body = sealMessageBody(refused ? excerptOf(clear) : clear, ring);
  if (row.outcome !== 'format_error') return { body, receipt_xml: row.receipt_xml };
  const receipt = openReceipt(row.receipt_xml, ring);
  const slotted = isSealed(row.receipt_xml) ? receipt : (withoutEcho(receipt, clear) ?? receipt);
  return { body, receipt_xml: sealReceipt(slotted, ring) };
}

export interface RotationReport {
  documents: number;
  messages: number;
  personKeys: number;
  /** Negative-list persons with an unkeyed lookup key that no document maps: they must be listed again. */
  unmappedPersons: number;
  retired: string[];
  remaining: Record<string, number>;
}

/**
 * Re-seals every value under the active key (and seals values still in clear from before sealing existed),
 * re-derives unkeyed person lookup keys, then retires the keys nothing is sealed with any more. Runs in
 * batches, each its own transaction: it can be interrupted and run again.
 */
export async function rotatePersonalData(
  db: Kysely<Database>,
  ring: Keyring,
  progress: (done: number, label: string) => void = () => {},
  now = new Date(),
): Promise<RotationReport> {
  const batch = 200;
  let documents = 0;
  for (let after = '00000000-0000-0000-0000-000000000000'; ;) {
    const rows = await documentsToReseal(db, ring.active, after, batch);
    if (rows.length === 0) break;
    await db.transaction().execute(async (trx) => {
      for (const row of rows) {
        const clear = openBody(row.body as Record<string, unknown>, ring);
        await updateDocumentBody(trx, row.id, JSON.stringify(sealBody(clear, ring)));
      }
    });
    documents += rows.length;
    after = rows[rows.length - 1]?.id as string;
    progress(documents, 'documents');
  }
  let messages = 0;
  for (let after = '0'; ;) {
    const rows = await messagesToReseal(db, ring.active, after, batch);
    if (rows.length === 0) break;
    await db.transaction().execute(async (trx) => {
      for (const row of rows) await updateMessage(trx, row.id, resealMessage(row, ring));
    });
    messages += rows.length;
    after = rows[rows.length - 1]?.id as string;
    progress(documents + messages, 'messages');
  }
  // Unkeyed person keys (before 0011) are re-derived from the inventories that carry them.
  let personKeys = 0;
  const mapped = new Map<string, string>();
  for (const row of await inventoriesWithLegacyKeys(db)) {
    const b = openBody(row.body as Record<string, string>, ring);
    if (row.buyer_key) mapped.set(row.buyer_key, personKey(b.buyerIdType ?? '', b.buyerIdNumber ?? '', ring));
  }
  await db.transaction().execute(async (trx) => {
    for (const [from, to] of mapped) {
      await replacePersonKey(trx, from, to);
      personKeys += 1;
    }
  });
  const unmappedPersons = (await legacyPersonKeys(db)).length;
  const counts = await sealedCounts(db);
  const retired = (await listPiiKeys(db))
    .filter((k) => k.purpose === 'seal' && k.retired_at === null && k.key_id !== ring.active)
    .map((k) => k.key_id)
    .filter((id) => !counts.has(id));
  await retirePiiKeys(db, retired, now);
  return { documents, messages, personKeys, unmappedPersons, retired, remaining: Object.fromEntries(counts) };
}

const PARTIES = ['inventory', 'order', 'payment', 'waybill'] as const;

/**
 * The personal data of one parcel in clear, for a viewer entitled to it (a customs officer; a signed-in clerk of
 * an enterprise party to the parcel). It shows exactly the documents the parcel view shows that viewer
 * (services/parcel-visibility.ts): another enterprise's order, payment or waybill only once the clearance
 * matched them with the inventory. Every view is written to the audit log — who, when, which parcel, why —
 * once for every organisation whose documents it showed, against that organisation, so each finds the view in
 * its own audit trail.
 */
export async function revealPersonalData(
  deps: Deps,
  ctx: RequestContext,
  inventoryId: string,
  reason: string,
): Promise<TPersonalData> {
  const scope = scopeFor(ctx.actor, 'personal_data', 'read');
  if (scope.kind === 'none')
    throw forbidden(
      '完整个人信息仅限海关关员及申报企业经办人查看 (customs officers and the declaring enterprise)',
    );
  // The parcel as its parties and customs see it (the same scope as the parcel view).
  const docs = await parcelDocuments(deps, ctx, inventoryId);
  const { inventory } = docs;
  const fields: TPersonalData['documents'] = [];
  const owners = new Map<
    string,
    { documents: { docType: string; documentId: string }[]; fields: string[] }
  >();
  for (const kind of PARTIES) {
    const d = docs[kind];
    if (!d) continue;
    const personal = Object.entries(d.body as Record<string, unknown>)
      .filter(([k, v]) => isPersonalField(k) && typeof v === 'string')
      .map(([field, value]) => ({ field, value: value as string }));
    fields.push({ docType: kind, documentId: d.id, fields: personal });
    const owner = owners.get(d.org_id) ?? { documents: [], fields: [] };
    owner.documents.push({ docType: kind, documentId: d.id });
    owner.fields.push(...personal.map((f) => `${kind}.${f.field}`));
    owners.set(d.org_id, owner);
  }
  await deps.db.transaction().execute((trx) =>
    appendAuditMany(
      trx,
      ctx,
      [...owners].map(([orgId, shown]) => ({
        action: 'personal_data.view',
        targetType: 'import_document',
        // The organisation's own document (the inventory for its declarer), so the row reads as "your
        // document's personal data was viewed"; the parcel is named in `after`.
        targetId: shown.documents[0]?.documentId ?? inventory.id,
        targetOrgId: orgId,
        after: { reason, inventoryId: inventory.id, documents: shown.documents, fields: shown.fields },
      })),
    ),
  );
  return { inventoryId: inventory.id, documents: fields };
}
