export * from './schema.ts';
export * from './create-db.ts';
export * from './migrate.ts';
export * from './backup.ts';
export { countingDialect, statementKind, type StatementKind } from './counting.ts';
export { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
