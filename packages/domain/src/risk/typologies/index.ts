export * from './common.ts';
export * from './fan-in.ts';
export * from './split-orders.ts';
export * from './three-flow.ts';
export * from './burst.ts';
export * from './circular.ts';
