import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip, createGzip, gzipSync } from 'node:zlib';
import type { DbHandle, Engine, ScriptSession } from './create-db.ts';
import {
  loadMigrations,
  MIGRATION_LOCK_KEY,
  MIGRATIONS_TABLE,
  MIGRATIONS_TABLE_DDL,
  type Migration,
} from './migrate.ts';

/**
 * Logical backups that do not depend on the engine (docs/decisions/0016-backups.md): one gzip file holding a
 * header line (format, migrations, per-table row counts and SHA-256, sequences, the transaction-id horizon)
 * and then every table's rows as JSON arrays of PostgreSQL text values, in primary-key order. A backup is
 * read in ONE repeatable-read, read-only transaction; a restore is written in ONE transaction into an empty
 * database, verified against the header before it commits.
 */

export const BACKUP_FORMAT = 'crossgate-backup';
export const BACKUP_FORMAT_VERSION = 1;

// The migrations bookkeeping table's rows travel in the header, not as table data. migrate.ts's advisory lock:
// a backup holds it shared (no migration runs mid-backup), a restore exclusively (a server starting meanwhile
// waits, then finds the restored level).

/**
 * Session settings under which every value's text form is canonical and re-readable on any engine: ISO dates,
 * UTC, hex bytea, shortest exact floats — the settings pg_dump uses for the same reason.
 */
const TEXT_SETTINGS: Record<string, string> = {
  datestyle: 'ISO, YMD',
  timezone: 'UTC',
  intervalstyle: 'postgres',
  extra_float_digits: '3',
  bytea_output: 'hex',
};

export type BackupProgress = (step: string, done: number, total: number) => void;

export type BackupErrorCode =
  /** Missing, not gzip, truncated, corrupted, not a Crossgate backup, or contents disagree with its header. */
  | 'BACKUP_UNREADABLE'
  /** Made by a newer build (a migration this build does not know) or with an edited migration. */
  | 'BACKUP_INCOMPATIBLE'
  /** The schema cannot be backed up this way (a table without primary key, a foreign-key cycle). */
  | 'BACKUP_UNSUPPORTED'
  /** The target database holds data or objects; restore needs an empty one (or --force). */
  | 'RESTORE_TARGET_NOT_EMPTY'
  /** Loading failed or the restored data does not match the backup; nothing was committed. */
  | 'RESTORE_FAILED'
  /** The target cluster's transaction counter is far behind the backup's (receipt-feed cursors). */
  | 'RESTORE_XID_GAP';

export interface BackupErrorDetail {
  field: string;
  rule: string;
  expected?: string;
  actual?: string;
}

/** A refusal with the API error shape (code, message, details); messages are Chinese first. */
export class BackupError extends Error {
  override readonly name = 'BackupError';
  constructor(
    readonly code: BackupErrorCode,
    message: string,
    readonly details: BackupErrorDetail[] = [],
  ) {
    super(message);
  }
}

export interface BackupColumn {
  name: string;
  /** format_type() of the column: the cast applied to its text value on restore. */
  type: string;
}
export interface BackupTable {
  name: string;
  columns: BackupColumn[];
  primaryKey: string[];
  rows: number;
  /** SHA-256 (hex) over the table's row lines (JSON array of text values + "\n") in primary-key order. */
  sha256: string;
}
export interface BackupSequence {
  name: string;
  lastValue: string;
  isCalled: boolean;
}
export interface BackupMigration {
  version: string;
  name: string;
  checksum: string;
  appliedAt: string;
}
export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  createdAt: string;
  engine: Engine;
  serverVersion: string;
  textSettings: Record<string, string>;
  migrations: BackupMigration[];
  /** Every transaction id of the source below this (pg_snapshot_xmax of the backup's snapshot), as xid8 text. */
  xidHorizon: string;
  /** In load order: every table comes after the tables it references. */
  tables: BackupTable[];
  sequences: BackupSequence[];
  note: string;
}

export interface BackupOptions {
  out: string;
  onProgress?: BackupProgress;
  /** Rows per keyset page (default 1,000). */
  batchRows?: number;
}
export interface BackupResult {
  file: string;
  bytes: number;
  seconds: number;
  rows: number;
  tables: { name: string; rows: number; sha256: string }[];
  sequences: BackupSequence[];
  migration: string | null;
  engine: Engine;
}

export interface RestoreOptions {
  file: string;
  /** Replace whatever the target holds (dropped inside the restore transaction: a failed restore keeps it). */
  force?: boolean;
  onProgress?: BackupProgress;
  /** Rows per insert statement (default 1,000; also capped at about 4 MB of JSON). */
  batchRows?: number;
  /** Transaction ids the restore may consume to catch the target up with the backup (default 100,000,000). */
  maxXidAdvance?: number;
  /** The migrations of this build (tests pass their own). */
  migrations?: Migration[];
}
export interface RestoredTable {
  name: string;
  expectedRows: number;
  rows: number;
  expectedSha256: string;
  sha256: string;
  ok: boolean;
}
export interface RestoreResult {
  file: string;
  bytes: number;
  seconds: number;
  rows: number;
  tables: RestoredTable[];
  sequences: (BackupSequence & { ok: boolean })[];
  /** The migration level restored (the backup's). */
  migration: string | null;
  /** Migrations of this build newer than the backup, applied by `db migrate` or at start. */
  pendingMigrations: string[];
  /** Transaction ids consumed so the target's counter passed the backup's horizon. */
  xidAdvanced: number;
  replaced: boolean;
  source: { engine: Engine; serverVersion: string; createdAt: string };
}

const NOTE =
  'Values are PostgreSQL text forms under textSettings. Personal data sealed at rest is carried as stored ' +
  '(ciphertext); the key file is NOT part of the backup: keep it separately.';

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
const qualified = (name: string) => `public.${quote(name)}`;
const nowSeconds = (started: number) => (performance.now() - started) / 1000;

// ---------------------------------------------------------------------------------------------------------------
// Catalogue

interface CatalogTable {
  name: string;
  columns: (BackupColumn & { byteOrder: boolean })[];
  primaryKey: string[];
  identityAlways: boolean;
}

/** Tables of the public schema (but the migrations table) with their columns, keys and load order. */
async function readCatalog(s: ScriptSession): Promise<{ tables: CatalogTable[]; sequences: string[] }> {
  const [db] = await s.query<{ collate: string; provider: string | null }>(
    `SELECT datcollate AS collate, to_jsonb(d) ->> 'datlocprovider' AS provider
       FROM pg_database d WHERE datname = current_database()`,
  );
  // Keys are paged and hashed in byte order (COLLATE "C") so both engines agree whatever their locale; when the
  // column already sorts that way no COLLATE is added and the primary-key index serves the pages.
  const defaultIsBytewise = (db?.provider ?? 'c') === 'c' && (db?.collate === 'C' || db?.collate === 'POSIX');
  const rels = await s.query<{ oid: string; name: string }>(
    `SELECT c.oid::int8::text AS oid, c.relname AS name
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> $1
      ORDER BY c.relname`,
    [MIGRATIONS_TABLE],
  );
  const cols = await s.query<{
    oid: string;
    name: string;
    type: string;
    identity: string;
    collation: string | null;
  }>(
    `SELECT a.attrelid::int8::text AS oid, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
            a.attidentity::text AS identity,
            CASE WHEN a.attcollation = 0 THEN NULL
                 WHEN a.attcollation = (SELECT oid FROM pg_collation WHERE collname = 'default') THEN 'default'
                 ELSE (SELECT collname FROM pg_collation WHERE oid = a.attcollation) END AS collation
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
        AND a.attgenerated = ''
      ORDER BY a.attrelid, a.attnum`,
  );
  const keys = await s.query<{ oid: string; name: string }>(
    `SELECT con.conrelid::int8::text AS oid, a.attname AS name
       FROM pg_constraint con
       CROSS JOIN LATERAL unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
       JOIN pg_namespace n ON n.oid = con.connamespace
      WHERE con.contype = 'p' AND n.nspname = 'public'
      ORDER BY con.conrelid, k.ord`,
  );
  const fks = await s.query<{ child: string; parent: string }>(
    `SELECT con.conrelid::int8::text AS child, con.confrelid::int8::text AS parent
       FROM pg_constraint con JOIN pg_namespace n ON n.oid = con.connamespace
      WHERE con.contype = 'f' AND n.nspname = 'public'`,
  );
  const seqs = await s.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'S' ORDER BY c.relname`,
  );

  const byOid = new Map<string, CatalogTable>();
  for (const r of rels)
    byOid.set(r.oid, { name: r.name, columns: [], primaryKey: [], identityAlways: false });
  for (const c of cols) {
    const t = byOid.get(c.oid);
    if (!t) continue;
    const byteOrder =
      c.collation === null ||
      c.collation === 'C' ||
      c.collation === 'POSIX' ||
      (c.collation === 'default' && defaultIsBytewise);
    t.columns.push({ name: c.name, type: c.type, byteOrder });
    if (c.identity === 'a') t.identityAlways = true;
  }
  for (const k of keys) byOid.get(k.oid)?.primaryKey.push(k.name);
  const missingKey = [...byOid.values()].filter((t) => t.primaryKey.length === 0);
  if (missingKey.length > 0)
    throw new BackupError(
      'BACKUP_UNSUPPORTED',
      `表没有主键，不能按主键分页备份 / tables without a primary key cannot be backed up: ${missingKey.map((t) => t.name).join(', ')}`,
      missingKey.map((t) => ({ field: t.name, rule: 'primary_key', expected: 'a primary key' })),
    );

  // Load order: a table after every table it references (foreign keys are not deferrable here, and rows are
  // streamed, so the file itself must be in this order). Ties broken by name, so the order is stable.
  const parents = new Map<string, Set<string>>([...byOid.keys()].map((oid) => [oid, new Set<string>()]));
  for (const fk of fks) {
    if (!byOid.has(fk.child) || !byOid.has(fk.parent)) continue;
    if (fk.child === fk.parent) throw cycleError([byOid.get(fk.child)?.name ?? fk.child]);
    parents.get(fk.child)?.add(fk.parent);
  }
  const ordered: CatalogTable[] = [];
  const done = new Set<string>();
  while (done.size < byOid.size) {
    const ready = [...byOid.entries()]
      .filter(([oid]) => !done.has(oid) && [...(parents.get(oid) ?? [])].every((p) => done.has(p)))
      .sort((a, b) => (a[1].name < b[1].name ? -1 : 1));
    if (ready.length === 0)
      throw cycleError([...byOid.entries()].filter(([oid]) => !done.has(oid)).map(([, t]) => t.name));
    for (const [oid, t] of ready) {
      done.add(oid);
      ordered.push(t);
    }
  }
  return { tables: ordered, sequences: seqs.map((q) => q.name) };
}

const cycleError = (tables: string[]) =>
  new BackupError(
    'BACKUP_UNSUPPORTED',
    `外键成环，无法确定装载顺序 / foreign keys form a cycle, no load order exists: ${tables.join(', ')}`,
    tables.map((t) => ({ field: t, rule: 'foreign_key_order', expected: 'acyclic foreign keys' })),
  );

async function setTextSettings(s: ScriptSession): Promise<void> {
  for (const [name, value] of Object.entries(TEXT_SETTINGS))
    await s.query('SELECT set_config($1, $2, true)', [name, value]);
}

/**
 * Reads a table in primary-key byte order, one keyset page at a time (never the whole table), handing each
 * page's rows as arrays of text values (null for NULL) to `onPage`.
 */
async function readTable(
  s: ScriptSession,
  table: CatalogTable,
  batchRows: number,
  onPage: (rows: (string | null)[][]) => void | Promise<void>,
): Promise<void> {
  const select = table.columns.map((c, i) => `${quote(c.name)}::text AS c${i}`).join(', ');
  const keyCols = table.primaryKey.map((k) => {
    const col = table.columns.find((c) => c.name === k);
    if (!col) throw new Error(`primary-key column ${k} of ${table.name} not found`);
    return { col, index: table.columns.indexOf(col), collate: col.byteOrder ? '' : ' COLLATE "C"' };
  });
  const order = keyCols.map((k) => `${quote(k.col.name)}${k.collate}`).join(', ');
  const after = `(${order}) > (${keyCols.map((k, i) => `$${i + 1}::${k.col.type}${k.collate}`).join(', ')})`;
  const base = `SELECT ${select} FROM ${qualified(table.name)}`;
  const tail = ` ORDER BY ${order} LIMIT ${batchRows}`;
  let last: (string | null)[] | undefined;
  for (;;) {
    const rows = await s.query<Record<string, string | null>>(
      last ? `${base} WHERE ${after}${tail}` : `${base}${tail}`,
      last ? keyCols.map((k) => last?.[k.index]) : [],
    );
    if (rows.length === 0) return;
    const values = rows.map((r) => table.columns.map((_, i) => r[`c${i}`] ?? null));
    await onPage(values);
    if (rows.length < batchRows) return;
    last = values.at(-1);
  }
}

async function readSequences(s: ScriptSession, names: string[]): Promise<BackupSequence[]> {
  const out: BackupSequence[] = [];
  for (const name of names) {
    const [row] = await s.query<{ last_value: string; is_called: string }>(
      `SELECT last_value::text AS last_value, is_called::text AS is_called FROM ${qualified(name)}`,
    );
    out.push({ name, lastValue: row?.last_value ?? '1', isCalled: row?.is_called === 'true' });
  }
  return out;
}

const rowLine = (values: (string | null)[]) => `${JSON.stringify(values)}\n`;

// ---------------------------------------------------------------------------------------------------------------
// Backup

/**
 * Writes a backup of the whole database to `out` (atomically: a temporary file renamed at the end). Rows are
 * read in one REPEATABLE READ, READ ONLY transaction, so concurrent writes never tear it.
 */
export async function backupDatabase(handle: DbHandle, options: BackupOptions): Promise<BackupResult> {
  const started = performance.now();
  const batchRows = options.batchRows ?? 1000;
  const progress = options.onProgress ?? (() => {});
  const bodyFile = `${options.out}.body-${process.pid}.tmp`;
  const partFile = `${options.out}.partial-${process.pid}.tmp`;
  try {
    const header = await handle.session(async (s) => {
      // Shared hold on the migration lock, taken before the snapshot: no migration alters a table mid-backup.
      await s.query('SELECT pg_advisory_lock_shared($1)', [MIGRATION_LOCK_KEY]);
      try {
        await s.exec('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        try {
          const h = await backupInTransaction(s, handle.engine, bodyFile, batchRows, progress);
          await s.exec('COMMIT');
          return h;
        } catch (error) {
          await s.exec('ROLLBACK').catch(() => {});
          throw error;
        }
      } finally {
        await s.query('SELECT pg_advisory_unlock_shared($1)', [MIGRATION_LOCK_KEY]).catch(() => {});
      }
    });
    // The header (with the counts and checksums now known) is a gzip member of its own, followed by the body's
    // member: one file that gunzips as one stream, header first.
    // Owner-only: a backup holds password and key hashes, webhook secrets and sealed personal data.
    const out = createWriteStream(partFile, { mode: 0o600 });
    out.write(gzipSync(`${JSON.stringify(header)}\n`));
    await pipeline(createReadStream(bodyFile), out);
    const fd = await open(partFile, 'r+');
    try {
      await fd.sync();
    } finally {
      await fd.close();
    }
    await rename(partFile, options.out);
    const bytes = (await stat(options.out)).size;
    const last = header.migrations.at(-1);
    return {
      file: options.out,
      bytes,
      seconds: nowSeconds(started),
      rows: header.tables.reduce((n, t) => n + t.rows, 0),
      tables: header.tables.map((t) => ({ name: t.name, rows: t.rows, sha256: t.sha256 })),
      sequences: header.sequences,
      migration: last ? `${last.version}_${last.name}` : null,
      engine: handle.engine,
    };
  } finally {
    await rm(bodyFile, { force: true });
    await rm(partFile, { force: true });
  }
}

async function backupInTransaction(
  s: ScriptSession,
  engine: Engine,
  bodyFile: string,
  batchRows: number,
  progress: BackupProgress,
): Promise<BackupHeader> {
  await setTextSettings(s);
  const [meta] = await s.query<{ version: string; horizon: string; created: string }>(
    `SELECT current_setting('server_version') AS version, pg_snapshot_xmax(pg_current_snapshot())::text AS horizon,
            to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created`,
  );
  const hasMigrations = await s.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relname = $1`,
    [MIGRATIONS_TABLE],
  );
  const migrations =
    hasMigrations[0]?.n === '1'
      ? await s.query<BackupMigration>(
          `SELECT version, name, checksum, applied_at::text AS "appliedAt" FROM ${MIGRATIONS_TABLE} ORDER BY version`,
        )
      : [];
  const catalog = await readCatalog(s);
  const counts = new Map<string, number>();
  for (const t of catalog.tables) {
    const [c] = await s.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${qualified(t.name)}`);
    counts.set(t.name, Number(c?.n ?? 0));
  }
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const step = '备份 backup (rows)';
  progress(step, 0, total);

  const gzip = createGzip();
  const written = pipeline(gzip, createWriteStream(bodyFile, { mode: 0o600 }));
  // Surface a write failure (disk full) at once instead of at the end.
  let writeError: unknown;
  written.catch((e: unknown) => {
    writeError = e;
  });
  let pending = '';
  const write = async (text: string, flush = false) => {
    pending += text;
    if (pending.length < 1 << 16 && !flush) return;
    if (writeError) throw writeError;
    const chunk = pending;
    pending = '';
    if (!gzip.write(chunk)) await once(gzip, 'drain');
  };

  const tables: BackupTable[] = [];
  let done = 0;
  try {
    for (const t of catalog.tables) {
      await write(`${JSON.stringify({ table: t.name })}\n`);
      const hash = createHash('sha256');
      let rows = 0;
      await readTable(s, t, batchRows, async (page) => {
        let text = '';
        for (const values of page) {
          const line = rowLine(values);
          hash.update(line);
          text += line;
        }
        rows += page.length;
        done += page.length;
        await write(text);
        progress(step, done, total);
      });
      if (rows !== counts.get(t.name))
        throw new Error(`backup of ${t.name} read ${rows} rows, the snapshot holds ${counts.get(t.name)}`);
      const sha256 = hash.digest('hex');
      await write(`${JSON.stringify({ end: t.name, rows, sha256 })}\n`);
      tables.push({
        name: t.name,
        columns: t.columns.map((c) => ({ name: c.name, type: c.type })),
        primaryKey: t.primaryKey,
        rows,
        sha256,
      });
    }
    await write(`${JSON.stringify({ end: BACKUP_FORMAT, tables: tables.length, rows: done })}\n`, true);
  } catch (error) {
    gzip.destroy();
    throw error;
  }
  gzip.end();
  await written;
  // Sequences last: they only move forward, so values read now cover every row of the snapshot.
  const sequences = await readSequences(s, catalog.sequences);
  return {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    createdAt: meta?.created ?? new Date().toISOString(),
    engine,
    serverVersion: meta?.version ?? '',
    textSettings: TEXT_SETTINGS,
    migrations,
    xidHorizon: meta?.horizon ?? '0',
    tables,
    sequences,
    note: NOTE,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Reading a backup file

const unreadable = (file: string, why: string, details: BackupErrorDetail[] = []) =>
  new BackupError(
    'BACKUP_UNREADABLE',
    `备份文件无法使用 / backup file cannot be used (${file}): ${why}`,
    details.length ? details : [{ field: 'file', rule: 'backup_file', actual: why }],
  );

/** Lines of a gzip file, decoded as UTF-8; a gzip error (truncation, corruption, CRC) surfaces as BACKUP_UNREADABLE. */
async function* gzipLines(file: string): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  const source = createReadStream(file);
  const gunzip = createGunzip();
  source.on('error', (e) => gunzip.destroy(e));
  source.pipe(gunzip);
  let carry = '';
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      carry += decoder.write(chunk);
      let start = 0;
      let nl = carry.indexOf('\n');
      while (nl !== -1) {
        yield carry.slice(start, nl);
        start = nl + 1;
        nl = carry.indexOf('\n', start);
      }
      carry = carry.slice(start);
    }
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e.code === 'ENOENT') throw unreadable(file, '文件不存在 / no such file');
    throw unreadable(
      file,
      `不是完整的 gzip 文件（截断或损坏）/ not a complete gzip file (truncated or corrupted): ${e.message}`,
    );
  } finally {
    source.destroy();
    gunzip.destroy();
  }
  carry += decoder.end();
  if (carry.length > 0) yield carry;
}

function parseLine(file: string, line: string, what: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    throw unreadable(file, `${what}不是有效的 JSON / ${what} is not valid JSON`);
  }
}

function checkHeader(file: string, value: unknown): BackupHeader {
  const h = value as Partial<BackupHeader> | null;
  if (!h || typeof h !== 'object' || h.format !== BACKUP_FORMAT)
    throw unreadable(file, '不是 Crossgate 备份文件 / not a Crossgate backup');
  if (h.formatVersion !== BACKUP_FORMAT_VERSION)
    throw new BackupError(
      'BACKUP_INCOMPATIBLE',
      `备份格式版本 ${String(h.formatVersion)} 不受支持 / backup format version ${String(h.formatVersion)} is not supported (this build reads ${BACKUP_FORMAT_VERSION})`,
      [
        {
          field: 'formatVersion',
          rule: 'supported',
          expected: String(BACKUP_FORMAT_VERSION),
          actual: String(h.formatVersion),
        },
      ],
    );
  const ok =
    Array.isArray(h.migrations) &&
    Array.isArray(h.tables) &&
    Array.isArray(h.sequences) &&
    typeof h.xidHorizon === 'string' &&
    /^\d+$/.test(h.xidHorizon) &&
    h.tables.every(
      (t) =>
        typeof t?.name === 'string' &&
        Array.isArray(t.columns) &&
        Array.isArray(t.primaryKey) &&
        Number.isInteger(t.rows) &&
        typeof t.sha256 === 'string',
    ) &&
    h.sequences.every((q) => typeof q?.name === 'string' && /^-?\d+$/.test(String(q.lastValue)));
  if (!ok) throw unreadable(file, '文件头不完整 / the header is incomplete');
  return h as BackupHeader;
}

/** The header of a backup file (the first line), checked; the rest of the file is not read. */
export async function readBackupHeader(file: string): Promise<BackupHeader> {
  const lines = gzipLines(file);
  const first = await lines.next();
  await lines.return(undefined);
  if (first.done) throw unreadable(file, '文件为空 / the file is empty');
  return checkHeader(file, parseLine(file, first.value, '文件头 header '));
}

// ---------------------------------------------------------------------------------------------------------------
// Restore

interface TargetState {
  relations: string[];
  tablesWithRows: string[];
  migrations: { version: string; checksum: string }[] | null;
}

async function inspectTarget(s: ScriptSession): Promise<TargetState> {
  const rels = await s.query<{ name: string; kind: string }>(
    `SELECT c.relname AS name, c.relkind::text AS kind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') ORDER BY c.relname`,
  );
  const tablesWithRows: string[] = [];
  for (const r of rels.filter((x) => x.kind === 'r' || x.kind === 'p')) {
    if (r.name === MIGRATIONS_TABLE) continue;
    const [e] = await s.query<{ any: string }>(
      `SELECT EXISTS (SELECT 1 FROM ${qualified(r.name)})::text AS any`,
    );
    if (e?.any === 'true') tablesWithRows.push(r.name);
  }
  const migrations = rels.some((r) => r.name === MIGRATIONS_TABLE)
    ? await s.query<{ version: string; checksum: string }>(
        `SELECT version, checksum FROM ${MIGRATIONS_TABLE} ORDER BY version`,
      )
    : null;
  return { relations: rels.map((r) => r.name), tablesWithRows, migrations };
}

/**
 * Why the target cannot take the backup as it is (null when it can): it must hold no rows, and either no
 * objects at all or only the schema of an earlier (or the same) migration level of the same migrations.
 */
function targetRefusal(state: TargetState, header: BackupHeader): BackupError | null {
  const hint =
    '恢复需要空数据库，或用 --force 替换其内容 / restore needs an empty database, or --force to replace its contents';
  if (state.tablesWithRows.length > 0) {
    const shown = state.tablesWithRows.slice(0, 10);
    return new BackupError(
      'RESTORE_TARGET_NOT_EMPTY',
      `目标数据库已有数据 / the target database holds data: ${state.tablesWithRows.length} tables have rows (${shown.join(', ')}${state.tablesWithRows.length > shown.length ? ', …' : ''}). ${hint}`,
      state.tablesWithRows.map((t) => ({ field: t, rule: 'empty', expected: '0 rows', actual: 'has rows' })),
    );
  }
  if (state.relations.length === 0) return null;
  const applied = state.migrations;
  const prefix =
    applied !== null &&
    applied.length <= header.migrations.length &&
    applied.every(
      (m, i) => m.version === header.migrations[i]?.version && m.checksum === header.migrations[i]?.checksum,
    );
  if (prefix) return null;
  return new BackupError(
    'RESTORE_TARGET_NOT_EMPTY',
    applied === null
      ? `目标数据库已有其他对象 / the target database holds other objects (${state.relations.slice(0, 10).join(', ')}). ${hint}`
      : `目标数据库的结构（迁移 ${applied.at(-1)?.version ?? '无'}）不是备份的前缀 / the target's schema (migration ${applied.at(-1)?.version ?? 'none'}) is not a prefix of the backup's (${header.migrations.at(-1)?.version ?? 'none'}). ${hint}`,
    [
      {
        field: 'schema_migrations',
        rule: 'prefix_of_backup',
        expected: header.migrations.at(-1)?.version ?? 'none',
        actual: applied?.at(-1)?.version ?? 'other objects',
      },
    ],
  );
}

/** The backup's migrations must be this build's first migrations, unchanged. */
function checkMigrations(header: BackupHeader, code: Migration[]): void {
  const known = new Map(code.map((m) => [m.version, m]));
  header.migrations.forEach((m, i) => {
    const mine = known.get(m.version);
    if (!mine)
      throw new BackupError(
        'BACKUP_INCOMPATIBLE',
        `备份来自更新的版本：本程序不认识迁移 ${m.version}_${m.name} / the backup comes from a newer build: this build does not know migration ${m.version}_${m.name}; restore it with that build or newer`,
        [
          {
            field: 'migrations',
            rule: 'known_to_this_build',
            expected: code.at(-1)?.version,
            actual: m.version,
          },
        ],
      );
    if (mine.checksum !== m.checksum || code[i]?.version !== m.version)
      throw new BackupError(
        'BACKUP_INCOMPATIBLE',
        `迁移 ${m.version}_${m.name} 与本程序的不一致 / migration ${m.version}_${m.name} differs from this build's`,
        [{ field: 'migrations', rule: 'same_checksum', expected: mine.checksum, actual: m.checksum }],
      );
  });
}

/** Drops every object of the public schema (the schema itself, its owner and grants stay). */
async function clearPublicSchema(s: ScriptSession): Promise<void> {
  const exts = await s.query<{ name: string }>(
    `SELECT e.extname AS name FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE n.nspname = 'public'`,
  );
  for (const e of exts) await s.exec(`DROP EXTENSION IF EXISTS ${quote(e.name)} CASCADE`);
  const rels = await s.query<{ name: string; kind: string }>(
    `SELECT c.relname AS name, c.relkind::text AS kind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND NOT c.relispartition`,
  );
  const dropOf: Record<string, string> = {
    r: 'TABLE',
    p: 'TABLE',
    v: 'VIEW',
    m: 'MATERIALIZED VIEW',
    f: 'FOREIGN TABLE',
    S: 'SEQUENCE',
  };
  for (const kind of ['m', 'v', 'f', 'p', 'r', 'S']) {
    const names = rels.filter((r) => r.kind === kind).map((r) => qualified(r.name));
    if (names.length > 0) await s.exec(`DROP ${dropOf[kind]} IF EXISTS ${names.join(', ')} CASCADE`);
  }
  const routines = await s.query<{ sig: string; kind: string }>(
    `SELECT format('%I(%s)', p.proname, pg_get_function_identity_arguments(p.oid)) AS sig, p.prokind::text AS kind
       FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'`,
  );
  const routineOf: Record<string, string> = { f: 'FUNCTION', p: 'PROCEDURE', a: 'AGGREGATE', w: 'FUNCTION' };
  for (const r of routines)
    await s.exec(`DROP ${routineOf[r.kind] ?? 'FUNCTION'} IF EXISTS public.${r.sig} CASCADE`);
  const types = await s.query<{ name: string; kind: string }>(
    `SELECT t.typname AS name, t.typtype::text AS kind FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd', 'r', 'c')
        AND (t.typrelid = 0 OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')`,
  );
  for (const t of types)
    await s.exec(`DROP ${t.kind === 'd' ? 'DOMAIN' : 'TYPE'} IF EXISTS ${qualified(t.name)} CASCADE`);
}

/** Runs this build's migrations up to the backup's level, recording them with the source's applied_at. */
async function migrateToLevel(
  s: ScriptSession,
  header: BackupHeader,
  code: Migration[],
  already: number,
): Promise<void> {
  await s.exec(MIGRATIONS_TABLE_DDL);
  for (const m of header.migrations.slice(already)) {
    const mine = code.find((c) => c.version === m.version) as Migration;
    try {
      await s.exec(mine.sql);
    } catch (error) {
      throw new BackupError(
        'RESTORE_FAILED',
        `迁移 ${m.version}_${m.name} 在目标库上失败 / migration ${m.version}_${m.name} failed on the target: ${(error as Error).message}`,
      );
    }
    await s.query(
      `INSERT INTO ${MIGRATIONS_TABLE} (version, name, checksum, applied_at) VALUES ($1, $2, $3, $4)`,
      [m.version, m.name, m.checksum, m.appliedAt],
    );
  }
}

/**
 * The pg_resetwal call that sets a stopped cluster's next transaction id to at least `horizon`: epoch and id,
 * the id rounded up to a commit-log segment (1,048,576 ids), so the server creates that segment itself.
 */
function resetwal(horizon: string): string {
  const segment = 1_048_576n;
  let epoch = BigInt(horizon) >> 32n;
  let xid = (((BigInt(horizon) & 0xffffffffn) + segment - 1n) / segment) * segment;
  if (xid >= 1n << 32n) {
    epoch += 1n;
    xid = segment;
  }
  return `pg_resetwal -e ${epoch} -x ${xid > 0n ? xid : segment} <data directory>`;
}

/** Transaction ids still to consume so that the target's next id reaches the backup's horizon. */
async function xidGap(s: ScriptSession, horizon: string): Promise<bigint> {
  const [row] = await s.query<{ next: string }>(
    `SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS next`,
  );
  const gap = BigInt(horizon) - BigInt(row?.next ?? '0');
  return gap > 0n ? gap : 0n;
}

/**
 * Consumes transaction ids (one per subtransaction that writes a temporary row) until the target's counter
 * has passed the backup's horizon. The receipts outbox orders and releases rows by the transaction id that
 * wrote them (decision 0008: `tx < pg_snapshot_xmin(...)`); restored rows keep their source ids, so without
 * this a fresh cluster would hide them and number new receipts before them.
 */
async function advanceXids(s: ScriptSession, horizon: string, progress: BackupProgress): Promise<number> {
  const first = await xidGap(s, horizon);
  if (first === 0n) return 0;
  const total = Number(first);
  const step = '推进事务号 advancing transaction ids';
  progress(step, 0, total);
  await s.exec('CREATE TEMP TABLE IF NOT EXISTS crossgate_xid_advance (x integer) ON COMMIT DELETE ROWS');
  let gap = first;
  while (gap > 0n) {
    const n = Number(gap > 1_000_000n ? 1_000_000n : gap);
    await s.exec(
      `BEGIN; DO $$ BEGIN FOR i IN 1..${n} LOOP BEGIN INSERT INTO pg_temp.crossgate_xid_advance VALUES (1); EXCEPTION WHEN OTHERS THEN RAISE; END; END LOOP; END $$; COMMIT`,
    );
    gap = await xidGap(s, horizon);
    progress(step, total - Number(gap), total);
  }
  await s.exec('DROP TABLE IF EXISTS pg_temp.crossgate_xid_advance');
  return total;
}

/**
 * Restores a backup into the database of `handle`, which must be empty (or `force`). Everything happens in
 * one transaction: migrations up to the backup's level, every table in foreign-key order, the sequences, and
 * the verification (counts and SHA-256 per table, sequence values) against the header. Any failure rolls back.
 */
export async function restoreDatabase(handle: DbHandle, options: RestoreOptions): Promise<RestoreResult> {
  const started = performance.now();
  const file = options.file;
  const batchRows = options.batchRows ?? 1000;
  const progress = options.onProgress ?? (() => {});
  const code = options.migrations ?? loadMigrations();
  const bytes = await stat(file).then(
    (st) => st.size,
    () => {
      throw unreadable(file, '文件不存在 / no such file');
    },
  );
  const lines = gzipLines(file);
  try {
    const first = await lines.next();
    if (first.done) throw unreadable(file, '文件为空 / the file is empty');
    const header = checkHeader(file, parseLine(file, first.value, '文件头 header '));
    checkMigrations(header, code);
    const next = async (what: string) => {
      const r = await lines.next();
      if (r.done)
        throw unreadable(
          file,
          `文件在${what}处提前结束（被截断）/ the file ends early, at ${what} (truncated)`,
        );
      return r.value;
    };

    return await handle.session(async (s) => {
      const refusal = targetRefusal(await inspectTarget(s), header);
      if (refusal && !options.force) throw refusal;

      let xidAdvanced = 0;
      const carriesXids = header.tables.some((t) => t.columns.some((c) => c.type === 'xid8'));
      if (carriesXids) {
        const gap = await xidGap(s, header.xidHorizon);
        const limit = BigInt(options.maxXidAdvance ?? 100_000_000);
        if (gap > limit)
          throw new BackupError(
            'RESTORE_XID_GAP',
            `目标集群的事务号落后备份 ${gap} 个，超过上限 ${limit} / the target cluster's transaction counter is ${gap} behind the backup's (limit ${limit}). ` +
              `Restored receipts keep their source transaction ids (receipt-feed order), so the target's next id must reach ${header.xidHorizon}. ` +
              `Raise --max-xid-advance (measured here: about 2 s per million on PostgreSQL, 3 s on PGlite), or, on a new and stopped PostgreSQL cluster, run ${resetwal(header.xidHorizon)} first.`,
            [
              {
                field: 'xidHorizon',
                rule: 'target_reached',
                expected: header.xidHorizon,
                actual: `${gap} behind`,
              },
            ],
          );
        xidAdvanced = await advanceXids(s, header.xidHorizon, progress);
      }

      await s.exec('BEGIN');
      try {
        await s.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
        await setTextSettings(s);
        // Looked at again under the lock: nothing may have slipped in since.
        const state = await inspectTarget(s);
        const again = targetRefusal(state, header);
        if (again && !options.force) throw again;
        const replaced = again !== null;
        if (replaced) await clearPublicSchema(s);
        await migrateToLevel(s, header, code, replaced ? 0 : (state.migrations?.length ?? 0));

        const catalog = await readCatalog(s);
        checkSchema(header, catalog.tables, catalog.sequences);
        const loaded = await loadTables(s, file, header, catalog.tables, next, batchRows, progress);
        const end = parseLine(file, await next('the end marker'), '结束标记 end marker ') as { end?: string };
        if (end?.end !== BACKUP_FORMAT) throw unreadable(file, '缺少结束标记 / the end marker is missing');
        // Reading to the end of the stream is what makes gunzip check the CRC of the last member.
        if (!(await lines.next()).done)
          throw unreadable(file, '结束标记后还有数据 / data after the end marker');

        for (const q of header.sequences)
          await s.query(`SELECT setval($1::regclass, $2::bigint, $3::boolean)`, [
            qualified(q.name),
            q.lastValue,
            q.isCalled,
          ]);

        const tables = await verifyTables(s, header, catalog.tables, batchRows, progress);
        const seqs = await readSequences(
          s,
          header.sequences.map((q) => q.name),
        );
        const sequences = header.sequences.map((q, i) => ({
          ...q,
          ok: seqs[i]?.lastValue === q.lastValue && seqs[i]?.isCalled === q.isCalled,
        }));
        const bad = [
          ...tables
            .filter((t) => !t.ok)
            .map((t) => ({
              field: t.name,
              rule: 'rows_and_sha256',
              expected: `${t.expectedRows} rows, ${t.expectedSha256}`,
              actual: `${t.rows} rows, ${t.sha256}`,
            })),
          ...sequences
            .filter((q) => !q.ok)
            .map((q) => ({ field: q.name, rule: 'sequence_value', expected: q.lastValue })),
        ];
        if (bad.length > 0)
          throw new BackupError(
            'RESTORE_FAILED',
            `恢复后的数据与备份不一致，已回滚 / the restored data does not match the backup; rolled back`,
            bad,
          );
        await s.exec('COMMIT');
        // Fresh planner statistics (the embedded engine runs no autovacuum to gather them).
        await s.exec('ANALYZE').catch(() => {});
        const last = header.migrations.at(-1);
        return {
          file,
          bytes,
          seconds: nowSeconds(started),
          rows: loaded,
          tables,
          sequences,
          migration: last ? `${last.version}_${last.name}` : null,
          pendingMigrations: code.slice(header.migrations.length).map((m) => `${m.version}_${m.name}`),
          xidAdvanced,
          replaced,
          source: { engine: header.engine, serverVersion: header.serverVersion, createdAt: header.createdAt },
        };
      } catch (error) {
        await s.exec('ROLLBACK').catch(() => {});
        throw error;
      }
    });
  } finally {
    await lines.return(undefined);
  }
}

/** After migrating, the target's tables and columns must be exactly the backup's. */
function checkSchema(header: BackupHeader, tables: CatalogTable[], sequences: string[]): void {
  const problems: BackupErrorDetail[] = [];
  const target = new Map(tables.map((t) => [t.name, t]));
  for (const t of header.tables) {
    const mine = target.get(t.name);
    if (!mine) {
      problems.push({ field: t.name, rule: 'table_exists', expected: 'table', actual: 'missing' });
      continue;
    }
    const want = t.columns.map((c) => `${c.name} ${c.type}`).join(', ');
    const have = mine.columns.map((c) => `${c.name} ${c.type}`).join(', ');
    if (want !== have) problems.push({ field: t.name, rule: 'same_columns', expected: want, actual: have });
  }
  for (const t of tables)
    if (!header.tables.some((h) => h.name === t.name))
      problems.push({ field: t.name, rule: 'table_in_backup', expected: 'absent', actual: 'table' });
  for (const q of header.sequences)
    if (!sequences.includes(q.name))
      problems.push({ field: q.name, rule: 'sequence_exists', expected: 'sequence', actual: 'missing' });
  if (problems.length > 0)
    throw new BackupError(
      'RESTORE_FAILED',
      `迁移后的目标结构与备份不一致 / after migrating, the target's schema differs from the backup's`,
      problems,
    );
}

async function loadTables(
  s: ScriptSession,
  file: string,
  header: BackupHeader,
  tables: CatalogTable[],
  next: (what: string) => Promise<string>,
  batchRows: number,
  progress: BackupProgress,
): Promise<number> {
  const total = header.tables.reduce((n, t) => n + t.rows, 0);
  const step = '恢复 restore (rows)';
  progress(step, 0, total);
  let done = 0;
  for (const h of header.tables) {
    const t = tables.find((x) => x.name === h.name) as CatalogTable;
    const [present] = await s.query<{ any: string }>(
      `SELECT EXISTS (SELECT 1 FROM ${qualified(t.name)})::text AS any`,
    );
    if (present?.any === 'true')
      throw new BackupError(
        'RESTORE_FAILED',
        `迁移后表 ${t.name} 已有数据，无法恢复 / table ${t.name} holds rows after migrating; cannot restore into it`,
      );
    const marker = parseLine(
      file,
      await next(`table ${h.name}`),
      `表 ${h.name} 的开始 start of ${h.name} `,
    ) as {
      table?: string;
    };
    if (marker?.table !== h.name)
      throw unreadable(file, `应为表 ${h.name} 的开始 / expected the start of table ${h.name}`);
    const insert = insertStatement(t);
    const hash = createHash('sha256');
    let rows = 0;
    let batch: string[] = [];
    let batchBytes = 0;
    const flush = async () => {
      if (batch.length === 0) return;
      try {
        await s.query(insert, [`[${batch.join(',')}]`]);
      } catch (error) {
        throw new BackupError(
          'RESTORE_FAILED',
          `恢复表 ${t.name} 失败，已回滚 / restoring table ${t.name} failed; rolled back: ${(error as Error).message}`,
          [{ field: t.name, rule: 'insert', actual: (error as Error).message }],
        );
      }
      done += batch.length;
      progress(step, done, total);
      batch = [];
      batchBytes = 0;
    };
    for (;;) {
      const line = await next(`table ${h.name}`);
      if (line.startsWith('{')) {
        const end = parseLine(file, line, `表 ${h.name} 的结束 end of ${h.name} `) as {
          end?: string;
          rows?: number;
          sha256?: string;
        };
        if (end?.end !== h.name)
          throw unreadable(file, `应为表 ${h.name} 的结束 / expected the end of table ${h.name}`);
        break;
      }
      const values = parseLine(file, line, `表 ${h.name} 的行 a row of ${h.name} `);
      if (
        !Array.isArray(values) ||
        values.length !== t.columns.length ||
        !values.every((v) => v === null || typeof v === 'string')
      )
        throw unreadable(
          file,
          `表 ${h.name} 的第 ${rows + 1} 行格式不对 / row ${rows + 1} of ${h.name} is malformed`,
        );
      hash.update(`${line}\n`);
      rows += 1;
      batch.push(line);
      batchBytes += line.length;
      if (batch.length >= batchRows || batchBytes >= 4 << 20) await flush();
    }
    await flush();
    const sha256 = hash.digest('hex');
    if (rows !== h.rows || sha256 !== h.sha256)
      throw unreadable(
        file,
        `表 ${h.name} 的内容与文件头不符 / the rows of ${h.name} do not match the header`,
        [
          {
            field: h.name,
            rule: 'rows_and_sha256',
            expected: `${h.rows} rows, ${h.sha256}`,
            actual: `${rows} rows, ${sha256}`,
          },
        ],
      );
  }
  return done;
}

/** INSERT … SELECT from one JSON parameter (an array of row arrays): each text value goes through its type's input. */
function insertStatement(t: CatalogTable): string {
  const cols = t.columns.map((c) => quote(c.name)).join(', ');
  const values = t.columns.map((c, i) => `(v ->> ${i})::${c.type}`).join(', ');
  return `INSERT INTO ${qualified(t.name)} (${cols})${t.identityAlways ? ' OVERRIDING SYSTEM VALUE' : ''}
    SELECT ${values} FROM json_array_elements($1::text::json) AS r(v)`;
}

/** Reads every restored table back (same text forms, same order) and compares counts and SHA-256 with the header. */
async function verifyTables(
  s: ScriptSession,
  header: BackupHeader,
  tables: CatalogTable[],
  batchRows: number,
  progress: BackupProgress,
): Promise<RestoredTable[]> {
  const total = header.tables.reduce((n, t) => n + t.rows, 0);
  const step = '校验 verify (rows)';
  progress(step, 0, total);
  let done = 0;
  const out: RestoredTable[] = [];
  for (const h of header.tables) {
    const t = tables.find((x) => x.name === h.name) as CatalogTable;
    const hash = createHash('sha256');
    let rows = 0;
    await readTable(s, t, batchRows, (page) => {
      for (const values of page) hash.update(rowLine(values));
      rows += page.length;
      done += page.length;
      progress(step, done, total);
    });
    const sha256 = hash.digest('hex');
    out.push({
      name: h.name,
      expectedRows: h.rows,
      rows,
      expectedSha256: h.sha256,
      sha256,
      ok: rows === h.rows && sha256 === h.sha256,
    });
  }
  return out;
}
