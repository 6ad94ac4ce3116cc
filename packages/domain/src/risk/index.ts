export * from './features.ts';
export * from './rule-set.ts';
export * from './evaluate.ts';
export * from './default-rule-set.ts';
export * from './diff.ts';
export * from './windows.ts';
export * from './typologies/index.ts';
