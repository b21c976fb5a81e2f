// Starts spreadsheet-worker.ts in its worker thread through tsx, as bin/kho.js starts the server
// (tsx's loader hooks, registered in the server's thread, do not reach a worker's).
import { register } from 'tsx/esm/api';

register();
await import('./spreadsheet-worker.ts');
