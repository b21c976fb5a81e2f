// autocannon ships no types; the benchmark uses only this much of it.
declare module 'autocannon' {
  interface Result { requests: { average: number; p99?: number }; latency: { p50: number; p99: number }; non2xx: number; errors: number }
  export default function autocannon(opts: Record<string, unknown>): Promise<Result>;
}
