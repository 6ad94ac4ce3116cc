import { scopeFor, type Action, type Actor, type Resource, type Scope } from '@crossgate/domain';
import type { TMe } from './identity.ts';

/**
 * The server's access policy (domain `scopeFor`), for clients that show only what the actor may use: the web's
 * menus and route guards ask the same function the server's access hook and services ask (decision 0038).
 */
export { scopeFor, type Action, type Resource, type Scope };

/** The policy's actor for who-am-I (an API key's own scopes are not in it: keys do not use the web app). */
export function actorOfMe(me: TMe): Actor {
  return {
    via: me.via,
    userId: me.user?.id ?? null,
    apiKeyId: null,
    orgId: me.organisation.id,
    orgKind: me.organisation.kind,
    agencyType: me.organisation.agencyType,
    enterpriseRoles: me.organisation.enterpriseRoles,
    userRoles: me.user?.roles ?? [],
  };
}

/** Whether the policy gives the signed-in actor any scope (own or all) for the resource and action. */
export const mayOf = (me: TMe, resource: Resource, action: Action): boolean =>
  scopeFor(actorOfMe(me), resource, action).kind !== 'none';

/** Whether the policy gives the actor every record of the resource for the action. */
export const mayAllOf = (me: TMe, resource: Resource, action: Action): boolean =>
  scopeFor(actorOfMe(me), resource, action).kind === 'all';
