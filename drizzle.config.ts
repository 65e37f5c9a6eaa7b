import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  // Every table file of the platform, the jobs and the modules (`<entity>.table.ts`).
  schema: './src/server/**/*.table.ts',
  out: './src/server/db/migrations',
  migrations: { prefix: 'timestamp' },
});
