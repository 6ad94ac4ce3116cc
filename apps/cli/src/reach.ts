import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The platform the simulations talk to when no --url is given: this machine, on the port `crossgate start` was
 * told to use through PORT (8080 when unset).
 */
export const defaultPlatformUrl = (env: NodeJS.ProcessEnv = process.env) =>
  `http://localhost:${env.PORT && /^\d+$/.test(env.PORT) ? env.PORT : '8080'}`;

/** Where `simulate export-first-ticket` writes the certificate PDF when neither --out nor --out-dir is given. */
export const defaultOutputDir = () => join(tmpdir(), 'crossgate');

/** An error naming the platform address that could not be reached and why (ECONNREFUSED, ENOTFOUND …). */
export class UnreachableError extends Error {
  constructor(
    readonly url: string,
    readonly code: string,
  ) {
    super(
      `无法连接单一窗口 cannot reach the platform at ${url} (${code}). Is \`crossgate start\` running there? ` +
        'Pass --url, or set PORT to the port it listens on.',
    );
  }
}

/** The network reason inside a failed fetch (undici puts it in `cause`). */
export function networkCode(error: unknown): string | undefined {
  let e: unknown = error;
  for (let depth = 0; depth < 4 && e && typeof e === 'object'; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z]+/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Checks that the platform answers at `url` (GET /health) before a simulation starts sending. */
export async function ensureReachable(url: string): Promise<void> {
  const base = url.replace(/\/$/, '');
  try {
    await fetch(`${base}/health`, { signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    throw new UnreachableError(
      base,
      networkCode(error) ?? (error instanceof Error ? error.message : 'fetch failed'),
    );
  }
}
