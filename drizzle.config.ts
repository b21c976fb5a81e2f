import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  // The core's tables and each module's own.
  schema: ['./server/db/schema.ts', './server/modules/*/schema.ts'],
  out: './server/db/migrations',
});
