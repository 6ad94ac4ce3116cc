import type { TestProject } from 'vitest/node';
import { startThrowawayPostgres } from './support/postgres.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

/** Integration tests get a real PostgreSQL: TEST_DATABASE_URL, or a throwaway cluster started here. */
export default async function setup(project: TestProject) {
  const given = process.env.TEST_DATABASE_URL;
  if (given) {
    project.provide('postgresUrl', given);
    return;
  }
  const pg = await startThrowawayPostgres();
  project.provide('postgresUrl', pg.url);
  return () => pg.stop();
}
