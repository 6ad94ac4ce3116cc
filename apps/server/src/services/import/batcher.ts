import type { Database, Kysely } from '@crossgate/db';
import { lockOrderNumbers } from '../../repositories/import-documents.ts';
import { bufferWrites } from './write-buffer.ts';

interface Job<T> {
  keys: string[];
  write: (trx: Kysely<Database>) => Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for the CEB gateway. Messages that arrive while a transaction is running wait and then go
 * together: one transaction, one BEGIN and COMMIT, the order-number locks of the whole batch taken in one
 * sorted pass (so two processes' batches cannot deadlock on them), then each message's own writes in
 * arrival order. Every message is answered only after the batch has committed — nothing is acknowledged
 * before it is durable. If any message of a batch fails, the batch is rolled back and each message is run
 * again in a transaction of its own, so one bad message never costs the others.
 */
export class WriteBatcher {
  private readonly queue: Job<unknown>[] = [];
  private running = 0;

  /**
   * @param maxBatch messages per transaction at most
   * @param parallel transactions in flight at once (each on its own connection): while one waits for the
   *   database, the next batch is already being written
   */
  constructor(
    private readonly db: Kysely<Database>,
    private readonly maxBatch: number,
    private readonly parallel = 1,
  ) {}

  submit<T>(keys: string[], write: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ keys, write, resolve, reject } as Job<unknown>);
      if (this.running < this.parallel) {
        this.running++;
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        try {
          const results = await this.db.transaction().execute((trx) =>
            bufferWrites(trx, async () => {
              await lockOrderNumbers(
                trx,
                batch.flatMap((j) => j.keys),
              );
              const out: unknown[] = [];
              for (const job of batch) out.push(await job.write(trx));
              return out;
            }),
          );
          batch.forEach((job, i) => job.resolve(results[i]));
        } catch {
          for (const job of batch) {
            try {
              job.resolve(
                await this.db.transaction().execute(async (trx) => {
                  await lockOrderNumbers(trx, job.keys);
                  return job.write(trx);
                }),
              );
            } catch (error) {
              job.reject(error);
            }
          }
        }
      }
    } finally {
      this.running--;
    }
  }
}
