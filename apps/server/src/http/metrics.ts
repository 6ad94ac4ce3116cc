import cluster from 'node:cluster';
import type { FastifyInstance } from 'fastify';
import { AggregatorRegistry, Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { StatementKind } from '@crossgate/db';
import { stageSeconds, type Stage } from '../stage-clock.ts';

/**
 * Statements this process sent to the database, by kind (BEGIN and COMMIT included): each is a round trip
 * that wakes the database backend, the cost the clearance path is measured by (decision 0041). One counter
 * per process, fed by the serving database handle (`createDb({ onStatement: countStatement })`).
 */
const dbStatements = new Counter({
  name: 'crossgate_db_statements_total',
  help: 'Statements sent to the database (BEGIN and COMMIT included), by operation',
  labelNames: ['operation'] as const,
  registers: [],
});

export const countStatement = (kind: StatementKind) => dbStatements.inc({ operation: kind });

/**
 * CPU time of the gateway's per-message work that is not a statement (XML parse, XSD check, signature check,
 * sealing), summed since start (decision 0045; `stage-clock.ts`).
 */
const reportedStages: Record<Stage, number> = { parse: 0, xsd: 0, signature: 0, seal: 0 };
const gatewayStages = new Counter({
  name: 'crossgate_gateway_stage_seconds_total',
  help: 'Gateway CPU time outside the database, by stage (parse, xsd, signature, seal), in seconds',
  labelNames: ['stage'] as const,
  registers: [],
  collect() {
    for (const stage of Object.keys(stageSeconds) as Stage[]) {
      this.inc({ stage }, stageSeconds[stage] - reportedStages[stage]);
      reportedStages[stage] = stageSeconds[stage];
    }
  },
});

const METRICS_REQUEST = 'crossgate:metrics-request';
const METRICS_ANSWER = 'crossgate:metrics-answer';

/**
 * In a cluster primary (`crossgate start --workers N`): answers a worker's request for the metrics of every
 * worker, summed by prom-client's aggregator, so that `/metrics` — served by whichever worker the connection
 * reached — tells the whole server (decision 0041).
 */
export function serveClusterMetrics(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker, message: { type?: string; id?: number }) => {
    if (message?.type !== METRICS_REQUEST) return;
    aggregator.clusterMetrics().then(
      (text) => worker.send({ type: METRICS_ANSWER, id: message.id, text }),
      (error: Error) => worker.send({ type: METRICS_ANSWER, id: message.id, error: error.message }),
    );
  });
}

let asked = 0;
/** From a worker: the cluster's metrics through the primary; undefined outside a cluster. */
function clusterMetricsText(): Promise<string> | undefined {
  if (!cluster.isWorker || !process.send || !process.connected) return undefined;
  const id = ++asked;
  return new Promise((resolveText, reject) => {
    const timer = setTimeout(() => done(new Error('the cluster primary did not answer')), 6000);
    const onMessage = (m: { type?: string; id?: number; text?: string; error?: string }) => {
      if (m?.type !== METRICS_ANSWER || m.id !== id) return;
      done(m.error ? new Error(m.error) : undefined, m.text);
    };
    const done = (error?: Error, text?: string) => {
      clearTimeout(timer);
      process.off('message', onMessage);
      if (error) reject(error);
      else resolveText(text ?? '');
    };
    process.on('message', onMessage);
    process.send?.({ type: METRICS_REQUEST, id });
  });
}

/**
 * Prometheus metrics: process defaults, request counts and latencies by route and status, and the database
 * statements. In a cluster worker, `metrics()` answers for the whole cluster (summed over the workers).
 */
export function registerMetrics(app: FastifyInstance): {
  contentType: string;
  metrics: () => Promise<string>;
} {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'crossgate_' });
  registry.registerMetric(dbStatements);
  registry.registerMetric(gatewayStages);
  if (cluster.isWorker) {
    // prom-client answers the primary's aggregator with this registry's metrics.
    AggregatorRegistry.setRegistries([registry]);
    new AggregatorRegistry();
  }
  const labels = ['method', 'route', 'status'] as const;
  const requests = new Counter({
    name: 'crossgate_http_requests_total',
    help: 'HTTP requests answered',
    labelNames: labels,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'crossgate_http_request_duration_seconds',
    help: 'HTTP request duration',
    labelNames: labels,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    const l = {
      method: request.method,
      route: request.routeOptions.url ?? 'unmatched',
      status: String(reply.statusCode),
    };
    requests.inc(l);
    duration.observe(l, reply.elapsedTime / 1000);
  });
  return {
    contentType: registry.contentType,
    metrics: () => clusterMetricsText() ?? registry.metrics(),
  };
}
