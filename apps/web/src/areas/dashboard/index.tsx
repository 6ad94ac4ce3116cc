import type { Area } from '../types.ts';

/** The dashboard area (built by its own task). */
export const area: Area = { key: 'dashboard', title: 'nav.dashboard', menu: [], routes: [] };
