/**
 * The operator facade: what the `crossgate` CLI may call (start, db migrate, seed, users, keys). The CLI
 * imports only this module and @crossgate/contract — never the database package or the server's insides
 * (docs/decisions/0003-cli-operator-facade.md).
 */
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
} from '@crossgate/contract';
import {
  AGENCY_TYPES,
  ENTERPRISE_ROLES,
  ORGANISATION_KINDS,
  USER_ROLES,
  type UserRole,
} from '@crossgate/domain';
import { buildApp } from '../app.ts';
import { preparePersonalData } from '../services/personal-data.ts';
import { loadConfig, type ServerConfig } from '../config.ts';
import type { SignaturePolicy } from '../services/import/signature-policy.ts';
import { AppError, notFound } from '../errors.ts';
import { findOrganisationByCode } from '../repositories/organisations.ts';
import { findUsersByUsername, setPasswordHash } from '../repositories/users.ts';
import { appendAudit } from '../repositories/audit.ts';
import { createApiKey, listApiKeys, revokeApiKey } from '../services/api-keys.ts';
import { systemContext } from '../services/context.ts';
import { hashPassword } from '../services/credentials.ts';
import { createOrganisation, listOrganisations } from '../services/organisations.ts';
import { createUser, listUsers } from '../services/users.ts';
import { DEMO_PASSWORD, demoLogins, hasDemo, seedDemo, type DemoLogin } from '../seed/demo.ts';
import { seedReference, type Progress } from '../seed/reference.ts';
import { seedZone } from '../seed/zone.ts';
import { deliverDueWebhooks, type Fetch } from '../services/webhooks.ts';
import { runCustomsSchedule } from '../services/import/schedules.ts';
import { runMonthlySummary } from '../services/export/declarations.ts';
import { runExportSchedule } from '../services/export/schedule.ts';

export {
  loadConfig,
  DEMO_PASSWORD,
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
  demo: DemoLogin[] | null;
}

/** Reference data and the default zone always (when missing); the demo when asked. */
async function seed(db: DbHandle, options: { demo: boolean; progress: Progress }): Promise<SeedResult> {
  const ctx = systemContext();
  const reference = await seedReference(db.db, ctx, options.progress);
  const zone = await seedZone(db.db, ctx);
  const demo = options.demo ? await seedDemo(db.db, ctx, options.progress) : null;
  return { reference, zone, demo };
}

export async function runSeed(
  config: ServerConfig,
  options: { demo: boolean; progress?: Progress },
): Promise<SeedResult> {
  return withDatabase(config, async (db) => {
    await migrate(db);
    return seed(db, { demo: options.demo, progress: options.progress ?? silent });
  });
}

export interface RunningServer {
  url: string;
  engine: string;
  location: string;
  seeded: SeedResult;
  demoLogins: DemoLogin[];
  /** The signature policy in force and where it comes from (decision 0024), for the start banner. */
  signatures: SignaturesInForce;
  close(): Promise<void>;
}

/**
 * Migrates, seeds reference data and the zone, seeds the demo on first run (an empty database) unless told
 * not to, then serves API and web.
 */
/** Migrates and seeds: reference data and zone when missing, the demo when the database is new. */
async function prepare(db: DbHandle, demo: 'first-run' | 'never', progress: Progress): Promise<SeedResult> {
  await migrate(db);
  const firstRun = (await db.db.selectFrom('organisations').select('id').executeTakeFirst()) === undefined;
  return seed(db, { demo: demo === 'first-run' && firstRun, progress });
}

export interface SignaturesInForce {
  policy: SignaturePolicy;
  /** `zone`: the zone office chose it (PATCH /api/v1/zone); `server`: CROSSGATE_SIGNATURE_POLICY or its default. */
  source: 'zone' | 'server';
}

/** The signature policy the gateway applies: the zone's choice, else the server's default. */
export async function signaturesInForce(db: DbHandle, config: ServerConfig): Promise<SignaturesInForce> {
  const zone = await db.db
    .selectFrom('zones')
    .select('signature_policy')
    .where('is_default', '=', true)
    .executeTakeFirst();
  const chosen = zone?.signature_policy as SignaturePolicy | null | undefined;
  return chosen ? { policy: chosen, source: 'zone' } : { policy: config.signaturePolicy, source: 'server' };
}

/** What `start` does before serving, for a cluster primary that then forks the serving workers. */
export async function prepareDatabase(
  config: ServerConfig,
  options: { demo: 'first-run' | 'never'; progress?: Progress },
): Promise<{ seeded: SeedResult; demoLogins: DemoLogin[]; signatures: SignaturesInForce }> {
  return withDatabase(config, async (db) => {
    const seeded = await prepare(db, options.demo, options.progress ?? silent);
    // The key file is created here, once, before the workers that read it are forked.
    await preparePersonalData(db.db, config);
    return {
      seeded,
      demoLogins: (await hasDemo(db.db)) ? demoLogins() : [],
      signatures: await signaturesInForce(db, config),
    };
  });
}

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
  const db = await openDatabase(config);
  try {
    const seeded =
      options.setup === false
        ? { reference: {}, zone: null, demo: null }
        : await prepare(db, options.demo, options.progress ?? silent);
    const app = await buildApp({ config, database: db, logger: options.logger ?? true });
    const address = await app.listen({ port: config.port, host: config.host });
    const url = ['0.0.0.0', '::', '127.0.0.1'].includes(config.host)
      ? `http://localhost:${config.port}`
      : address;
    const logins = (await hasDemo(db.db)) ? demoLogins() : [];
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
    // The customs calendar (closing after the return window, tax consolidation) runs every minute.
    const calendar = setInterval(() => {
      if (!background) return;
      runCustomsSchedule(db.db, new Date()).catch((error: unknown) =>
        app.log.error({ err: error }, 'customs schedule failed'),
      );
      runExportSchedule({ db: db.db }, new Date()).catch((error: unknown) =>
        app.log.error({ err: error }, 'export summary schedule failed'),
      );
    }, 60_000);
    return {
      url,
      engine: db.engine,
      location: db.location,
      seeded,
      demoLogins: logins,
      signatures: await signaturesInForce(db, config),
      close: async () => {
        clearInterval(worker);
        clearInterval(calendar);
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
 * Sets a user's password (operator CLI). Usernames are unique per organisation (decision 0024): a name held in
 * several organisations needs the organisation's code.
 */
export async function resetPassword(
  config: ServerConfig,
  input: { username: string; password: string; orgCode?: string | undefined },
): Promise<void> {
  if (input.password.length < 10)
    throw new AppError('VALIDATION_FAILED', [
      { field: 'password', rule: 'at least 10 characters', actual: `${input.password.length} characters` },
    ]);
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
    const hash = await hashPassword(input.password);
    const ctx = systemContext();
    await db.db.transaction().execute(async (trx) => {
      await setPasswordHash(trx, user.id, hash, ctx.now);
      await appendAudit(trx, ctx, {
        action: 'user.password_reset',
        targetType: 'user',
        targetId: user.id,
        targetOrgId: user.org_id,
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

export { addPersonalDataKey, personalDataStatus, rotatePersonalDataKeys } from './personal-data.ts';
