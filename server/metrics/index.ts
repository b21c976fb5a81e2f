// The metrics of one Kho app, in a registry of its own (not prom-client's global one), so that
// several Kho instances in one process (the tests) each count their own requests.
import { Registry, collectDefaultMetrics } from 'prom-client';
import type { Kho } from '../core/kho.js';
import { httpMetrics, type HttpMetrics } from './http-metrics.js';
import { stateMetrics } from './state-metrics.js';

export interface KhoMetrics {
  http: HttpMetrics;
  /** The text Prometheus reads, with the database figures read just now. */
  scrape(): Promise<{ contentType: string; body: string }>;
}

export function createMetrics(kho: Kho): KhoMetrics {
  const registry = new Registry();
  // Memory, CPU, event loop delay, open handles: what tells a leak or a blocked loop.
  collectDefaultMetrics({ register: registry });
  const http = httpMetrics(registry);
  const state = stateMetrics(registry, kho);
  return {
    http,
    async scrape() {
      await state.refresh();
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
