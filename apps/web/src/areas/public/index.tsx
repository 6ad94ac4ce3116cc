import type { Area } from '../types.ts';

/** The public area (built by its own task). */
export const area: Area = { key: 'public', title: 'nav.public', menu: [], routes: [] };
