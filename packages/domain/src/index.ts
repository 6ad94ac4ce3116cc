export * from './result.ts';
export * from './money.ts';
export * from './registry/uscc.ts';
export * from './registry/codes.ts';
export * from './registry/organisation.ts';
export * from './tax/tariff-rate.ts';
export * from './identity/roles.ts';
export * from './access/policy.ts';
