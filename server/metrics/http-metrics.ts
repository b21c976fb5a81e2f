// Requests as Prometheus sees them: how many, and how long they took, by what they asked for
// (the action, or the route for other URLs) and how they ended.
import { Counter, Histogram, type Registry } from 'prom-client';

/** Seconds: from a cached package_show (a few ms) to a large upload or dump. */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 120];

export interface HttpMetrics {
  observe(handler: string, status: number, seconds: number): void;
}

export function httpMetrics(registry: Registry): HttpMetrics {
  const labelNames = ['handler', 'status'] as const;
  const requests = new Counter({
    name: 'kho_http_requests_total',
    help: 'HTTP requests answered, by action (or route) and status code',
    labelNames, registers: [registry],
  });
  const duration = new Histogram({
    name: 'kho_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by action (or route) and status code',
    labelNames, buckets: BUCKETS, registers: [registry],
  });
  return {
    observe(handler, status, seconds) {
      const labels = { handler, status: String(status) };
      requests.inc(labels);
      duration.observe(labels, seconds);
    },
  };
}
