/**
 * The operator facade: what the `crossgate` CLI may call (start, db migrate, seed, users, keys). The CLI
 * imports only this module and @crossgate/contract — never the database package or the server's insides
 * (docs/decisions/0003-cli-operator-facade.md).
 */
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import {
  backupDatabase,
  createDb,
  migrate,
  restoreDatabase,
  type BackupOptions,
  type BackupResult,
  type DbHandle,
  type RestoreOptions,
  type RestoreResult,
} from '@crossgate/db';
import type {
  TApiKey,
  TCreateOrganisation,
  TCreatedApiKey,
  TOrganisation,
  TUser,
  TPage,
  TSummaryRun,
  TRiskReplayResult,
} from '@crossgate/contract';
import {
  AGENCY_TYPES,
  ENTERPRISE_ROLES,
  ORGANISATION_KINDS,
  USER_ROLES,
  beijingDate,
  type UserRole,
} from '@crossgate/domain';
import { buildApp } from '../app.ts';
import { countStatement, serveClusterMetrics } from '../http/metrics.ts';
import { preparePersonalData } from '../services/personal-data.ts';
import { PersonalDataPlugin } from '../security/pii.ts';
import { replayRiskRules } from '../services/risk/replay.ts';
import { scanWarnings, type ScanResult } from '../services/risk/warnings.ts';
import { loadConfig, type ServerConfig } from '../config.ts';
import type { SignaturePolicy } from '../services/import/signature-policy.ts';
import { AppError, notFound } from '../errors.ts';
import { anyOrganisation, findOrganisationByCode } from '../repositories/organisations.ts';
import { defaultZoneSettings } from '../repositories/zone.ts';
import { findUsersByUsername, replacePassword } from '../repositories/users.ts';
import { revokeOtherSessions } from '../repositories/sessions.ts';
import { appendAudit } from '../repositories/audit.ts';
import { createApiKey, listApiKeys, revokeApiKey } from '../services/api-keys.ts';
import { systemContext } from '../services/context.ts';
import { hashPassword } from '../services/credentials.ts';
import { createOrganisation, listOrganisations } from '../services/organisations.ts';
import { createUser, listUsers } from '../services/users.ts';
import { demoLogins, hasDemo, seedDemo, type DemoLogin, type DemoPasswords } from '../seed/demo.ts';
import { assertStrongPassword } from '../services/passwords.ts';
import {
  adoptLegacyKeyFile,
  assertPrivateKeyFile,
  securePrivateDirectory,
} from '../security/private-files.ts';
import { DEMO_PASSWORDS_FILE, readDemoPasswords, saveDemoPasswords } from './demo-passwords.ts';
import { seedReference, type Progress } from '../seed/reference.ts';
import { seedZone } from '../seed/zone.ts';
import { deliverDueWebhooks, type Fetch } from '../services/webhooks.ts';
import { runCustomsSchedule } from '../services/import/schedules.ts';
import { runMonthlySummary } from '../services/export/declarations.ts';
import { runExportSchedule } from '../services/export/schedule.ts';
import { runStatisticsUntilIdle } from '../services/statistics/worker.ts';
import { issueTraceCodes } from '../services/trace/codes.ts';

export {
  loadConfig,
  readDemoPasswords,
  DEMO_PASSWORDS_FILE,
  AppError,
  USER_ROLES,
  ORGANISATION_KINDS,
  ENTERPRISE_ROLES,
  AGENCY_TYPES,
};
export type { ServerConfig, Progress, DemoLogin, UserRole };

const silent: Progress = () => {};

export async function openDatabase(config: ServerConfig): Promise<DbHandle> {
  return createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
}

async function withDatabase<T>(config: ServerConfig, fn: (db: DbHandle) => Promise<T>): Promise<T> {
  const db = await openDatabase(config);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

/** `crossgate db backup`: a logical backup of the whole database in one file (docs/decisions/0016-backups.md). */
export async function runBackup(config: ServerConfig, options: BackupOptions): Promise<BackupResult> {
  return withDatabase(config, (db) => backupDatabase(db, options));
}

/** `crossgate db restore`: a backup into the configured database, which must be empty; verified before it commits. */
export async function runRestore(config: ServerConfig, options: RestoreOptions): Promise<RestoreResult> {
  return withDatabase(config, (db) => restoreDatabase(db, options));
}

export async function runMigrations(config: ServerConfig, progress: Progress = silent) {
  return withDatabase(config, (db) =>
    migrate(db, { onProgress: (done, total) => progress('迁移 migrations', done, total) }),
  );
}

export interface SeedResult {
  reference: Record<string, number>;
  zone: string | null;
  /** The demo users when this call loaded them, with their passwords (shown once); null otherwise. */
  demo: DemoLogin[] | null;
}

/**
 * How the demo users get their passwords: CROSSGATE_DEMO_PASSWORD for all (tests, benchmarks; it must pass the
 * password rules), else a strong random one each.
 */
function demoPasswordsOf(config: ServerConfig): DemoPasswords {
  if (!config.demoPassword) return { generate: true };
  assertStrongPassword('CROSSGATE_DEMO_PASSWORD', config.demoPassword);
  return { password: config.demoPassword };
}

/** Reference data and the default zone always (when missing); the demo when asked. */
async function seed(
  db: DbHandle,
  config: ServerConfig,
  options: { demo: boolean; progress: Progress },
): Promise<SeedResult> {
  const ctx = systemContext();
  const passwords = options.demo ? demoPasswordsOf(config) : undefined;
  const reference = await seedReference(db.db, ctx, options.progress);
  const zone = await seedZone(db.db, ctx);
  const demo = passwords ? await seedDemo(db.db, ctx, options.progress, passwords) : null;
  // Generated passwords are also kept for `crossgate simulate` in a 0600 file of the private data directory.
  if (demo && 'generate' in (passwords ?? {})) saveDemoPasswords(config.dataDir, demo);
  return { reference, zone, demo };
}

/**
 * Makes the data directory private (0700, files 0600) and moves a key file left at the old default into it
 * (decision 0022). Notices say what changed, for the operator.
 */
export function prepareDataDirectory(config: ServerConfig): string[] {
  // An unsafe key file is refused before anything else is done — before the data directory's modes are
  // tightened too, which would hide that others could read it (the keyring load checks it again).
  if (!config.piiKeys && existsSync(config.piiKeyFile)) assertPrivateKeyFile(config.piiKeyFile);
  return [...securePrivateDirectory(config.dataDir), ...adoptLegacyKeyFile(config)];
}

export async function runSeed(
  config: ServerConfig,
  options: { demo: boolean; progress?: Progress },
): Promise<SeedResult & { notices: string[] }> {
  if (options.demo) demoPasswordsOf(config); // a weak CROSSGATE_DEMO_PASSWORD is refused before any work
  const notices = prepareDataDirectory(config);
  const result = await withDatabase(config, async (db) => {
    await migrate(db);
    return seed(db, config, { demo: options.demo, progress: options.progress ?? silent });
  });
  return { ...result, notices };
}

export interface RunningServer {
  url: string;
  engine: string;
  location: string;
  /** The address listened on (HOST; 127.0.0.1 unless configured). */
  host: string;
  /** The port listened on: PORT, or the one the system chose when PORT is 0. */
  port: number;
  seeded: SeedResult;
  /** The demo users, when the database has the demo; with their passwords only on the start that created them. */
  demoLogins: DemoLogin[];
  /** The signature policy in force and where it comes from (decision 0024), for the start banner. */
  signatures: SignaturesInForce;
  /** What start-up changed on disk (permissions tightened, key file moved), for the operator. */
  notices: string[];
  close(): Promise<void>;
}

/** Migrates and seeds: reference data and zone when missing, the demo when asked and the database is new. */
async function prepare(
  db: DbHandle,
  config: ServerConfig,
  demo: 'first-run' | 'never',
  progress: Progress,
): Promise<SeedResult> {
  await migrate(db);
  const firstRun = !(await anyOrganisation(db.db));
  return seed(db, config, { demo: demo === 'first-run' && firstRun, progress });
}

/** The demo users to list at start: the new ones with their passwords, or the existing ones without. */
async function loginsToShow(db: DbHandle, seeded: SeedResult): Promise<DemoLogin[]> {
  if (seeded.demo) return seeded.demo;
  return (await hasDemo(db.db)) ? demoLogins() : [];
}

export interface SignaturesInForce {
  policy: SignaturePolicy;
  /** `zone`: the zone office chose it (PATCH /api/v1/zone); `server`: CROSSGATE_SIGNATURE_POLICY or its default. */
  source: 'zone' | 'server';
}

/** The signature policy the gateway applies: the zone's choice, else the server's default. */
export async function signaturesInForce(db: DbHandle, config: ServerConfig): Promise<SignaturesInForce> {
  const zone = await defaultZoneSettings(db.db);
  const chosen = zone?.signature_policy as SignaturePolicy | null | undefined;
  return chosen ? { policy: chosen, source: 'zone' } : { policy: config.signaturePolicy, source: 'server' };
}

/** What `start` does before serving, for a cluster primary that then forks the serving workers. */
export async function prepareDatabase(
  config: ServerConfig,
  options: { demo: 'first-run' | 'never'; progress?: Progress },
): Promise<{
  seeded: SeedResult;
  demoLogins: DemoLogin[];
  notices: string[];
  signatures: SignaturesInForce;
}> {
  if (options.demo === 'first-run') demoPasswordsOf(config);
  const notices = prepareDataDirectory(config);
  return withDatabase(config, async (db) => {
    const seeded = await prepare(db, config, options.demo, options.progress ?? silent);
    // The key file is created here, once, before the workers that read it are forked.
    await preparePersonalData(db.db, config);
    return {
      seeded,
      demoLogins: await loginsToShow(db, seeded),
      notices,
      signatures: await signaturesInForce(db, config),
    };
  });
}

/**
 * `crossgate start`: makes the data directory private, migrates, seeds reference data and the zone, loads the demo
 * on first run only when asked (`--demo`), then serves API and web on HOST:PORT (127.0.0.1:8080 by default).
 */
export async function startServer(
  config: ServerConfig,
  options: {
    demo: 'first-run' | 'never';
    progress?: Progress;
    logger?: boolean;
    /** false when a cluster primary already prepared the database (see prepareDatabase). */
    setup?: boolean;
    /** Run the background jobs (webhook delivery, customs calendar) in this process. */
    background?: boolean;
  },
): Promise<RunningServer> {
  if (options.setup !== false && options.demo === 'first-run') demoPasswordsOf(config);
  const notices = options.setup === false ? [] : prepareDataDirectory(config);
  // The serving handle counts its statements for /metrics (crossgate_db_statements_total, decision 0041).
  const db = await createDb({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    onStatement: countStatement,
  });
  try {
    const seeded =
      options.setup === false
        ? { reference: {}, zone: null, demo: null }
        : await prepare(db, config, options.demo, options.progress ?? silent);
    const app = await buildApp({ config, database: db, logger: options.logger ?? true });
    const address = await app.listen({ port: config.port, host: config.host });
    // Port 0: the system picks a free port; announce the one actually bound, never the 0 asked for.
    const port = (app.server.address() as AddressInfo).port;
    const url = ['0.0.0.0', '::', '127.0.0.1'].includes(config.host) ? `http://localhost:${port}` : address;
    const logins = await loginsToShow(db, seeded);
    // Receipt push runs beside the API: every second, due webhooks get their next batch.
    let delivering = false;
    const background = options.background !== false;
    const worker = setInterval(() => {
      if (!background) return;
      if (delivering) return;
      delivering = true;
      deliverDueWebhooks(db.db, {
        now: () => new Date(),
        fetch: fetch as unknown as Fetch,
        allowPrivateTargets: config.webhookAllowPrivate,
      })
        .catch((error: unknown) => app.log.error({ err: error }, 'webhook delivery failed'))
        .finally(() => {
          delivering = false;
        });
    }, 1000);
    // Statistics rollups (issue 20, decision 0048): every two seconds, outside the clearance transactions.
    let rolling = false;
    const statistics = setInterval(() => {
      if (!background || rolling) return;
      rolling = true;
      runStatisticsUntilIdle(db.db, { maxBatches: 20 })
        .catch((error: unknown) => app.log.error({ err: error }, 'statistics rollup failed'))
        .finally(() => {
          rolling = false;
        });
    }, 2000);
    // The customs calendar (closing after the return window, tax consolidation) runs every minute.
    const calendar = setInterval(() => {
      if (!background) return;
      runCustomsSchedule(db.db, new Date()).catch((error: unknown) =>
        app.log.error({ err: error }, 'customs schedule failed'),
      );
      runExportSchedule({ db: db.db }, new Date()).catch((error: unknown) =>
        app.log.error({ err: error }, 'export summary schedule failed'),
      );
      issueTraceCodes(db.db, new Date()).catch((error: unknown) =>
        app.log.error({ err: error }, 'traceability code issuing failed'),
      );
    }, 60_000);
    // The warning scan (decision 0047) every ten minutes over yesterday and today (Beijing days): idempotent, so
    // overlapping runs and several processes raise each warning once.
    let scanning = false;
    const warningScan = setInterval(() => {
      if (!background || scanning) return;
      scanning = true;
      const now = new Date();
      scanWarnings({ db: db.db.withPlugin(new PersonalDataPlugin()) }, systemContext(now), {
        from: beijingDate(new Date(now.getTime() - 86_400_000)),
        to: beijingDate(now),
      })
        .catch((error: unknown) => app.log.error({ err: error }, 'risk warning scan failed'))
        .finally(() => {
          scanning = false;
        });
    }, 600_000);
    return {
      url,
      engine: db.engine,
      location: db.location,
      host: config.host,
      port,
      seeded,
      demoLogins: logins,
      signatures: await signaturesInForce(db, config),
      notices,
      close: async () => {
        clearInterval(worker);
        clearInterval(calendar);
        clearInterval(warningScan);
        clearInterval(statistics);
        await app.close();
        await db.close();
      },
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}

async function orgIdByCode(db: DbHandle, code: string): Promise<string> {
  const org = await findOrganisationByCode(db.db, code);
  if (!org) throw notFound('org', code);
  return org.id;
}

export async function addUser(
  config: ServerConfig,
  input: {
    orgCode: string;
    username: string;
    displayName: string;
    password: string;
    roles: UserRole[];
    locale?: 'zh-CN' | 'en';
  },
): Promise<TUser> {
  return withDatabase(config, async (db) => {
    const orgId = await orgIdByCode(db, input.orgCode);
    return createUser({ db: db.db }, systemContext(), {
      orgId,
      username: input.username,
      displayName: input.displayName,
      password: input.password,
      roles: input.roles,
      locale: input.locale ?? 'zh-CN',
    });
  });
}

export async function listUsersOf(
  config: ServerConfig,
  input: { orgCode?: string; page: number; pageSize: number },
): Promise<TPage<TUser>> {
  return withDatabase(config, async (db) => {
    const orgId = input.orgCode ? await orgIdByCode(db, input.orgCode) : undefined;
    return listUsers({ db: db.db }, systemContext(), { page: input.page, pageSize: input.pageSize }, orgId);
  });
}

/**
 * `crossgate users reset-password`: an operator sets a user's password (it must pass the password rules). Every
 * session of the user is signed out. With `mustChange`, the password is temporary: the user must choose their
 * own at the next sign-in (decision 0022). Usernames are unique per organisation (decision 0024): a name held in
 * several organisations needs the organisation's code.
 */
export async function resetPassword(
  config: ServerConfig,
  input: {
    username: string;
    password: string;
    mustChange?: boolean | undefined;
    orgCode?: string | undefined;
  },
): Promise<void> {
  await withDatabase(config, async (db) => {
    const [user, other] = await findUsersByUsername(db.db, input.username, {
      orgCode: input.orgCode,
      limit: 2,
    });
    if (!user) throw notFound('username', input.username);
    if (other)
      throw new AppError('RULE_VIOLATION', [
        {
          field: 'org',
          rule: 'the username is used in several organisations: name the organisation (--org <code>)',
          actual: input.username,
        },
      ]);
    assertStrongPassword('password', input.password, user.username);
    const hash = await hashPassword(input.password);
    const ctx = systemContext();
    await db.db.transaction().execute(async (trx) => {
      await replacePassword(trx, user.id, hash, ctx.now, input.mustChange === true);
      const revokedSessions = await revokeOtherSessions(trx, user.id, null, ctx.now);
      await appendAudit(trx, ctx, {
        action: 'user.password_reset',
        targetType: 'user',
        targetId: user.id,
        targetOrgId: user.org_id,
        after: { mustChangePassword: input.mustChange === true, revokedSessions },
      });
    });
  });
}

export async function issueKey(
  config: ServerConfig,
  input: { orgCode: string; name: string; scopes?: TCreatedApiKey['scopes'] | undefined },
): Promise<TCreatedApiKey> {
  return withDatabase(config, async (db) => {
    const org = await findOrganisationByCode(db.db, input.orgCode);
    if (!org) throw notFound('org', input.orgCode);
    if (org.kind !== 'enterprise')
      throw new AppError('RULE_VIOLATION', [
        { field: 'org', rule: 'API keys are issued to enterprises', actual: org.kind },
      ]);
    return createApiKey({ db: db.db }, systemContext(), {
      name: input.name,
      orgId: org.id,
      scopes: input.scopes,
    });
  });
}

export async function listKeys(
  config: ServerConfig,
  input: { orgCode?: string; page: number; pageSize: number },
): Promise<TPage<TApiKey>> {
  return withDatabase(config, async (db) => {
    const orgId = input.orgCode ? await orgIdByCode(db, input.orgCode) : undefined;
    return listApiKeys({ db: db.db }, systemContext(), { page: input.page, pageSize: input.pageSize }, orgId);
  });
}

export async function revokeKey(config: ServerConfig, id: string): Promise<TApiKey> {
  return withDatabase(config, (db) => revokeApiKey({ db: db.db }, systemContext(), id));
}

export async function registerOrganisation(
  config: ServerConfig,
  input: TCreateOrganisation,
): Promise<TOrganisation> {
  return withDatabase(config, (db) => createOrganisation({ db: db.db }, systemContext(), input));
}

export async function listOrganisationsOf(
  config: ServerConfig,
  input: { q?: string; kind?: TOrganisation['kind']; page: number; pageSize: number },
): Promise<TPage<TOrganisation>> {
  return withDatabase(config, (db) => listOrganisations({ db: db.db }, systemContext(), input));
}

/**
 * Forms a month's export summary declarations now (`crossgate summary --month`), as the system: every closed
 * B-type inventory of the month not yet summarised (海关总署公告2018年第194号).
 */
export async function formExportSummary(
  config: ServerConfig,
  input: { month: string; summaryFlag: '1' | '2'; itemNameFlag: '1' | ''; ebcCode?: string | undefined },
): Promise<TSummaryRun> {
  return withDatabase(config, (db) => runMonthlySummary({ db: db.db }, systemContext(), input, 'manual'));
}

export { serveClusterMetrics };
export { addPersonalDataKey, personalDataStatus, rotatePersonalDataKeys } from './personal-data.ts';

/**
 * `crossgate risk replay`: a rule-set body (a draft's JSON) judged over the import parcels received in a date
 * range, as the customs risk officer's test bench does (POST /api/v1/risk/replay), with progress per batch.
 */
export async function replayRiskRuleFile(
  config: ServerConfig,
  input: { body: unknown; from: string; to: string; limit?: number },
  progress: (done: number, total: number) => void = () => {},
): Promise<TRiskReplayResult> {
  return withDatabase(config, async (handle) => {
    await preparePersonalData(handle.db, config);
    const db = handle.db.withPlugin(new PersonalDataPlugin());
    return replayRiskRules(
      { db },
      systemContext(),
      { body: input.body, from: input.from, to: input.to, limit: input.limit ?? 20 },
      progress,
    );
  });
}

/**
 * `crossgate risk scan`: the warning scan (预警扫描, decision 0047) over the parcels received in a date range
 * (Beijing days, inclusive), as the server's schedule runs it; idempotent, with progress per stage.
 */
export async function scanRiskWarnings(
  config: ServerConfig,
  input: { from: string; to: string },
  progress: (stage: string, done: number) => void = () => {},
): Promise<ScanResult> {
  return withDatabase(config, async (handle) => {
    await preparePersonalData(handle.db, config);
    const db = handle.db.withPlugin(new PersonalDataPlugin());
    return scanWarnings({ db }, systemContext(), input, progress);
  });
}
