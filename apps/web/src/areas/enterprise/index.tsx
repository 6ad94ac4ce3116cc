import type { Area } from '../types.ts';

/** The enterprise area (built by its own task). */
export const area: Area = { key: 'enterprise', title: 'nav.enterprise', menu: [], routes: [] };
