import { generateKeyPairSync, randomBytes } from 'node:crypto';
import {
  applyRefusal,
  buildImportParcel,
  type GeneratedParcel,
  type Party,
  type SigningKey,
} from '@crossgate/ceb';
import type { TCreatedApiKey, TMe, TReceiptFeed, TSigningKey } from '@crossgate/contract';
import { UnreachableError, networkCode } from './reach.ts';

/**
 * The HTTP side of an import simulation, shared by `crossgate simulate import` and the benchmark: the demo
 * enterprises sign in and get API keys, parcels are sent document by document, and the declaring agent's
 * receipt feed is followed to each parcel's decision.
 */
export type Role = 'platform' | 'payment' | 'logistics' | 'agent';
export const ROLE_OF = {
  order: 'platform',
  payment: 'payment',
  waybill: 'logistics',
  inventory: 'agent',
} as const;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`HTTP ${status}: ${body.slice(0, 300)}`);
  }
}

/** Methods HTTP defines as idempotent (RFC 9110 §9.2.2): sending one again leaves the same state. */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/**
 * fetch, retried for idempotent requests whose connection failed: a kept-alive socket that the server closed
 * while the client was busy (building a large run's messages takes minutes) fails the next request on it with
 * "fetch failed". The failed socket is discarded, so the next attempt takes another kept-alive socket or opens
 * a fresh connection; four attempts outlast the few sockets a client keeps idle. A GET, PUT or DELETE is safe
 * to repeat; a POST is never retried here.
 */
export async function fetchRetrying(
  url: string,
  init: RequestInit = {},
  /** A write the caller knows is safe to repeat (signing in, setting a value), for the method's say-so. */
  repeatable = false,
): Promise<Response> {
  const idempotent = repeatable || IDEMPOTENT.has((init.method ?? 'GET').toUpperCase());
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetch(url, init);
    } catch (error) {
      if (!idempotent || attempt >= 4)
        throw new UnreachableError(new URL(url).origin, networkCode(error) ?? (error as Error).message);
      await new Promise((r) => setTimeout(r, 100 * attempt));
    }
  }
}

export async function call<T>(url: string, init: RequestInit): Promise<T> {
  const res = await fetchRetrying(url, init);
  const text = await res.text();
  if (!res.ok) throw new HttpError(res.status, text);
  return JSON.parse(text) as T;
}

export interface Session {
  party: Party;
  key: TCreatedApiKey;
  cookie: string;
  /** The session's CSRF token: writes signed in by cookie send it as x-csrf-token (decision 0015). */
  csrf: string;
  /** A signing key registered for the run (registerSigningKey), revoked with the API key. */
  signing?: { id: string; key: SigningKey };
}

/**
 * Gives the session's enterprise a fresh RSA signing key for the run and registers its public half, so the
 * declarations it signs verify under the platform's default signature policy (required, decision 0024).
 */
export async function registerSigningKey(base: string, session: Session, label: string): Promise<SigningKey> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key: SigningKey = {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    keyName: `${label}-${randomBytes(4).toString('hex').toUpperCase()}`,
  };
  const registered = await call<TSigningKey>(`${base}/api/v1/signing-keys`, {
    method: 'POST',
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/json' },
    body: JSON.stringify({
      keyName: key.keyName,
      publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }) as string,
    }),
  });
  session.signing = { id: registered.id, key };
  return key;
}

/** Signs in: the Cookie header to send (session and CSRF cookies) and the CSRF token writes repeat. */
export async function signIn(
  base: string,
  username: string,
  password: string,
): Promise<{ cookie: string; csrf: string; me: TMe }> {
  // Repeatable: a sign-in whose connection failed at most leaves one more session behind.
  const res = await fetchRetrying(
    `${base}/api/v1/auth/login`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    },
    true,
  );
  if (!res.ok) throw new HttpError(res.status, await res.text());
  const cookies = new Map(
    res.headers.getSetCookie().map((c) => {
      const [pair = ''] = c.split(';');
      const at = pair.indexOf('=');
      return [pair.slice(0, at), pair.slice(at + 1)] as const;
    }),
  );
  const csrf = cookies.get('cg_csrf') ?? '';
  return {
    cookie: `cg_session=${cookies.get('cg_session') ?? ''}; cg_csrf=${csrf}`,
    csrf,
    me: (await res.json()) as TMe,
  };
}

const partyOf = (me: TMe): Party => ({
  code: me.organisation.code,
  name: me.organisation.nameZh,
  dxpId: `DXPENT${me.organisation.code.replace(/\D/g, '').padStart(10, '0').slice(-10)}`,
});

/**
 * The demo users' passwords: one for all (an install started with CROSSGATE_DEMO_PASSWORD, the benchmark), or
 * each user's own (the passwords a first start generated, decision 0022).
 */
export type Passwords = string | Readonly<Record<string, string>>;

export function passwordOf(passwords: Passwords, username: string): string {
  if (typeof passwords === 'string') return passwords;
  const password = passwords[username];
  if (password === undefined)
    throw new Error(
      `no password for the demo user ${username} (pass --password or set CROSSGATE_DEMO_PASSWORD)`,
    );
  return password;
}

/** Signs a demo user in and issues its enterprise an API key for the run. */
export async function connect(base: string, username: string, passwords: Passwords): Promise<Session> {
  const { cookie, csrf, me } = await signIn(base, username, passwordOf(passwords, username));
  const key = await call<TCreatedApiKey>(`${base}/api/v1/api-keys`, {
    method: 'POST',
    headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
    body: JSON.stringify({ name: `simulate ${new Date().toISOString()}` }),
  });
  return { party: partyOf(me), key, cookie, csrf };
}

/** Signs the four senders and the seller in as their demo users; the senders get an API key each. */
export async function connectParties(
  base: string,
  passwords: Passwords,
): Promise<{ sessions: Record<Role, Session>; seller: Party }> {
  const sessions = {} as Record<Role, Session>;
  for (const role of ['platform', 'payment', 'logistics', 'agent'] as Role[])
    sessions[role] = await connect(base, role, passwords);
  const seller = partyOf((await signIn(base, 'seller', passwordOf(passwords, 'seller'))).me);
  return { sessions, seller };
}

/** Revokes the API keys and signing keys the run was given. */
export async function revokeKeys(base: string, sessions: Record<string, Session>): Promise<void> {
  for (const s of Object.values(sessions)) {
    await fetchRetrying(`${base}/api/v1/api-keys/${s.key.id}`, {
      method: 'DELETE',
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
    });
    if (s.signing)
      await fetchRetrying(`${base}/api/v1/signing-keys/${s.signing.id}`, {
        method: 'DELETE',
        headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
      });
  }
}

export interface ParcelTimings {
  /** Acknowledgement latency of each message, ms. */
  acks: number[];
  /** When the inventory and the last document were acknowledged (performance.now()). */
  inventoryAckedAt: number;
  lastAckedAt: number;
}

/** Sends the four documents of a parcel in its arrival order, each as its sender. */
/** The four messages of a parcel as they will be sent (with the defect of a parcel meant to be refused). */
export const messagesOf = (parcel: GeneratedParcel) =>
  applyRefusal(parcel.refusal, buildImportParcel(parcel.spec));

export async function sendParcel(
  base: string,
  sessions: Record<Role, Session>,
  parcel: GeneratedParcel,
  prebuilt?: ReturnType<typeof messagesOf>,
): Promise<ParcelTimings> {
  const messages = prebuilt ?? messagesOf(parcel);
  const acks: number[] = [];
  let inventoryAckedAt = 0;
  let lastAckedAt = 0;
  for (const kind of parcel.order) {
    const started = performance.now();
    let res: Response;
    for (;;) {
      res = await fetch(`${base}/ceb/messages`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${sessions[ROLE_OF[kind]].key.secret}`,
          'content-type': 'application/xml',
        },
        body: messages[kind],
      });
      if (res.status !== 429) break;
      // Over the key's budget: nothing was stored, so the same message is sent again after Retry-After.
      await res.text();
      const wait = Math.min(Number(res.headers.get('retry-after') ?? '1') || 1, 60);
      await new Promise((r) => setTimeout(r, wait * 1000));
    }
    const body = await res.text();
    lastAckedAt = performance.now();
    acks.push(lastAckedAt - started);
    if (kind === 'inventory') inventoryAckedAt = lastAckedAt;
    if (res.status !== 200) throw new HttpError(res.status, body);
  }
  return { acks, inventoryAckedAt, lastAckedAt };
}

const FINAL = new Set(['800', '899', '100', '500', '300', '700']);
export const isDecision = (status: string | undefined) =>
  status !== undefined && (FINAL.has(status) || status.startsWith('-'));

/** Follows an enterprise's receipt feed, remembering each inventory's latest CEB622 status and when it came. */
export class FeedFollower {
  readonly latest = new Map<string, { status: string; at: number }>();
  private cursor = '0:0';
  constructor(
    private readonly base: string,
    private readonly apiKey: string,
  ) {}

  /** Skips everything already in the feed. */
  async skipToEnd(): Promise<void> {
    for (;;) {
      const page = await this.page();
      if (page.receipts.length === 0) return;
    }
  }

  /** The next page of receipts after the cursor (empty when nothing is new). */
  async page(): Promise<TReceiptFeed> {
    const page = await call<TReceiptFeed>(`${this.base}/api/v1/receipts?cursor=${this.cursor}&limit=500`, {
      headers: { authorization: `Bearer ${this.apiKey}` },
    });
    this.cursor = page.nextCursor;
    return page;
  }

  /** Reads what is new; returns how many receipts came. */
  async poll(track: (copNo: string) => boolean): Promise<number> {
    const page = await this.page();
    const now = performance.now();
    for (const r of page.receipts) {
      if (r.messageType !== 'CEB622Message') continue;
      const copNo = /<copNo>([^<]*)<\/copNo>/.exec(r.xml)?.[1];
      if (copNo && track(copNo)) this.latest.set(copNo, { status: r.returnStatus, at: now });
    }
    return page.receipts.length;
  }
}
