import type { Database, Kysely } from '@crossgate/db';
import { lockOrderNumbers } from '../../repositories/import-documents.ts';
import { bufferWrites } from './write-buffer.ts';
import { expectSerials } from '../../repositories/unit-of-work.ts';

interface Job {
  keys: string[];
  write?: (trx: Kysely<Database>) => Promise<unknown>;
  /** Serial numbers the message will take at most, by sequence: reserved for the batch together (decision 0045). */
  serials?: Record<string, number> | undefined;
  /** A message of the common kind, written set-wise with the batch's others by `setWriter`. */
  simple?: unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for the CEB gateway. Messages that arrive while a transaction is running wait and then go
 * together: one transaction, one BEGIN and COMMIT, the order-number locks of the whole batch taken in one
 * sorted pass (so two processes' batches cannot deadlock on them), the common messages written set-wise,
 * then each other message's own writes in arrival order. Every message is answered only after the batch
 * has committed — nothing is acknowledged before it is durable. If anything in a batch fails, the batch is
 * rolled back and each message is run again in a transaction of its own, so one bad message never costs
 * the others.
 */
export class WriteBatcher {
  private readonly queue: Job[] = [];
  private running = 0;

  /**
   * @param maxBatch messages per transaction at most
   * @param parallel transactions in flight at once (each on its own connection)
   * @param setWriter writes a batch's common messages together and answers each
   */
  constructor(
    private readonly db: Kysely<Database>,
    private readonly maxBatch: number,
    private readonly parallel = 1,
    private readonly setWriter?: (trx: Kysely<Database>, jobs: unknown[]) => Promise<unknown[]>,
  ) {}

  submit<T>(
    keys: string[],
    write: (trx: Kysely<Database>) => Promise<T>,
    serials?: Record<string, number>,
  ): Promise<T> {
    return this.enqueue({ keys, write, serials }) as Promise<T>;
  }

  /** For a message the set writer can take; falls back to nothing when there is no set writer. */
  get acceptsSimple(): boolean {
    return this.setWriter !== undefined;
  }

  submitSimple<T>(keys: string[], simple: unknown): Promise<T> {
    return this.enqueue({ keys, simple }) as Promise<T>;
  }

  private enqueue(job: Omit<Job, 'resolve' | 'reject'>): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.queue.push({ ...job, resolve, reject });
      if (this.running < this.parallel) {
        this.running++;
        setImmediate(() => void this.drain());
      }
    });
  }

  private async run(trx: Kysely<Database>, batch: Job[]): Promise<unknown[]> {
    await lockOrderNumbers(
      trx,
      batch.flatMap((j) => j.keys),
    );
    const results: unknown[] = new Array(batch.length);
    const simple = batch.map((job, i) => ({ job, i })).filter(({ job }) => job.simple !== undefined);
    if (simple.length > 0 && this.setWriter) {
      const answers = await this.setWriter(
        trx,
        simple.map(({ job }) => job.simple),
      );
      simple.forEach(({ i }, k) => (results[i] = answers[k]));
    }
    for (const job of batch)
      for (const [sequence, n] of Object.entries(job.serials ?? {})) expectSerials(trx, sequence, n);
    for (let i = 0; i < batch.length; i++) {
      const job = batch[i] as Job;
      if (job.write) results[i] = await job.write(trx);
    }
    return results;
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        try {
          const results = await this.db
            .transaction()
            .execute((trx) => bufferWrites(trx, () => this.run(trx, batch)));
          batch.forEach((job, i) => job.resolve(results[i]));
        } catch {
          for (const job of batch) {
            try {
              const [result] = await this.db
                .transaction()
                .execute((trx) => bufferWrites(trx, () => this.run(trx, [job])));
              job.resolve(result);
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
