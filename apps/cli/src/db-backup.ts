import { existsSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import { loadConfig, runBackup, runRestore } from '@crossgate/server/ops';
import { progressReporter } from './progress.ts';

/**
 * `crossgate db backup` and `crossgate db restore` (docs/decisions/0016-backups.md). The work is done by
 * @crossgate/db through the operator facade; this file parses options, shows progress and prints summaries.
 *
 * Exit codes besides the CLI's usual ones: 6 the target database is not empty; 9 the backup file is refused
 * (missing, truncated, corrupted, not a backup, or from a newer build); 10 the backup or restore failed and
 * nothing was kept (a restore is rolled back, a backup file is not written).
 */
const BACKUP_EXIT: Record<string, number> = {
  RESTORE_TARGET_NOT_EMPTY: 6,
  BACKUP_UNREADABLE: 9,
  BACKUP_INCOMPATIBLE: 9,
  BACKUP_UNSUPPORTED: 10,
  RESTORE_FAILED: 10,
  RESTORE_XID_GAP: 10,
};

interface Refusal {
  code: string;
  message: string;
  details?: { field: string; rule: string; expected?: string; actual?: string }[];
}
const isRefusal = (e: unknown): e is Refusal =>
  typeof e === 'object' &&
  e !== null &&
  typeof (e as { code?: unknown }).code === 'string' &&
  (e as { code: string }).code in BACKUP_EXIT;

type Run = <A extends unknown[]>(fn: (...args: A) => Promise<void>) => (...args: A) => void | Promise<void>;

const count = (n: number) => n.toLocaleString('en-US');
const size = (bytes: number) =>
  bytes >= 1 << 20
    ? `${(bytes / (1 << 20)).toFixed(1)} MiB`
    : bytes >= 1 << 10
      ? `${(bytes / (1 << 10)).toFixed(1)} KiB`
      : `${bytes} B`;
/** Tables in the summaries by name (the file holds them in foreign-key order). */
const byName = <T extends { name: string }>(tables: T[]) =>
  [...tables].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
const out = (line = '') => process.stdout.write(`${line}\n`);

/** Prints a refusal in the API error shape and exits with its code; anything else goes to the CLI's handler. */
async function refusalsExit(fn: () => Promise<void>, progress: { finish(): void }): Promise<void> {
  try {
    await fn();
  } catch (error) {
    progress.finish();
    if (!isRefusal(error)) throw error;
    process.stderr.write(`错误 error ${error.code}: ${error.message}\n`);
    for (const d of error.details ?? [])
      process.stderr.write(
        `  - ${d.field}: ${d.rule}${d.expected ? `; expected ${d.expected}` : ''}${d.actual ? `; actual ${d.actual}` : ''}\n`,
      );
    process.exit(BACKUP_EXIT[error.code] ?? 1);
  }
}

const atLeast = (min: number) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`a whole number ≥ ${min}`);
  return n;
};

const EXIT_HELP =
  '\nExit codes: 0 done; 2 usage; 6 the target database is not empty; 9 the backup file is refused (missing, ' +
  'truncated, corrupted, not a backup, from a newer build); 10 failed, nothing kept (see docs/decisions/0016-backups.md).';

export function addBackupCommands(db: Command, run: Run): void {
  db.command('backup')
    .description(
      'write a logical backup of the whole database to one gzip file, read in one consistent snapshot; ' +
        'it restores into either engine (PGlite or PostgreSQL). Personal data is carried as stored ' +
        '(encrypted): the key file is NOT in the backup — back up the key file separately. PostgreSQL: it may ' +
        'run while servers run; embedded PGlite: stop the server first (one process per data directory).',
    )
    .requiredOption('-o, --out <file>', 'the backup file to write (replaced atomically when it exists)')
    .option('--batch-rows <n>', 'rows read per page', atLeast(1), 1000)
    .addHelpText('after', EXIT_HELP)
    .action(
      run(async (o: { out: string; batchRows: number }) => {
        const progress = progressReporter();
        await refusalsExit(async () => {
          const r = await runBackup(loadConfig(), {
            out: o.out,
            batchRows: o.batchRows,
            onProgress: progress.report,
          });
          progress.finish();
          out(`备份 backup ${r.file}  (${r.engine}, migration ${r.migration ?? 'none'})`);
          out(`${'表 table'.padEnd(32)} ${'行 rows'.padStart(10)}  SHA-256`);
          for (const t of byName(r.tables))
            out(`${t.name.padEnd(32)} ${count(t.rows).padStart(10)}  ${t.sha256}`);
          const used = r.sequences.filter((q) => q.isCalled);
          if (used.length > 0)
            out(`序列 sequences: ${used.map((q) => `${q.name}=${q.lastValue}`).join(', ')}`);
          out(
            `合计 total: ${r.tables.length} tables, ${count(r.rows)} rows, ${size(r.bytes)}, ${r.seconds.toFixed(1)} s`,
          );
          out('提示 note: the key file of personal data is not in the backup — back it up separately.');
        }, progress);
      }),
    );

  db.command('restore')
    .description(
      'restore a backup made by `db backup` into the configured database, which must be empty: migrates it to ' +
        "the backup's level, loads every table, restores sequences and verifies row counts and SHA-256 of every " +
        'table before committing — all in one transaction, so a failed restore leaves the target as it was. ' +
        'Stop the server first. Encrypted personal data needs the same key file as the source (not in the backup).',
    )
    .requiredOption('-i, --in <file>', 'the backup file')
    .option(
      '--force',
      'replace whatever the target holds: its objects are dropped inside the restore transaction (kept if the restore fails)',
    )
    .option(
      '--max-xid-advance <n>',
      "transaction ids the restore may consume so a new cluster's counter passes the backup's (receipt-feed order)",
      atLeast(0),
      100_000_000,
    )
    .addHelpText('after', EXIT_HELP)
    .action(
      run(async (o: { in: string; force?: boolean; maxXidAdvance: number }) => {
        const progress = progressReporter();
        await refusalsExit(async () => {
          // A missing file is refused before any database is opened (an embedded one would be created).
          if (!existsSync(o.in))
            throw {
              code: 'BACKUP_UNREADABLE',
              message: `备份文件无法使用 / backup file cannot be used (${o.in}): 文件不存在 / no such file`,
            } satisfies Refusal;
          const r = await runRestore(loadConfig(), {
            file: o.in,
            force: o.force === true,
            maxXidAdvance: o.maxXidAdvance,
            onProgress: progress.report,
          });
          progress.finish();
          out(
            `恢复 restore ${r.file}  (made ${r.source.createdAt} on ${r.source.engine} ${r.source.serverVersion}, migration ${r.migration ?? 'none'})`,
          );
          if (r.replaced) out('原有内容已替换 the previous contents were replaced (--force)');
          out(
            `${'表 table'.padEnd(32)} ${'备份 backup'.padStart(12)} ${'恢复 restored'.padStart(14)}  校验 check`,
          );
          for (const t of byName(r.tables))
            out(
              `${t.name.padEnd(32)} ${count(t.expectedRows).padStart(12)} ${count(t.rows).padStart(14)}  ${t.ok ? 'ok  SHA-256 相符 matches' : 'MISMATCH 不符'}`,
            );
          const used = r.sequences.filter((q) => q.isCalled);
          if (used.length > 0)
            out(
              `序列 sequences: ${used.map((q) => `${q.name}=${q.lastValue}${q.ok ? '' : ' MISMATCH'}`).join(', ')}`,
            );
          if (r.xidAdvanced > 0) out(`事务号已推进 transaction ids advanced: ${count(r.xidAdvanced)}`);
          if (r.pendingMigrations.length > 0)
            out(
              `较新的迁移 newer migrations of this build, applied by \`crossgate db migrate\` or at start: ${r.pendingMigrations.join(', ')}`,
            );
          out(
            `合计 total: ${r.tables.length} tables, ${count(r.rows)} rows verified, ${size(r.bytes)}, ${r.seconds.toFixed(1)} s`,
          );
        }, progress);
      }),
    );
}
