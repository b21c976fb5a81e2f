// Loads run in the server's own process, beside the API: JavaScript work of a load (parsing,
// checking, normalising) must give the event loop back every few milliseconds, or every request
// waits for it. `timeSlice()` returns a check that is cheap to call per row and, once the slice
// is used up, waits for the event loop to serve what has arrived (I/O first, then timers).
import { setImmediate as nextTurn } from 'node:timers/promises';

/** Longest stretch of loader JavaScript between two turns of the event loop. */
export const SLICE_MS = 10;

export function timeSlice(ms = SLICE_MS): () => Promise<void> | undefined {
  let until = performance.now() + ms;
  return () => {
    if (performance.now() < until) return undefined;
    return nextTurn().then(() => { until = performance.now() + ms; });
  };
}
