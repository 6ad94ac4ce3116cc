import type { FastifyInstance, RouteOptions } from 'fastify';
import {
  keyScopeAllows,
  keyScopesFor,
  scopeFor,
  type Action,
  type Actor,
  type AgencyType,
  type OrganisationKind,
  type Resource,
} from '@crossgate/domain';
import type { TErrorDetail } from '@crossgate/contract';

/**
 * Every route declares who may call it, in its Fastify `config.access` (decision 0015). The declaration is
 * the route's entry in the access matrix: the HTTP layer refuses a caller whose role the domain policy
 * (`scopeFor`) gives no scope before any handler runs, and the services still check the scope of each
 * record they touch (defence in depth; out-of-scope records stay 404, decision 0004).
 */

/** One thing a route does to a resource of the domain policy. */
export interface AccessNeed {
  resource: Resource;
  action: Action;
  /**
   * `all`: the route works across organisations (review queues, regulators' lists and settings), so an
   * `own` scope is not enough and is refused like `none`.
   */
  scope?: 'all';
}

/**
 * Narrowings the domain policy does not express yet: who, beyond the scope, the service admits. Each use is
 * a gap between policy.ts and a service, listed in decision 0015 until the policy absorbs it.
 */
export interface AccessNarrowing {
  orgKinds?: readonly OrganisationKind[];
  agencyTypes?: readonly AgencyType[];
  /** How the caller signed in: `['session']` for what only a person can do (change their own password). */
  via?: readonly ('session' | 'api_key')[];
}

/**
 * A route's access declaration:
 * - `{ public: true }`: no sign-in (health, reference data, login, public lookups);
 * - `{ signedIn: true }`: any signed-in person or API key (the route acts on the caller's own organisation
 *   only, e.g. who am I, sign out, the caller's receipt feed), optionally narrowed;
 * - `{ resource, action }`: the domain policy must give the caller a scope for it;
 * - a list of needs when the route touches several resources: every one must be granted.
 */
export type RouteAccess =
  | { public: true }
  | ({ signedIn: true } & AccessNarrowing)
  | (AccessNeed & AccessNarrowing)
  | readonly AccessNeed[];

/** One row of the route table: a method and URL with its declaration (or the plugin that owns it). */
export interface AccessTableEntry {
  method: string;
  url: string;
  access: RouteAccess;
  /** Set for the routes of third-party plugins that are public by the allowlist below. */
  plugin?: string;
}

/** The answer for an actor: allowed, or refused with the detail that names what was missing. */
export type AccessVerdict = { allowed: true } | { allowed: false; detail: TErrorDetail };

export const isPublic = (access: RouteAccess | undefined): boolean =>
  access !== undefined && !Array.isArray(access) && 'public' in access && access.public === true;

const needsOf = (access: RouteAccess): readonly AccessNeed[] => {
  if (Array.isArray(access)) return access as readonly AccessNeed[];
  return 'resource' in access ? [access] : [];
};

const narrowingOf = (access: RouteAccess): AccessNarrowing =>
  Array.isArray(access) ? {} : (access as AccessNarrowing);

/**
 * Whether a signed-in actor may call a route with this declaration. Pure: the same judgement serves the
 * request hook and anyone who wants to know what a role may do.
 */
export function judgeAccess(actor: Actor, access: RouteAccess, method = 'GET'): AccessVerdict {
  if (isPublic(access)) return { allowed: true };
  const keyScopes = keyScopesFor(
    needsOf(access).map((n) => n.resource),
    method.toUpperCase(),
  );
  if (!keyScopeAllows(actor, keyScopes))
    return {
      allowed: false,
      detail: {
        field: 'Authorization',
        rule: `此 API 密钥的权限范围不含此操作 (the API key's scopes do not cover this: it needs ${keyScopes.join(' or ')})`,
        expected: keyScopes.join(' | '),
        actual: (actor.keyScopes ?? []).join(', '),
      },
    };
  for (const need of needsOf(access)) {
    const scope = scopeFor(actor, need.resource, need.action);
    if (scope.kind === 'none' || (need.scope === 'all' && scope.kind !== 'all'))
      return {
        allowed: false,
        detail: {
          field: 'actor',
          rule: `访问策略未授予当前角色 ${need.resource}:${need.action}${need.scope === 'all' ? '（全部机构范围）' : ''} (the access policy grants this role no ${need.scope === 'all' ? 'cross-organisation ' : ''}${need.action} on ${need.resource})`,
          expected: `${need.resource}:${need.action}${need.scope === 'all' ? ' scope all' : ''}`,
          actual: scope.kind,
        },
      };
  }
  const { orgKinds, agencyTypes, via } = narrowingOf(access);
  if (via && (actor.via === 'system' || !via.includes(actor.via)))
    return {
      allowed: false,
      detail: {
        field: 'actor',
        rule: '此操作须由本人登录后进行，API 密钥不可 (only a signed-in person may do this, not an API key)',
        expected: via.join(', '),
        actual: actor.via,
      },
    };
  if (orgKinds && !orgKinds.includes(actor.orgKind))
    return {
      allowed: false,
      detail: {
        field: 'actor',
        rule: '此操作仅限以下机构类型 (only these kinds of organisation may do this)',
        expected: orgKinds.join(', '),
        actual: actor.orgKind,
      },
    };
  if (agencyTypes && (actor.agencyType === null || !agencyTypes.includes(actor.agencyType)))
    return {
      allowed: false,
      detail: {
        field: 'actor',
        rule: '此操作仅限以下监管部门 (only these agencies may do this)',
        expected: agencyTypes.join(', '),
        actual: actor.agencyType ?? actor.orgKind,
      },
    };
  return { allowed: true };
}

/**
 * Routes registered by third-party plugins, which cannot carry a declaration: the one place where a route
 * may come without one. Each entry is public and read-only (GET/HEAD); anything else a plugin adds must be
 * declared or startup fails like for our own routes.
 */
type RegisteredRoute = RouteOptions & { prefix: string };
const PLUGIN_ROUTES: { plugin: string; matches: (route: RegisteredRoute) => boolean }[] = [
  // The API documentation: the OpenAPI JSON/YAML and the Swagger UI files under /docs (app.ts routePrefix).
  { plugin: '@fastify/swagger-ui', matches: (route) => route.prefix === '/docs' },
  // The built web app's files: @fastify/static marks each file route with the file and its root.
  {
    plugin: '@fastify/static',
    matches: (route) =>
      typeof (route.config as { file?: unknown } | undefined)?.file === 'string' &&
      typeof (route.config as { rootPath?: unknown } | undefined)?.rootPath === 'string',
  },
];

const methodsOf = (route: RouteOptions): string[] =>
  (Array.isArray(route.method) ? route.method : [route.method]).map((m) => String(m).toUpperCase());

const isAccessShape = (access: unknown): access is RouteAccess => {
  if (Array.isArray(access)) return access.length > 0 && access.every((n) => isAccessShape(n));
  if (typeof access !== 'object' || access === null) return false;
  const a = access as Record<string, unknown>;
  return (
    a.public === true ||
    a.signedIn === true ||
    (typeof a.resource === 'string' && typeof a.action === 'string')
  );
};

/**
 * Installs the route-table check: every route registered from now on must declare `config.access`, or the
 * registration throws and the server does not start (a new route without a policy cannot ship). The table
 * of every route and its declaration is kept on `app.accessTable` (the access-matrix test reads it).
 * Call before any route is registered.
 */
export function registerAccessControl(app: FastifyInstance): void {
  const table: AccessTableEntry[] = [];
  app.decorate('accessTable', table);
  app.addHook('onRoute', (route) => {
    const methods = methodsOf(route);
    const declared = (route.config as { access?: unknown } | undefined)?.access;
    if (declared === undefined) {
      const plugin = PLUGIN_ROUTES.find((p) => p.matches(route));
      if (plugin && methods.every((m) => m === 'GET' || m === 'HEAD')) {
        const access = { public: true } as const;
        route.config = { ...(route.config ?? {}), access };
        for (const method of methods) table.push({ method, url: route.url, access, plugin: plugin.plugin });
        return;
      }
      throw new Error(
        `Route ${methods.join(',')} ${route.url} declares no access policy: add config.access ({ public: true }, { signedIn: true }, { resource, action } or a list of them; see apps/server/src/http/access.ts and docs/decisions/0015-access-matrix-and-csrf.md)`,
      );
    }
    if (!isAccessShape(declared))
      throw new Error(
        `Route ${methods.join(',')} ${route.url} has a malformed config.access: ${JSON.stringify(declared)}`,
      );
    for (const method of methods) table.push({ method, url: route.url, access: declared });
  });
}
