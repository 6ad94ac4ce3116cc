import { createHash } from 'node:crypto';
import { generateKeyPairSync } from 'node:crypto';
import { buildImportParcel, decodeImportMessage, generateImportTraffic } from '@crossgate/ceb';
import { sql, type DbHandle } from '@crossgate/db';

/**
 * The practical ingest limit of the machine: the same kind of messages parsed and checked against the XSD,
 * then stored durably in batches with no rules at all. The pipeline's throughput is judged against it.
 */
export async function runBaseline(
  db: DbHandle,
  parcels: number,
  seed: number,
): Promise<{ messages: number; seconds: number; messagesPerSecond: number }> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const party = (code: string) => ({
    code,
    name: `基准企业${code}`,
    dxpId: `DXPENT${code.padStart(10, '0')}`,
  });
  const traffic = generateImportTraffic({
    parcels,
    seed,
    refuseShare: 0,
    now: new Date(),
    parties: {
      platform: party('4614960001'),
      seller: party('4614960002'),
      payment: party('4614960004'),
      logistics: party('4614960005'),
      agent: party('4614960006'),
    },
    agentKey: {
      privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
      keyName: 'BASELINE',
    },
    customsCode: '4614',
    buyers: 200,
    runId: 'BASELINE',
  });
  const messages = traffic.flatMap((t) => Object.values(buildImportParcel(t.spec)));
  await sql`CREATE TABLE IF NOT EXISTS bench_baseline (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, message_type text NOT NULL, content_hash text NOT NULL, body text NOT NULL)`.execute(
    db.db,
  );
  const started = performance.now();
  const batchSize = 500;
  for (let i = 0; i < messages.length; i += batchSize) {
    const rows = messages.slice(i, i + batchSize).map((xml) => {
      const decoded = decodeImportMessage(xml);
      if (!decoded.ok) throw new Error(`baseline message does not decode: ${decoded.errors[0]?.rule}`);
      return {
        message_type: decoded.spec.type,
        content_hash: createHash('sha256').update(xml).digest('hex'),
        body: xml,
      };
    });
    const values = sql.join(rows.map((r) => sql`(${r.message_type}, ${r.content_hash}, ${r.body})`));
    await db.db
      .transaction()
      .execute((trx) =>
        sql`INSERT INTO bench_baseline (message_type, content_hash, body) VALUES ${values}`.execute(trx),
      );
  }
  const seconds = (performance.now() - started) / 1000;
  return { messages: messages.length, seconds, messagesPerSecond: messages.length / seconds };
}
