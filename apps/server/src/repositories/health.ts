import { sql, type Database, type Kysely } from '@crossgate/db';

export async function pingDatabase(db: Kysely<Database>): Promise<void> {
  await sql`SELECT 1`.execute(db);
}
