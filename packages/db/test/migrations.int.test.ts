import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMigrations, migrate, sql, type DbHandle } from '../src/index.ts';
import { ENGINES, freshDatabase } from '../../../test/support/engines.ts';

describe.each(ENGINES)('migrations on %s', (engine) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await freshDatabase(engine);
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('applies every migration cleanly on a fresh database', async () => {
    const all = loadMigrations();
    const result = await migrate(handle);
    expect(result.applied).toEqual(all.map((m) => `${m.version}_${m.name}`));
    const tables = await sql<{
      table_name: string;
    }>`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`.execute(handle.db);
    expect(tables.rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining([
        'organisations',
        'users',
        'sessions',
        'api_keys',
        'audit_log',
        'hs_codes',
        'tariff_rates',
        'zones',
        'parks',
        'zone_targets',
        'products',
        'schema_migrations',
      ]),
    );
  });

  it('applies nothing the second time', async () => {
    expect((await migrate(handle)).applied).toEqual([]);
  });

  it('keeps numeric, bigint and date values as exact strings', async () => {
    const r = await sql<{
      n: string;
      b: string;
      d: string;
    }>`SELECT 12345678901234.12345::numeric(19,5) AS n, 9007199254740993::bigint AS b, '2019-04-01'::date AS d`.execute(
      handle.db,
    );
    expect(r.rows[0]).toEqual({ n: '12345678901234.12345', b: '9007199254740993', d: '2019-04-01' });
  });

  it('refuses to update or delete audit rows (the audit log is append-only)', async () => {
    await handle.db
      .insertInto('audit_log')
      .values({
        actor_via: 'system',
        action: 'test.append',
        target_type: 'test',
        target_id: '1',
        before: null,
        after: null,
        actor_user_id: null,
        actor_api_key_id: null,
        actor_org_id: null,
        target_org_id: null,
        request_id: null,
        ip: null,
      })
      .execute();
    await expect(handle.db.updateTable('audit_log').set({ action: 'rewritten' }).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(handle.db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE audit_log`.execute(handle.db)).rejects.toThrow(/append-only/);
    const rows = await handle.db.selectFrom('audit_log').select('action').execute();
    expect(rows).toEqual([{ action: 'test.append' }]);
  });

  it('refuses to run when an applied migration was edited afterwards', async () => {
    await sql`UPDATE schema_migrations SET checksum = 'edited' WHERE version = '0001'`.execute(handle.db);
    await expect(migrate(handle)).rejects.toMatchObject({ code: 'MIGRATION_CHANGED' });
  });
});
