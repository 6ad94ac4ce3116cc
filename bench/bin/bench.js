#!/usr/bin/env node
// `npm run bench`: the benchmark harness, TypeScript run through tsx's loader.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
