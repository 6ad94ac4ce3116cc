import { randomBytes } from 'node:crypto';
import { generateImportTraffic, REFUSALS, type GeneratedParcel } from '@crossgate/ceb';
import {
  connectParties,
  FeedFollower,
  isDecision,
  registerSigningKey,
  revokeKeys,
  sendParcel,
  type Passwords,
  type Role,
  type Session,
} from './load-client.ts';
import { progressReporter } from './progress.ts';

export interface SimulateOptions {
  url: string;
  parcels: number;
  concurrency: number;
  password: Passwords;
  seed: number;
  refuseShare: number;
  buyers: number;
  waitSeconds: number;
}

export interface SimulateReport {
  parcels: number;
  seconds: number;
  parcelsPerSecond: number;
  byStatus: Record<string, number>;
  expectedRefused: number;
  refusedAsExpected: number;
  unexpected: { orderNo: string; expected: string; actual: string }[];
  pending: number;
}

/**
 * The traffic of a run, ready to send: the four senders and the seller signed in as their demo users, and
 * the parcels generated as them, signed with a fresh agent signing key registered for the run (revoked with
 * the API keys by revokeKeys), and a run id that keeps numbers unique.
 */
export async function prepareTraffic(
  base: string,
  o: { password: Passwords; parcels: number; seed: number; refuseShare: number; buyers: number },
): Promise<{ sessions: Record<Role, Session>; traffic: GeneratedParcel[]; tracked: Set<string> }> {
  const { sessions, seller } = await connectParties(base, o.password);
  // The agent signs its inventories with a key registered for the run (signatures are required by default).
  const agentKey = await registerSigningKey(base, sessions.agent, 'SIMULATE');
  const traffic = generateImportTraffic({
    parcels: o.parcels,
    seed: o.seed,
    refuseShare: o.refuseShare,
    buyers: o.buyers,
    now: new Date(),
    parties: {
      platform: sessions.platform.party,
      seller,
      payment: sessions.payment.party,
      logistics: sessions.logistics.party,
      agent: sessions.agent.party,
    },
    agentKey,
    customsCode: '4614',
    runId: randomBytes(4).toString('hex').toUpperCase(),
  });
  return { sessions, traffic, tracked: new Set(traffic.map((t) => t.spec.copNo)) };
}

/** Compares where each parcel ended with where it was meant to end. */
export function judge(traffic: GeneratedParcel[], latest: Map<string, { status: string }>) {
  const byStatus: Record<string, number> = {};
  const unexpected: SimulateReport['unexpected'] = [];
  let refusedAsExpected = 0;
  for (const t of traffic) {
    const status = latest.get(t.spec.copNo)?.status ?? 'pending';
    byStatus[status] = (byStatus[status] ?? 0) + 1;
    if (t.refusal) {
      if (status === REFUSALS[t.refusal].status) refusedAsExpected++;
      else
        unexpected.push({
          orderNo: t.spec.orderNo,
          expected: `${REFUSALS[t.refusal].status} (${t.refusal})`,
          actual: status,
        });
    } else if (status === '100' || status.startsWith('-') || status === 'pending') {
      unexpected.push({ orderNo: t.spec.orderNo, expected: 'cleared', actual: status });
    }
  }
  return {
    byStatus,
    unexpected,
    refusedAsExpected,
    expectedRefused: traffic.filter((t) => t.refusal).length,
  };
}

/**
 * `crossgate simulate import`: drives the whole import flow over HTTP like the four enterprises would —
 * platform, payment firm, carrier and declaration agent each send their document, in a random order per
 * parcel — then follows the agent's receipt feed until every parcel has reached a customs decision.
 */
export async function simulateImport(
  o: SimulateOptions,
  log: (line: string) => void,
): Promise<SimulateReport> {
  const base = o.url.replace(/\/$/, '');
  const { sessions, traffic, tracked } = await prepareTraffic(base, o);
  const feed = new FeedFollower(base, sessions.agent.key.secret);
  await feed.skipToEnd();

  const started = performance.now();
  const progress = progressReporter();
  let sent = 0;
  const queue = [...traffic];
  await Promise.all(
    Array.from({ length: Math.max(1, o.concurrency) }, async () => {
      for (let p = queue.shift(); p; p = queue.shift()) {
        await sendParcel(base, sessions, p);
        progress.report('发送包裹 sending parcels', ++sent, traffic.length);
      }
    }),
  );
  const deadline = Date.now() + o.waitSeconds * 1000;
  while (Date.now() < deadline) {
    const got = await feed.poll((c) => tracked.has(c));
    const done = traffic.filter((t) => isDecision(feed.latest.get(t.spec.copNo)?.status)).length;
    progress.report('等待海关回执 waiting for decisions', done, traffic.length);
    if (done === traffic.length) break;
    if (got === 0) await new Promise((r) => setTimeout(r, 200));
  }
  const seconds = (performance.now() - started) / 1000;
  await revokeKeys(base, sessions);
  const verdict = judge(traffic, feed.latest);
  log(
    `parcels ${traffic.length} in ${seconds.toFixed(1)} s (${(traffic.length / seconds).toFixed(1)} parcels/s, ${((traffic.length * 4) / seconds).toFixed(1)} messages/s)`,
  );
  return {
    parcels: traffic.length,
    seconds,
    parcelsPerSecond: traffic.length / seconds,
    ...verdict,
    pending: verdict.byStatus.pending ?? 0,
  };
}
