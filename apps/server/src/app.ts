import { randomUUID } from 'node:crypto';
import { textLogStream } from './log-text.ts';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { ZHealth } from '@crossgate/contract';
import type { DbHandle } from '@crossgate/db';
import { publicUrlOf, type ServerConfig } from './config.ts';
import type { SignaturePolicy } from './services/import/signature-policy.ts';
import { registerAccessControl } from './http/access.ts';
import { registerAuthentication } from './http/auth.ts';
import { registerRateLimits } from './http/rate-limit.ts';
import { UploadGuard } from './services/uploads/guard.ts';
import { exportRoutes, verifyPageRoutes } from './http/routes/export.ts';
import { filingCreditRoutes } from './http/routes/filing-credit.ts';
import { sandboxRoutes } from './http/routes/sandbox.ts';
import { dashboardRoutes } from './http/routes/dashboard.ts';
import { homeRoutes } from './http/routes/home.ts';
import { publicParcelsRoutes } from './http/routes/public-parcels.ts';
import { personalDataRoutes } from './http/routes/personal-data.ts';
import { latestLevelsOf } from './repositories/credit.ts';
import { sharedInUnit } from './repositories/unit-of-work.ts';
import { TtlCache } from './services/ttl-cache.ts';
import { PERSONAL_FIELDS, samplingFor, type CreditLevel } from '@crossgate/domain';
import type { Database, Kysely } from '@crossgate/db';
import { registerErrorHandling } from './http/error-handler.ts';
import { registerMetrics } from './http/metrics.ts';
import { registerSecurityHeaders } from './http/security-headers.ts';
import { accountBookRoutes } from './http/routes/account-books.ts';
import { authRoutes } from './http/routes/auth.ts';
import { cebGatewayRoutes } from './http/routes/ceb-gateway.ts';
import { identityRoutes } from './http/routes/identity.ts';
import { importRoutes } from './http/routes/import.ts';
import { searchRoutes } from './http/routes/search.ts';
import { entryRoutes } from './http/routes/entry.ts';
import { webhookRoutes } from './http/routes/webhooks.ts';
import type { Fetch } from './services/webhooks.ts';
import { productRoutes } from './http/routes/products.ts';
import { referenceRoutes } from './http/routes/reference.ts';
import { zoneAuditRoutes } from './http/routes/zone-audit.ts';
import { riskRoutes } from './http/routes/risk.ts';
import { riskWarningRoutes } from './http/routes/risk-warnings.ts';
import { traceRoutes } from './http/routes/trace.ts';
import './http/types.ts';
import { pingDatabase } from './repositories/health.ts';
import { clearanceSettings, defaultZoneSettings } from './repositories/zone.ts';
import { PersonalDataPlugin } from './security/pii.ts';
import { preparePersonalData } from './services/personal-data.ts';
import type { Deps } from './services/context.ts';
import { WriteBatcher } from './services/import/batcher.ts';
import type { ClearancePolicy } from './services/import/clear-inventory.ts';
import { acceptSimpleBatch, type SimpleJob } from './services/import/simple-batch.ts';

export const VERSION = '0.1.0';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** Every personal field (ID numbers, telephones, names, addresses), wherever a logged object carries them. */
const PERSONAL_LOG_PATHS = PERSONAL_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]);

export interface AppOptions {
  config: ServerConfig;
  database: DbHandle;
  /** false silences request logs (tests); otherwise pino at config.logLevel. */
  logger?: boolean;
  /** Uniform [0,1) draws for inspection sampling; tests and simulations pass a deterministic one. */
  draw?: () => number;
  /** HTTP client of webhook deliveries (the global fetch unless a test passes one). */
  fetch?: Fetch;
  /** The clock of CEB message receipt (absent: the system clock); tests pass one (decision 0025). */
  receiptClock?: () => Date;
  /** The clock rate-limit windows are counted on, in ms (absent: Date.now); tests advance one instead of sleeping. */
  rateLimitClock?: () => number;
}

/**
 * The zone settings the gateway applies — the random inspection sampling rate and the signature policy
 * (decision 0024) — read from the database, not cached: with `crossgate start --workers N` several processes
 * clear parcels, and a change through `PATCH /api/v1/zone` in one of them must decide the very next parcel in
 * all of them (decision 0030). Read when needed only (decision 0041): the signature policy for a message the
 * spec says is signed, the sampling rates once per gateway batch that clears an inventory.
 */
async function readZoneSettings(database: DbHandle) {
  const zone = await defaultZoneSettings(database.db);
  return {
    rate: zone?.inspection_sampling_rate ?? '0',
    signaturePolicy: (zone?.signature_policy ?? null) as SignaturePolicy | null,
  };
}

/**
 * Credit-based facilitation for the channel choice: the zone's table of random inspection rates per composite
 * credit level (when the zone office has set one), read in the clearance transaction — once per gateway batch,
 * with the zone's rate (`clearanceSettings`) — so that a change of the table applies to the next parcel in
 * every process (decision 0030), and each seller's latest level, re-read at most every ten seconds per process.
 * A level change applies within ten seconds; the reason names the level and rate.
 */
function creditSamplingReader(settings: (db: Kysely<Database>) => Promise<ClearanceSettings>) {
  const levels = new TtlCache<CreditLevel | null>(10_000);
  // Read through the caller's transaction: the embedded engine has a single connection.
  return async (db: Kysely<Database>, ebcCode: string, zoneRate: string) => {
    const table = (await settings(db)).creditTable;
    if (Object.keys(table).length === 0) return undefined;
    let level = levels.get(ebcCode);
    if (level === undefined)
      level = levels.set(ebcCode, (await latestLevelsOf(db, [ebcCode])).get(ebcCode) ?? null);
    return samplingFor(level, table, zoneRate);
  };
}

type ClearanceSettings = Awaited<ReturnType<typeof clearanceSettings>>;

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config, database, logger = true } = options;
  const app = Fastify({
    logger: logger
      ? {
          level: config.logLevel,
          redact: {
            paths: [
              'req.headers.authorization',
              'req.headers.cookie',
              'req.headers["x-api-key"]',
              'res.headers["set-cookie"]',
              // personal data never reaches the logs, wherever an object carrying it is logged
              ...PERSONAL_LOG_PATHS,
            ],
            censor: '[redacted]',
          },
          // Readable lines unless JSON is asked for (LOG_FORMAT=json, crossgate start --log-format json).
          ...(config.logFormat === 'json' ? {} : { stream: textLogStream() }),
        }
      : false,
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    requestIdHeader: 'x-request-id',
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    routerOptions: { maxParamLength: 200 },
  }).withTypeProvider<ZodTypeProvider>();

  // First of all hooks: refusals, 404s and errors carry the security headers too.
  await registerSecurityHeaders(app, { cookieSecure: config.cookieSecure });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const indexHtml = join(config.webRoot, 'index.html');
  registerErrorHandling(app, existsSync(indexHtml) ? () => readFileSync(indexHtml, 'utf8') : undefined);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  // Personal data: the keyring is checked against this database before anything is served (decision 0017).
  await preparePersonalData(database.db, config);
  const db = database.db.withPlugin(new PersonalDataPlugin());
  const deps: Deps = {
    db,
    allowPrivateWebhooks: config.webhookAllowPrivate,
    caps: config.caps,
    uploads: new UploadGuard(config.uploads),
    signaturePolicy: config.signaturePolicy,
    publicUrl: publicUrlOf(config),
    ...(options.receiptClock ? { receiptClock: options.receiptClock } : {}),
    ...(config.batchMax > 1
      ? {
          ingest: new WriteBatcher(
            db,
            config.batchMax,
            database.engine === 'pglite' ? 1 : config.batchParallel,
            (trx, jobs) => acceptSimpleBatch(trx, jobs as SimpleJob[]),
          ),
        }
      : {}),
  };
  const metrics = registerMetrics(app);
  await app.register(fastifyCookie);
  registerAccessControl(app);
  // per-IP checks run ahead of authentication
  await registerRateLimits(app, config.rateLimit, options.rateLimitClock ?? Date.now);
  registerAuthentication(app, deps, { operatorToken: config.metricsToken });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Crossgate API — 跨境电子商务单一窗口',
        version: VERSION,
        description:
          'The JSON API of the Crossgate single window. Errors always have the shape `{ code, message, details: [{ field, rule, expected, actual }] }`; messages follow `Accept-Language` (zh-CN default, en). Sign in with `POST /api/v1/auth/login` (session cookie) or send an enterprise API key as `Authorization: Bearer cg_…`.',
      },
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'enterprise API key cg_<prefix>_<secret>' },
          session: { type: 'apiKey', in: 'cookie', name: 'cg_session' },
        },
      },
      security: [{ apiKey: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });

  app.get(
    '/health',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['system'],
        summary: '健康检查 Health, including the database',
        response: { 200: ZHealth, 503: ZHealth },
      },
    },
    async (_request, reply) => {
      const started = performance.now();
      const ok = await pingDatabase(database.db).then(
        () => true,
        () => false,
      );
      const body = {
        status: ok ? ('ok' as const) : ('degraded' as const),
        database: {
          engine: database.engine,
          ok,
          latencyMs: Math.round((performance.now() - started) * 100) / 100,
        },
        version: VERSION,
      };
      return reply.status(ok ? 200 : 503).send(body);
    },
  );
  // Operators only: a signed-in zone-office administrator, or a monitoring system with CROSSGATE_METRICS_TOKEN.
  app.get(
    '/metrics',
    {
      config: { access: { resource: 'zone', action: 'update' }, acceptsOperatorToken: true },
      schema: { hide: true },
    },
    async (_request, reply) => {
      reply.type(metrics.contentType);
      return metrics.metrics();
    },
  );

  // What clearing reads of the zone, once per gateway batch, through its transaction (decision 0041).
  const settings = (db: Kysely<Database>) =>
    sharedInUnit(db, 'clearance-settings', () => clearanceSettings(db));
  const creditSampling = creditSamplingReader(settings);
  // Read when a message needs it, never before: the signature policy for a message the spec says is signed
  // (fresh for each such message), the sampling rates when an inventory is cleared (in its transaction).
  const policy: ClearancePolicy = {
    samplingRate: async (db) => (await settings(db)).samplingRate ?? '0',
    signatures: async () => (await readZoneSettings(database)).signaturePolicy ?? config.signaturePolicy,
    creditSampling,
    ...(options.draw ? { draw: options.draw } : {}),
  };
  const clearancePolicy = async () => policy;
  await app.register(
    async (api) => {
      await api.register(
        authRoutes(deps, { ttlHours: config.sessionTtlHours, cookieSecure: config.cookieSecure }),
      );
      await api.register(identityRoutes(deps));
      await api.register(productRoutes(deps));
      await api.register(referenceRoutes(deps));
      await api.register(zoneAuditRoutes(deps));
      await api.register(importRoutes(deps, clearancePolicy));
      await api.register(entryRoutes(deps, clearancePolicy));
      await api.register(accountBookRoutes(deps));
      await api.register(exportRoutes(deps));
      await api.register(searchRoutes(deps));
      await api.register(filingCreditRoutes(deps));
      await api.register(sandboxRoutes(deps));
      await api.register(dashboardRoutes(deps));
      await api.register(homeRoutes(deps));
      await api.register(publicParcelsRoutes(deps));
      await api.register(personalDataRoutes(deps));
      await api.register(riskRoutes(deps));
      await api.register(riskWarningRoutes(deps));
      await api.register(traceRoutes(deps));
      await api.register(
        webhookRoutes(deps, {
          now: () => new Date(),
          fetch: options.fetch ?? (fetch as unknown as Fetch),
          allowPrivateTargets: config.webhookAllowPrivate,
        }),
      );
    },
    { prefix: '/api/v1' },
  );

  await app.register(cebGatewayRoutes(deps, clearancePolicy), { prefix: '/ceb' });
  await app.register(verifyPageRoutes(deps));

  if (existsSync(config.webRoot)) {
    await app.register(fastifyStatic, {
      root: config.webRoot,
      prefix: '/',
      wildcard: false,
      index: ['index.html'],
    });
  }
  return app;
}
