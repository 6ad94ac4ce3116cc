// The entry of an upload-parsing worker thread (guard.ts). A worker does not run under the loader that lets
// its parent import TypeScript (Node 20 keeps module hooks per thread), so it registers tsx itself — as
// apps/cli/bin/crossgate.js does for the server — before loading the parser.
import { register } from 'tsx/esm/api';

register();
await import('./parse-worker.ts');
