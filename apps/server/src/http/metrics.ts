import type { FastifyInstance } from 'fastify';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics: process defaults plus request counts and latencies by route and status. */
export function registerMetrics(app: FastifyInstance): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'crossgate_' });
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
  return registry;
}
