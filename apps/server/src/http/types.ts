import type { Actor } from '@crossgate/domain';
import type { AccessTableEntry, RouteAccess } from './access.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Who may call the route (decision 0015): `{ public: true }`, `{ signedIn: true }`, `{ resource, action }`
     * of the domain policy, or a list of them. Required on every route: startup fails without it.
     */
    access?: RouteAccess;
    /**
     * The route also admits the operators' token (`Authorization: Bearer <CROSSGATE_METRICS_TOKEN>`), with no
     * actor: monitoring systems that scrape `/metrics` (SECURITY.md). Callers without it are judged by `access`.
     */
    acceptsOperatorToken?: true;
    /**
     * The route stays reachable while an administrator requires the user to change their password (decision
     * 0022): the change itself, who-am-I and sign-out. Every other route answers 403 PASSWORD_CHANGE_REQUIRED.
     */
    duringPasswordChange?: true;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyInstance {
    /** Every route registered, with its access declaration (filled by the onRoute hook of access.ts). */
    accessTable: AccessTableEntry[];
  }
}

export const SESSION_COOKIE = 'cg_session';
/** The double-submit CSRF cookie (readable by the web app's script) and the header that must repeat it. */
export const CSRF_COOKIE = 'cg_csrf';
export const CSRF_HEADER = 'x-csrf-token';
