import cluster from 'node:cluster';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { beijingClock, ERROR_CODES, type ErrorCode } from '@crossgate/contract';
import {
  AGENCY_TYPES,
  DEMO_PASSWORDS_FILE,
  ENTERPRISE_ROLES,
  ORGANISATION_KINDS,
  USER_ROLES,
  addUser,
  issueKey,
  listKeys,
  listOrganisationsOf,
  listUsersOf,
  loadConfig,
  prepareDatabase,
  readDemoPasswords,
  registerOrganisation,
  resetPassword,
  revokeKey,
  runMigrations,
  runSeed,
  startServer,
  serveClusterMetrics,
  formExportSummary,
  replayRiskRuleFile,
  scanRiskWarnings,
  type DemoLogin,
  type UserRole,
} from '@crossgate/server/ops';
import { progressReporter } from './progress.ts';
import { registerPiiCommands } from './pii-commands.ts';
import { simulateImport } from './simulate.ts';
import { defaultOutputDir, defaultPlatformUrl, ensureReachable, networkCode } from './reach.ts';
import { exportFirstTicket } from './export-first-ticket.ts';
import { addBackupCommands } from './db-backup.ts';

// Everything this process writes — the embedded database, key files, backups — is its user's alone (decision
// 0022): files 0600, directories 0700. Forked workers run this file too.
process.umask(0o077);

/**
 * Exit codes: 0 ok; 1 internal error; 2 usage; then one per API error family, so scripts can tell a
 * refusal from an outage. The printed code is the API's own (`VALIDATION_FAILED`, `NOT_FOUND`, …).
 */
const EXIT: Partial<Record<ErrorCode, number>> = {
  VALIDATION_FAILED: 3,
  RULE_VIOLATION: 3,
  UNAUTHENTICATED: 4,
  LOGIN_FAILED: 4,
  FORBIDDEN: 4,
  PASSWORD_CHANGE_REQUIRED: 4,
  NOT_FOUND: 5,
  CONFLICT: 6,
  API_KEY_LIMIT_REACHED: 6,
  WEBHOOK_LIMIT_REACHED: 6,
  UPLOAD_IN_PROGRESS: 6,
  UPLOAD_TOO_LARGE: 3,
  UPLOAD_TOO_MANY_ROWS: 3,
  UPLOAD_TOO_COMPLEX: 3,
  DATABASE_UNAVAILABLE: 7,
  RATE_LIMITED: 11,
  UPLOADS_BUSY: 11,
};

interface CodedError {
  code: ErrorCode;
  details?: { field: string; rule: string; expected?: string; actual?: string }[];
}
const isCoded = (e: unknown): e is CodedError =>
  typeof e === 'object' &&
  e !== null &&
  typeof (e as { code?: unknown }).code === 'string' &&
  (e as { code: string }).code in ERROR_CODES;

function fail(error: unknown): never {
  if (isCoded(error)) {
    process.stderr.write(
      `错误 error ${error.code}: ${ERROR_CODES[error.code].zh} / ${ERROR_CODES[error.code].en}\n`,
    );
    for (const d of error.details ?? []) {
      process.stderr.write(
        `  - ${d.field}: ${d.rule}${d.expected ? `; expected ${d.expected}` : ''}${d.actual ? `; actual ${d.actual}` : ''}\n`,
      );
    }
    process.exit(EXIT[error.code] ?? 1);
  }
  // A failed fetch says only "fetch failed": name the network reason undici keeps in its cause.
  const cause =
    error instanceof TypeError && error.message === 'fetch failed' ? networkCode(error) : undefined;
  const message = error instanceof Error ? `${error.message}${cause ? ` (${cause})` : ''}` : String(error);
  const code = (error as { code?: string }).code ?? cause;
  process.stderr.write(`错误 error${code ? ` ${code}` : ''}: ${message}\n`);
  process.exit(code === 'ECONNREFUSED' ? 7 : 1);
}

/**
 * Runs a one-shot command and exits when it is done: the embedded engine (PGlite 0.4) can leave a WASM
 * interval timer armed after close, which would otherwise keep the process alive.
 */
const run =
  <A extends unknown[]>(fn: (...args: A) => Promise<void>) =>
  (...args: A) =>
    fn(...args).then(() => process.exit(process.exitCode ?? 0), fail);

/** Runs a long-lived command (the server): it ends on SIGINT / SIGTERM. */
const serve =
  <A extends unknown[]>(fn: (...args: A) => Promise<void>) =>
  (...args: A) =>
    fn(...args).catch(fail);

const positiveInt = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a positive integer');
  return n;
};

/** A TCP port; 0 lets the system pick a free one (the banner then shows the one it picked). */
const portNumber = (value: string) => {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65_535)
    throw new InvalidArgumentError('a port, 0 to 65535 (0: any free port)');
  return n;
};

const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);

const program = new Command('crossgate')
  .description(
    'Crossgate — cross-border e-commerce single window (跨境电子商务单一窗口)\nDatabase: DATABASE_URL (PostgreSQL) or, when unset, embedded PGlite under CROSSGATE_DATA_DIR (default ./data/db).',
  )
  .showHelpAfterError()
  // Usage errors (unknown option, bad argument) exit with 2, as documented above; help and version with 0.
  .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2));

/**
 * The demo users, and — on the start that created them — their passwords, shown this once (decision 0022).
 * `passwordsFile`: where generated passwords were also kept for `crossgate simulate`.
 */
function printDemoLogins(
  out: { write(text: string): unknown },
  logins: DemoLogin[],
  passwordsFile: string,
  fromEnvironment: boolean,
) {
  const fresh = logins.some((l) => l.password !== undefined);
  if (!fresh) {
    out.write(
      `\n演示账号 Demo users — demo data, never use in production. 密码仅在首次启动时显示 (their passwords were printed at the first start;` +
        ` forgotten: stop the server, then npx crossgate users reset-password --username <name> --password <new>):\n`,
    );
  } else if (fromEnvironment) {
    out.write(
      '\n演示账号 Demo users (password for all: the value of CROSSGATE_DEMO_PASSWORD) — demo data, never use in production:\n',
    );
  } else {
    out.write(
      '\n演示账号 Demo users — 每个账号的密码随机生成，仅显示这一次 (each password is random to this install and shown only now;' +
        ` also kept for \`crossgate simulate\` in ${passwordsFile}, readable only by you). Demo data, never use in production:\n`,
    );
  }
  for (const l of logins)
    out.write(
      `  ${l.username.padEnd(12)} ${fresh && !fromEnvironment ? `${(l.password ?? '').padEnd(24)} ` : ''}${l.role.padEnd(20)} ${l.organisation}\n`,
    );
}

function printBanner(o: {
  url: string;
  host: string;
  port: number;
  engine: string;
  location: string;
  logins: DemoLogin[];
  notices: string[];
  workers: number;
  dataDir: string;
  demoFromEnvironment: boolean;
  signatures: { policy: 'required' | 'optional'; source: 'zone' | 'server' };
}) {
  for (const n of o.notices) process.stderr.write(`注意 notice: ${n}\n`);
  // Gathered and written at once: whoever reads the banner (an operator's script, the tests) gets all of it
  // together, with no pause to wait for its last lines.
  const parts: string[] = [];
  const out = { write: (text: string) => parts.push(text) };
  out.write(
    `\nCrossgate 单一窗口 is running at ${o.url}${o.workers > 1 ? ` (${o.workers} worker processes)` : ''}\n`,
  );
  out.write(`  web            ${o.url}/\n  API docs       ${o.url}/docs\n  health         ${o.url}/health\n`);
  const local = ['127.0.0.1', '::1', 'localhost'].includes(o.host);
  out.write(
    `  listening on   ${o.host}:${o.port}${local ? ' — 仅本机可访问 this machine only (HOST=0.0.0.0 to serve other machines)' : ' — 其他机器可访问 reachable from other machines'}\n`,
  );
  out.write(`  database       ${o.engine} (${o.location})\n`);
  out.write(`  data dir       ${o.dataDir} (0700)\n`);
  out.write(
    o.signatures.policy === 'required'
      ? `  signatures     required: declarations must be signed with a registered key\n`
      : `  signatures     OPTIONAL — demo/test mode: unsigned declarations of enterprises without a key pass (${o.signatures.source === 'zone' ? 'zone setting' : 'CROSSGATE_SIGNATURE_POLICY'}); never in production\n`,
  );
  if (o.logins.length > 0)
    printDemoLogins(out, o.logins, join(o.dataDir, DEMO_PASSWORDS_FILE), o.demoFromEnvironment);
  out.write('\n');
  process.stdout.write(parts.join(''));
}

program
  .command('start')
  .description(
    'migrate, seed reference data, and serve the API and web app on HOST:PORT (default 127.0.0.1:8080); the demo only with --demo',
  )
  .option(
    '--demo',
    'on first run (an empty database), load the Jiaozuo demo with a random password per demo user, printed once',
  )
  .option('--no-demo', 'no demo data (the default)')
  .option('-p, --port <port>', 'port to listen on (PORT); 0: any free port, shown in the banner', portNumber)
  .option('-H, --host <address>', 'address to listen on (HOST; default 127.0.0.1, this machine only)')
  .option('--log-format <format>', 'log lines: text (readable, the default) or json (LOG_FORMAT)')
  .option(
    '-w, --workers <n>',
    'serving processes sharing the port (PostgreSQL only; the embedded engine is single-process)',
    positiveInt,
    1,
  )
  .action(
    serve(
      async (options: {
        demo?: boolean;
        port?: number;
        host?: string;
        workers: number;
        logFormat?: string;
      }) => {
        // --log-format wins over LOG_FORMAT; forked workers read it back from the environment.
        if (options.logFormat !== undefined) process.env.LOG_FORMAT = options.logFormat;
        const config = loadConfig();
        if (options.port !== undefined) config.port = options.port;
        if (options.host) config.host = options.host;
        const demo = options.demo === true ? 'first-run' : 'never';
        const banner = (b: {
          url: string;
          port: number;
          engine: string;
          location: string;
          logins: DemoLogin[];
          notices: string[];
          workers: number;
          signatures: { policy: 'required' | 'optional'; source: 'zone' | 'server' };
        }) =>
          printBanner({
            ...b,
            host: config.host,
            dataDir: config.dataDir,
            demoFromEnvironment: config.demoPassword !== undefined,
          });
        if (options.workers > 1 && !config.databaseUrl) {
          throw new InvalidArgumentError(
            '--workers needs DATABASE_URL: the embedded PGlite database is opened by one process only',
          );
        }
        if (options.workers > 1 && cluster.isPrimary) {
          // The primary prepares the database once, then forks the serving workers; the first one also runs
          // the background jobs (webhook delivery, customs calendar).
          const progress = progressReporter();
          const prepared = await prepareDatabase(config, { demo, progress: progress.report });
          const supervisor = superviseWorkers(options.workers);
          // /metrics in any worker answers for all of them (summed through this process).
          serveClusterMetrics();
          let ready = 0;
          // Each worker reports the port it serves on: with --port 0 the workers share one the system picked,
          // which only they know.
          cluster.on('message', (_worker, message: { ready?: boolean; port?: number }) => {
            if (message?.ready && ++ready === options.workers)
              banner({
                url: `http://localhost:${message.port ?? config.port}`,
                port: message.port ?? config.port,
                engine: 'postgres',
                location: config.databaseUrl?.replace(/:[^:@/]*@/, ':***@') ?? '',
                logins: prepared.demoLogins,
                notices: prepared.notices,
                workers: options.workers,
                signatures: prepared.signatures,
              });
          });
          const stop = () => {
            supervisor.stopping = true;
            for (const w of Object.values(cluster.workers ?? {})) w?.kill('SIGTERM');
            process.exit(0);
          };
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
          return;
        }
        const worker = cluster.isWorker;
        const progress = progressReporter();
        const server = await startServer(config, {
          demo,
          progress: progress.report,
          setup: !worker,
          background: !worker || process.env.CROSSGATE_WORKER_INDEX === '0',
        });
        if (worker) process.send?.({ ready: true, port: server.port });
        else
          banner({
            url: server.url,
            port: server.port,
            engine: server.engine,
            location: server.location,
            logins: server.demoLogins,
            notices: server.notices,
            workers: 1,
            signatures: server.signatures,
          });
        const stop = async () => {
          await server.close();
          process.exit(0);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      },
    ),
  );

/**
 * Forks the serving workers and keeps them alive: a worker that dies (a crash, the OOM killer, a kill) is
 * forked again under the same index, after a pause that doubles with each quick death (1 s up to 30 s, back to
 * 1 s once a worker has lived a minute), so a worker that dies at start cannot spin the machine. Worker 0 runs the
 * singleton jobs (webhook delivery, the summary schedule); its replacement is worker 0 again, so those jobs
 * resume instead of stopping silently with the process that ran them.
 */
function superviseWorkers(count: number): { stopping: boolean } {
  const state = { stopping: false };
  const delay = new Map<number, number>();
  const start = (index: number, again = false) => {
    const worker = cluster.fork({ CROSSGATE_WORKER_INDEX: String(index) });
    const bornAt = Date.now();
    if (again)
      worker.on('message', (message: { ready?: boolean }) => {
        if (message?.ready) process.stderr.write(`crossgate: worker ${index} is serving again\n`);
      });
    worker.on('exit', (code, signal) => {
      if (state.stopping) return;
      const wait = Date.now() - bornAt > 60_000 ? 1_000 : Math.min(30_000, (delay.get(index) ?? 500) * 2);
      delay.set(index, wait);
      process.stderr.write(
        `crossgate: worker ${index} (pid ${worker.process.pid}) exited (${signal ?? `code ${code}`}); ` +
          `starting it again in ${wait / 1000} s\n`,
      );
      setTimeout(() => {
        if (!state.stopping) start(index, true);
      }, wait);
    });
  };
  for (let i = 0; i < count; i++) start(i);
  return state;
}

const db = program.command('db').description('database administration');
db.command('migrate')
  .description('apply pending migrations')
  .action(
    run(async () => {
      const progress = progressReporter();
      const result = await runMigrations(loadConfig(), progress.report);
      process.stdout.write(
        result.applied.length
          ? `applied: ${result.applied.join(', ')}\n`
          : `up to date (${result.current})\n`,
      );
    }),
  );
addBackupCommands(db, run);

program
  .command('seed')
  .description('load reference data and the zone configuration; with --demo, the Jiaozuo demo')
  .option('--demo', 'also load demo organisations, users and products')
  .action(
    run(async (options: { demo?: boolean }) => {
      const progress = progressReporter();
      const result = await runSeed(loadConfig(), { demo: options.demo === true, progress: progress.report });
      const loaded = Object.entries(result.reference);
      process.stdout.write(
        loaded.length
          ? `reference data: ${loaded.map(([t, n]) => `${t} ${n}`).join(', ')}\n`
          : 'reference data already loaded\n',
      );
      if (result.zone) process.stdout.write(`zone: ${result.zone}\n`);
      for (const n of result.notices) process.stderr.write(`注意 notice: ${n}\n`);
      if (options.demo) {
        if (result.demo) {
          process.stdout.write('demo loaded.');
          const config = loadConfig();
          printDemoLogins(
            process.stdout,
            result.demo,
            join(config.dataDir, DEMO_PASSWORDS_FILE),
            config.demoPassword !== undefined,
          );
        } else process.stdout.write('demo already loaded\n');
      }
    }),
  );

const roleList = (value: string): UserRole[] => {
  const roles = value.split(',').map((r) => r.trim());
  const bad = roles.filter((r) => !(USER_ROLES as readonly string[]).includes(r));
  if (bad.length)
    throw new InvalidArgumentError(`unknown role ${bad.join(', ')}; roles are ${USER_ROLES.join(', ')}`);
  return roles as UserRole[];
};

const oneOf =
  <T extends string>(allowed: readonly T[], what: string) =>
  (value: string): T => {
    if (!(allowed as readonly string[]).includes(value))
      throw new InvalidArgumentError(`unknown ${what} ${value}; one of ${allowed.join(', ')}`);
    return value as T;
  };
const listOf =
  <T extends string>(allowed: readonly T[], what: string) =>
  (value: string): T[] =>
    value.split(',').map((v) => oneOf(allowed, what)(v.trim()));

const orgs = program
  .command('orgs')
  .description('organisations: enterprises, agencies, banks, the zone office');
orgs
  .command('add')
  .description('register an organisation (the first step of a deployment without demo data)')
  .requiredOption('--kind <kind>', ORGANISATION_KINDS.join(' | '), oneOf(ORGANISATION_KINDS, 'kind'))
  .requiredOption('--code <code>', 'enterprises: 10-character customs code; others: an office code')
  .requiredOption('--name <name>', 'Chinese name')
  .option('--name-en <name>', 'English name')
  .option('--uscc <uscc>', 'unified social credit code (required for enterprises)')
  .option(
    '--roles <roles>',
    `enterprise roles, comma-separated: ${ENTERPRISE_ROLES.join(', ')}`,
    listOf(ENTERPRISE_ROLES, 'role'),
    [],
  )
  .option('--agency-type <type>', AGENCY_TYPES.join(' | '), oneOf(AGENCY_TYPES, 'agency type'))
  .option('--park <code>', 'park of the zone')
  .action(
    run(
      async (o: {
        kind: (typeof ORGANISATION_KINDS)[number];
        code: string;
        name: string;
        nameEn?: string;
        uscc?: string;
        roles: (typeof ENTERPRISE_ROLES)[number][];
        agencyType?: (typeof AGENCY_TYPES)[number];
        park?: string;
      }) => {
        print(
          await registerOrganisation(loadConfig(), {
            kind: o.kind,
            code: o.code,
            nameZh: o.name,
            nameEn: o.nameEn ?? null,
            uscc: o.uscc ?? null,
            enterpriseRoles: o.roles,
            agencyType: o.agencyType ?? null,
            parkCode: o.park ?? null,
          }),
        );
      },
    ),
  );
orgs
  .command('list')
  .option('-q, --query <text>', 'code, USCC or name contains')
  .option('--kind <kind>', ORGANISATION_KINDS.join(' | '), oneOf(ORGANISATION_KINDS, 'kind'))
  .option('--page <n>', 'page', positiveInt, 1)
  .option('--page-size <n>', 'page size', positiveInt, 50)
  .action(
    run(
      async (o: {
        query?: string;
        kind?: (typeof ORGANISATION_KINDS)[number];
        page: number;
        pageSize: number;
      }) => {
        print(
          await listOrganisationsOf(loadConfig(), {
            ...(o.query ? { q: o.query } : {}),
            ...(o.kind ? { kind: o.kind } : {}),
            page: o.page,
            pageSize: o.pageSize,
          }),
        );
      },
    ),
  );

const users = program.command('users').description('user administration');
users
  .command('add')
  .description('create a user in an organisation (by its code)')
  .requiredOption('--org <code>', 'organisation code, e.g. 4614960002')
  .requiredOption('--username <name>')
  .requiredOption('--name <display name>')
  .addOption(
    new Option(
      '--password <password>',
      'at least 12 characters, 6 of them different; not the username or a common password',
    )
      .env('CROSSGATE_NEW_PASSWORD')
      .makeOptionMandatory(),
  )
  .option('--roles <roles>', `comma-separated: ${USER_ROLES.join(', ')}`, roleList, [
    'operator',
  ] as UserRole[])
  .action(
    run(async (o: { org: string; username: string; name: string; password: string; roles: UserRole[] }) => {
      print(
        await addUser(loadConfig(), {
          orgCode: o.org,
          username: o.username,
          displayName: o.name,
          password: o.password,
          roles: o.roles,
        }),
      );
    }),
  );
users
  .command('list')
  .option('--org <code>', 'only this organisation')
  .option('--page <n>', 'page', positiveInt, 1)
  .option('--page-size <n>', 'page size', positiveInt, 50)
  .action(
    run(async (o: { org?: string; page: number; pageSize: number }) => {
      print(
        await listUsersOf(loadConfig(), {
          ...(o.org ? { orgCode: o.org } : {}),
          page: o.page,
          pageSize: o.pageSize,
        }),
      );
    }),
  );
users
  .command('reset-password')
  .description("set a user's password (their sessions are signed out); --must-change makes it temporary")
  .requiredOption('--username <name>')
  .option('--org <code>', 'organisation code: needed when the username is used in several organisations')
  .addOption(
    new Option(
      '--password <password>',
      'at least 12 characters, 6 of them different; not the username or a common password',
    )
      .env('CROSSGATE_NEW_PASSWORD')
      .makeOptionMandatory(),
  )
  .option('--must-change', 'the user must choose a new password at the next sign-in')
  .action(
    run(async (o: { username: string; password: string; mustChange?: boolean; org?: string }) => {
      await resetPassword(loadConfig(), {
        username: o.username,
        password: o.password,
        mustChange: o.mustChange,
        orgCode: o.org,
      });
      process.stdout.write(
        `password of ${o.username} reset${o.mustChange ? '; they must change it at the next sign-in' : ''}\n`,
      );
    }),
  );

const keys = program.command('keys').description('enterprise API keys');
keys
  .command('issue')
  .description('issue an API key to an enterprise; the key is printed once')
  .requiredOption('--org <code>', 'enterprise code')
  .requiredOption('--name <name>', 'what the key is for, e.g. "ERP gateway"')
  .option(
    '--scopes <list>',
    'comma-separated: declare (CEB messages, receipts), read (queries), write (other changes); default all',
    (v) => {
      const scopes = v.split(',').map((s) => s.trim());
      if (scopes.length === 0 || scopes.some((s) => !['declare', 'read', 'write'].includes(s)))
        throw new InvalidArgumentError('a comma-separated list of declare, read, write');
      return scopes as ('declare' | 'read' | 'write')[];
    },
  )
  .action(
    run(async (o: { org: string; name: string; scopes?: ('declare' | 'read' | 'write')[] }) => {
      const key = await issueKey(loadConfig(), { orgCode: o.org, name: o.name, scopes: o.scopes });
      print(key);
      process.stderr.write('Store the secret now: it is not shown again.\n');
    }),
  );
keys
  .command('list')
  .option('--org <code>', 'only this enterprise')
  .option('--page <n>', 'page', positiveInt, 1)
  .option('--page-size <n>', 'page size', positiveInt, 50)
  .action(
    run(async (o: { org?: string; page: number; pageSize: number }) => {
      print(
        await listKeys(loadConfig(), {
          ...(o.org ? { orgCode: o.org } : {}),
          page: o.page,
          pageSize: o.pageSize,
        }),
      );
    }),
  );
keys
  .command('revoke <id>')
  .description('revoke an API key by id')
  .action(
    run(async (id: string) => {
      print(await revokeKey(loadConfig(), id));
    }),
  );

const STATUS_ZH: Record<string, string> = {
  '800': '放行',
  '899': '结关',
  '100': '退单',
  '500': '查验',
  '300': '人工审核',
  '700': '退运',
  '-621005': '超过单笔限额',
  '-621018': '超过年度限额',
  pending: '未收到决定',
};

program
  .command('summary')
  .description(
    '汇总申报: form the export summary declarations of a month’s closed B-type inventories (公告2018年第194号)',
  )
  .requiredOption('--month <YYYY-MM>', 'the month whose closed inventories are summarised', (v) => {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(v))
      throw new InvalidArgumentError('a month as YYYY-MM, e.g. 2026-10');
    return v;
  })
  .addOption(
    new Option('--summary-flag <flag>', '1 by consignor; 2 by consignor and production-sales unit')
      .choices(['1', '2'])
      .default('1'),
  )
  .option('--item-names', 'group by the enterprises’ own item names (itemNameFlag 1)')
  .option('--ebc <code>', 'only this consignor (ebcCode)')
  .action(
    run(async (o: { month: string; summaryFlag: '1' | '2'; itemNames?: boolean; ebc?: string }) => {
      const r = await formExportSummary(loadConfig(), {
        month: o.month,
        summaryFlag: o.summaryFlag,
        itemNameFlag: o.itemNames ? '1' : '',
        ebcCode: o.ebc,
      });
      process.stdout.write(`汇总月份 month ${r.month}  截止日 deadline ${r.deadline}\n`);
      if (r.reason) process.stdout.write(`未形成报关单 nothing formed: ${r.reason}\n`);
      else
        process.stdout.write(
          `汇总申请 summaries ${r.summaries}  报关单 declarations ${r.declarations}  清单 inventories ${r.inventories}\n` +
            r.sumNos.map((n) => `  ${n}\n`).join(''),
        );
      process.stdout.write(`${JSON.stringify(r)}\n`);
    }),
  );

const isoDate = (v: string) => {
  if (!/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(v))
    throw new InvalidArgumentError('a date as YYYY-MM-DD, e.g. 2026-11-01');
  return v;
};
const risk = program.command('risk').description('风险防控 risk rules: the test bench over past parcels');
risk
  .command('replay')
  .description(
    '回放测试: judge the import parcels received from --from to --to (Beijing dates) with a rule set and report lane changes, inspection load and precision',
  )
  .requiredOption(
    '--rules <file.json>',
    'the rule set: its JSON body (rules, typologies, decision), or a version as the API returns it',
  )
  .requiredOption('--from <YYYY-MM-DD>', 'first day (Beijing)', isoDate)
  .requiredOption('--to <YYYY-MM-DD>', 'last day (Beijing), inclusive', isoDate)
  .option('--limit <n>', 'how many changed parcels to list', (v) => Number.parseInt(v, 10), 20)
  .option('--json', 'print the whole result as JSON')
  .action(
    run(async (o: { rules: string; from: string; to: string; limit: number; json?: boolean }) => {
      const parsed = JSON.parse(readFileSync(o.rules, 'utf8')) as Record<string, unknown>;
      const body = parsed && typeof parsed === 'object' && 'rules' in parsed ? parsed : parsed.body;
      const progress = progressReporter();
      const r = await replayRiskRuleFile(
        loadConfig(),
        { body, from: o.from, to: o.to, limit: o.limit },
        (done, total) => progress.report('回放 replay', done, total),
      );
      progress.finish();
      if (o.json) {
        process.stdout.write(`${JSON.stringify(r)}\n`);
        return;
      }
      const lanes = (m: Record<string, number>) =>
        Object.entries(m)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ');
      const precision = r.precision.value === null ? '—' : `${(r.precision.value * 100).toFixed(1)}%`;
      process.stdout.write(
        `清单 parcels ${r.parcels}  改变通道 changed lane ${r.changed}\n` +
          `回放通道 replayed lanes: ${lanes(r.lanes)}\n` +
          `原通道 recorded lanes: ${lanes(r.recordedLanes)}\n` +
          `查验量 inspection load ${r.inspectionLoad} (recorded ${r.recordedInspectionLoad})\n` +
          `查获率 precision ${precision} (${r.precision.found}/${r.precision.concluded} inspected and concluded)\n` +
          `规则评估 rules evaluated ${r.rulesEvaluated} in ${r.ms} ms\n` +
          r.changes
            .map(
              (c) =>
                `  ${c.invtNo ?? c.documentId}  ${c.recorded ?? '—'} → ${c.replayed}  ${c.fired.join(', ')}\n`,
            )
            .join(''),
      );
    }),
  );

risk
  .command('scan')
  .description(
    '预警扫描: run the cross-parcel typologies (fan-in, split orders, three flows, circular trade, bursts) over the parcels received from --from to --to (Beijing dates) and raise warnings; a rescan raises nothing twice',
  )
  .requiredOption('--from <YYYY-MM-DD>', 'first day (Beijing)', isoDate)
  .requiredOption('--to <YYYY-MM-DD>', 'last day (Beijing), inclusive', isoDate)
  .option('--json', 'print the result as JSON')
  .action(
    run(async (o: { from: string; to: string; json?: boolean }) => {
      const r = await scanRiskWarnings(loadConfig(), { from: o.from, to: o.to }, (stage, done) =>
        process.stderr.write(`${stage} ${done}\n`),
      );
      if (o.json) {
        process.stdout.write(`${JSON.stringify(r)}\n`);
        return;
      }
      process.stdout.write(
        `清单 parcels ${r.parcels}  订单 orders ${r.orders}  候选 candidates ${r.candidates}  新预警 raised ${r.raised} (${r.ms} ms)\n` +
          Object.entries(r.byTypology)
            .map(([k, v]) => `  ${k} ${v}\n`)
            .join(''),
      );
    }),
  );

/** The demo users' password for the simulations: one for all, given or from the environment. */
const passwordOption = () =>
  new Option(
    '--password <password>',
    `one password for every demo user (an install started with CROSSGATE_DEMO_PASSWORD); default: the passwords the first start generated, from <data dir>/${DEMO_PASSWORDS_FILE}`,
  ).env('CROSSGATE_DEMO_PASSWORD');

/**
 * The demo users' passwords (decision 0022): `--password` / CROSSGATE_DEMO_PASSWORD, else those a first
 * `crossgate start --demo` generated and kept in the data directory of this machine (CROSSGATE_DATA_DIR).
 */
function demoPasswords(given: string | undefined): string | Record<string, string> {
  if (given) return given;
  const config = loadConfig();
  const saved = readDemoPasswords(config);
  if (!saved)
    throw new InvalidArgumentError(
      `没有演示账号密码 no demo passwords: ${join(config.dataDir, DEMO_PASSWORDS_FILE)} does not exist. Run this where \`crossgate start --demo\` first ran (same CROSSGATE_DATA_DIR), or pass --password / set CROSSGATE_DEMO_PASSWORD.`,
    );
  return saved;
}

const simulate = program
  .command('simulate')
  .description('drive realistic traffic through a running platform over HTTP');
simulate
  .command('import')
  .description(
    'send import parcels (order, payment, waybill, inventory) as the demo enterprises and report where each ended',
  )
  .option(
    '--url <url>',
    'platform URL (default: http://localhost:$PORT, 8080 without PORT)',
    defaultPlatformUrl(),
  )
  .option('--parcels <n>', 'how many parcels', positiveInt, 1000)
  .option('--concurrency <n>', 'parcels in flight at once', positiveInt, 8)
  .addOption(passwordOption())
  .option('--seed <n>', 'random seed (same seed, same traffic)', positiveInt, 1)
  .option(
    '--refuse-share <fraction>',
    'share of parcels built to be refused',
    (v) => {
      const n = Number(v);
      if (!(n >= 0 && n <= 1)) throw new InvalidArgumentError('a fraction between 0 and 1');
      return n;
    },
    0.05,
  )
  .option('--buyers <n>', 'distinct buyers', positiveInt, 200)
  .option('--wait <seconds>', 'how long to wait for decisions after sending', positiveInt, 60)
  .action(
    run(
      async (o: {
        url: string;
        parcels: number;
        concurrency: number;
        password?: string;
        seed: number;
        refuseShare: number;
        buyers: number;
        wait: number;
      }) => {
        await ensureReachable(o.url);
        const password = demoPasswords(o.password);
        const report = await simulateImport({ ...o, password, waitSeconds: o.wait }, (line) =>
          process.stdout.write(`${line}\n`),
        );
        process.stdout.write('\n状态 status        包裹 parcels\n');
        for (const [status, n] of Object.entries(report.byStatus).sort())
          process.stdout.write(`  ${status.padEnd(8)} ${(STATUS_ZH[status] ?? '').padEnd(8)} ${n}\n`);
        process.stdout.write(
          `\nrefused on purpose: ${report.expectedRefused}, refused for the stated reason: ${report.refusedAsExpected}\n`,
        );
        for (const u of report.unexpected.slice(0, 20))
          process.stdout.write(`  unexpected ${u.orderNo}: expected ${u.expected}, got ${u.actual}\n`);
        if (report.unexpected.length > 0 || report.pending > 0) process.exitCode = 8;
        process.stdout.write(
          JSON.stringify({
            parcels: report.parcels,
            seconds: Number(report.seconds.toFixed(2)),
            byStatus: report.byStatus,
            unexpected: report.unexpected.length,
          }) + '\n',
        );
      },
    ),
  );

simulate
  .command('export-first-ticket')
  .description(
    "Jiaozuo's first export ticket end to end (order, receipt, waybill, inventory, arrival, release, departure, monthly summary, certificate PDF), printing the timeline",
  )
  .option(
    '--url <url>',
    'platform URL (default: http://localhost:$PORT, 8080 without PORT)',
    defaultPlatformUrl(),
  )
  .addOption(passwordOption())
  .option('--out <file>', 'where to write the certificate PDF (default: in --out-dir)')
  .option(
    '--out-dir <dir>',
    'the directory of the certificate PDF, export-first-ticket-<certificate no>.pdf (created if missing)',
    defaultOutputDir(),
  )
  .action(
    run(async (o: { url: string; password?: string; out?: string; outDir: string }) => {
      process.stdout.write(`焦作跨境电商出口第一票 Jiaozuo's first CBEC export ticket → ${o.url}\n`);
      await ensureReachable(o.url);
      const password = demoPasswords(o.password);
      process.stdout.write(`输出目录 output: ${o.out ? o.out : o.outDir}\n`);
      const report = await exportFirstTicket(o.url, { ...o, password }, (line) =>
        process.stdout.write(`${line}\n`),
      );
      process.stdout.write('\n时间线 timeline\n');
      for (const step of report.timeline) {
        const time = beijingClock(step.at, true);
        process.stdout.write(
          `  ${time}  ${step.status.padEnd(5)} ${step.message.padEnd(34)} ${step.actor}  ${step.info}\n`,
        );
      }
      process.stdout.write(
        `\n清单 ${report.invtNo} · 汇总申请 ${report.sumNo} · 汇总统一编号 ${report.declSeqNo}\n证明联 certificate: ${report.certificatePath}\n`,
      );
      if (!report.verified) process.exitCode = 8;
    }),
  );

registerPiiCommands(program, run);

await program.parseAsync(process.argv);
