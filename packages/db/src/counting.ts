import type {
  CompiledQuery,
  DatabaseConnection,
  Dialect,
  Driver,
  QueryCompiler,
  QueryResult,
  TransactionSettings,
} from 'kysely';

/**
 * What a statement does, from its first keyword: the label of `crossgate_db_statements_total`. BEGIN, COMMIT
 * and ROLLBACK are counted too — each is a round trip to the database like any other statement.
 */
export type StatementKind =
  'select' | 'insert' | 'update' | 'delete' | 'with' | 'begin' | 'commit' | 'rollback' | 'other';

const KINDS = new Set<string>([
  'select',
  'insert',
  'update',
  'delete',
  'with',
  'begin',
  'commit',
  'rollback',
]);

export function statementKind(sql: string): StatementKind {
  const word = /^\s*\(?\s*([a-z]+)/i.exec(sql)?.[1]?.toLowerCase() ?? '';
  if (word === 'start') return 'begin';
  return (KINDS.has(word) ? word : 'other') as StatementKind;
}

/**
 * A dialect that reports every statement sent to the database — queries and the transaction statements a
 * driver sends through the same connection — to `onStatement`, then runs it unchanged. The count is what costs
 * (decision 0041): each statement is a round trip that wakes the database backend.
 */
export function countingDialect(inner: Dialect, onStatement: (kind: StatementKind) => void): Dialect {
  return {
    createAdapter: () => inner.createAdapter(),
    createQueryCompiler: () => inner.createQueryCompiler(),
    createIntrospector: (db) => inner.createIntrospector(db),
    createDriver: () => new CountingDriver(inner.createDriver(), onStatement),
  };
}

class CountingDriver implements Driver {
  private readonly wrapped = new WeakMap<DatabaseConnection, DatabaseConnection>();
  private readonly inner = new WeakMap<DatabaseConnection, DatabaseConnection>();

  constructor(
    private readonly driver: Driver,
    private readonly onStatement: (kind: StatementKind) => void,
  ) {}

  init = () => this.driver.init();
  destroy = () => this.driver.destroy();

  async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await this.driver.acquireConnection();
    let counted = this.wrapped.get(connection);
    if (!counted) {
      const onStatement = this.onStatement;
      counted = {
        executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
          onStatement(statementKind(query.sql));
          return connection.executeQuery<R>(query);
        },
        streamQuery<R>(query: CompiledQuery, chunkSize?: number) {
          onStatement(statementKind(query.sql));
          return connection.streamQuery<R>(query, chunkSize);
        },
      };
      this.wrapped.set(connection, counted);
      this.inner.set(counted, connection);
    }
    return counted;
  }

  /** The driver's own connection behind a counted one (the driver keeps state keyed by it). */
  private own(connection: DatabaseConnection): DatabaseConnection {
    return this.inner.get(connection) ?? connection;
  }

  // BEGIN and COMMIT go through the counted connection; ROLLBACK gets the driver's own (on failure it marks the
  // connection for discard through a private method), counted here. Releasing hands the driver its own back.
  beginTransaction = (c: DatabaseConnection, s: TransactionSettings) => this.driver.beginTransaction(c, s);
  commitTransaction = (c: DatabaseConnection) => this.driver.commitTransaction(c);
  rollbackTransaction = (c: DatabaseConnection) => {
    this.onStatement('rollback');
    return this.driver.rollbackTransaction(this.own(c));
  };
  releaseConnection = (c: DatabaseConnection) => this.driver.releaseConnection(this.own(c));

  savepoint = (c: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']) =>
    this.required('savepoint').call(this.driver, c, name, compile);
  rollbackToSavepoint = (c: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']) =>
    this.required('rollbackToSavepoint').call(this.driver, c, name, compile);
  releaseSavepoint = (c: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']) =>
    this.required('releaseSavepoint').call(this.driver, c, name, compile);

  private required(method: 'savepoint' | 'rollbackToSavepoint' | 'releaseSavepoint') {
    const fn = this.driver[method];
    if (!fn) throw new Error(`the database driver does not support ${method}`);
    return fn;
  }
}
