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
  // The labelled series, looked up once per pair: prom-client hashes the label object on every
  // call otherwise. Labels are bounded (request-label.ts), so this map is too.
  const series = new Map<string, { count: () => void; time: (seconds: number) => void }>();
  return {
    observe(handler, status, seconds) {
      const key = `${status} ${handler}`;
      let s = series.get(key);
      if (!s) {
        const counter = requests.labels(handler, String(status));
        const timer = duration.labels(handler, String(status));
        s = { count: () => counter.inc(), time: (x) => timer.observe(x) };
        series.set(key, s);
      }
      s.count();
      s.time(seconds);
    },
  };
}
