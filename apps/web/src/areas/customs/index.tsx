import type { Area } from '../types.ts';

/** The customs area (built by its own task). */
export const area: Area = { key: 'customs', title: 'nav.customs', menu: [], routes: [] };
