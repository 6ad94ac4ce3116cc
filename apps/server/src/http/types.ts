import type { Actor } from '@crossgate/domain';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Routes reachable without signing in (health, docs, reference data, login, public pages). */
    public?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
}

export const SESSION_COOKIE = 'cg_session';
