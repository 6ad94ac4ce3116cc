export * from './errors.ts';
export * from './common.ts';
export * from './identity.ts';
export * from './products.ts';
export * from './reference.ts';
export * from './zone.ts';
export * from './audit.ts';
export * from './system.ts';
