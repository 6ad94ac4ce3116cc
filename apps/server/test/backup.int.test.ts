import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TReceiptFeed } from '@crossgate/contract';
import {
  backupDatabase,
  loadMigrations,
  migrate,
  readBackupHeader,
  restoreDatabase,
  type BackupResult,
  type DbHandle,
  type Engine,
} from '@crossgate/db';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { newKeyring, serializeKeyring } from '../src/security/pii.ts';
import { ENGINES, freshDatabase } from '../../../test/support/engines.ts';
import { clearExport, exportSpec } from './support/export-kit.ts';
import { gatewayFor, parcel, sendImport, statuses, type Gateway } from './support/import-kit.ts';
import { json, startPlatform, type Platform } from './support/platform.ts';
import { backupRefusal as refusal, databaseContents } from '../../../test/support/db-contents.ts';

/**
 * `crossgate db backup` / `db restore` (docs/decisions/0016-backups.md) on real traffic: a seeded platform
 * clears import parcels and an export parcel, is backed up, and is restored into fresh databases of both
 * engines. CI sends a handful of parcels; CROSSGATE_BACKUP_TEST_PARCELS=2000 runs the long form.
 */
const PARCELS = Number(process.env.CROSSGATE_BACKUP_TEST_PARCELS ?? 6);
// The long form needs time: about a tenth of a second per parcel to send, and seconds per ten thousand rows.
if (PARCELS > 50) vi.setConfig({ hookTimeout: 120_000 + PARCELS * 300, testTimeout: 60_000 + PARCELS * 100 });
const dir = mkdtempSync(join(tmpdir(), 'crossgate-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const contents = (handle: DbHandle) => databaseContents(handle, { migrations: 'skip' });

/** Relations left in the public schema (an empty database has none). */
const relationsOf = (handle: DbHandle) =>
  handle.session((s) =>
    s.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'`,
    ),
  );

/** The serial part of an inventory or pre-entry number (its last nine digits). */
const serial = (no: string) => Number(no.slice(-9));

const ring = newKeyring('k1');
const piiKeys = serializeKeyring(ring);

/** An app over a restored database, with the source's personal-data keys, and a gateway for its parties. */
async function appOn(database: DbHandle): Promise<{ p: Platform; g: Gateway }> {
  const app = await buildApp({
    // Demo/test mode for signatures, like the test platform: the parcels are signed with an unregistered key.
    config: { ...loadConfig({}), piiKeys, signaturePolicy: 'optional' },
    database,
    logger: false,
    draw: () => 0.999,
  });
  await app.ready();
  const p: Platform = {
    app,
    database,
    login: () => Promise.reject(new Error('not used')),
    close: async () => {
      await app.close();
      await database.close();
    },
  };
  return { p, g: await gatewayFor(p) };
}

/** Every receipt of the agent through the commit-safe feed, read until it has caught up with the table. */
async function agentFeed(
  p: Platform,
  g: Gateway,
): Promise<{ feed: TReceiptFeed['receipts']; stored: number }> {
  const [{ n } = { n: '0' }] = await p.database.session((s) =>
    s.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM receipts r JOIN organisations o ON o.id = r.org_id WHERE o.code = '4614960006'`,
    ),
  );
  const feed: TReceiptFeed['receipts'] = [];
  let cursor = '0:0';
  const deadline = Date.now() + 10_000;
  while (feed.length < Number(n) && Date.now() < deadline) {
    const page = json<TReceiptFeed>(
      await p.app.inject({
        url: `/api/v1/receipts?cursor=${cursor}&limit=500`,
        headers: { authorization: `Bearer ${g.keys.agent}` },
      }),
    );
    feed.push(...page.receipts);
    cursor = page.nextCursor;
    if (page.receipts.length === 0) await new Promise((r) => setTimeout(r, 100));
  }
  return { feed, stored: Number(n) };
}

const invtNos = (handle: DbHandle) =>
  handle.session((s) =>
    s.query<{ invt_no: string; pre_no: string }>(
      'SELECT invt_no, pre_no FROM inventory_clearance WHERE invt_no IS NOT NULL',
    ),
  );

describe.each(ENGINES)('backup and restore of a %s database', (engine) => {
  let p: Platform;
  let g: Gateway;
  let file: string;
  let backup: BackupResult;
  let source: Record<string, string[]>;

  beforeAll(async () => {
    p = await startPlatform(engine, { piiKeys });
    g = await gatewayFor(p);
    for (let i = 0; i < PARCELS; i++) {
      const answers = await sendImport(g, parcel());
      expect(answers.map((a) => statuses(a.body)[0])).toEqual(['2', '2', '2', '2']);
    }
    await clearExport(g, exportSpec());
    file = join(dir, `${engine}.cgbak`);
    backup = await backupDatabase(p.database, { out: file });
    source = await contents(p.database);
  });
  afterAll(async () => p?.close());

  it("writes a header with the format, the applied migrations, and every table's row count and SHA-256", async () => {
    const header = await readBackupHeader(file);
    expect(header).toMatchObject({ format: 'crossgate-backup', formatVersion: 1, engine });
    expect(header.migrations.map((m) => `${m.version}_${m.name}`)).toEqual(
      loadMigrations().map((m) => `${m.version}_${m.name}`),
    );
    const tables = Object.keys(source).filter((k) => k.startsWith('table '));
    expect(header.tables.map((t) => `table ${t.name}`).sort()).toEqual(tables.sort());
    for (const t of header.tables) {
      expect(t.rows, t.name).toBe(source[`table ${t.name}`]?.length);
      expect(t.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
    // Real traffic is in it: every parcel's inventory was released, and the sequences moved.
    expect(header.tables.find((t) => t.name === 'inventory_clearance')?.rows).toBe(PARCELS);
    expect(header.sequences.find((q) => q.name === 'invt_no_seq')).toMatchObject({ isCalled: true });
    expect(header.note).toContain('key file is NOT part of the backup');
    expect(backup.rows).toBe(header.tables.reduce((n, t) => n + t.rows, 0));
    // Only the owner may read it: it holds password and key hashes, webhook secrets, sealed personal data.
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // Tables come after the tables they reference.
    const at = (name: string) => header.tables.findIndex((t) => t.name === name);
    expect(at('organisations')).toBeLessThan(at('users'));
    expect(at('import_documents')).toBeLessThan(at('inventory_clearance'));
    expect(at('ceb_messages')).toBeLessThan(at('import_documents'));
  });

  describe.each(ENGINES)('restored into a fresh %s database', (target: Engine) => {
    let restored: DbHandle;
    beforeAll(async () => {
      restored = await freshDatabase(target);
    });
    afterAll(async () => restored?.close());

    it("holds exactly the source's rows in every table and the same sequence values, verified before commit", async () => {
      const r = await restoreDatabase(restored, { file });
      expect(r.tables.every((t) => t.ok)).toBe(true);
      expect(r.rows).toBe(backup.rows);
      expect(r.pendingMigrations).toEqual([]);
      expect(await contents(restored)).toEqual(source);
    });

    it('continues numbering and the receipt feed after the restore: no number is reused, new receipts come last', async () => {
      const before = await invtNos(restored);
      const { p: after, g: gate } = await appOn(restored);
      try {
        // Restored receipts keep their source transaction ids; the feed shows them all the same.
        const { feed: old, stored } = await agentFeed(after, gate);
        expect(old.length).toBeGreaterThan(0);
        expect(old.length).toBe(stored);
        const answers = await sendImport(gate, parcel());
        expect(answers.map((a) => statuses(a.body)[0])).toEqual(['2', '2', '2', '2']);
        const now = await invtNos(restored);
        const fresh = now.filter((x) => !before.some((b) => b.invt_no === x.invt_no));
        expect(fresh).toHaveLength(1);
        const newest = fresh[0] as { invt_no: string; pre_no: string };
        expect(serial(newest.invt_no)).toBeGreaterThan(Math.max(...before.map((b) => serial(b.invt_no))));
        expect(serial(newest.pre_no)).toBeGreaterThan(Math.max(...before.map((b) => serial(b.pre_no))));
        // The commit-safe feed shows the restored receipts, then the new parcel's after them.
        const { feed, stored: nowStored } = await agentFeed(after, gate);
        expect(feed.length).toBe(nowStored);
        expect(feed.length).toBeGreaterThan(old.length);
        expect(feed.slice(0, old.length).map((x) => x.cursor)).toEqual(old.map((x) => x.cursor));
      } finally {
        await after.app.close();
      }
    });
  });

  it('refuses to restore into a database that holds data, and leaves it as it was', async () => {
    const e = await refusal(restoreDatabase(p.database, { file }));
    expect(e.code).toBe('RESTORE_TARGET_NOT_EMPTY');
    expect(e.message).toContain('目标数据库已有数据');
    expect(e.details.map((d) => d.field)).toEqual(expect.arrayContaining(['organisations', 'receipts']));
    expect(await contents(p.database)).toEqual(source);
  });

  describe('refusals, each leaving the target as it was', () => {
    // One fresh target for all of them: after every refusal it must still be empty (and usable).
    let target: DbHandle;
    beforeAll(async () => {
      target = await freshDatabase(engine);
    });
    afterAll(async () => target?.close());
    const variant = (name: string, bytes: Buffer) => {
      const path = join(dir, `${engine}-${name}.cgbak`);
      writeFileSync(path, bytes);
      return path;
    };

    it('refuses a truncated backup file', async () => {
      const bytes = readFileSync(file);
      const cut = variant('truncated', bytes.subarray(0, Math.floor(bytes.length * 0.6)));
      const e = await refusal(restoreDatabase(target, { file: cut }));
      expect(e.code).toBe('BACKUP_UNREADABLE');
      expect(e.message).toMatch(/截断|truncated/);
      expect(await relationsOf(target)).toEqual([]);
    });

    it('refuses a corrupted backup file (bytes changed in the middle)', async () => {
      const bytes = Buffer.from(readFileSync(file));
      const middle = Math.floor(bytes.length / 2);
      for (let i = 0; i < 16; i++) bytes[middle + i] = (bytes[middle + i] ?? 0) ^ 0x5a;
      const e = await refusal(restoreDatabase(target, { file: variant('corrupted', bytes) }));
      expect(e.code).toBe('BACKUP_UNREADABLE');
      expect(await relationsOf(target)).toEqual([]);
    });

    it("refuses a backup whose rows were edited (valid gzip, the rows no longer match the header's SHA-256)", async () => {
      const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
      // The first organisation's Chinese name (4th column) gets one more character; the line stays valid.
      const row = lines.indexOf('{"table":"organisations"}') + 1;
      const values = JSON.parse(lines[row] ?? '[]') as string[];
      values[3] = `${values[3]}改`;
      lines[row] = JSON.stringify(values);
      const e = await refusal(
        restoreDatabase(target, { file: variant('edited', gzipSync(lines.join('\n'))) }),
      );
      expect(e.code).toBe('BACKUP_UNREADABLE');
      expect(e.details[0]).toMatchObject({ field: 'organisations', rule: 'rows_and_sha256' });
      expect(await relationsOf(target)).toEqual([]);
    });

    it('refuses a backup made by a newer build (a migration this build does not know)', async () => {
      const older = loadMigrations().slice(0, -1);
      const e = await refusal(restoreDatabase(target, { file, migrations: older }));
      expect(e.code).toBe('BACKUP_INCOMPATIBLE');
      expect(e.message).toContain('newer build');
      expect(await relationsOf(target)).toEqual([]);
    });

    it('with force, replaces what a database holds; a forced restore that fails keeps it', async () => {
      await migrate(target);
      await target.session((s) =>
        s.exec(`INSERT INTO countries (code, name_zh) VALUES ('999', '标记 marker')`),
      );
      const held = await contents(target);
      const cut = join(dir, `${engine}-truncated.cgbak`);
      const e = await refusal(restoreDatabase(target, { file: cut, force: true }));
      expect(e.code).toBe('BACKUP_UNREADABLE');
      expect(await contents(target)).toEqual(held);
      const r = await restoreDatabase(target, { file, force: true });
      expect(r.replaced).toBe(true);
      expect(await contents(target)).toEqual(source);
    });
  });

  if (engine === 'postgres')
    it('takes a consistent snapshot while parcels keep arriving: the restore passes every foreign key and checksum', async () => {
      const during = join(dir, 'during.cgbak');
      let sending = true;
      let sent = 0;
      const traffic = (async () => {
        while (sending) {
          await sendImport(g, parcel());
          sent += 1;
        }
      })();
      // Small pages make the backup long enough for parcels to commit while it reads.
      const b = await backupDatabase(p.database, { out: during, batchRows: 20 });
      sending = false;
      await traffic;
      expect(sent).toBeGreaterThan(0);
      const target = await freshDatabase('postgres');
      try {
        const r = await restoreDatabase(target, { file: during });
        expect(r.tables.every((t) => t.ok)).toBe(true);
        const header = await readBackupHeader(during);
        const inventories = header.tables.find((t) => t.name === 'inventory_clearance')?.rows ?? 0;
        const [now] = await p.database.session((s) =>
          s.query<{ n: string }>('SELECT count(*)::text AS n FROM inventory_clearance'),
        );
        // The snapshot holds whole parcels only: every released inventory has its documents and receipts.
        const [orphans] = await target.session((s) =>
          s.query<{ n: string }>(
            `SELECT count(*)::text AS n FROM import_documents d WHERE d.doc_type = 'inventory' AND d.status = '800'
               AND NOT EXISTS (SELECT 1 FROM receipts r WHERE r.document_id = d.id AND r.return_status = '800')`,
          ),
        );
        expect(orphans?.n).toBe('0');
        expect(inventories).toBeLessThanOrEqual(Number(now?.n));
        expect(b.rows).toBe(r.rows);
      } finally {
        await target.close();
      }
    });
});
