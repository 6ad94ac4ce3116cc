import { generateKeyPairSync, randomBytes } from 'node:crypto';
import {
  applyRefusal,
  buildImportParcel,
  generateImportTraffic,
  REFUSALS,
  type GeneratedParcel,
  type Party,
} from '@crossgate/ceb';
import type { TCreatedApiKey, TMe, TReceiptFeed } from '@crossgate/contract';
import { progressReporter } from './progress.ts';

export interface SimulateOptions {
  url: string;
  parcels: number;
  concurrency: number;
  password: string;
  seed: number;
  refuseShare: number;
  buyers: number;
  waitSeconds: number;
}

type Role = 'platform' | 'payment' | 'logistics' | 'agent';
const ROLE_OF = { order: 'platform', payment: 'payment', waybill: 'logistics', inventory: 'agent' } as const;
const FINAL = new Set(['800', '899', '100', '500', '300', '700']);

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`HTTP ${status}: ${body.slice(0, 300)}`);
  }
}

async function call<T>(url: string, init: RequestInit): Promise<T> {
  const res = await fetch(url, init);
  const text = await res.text();
  if (!res.ok) throw new HttpError(res.status, text);
  return JSON.parse(text) as T;
}

/** Signs in as the demo user of a role and issues an API key for the simulation (revoked at the end). */
async function keyFor(
  base: string,
  username: string,
  password: string,
): Promise<{ party: Party; key: TCreatedApiKey; cookie: string }> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new HttpError(res.status, await res.text());
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const me = (await res.json()) as TMe;
  const key = await call<TCreatedApiKey>(`${base}/api/v1/api-keys`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify({ name: `simulate ${new Date().toISOString()}` }),
  });
  const party = {
    code: me.organisation.code,
    name: me.organisation.nameZh,
    dxpId: `DXPENT${me.organisation.code.replace(/\D/g, '').padStart(10, '0').slice(-10)}`,
  };
  return { party, key, cookie };
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
 * `crossgate simulate import`: drives the whole import flow over HTTP like the four enterprises would —
 * platform, payment firm, carrier and declaration agent each send their document, in a random order per
 * parcel — then follows the agent's receipt feed until every parcel has reached a customs decision.
 */
export async function simulateImport(
  o: SimulateOptions,
  log: (line: string) => void,
): Promise<SimulateReport> {
  const base = o.url.replace(/\/$/, '');
  const users: Record<Role, string> = {
    platform: 'platform',
    payment: 'payment',
    logistics: 'logistics',
    agent: 'agent',
  };
  const sessions = {} as Record<Role, Awaited<ReturnType<typeof keyFor>>>;
  for (const role of Object.keys(users) as Role[])
    sessions[role] = await keyFor(base, users[role], o.password);
  const seller = await call<TMe>(`${base}/api/v1/auth/me`, {
    headers: { cookie: (await keyFor(base, 'seller', o.password)).cookie },
  });
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const traffic = generateImportTraffic({
    parcels: o.parcels,
    seed: o.seed,
    refuseShare: o.refuseShare,
    now: new Date(),
    parties: {
      platform: sessions.platform.party,
      seller: { code: seller.organisation.code, name: seller.organisation.nameZh, dxpId: 'DXPENT0000000002' },
      payment: sessions.payment.party,
      logistics: sessions.logistics.party,
      agent: sessions.agent.party,
    },
    agentKey: {
      privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
      keyName: 'SIMULATE',
    },
    customsCode: '4614',
    buyers: o.buyers,
    runId: randomBytes(4).toString('hex').toUpperCase(),
  });
  const byCopNo = new Map(traffic.map((t) => [t.spec.copNo, t]));

  // The feed starts where it stands now, so earlier receipts of the agent are not counted.
  const feedHeaders = { authorization: `Bearer ${sessions.agent.key.secret}` };
  let cursor = '0:0';
  for (;;) {
    const page = await call<TReceiptFeed>(`${base}/api/v1/receipts?cursor=${cursor}&limit=500`, {
      headers: feedHeaders,
    });
    if (page.receipts.length === 0) break;
    cursor = page.nextCursor;
  }

  const started = performance.now();
  const progress = progressReporter();
  let sent = 0;
  const queue = [...traffic];
  const send = async (p: GeneratedParcel) => {
    const messages = applyRefusal(p.refusal, buildImportParcel(p.spec));
    for (const kind of p.order) {
      const role = ROLE_OF[kind];
      const res = await fetch(`${base}/ceb/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${sessions[role].key.secret}`, 'content-type': 'application/xml' },
        body: messages[kind],
      });
      const body = await res.text();
      if (res.status !== 200) throw new HttpError(res.status, body);
    }
    progress.report('发送包裹 sending parcels', ++sent, traffic.length);
  };
  await Promise.all(
    Array.from({ length: Math.max(1, o.concurrency) }, async () => {
      for (let p = queue.shift(); p; p = queue.shift()) await send(p);
    }),
  );

  // Follow the agent's CEB622 receipts until every parcel has its decision (or time runs out).
  const latest = new Map<string, string>();
  const deadline = Date.now() + o.waitSeconds * 1000;
  while (Date.now() < deadline) {
    const page = await call<TReceiptFeed>(`${base}/api/v1/receipts?cursor=${cursor}&limit=500`, {
      headers: feedHeaders,
    });
    for (const r of page.receipts) {
      if (r.messageType !== 'CEB622Message') continue;
      const copNo = /<copNo>([^<]*)<\/copNo>/.exec(r.xml)?.[1];
      if (copNo && byCopNo.has(copNo)) latest.set(copNo, r.returnStatus);
    }
    cursor = page.nextCursor;
    const done = [...byCopNo.keys()].filter(
      (c) => FINAL.has(latest.get(c) ?? '') || (latest.get(c) ?? '').startsWith('-'),
    ).length;
    progress.report('等待海关回执 waiting for decisions', done, traffic.length);
    if (done === traffic.length) break;
    if (page.receipts.length === 0) await new Promise((r) => setTimeout(r, 200));
  }
  const seconds = (performance.now() - started) / 1000;

  const byStatus: Record<string, number> = {};
  const unexpected: SimulateReport['unexpected'] = [];
  let refusedAsExpected = 0;
  for (const t of traffic) {
    const status = latest.get(t.spec.copNo) ?? 'pending';
    byStatus[status] = (byStatus[status] ?? 0) + 1;
    if (t.refusal) {
      if (status === REFUSALS[t.refusal].status) refusedAsExpected++;
      else
        unexpected.push({
          orderNo: t.spec.orderNo,
          expected: `${REFUSALS[t.refusal].status} (${t.refusal})`,
          actual: status,
        });
    } else if (status === '100' || status.startsWith('-')) {
      unexpected.push({ orderNo: t.spec.orderNo, expected: 'cleared', actual: status });
    }
  }
  for (const role of Object.keys(sessions) as Role[]) {
    await fetch(`${base}/api/v1/api-keys/${sessions[role].key.id}`, {
      method: 'DELETE',
      headers: { cookie: sessions[role].cookie },
    });
  }
  log(
    `parcels ${traffic.length} in ${seconds.toFixed(1)} s (${(traffic.length / seconds).toFixed(1)} parcels/s, ${((traffic.length * 4) / seconds).toFixed(1)} messages/s)`,
  );
  return {
    parcels: traffic.length,
    seconds,
    parcelsPerSecond: traffic.length / seconds,
    byStatus,
    expectedRefused: traffic.filter((t) => t.refusal).length,
    refusedAsExpected,
    unexpected,
    pending: byStatus.pending ?? 0,
  };
}
