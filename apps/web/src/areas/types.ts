import type { ReactNode } from 'react';
import type { RouteObject } from 'react-router-dom';
import { mayAllOf, mayOf, type TMe } from '@crossgate/contract';

/** One menu entry: shown only to the actors `visible` accepts (the server enforces access anyway). */
export interface MenuEntry {
  path: string;
  /** i18n key, e.g. 'enterprise:menu.declarations' */
  label: string;
  icon?: ReactNode;
  visible: (me: TMe) => boolean;
}

/**
 * An area of the app (enterprise portal, customs workbench, dashboard, public pages): its menu group, its
 * signed-in routes and its public routes. App.tsx assembles the areas; each area lives in its own folder.
 */
export interface Area {
  key: string;
  /** i18n key of the menu group title */
  title: string;
  icon?: ReactNode;
  menu: MenuEntry[];
  routes: RouteObject[];
  publicRoutes?: RouteObject[];
}

/**
 * What a signed-in route needs (react-router's `handle`): the layout shows the 无权访问 page instead of the page
 * when `allow` refuses the actor, so opening another role's page by its address explains itself (issue 17).
 */
export interface RouteGuard {
  allow: (me: TMe) => boolean;
}

/** A route only the actors `allow` accepts may open (the server still refuses anything else). */
export const guarded = (route: RouteObject, allow: (me: TMe) => boolean): RouteObject => ({
  ...route,
  handle: { allow } satisfies RouteGuard,
});

export const isEnterprise = (me: TMe) => me.organisation.kind === 'enterprise';
export const isAgency = (me: TMe, ...types: string[]) =>
  me.organisation.kind === 'agency' &&
  (types.length === 0 || types.includes(me.organisation.agencyType ?? ''));
export const isZone = (me: TMe) => me.organisation.kind === 'zone_office';
export const hasRole = (me: TMe, role: string) =>
  (me.organisation.enterpriseRoles ?? []).includes(role as never);

/**
 * The server's own access policy (domain `scopeFor`, through the contract): menus and route guards offer what
 * it would give the actor — `may` any scope, `mayAll` every record (decision 0038).
 */
export const may = mayOf;
export const mayAll = mayAllOf;
