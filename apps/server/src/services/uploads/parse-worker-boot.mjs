// The entry of an upload-parsing worker thread (guard.ts). A worker does not run under the loader that lets
// its parent import TypeScript (Node 20 keeps module hooks per thread), so it registers tsx itself — as
// apps/cli/bin/crossgate.js does for the server — before loading the parser.
import { setPriority } from 'node:os';
import { register } from 'tsx/esm/api';

// The lowest CPU priority, for this thread only (Linux nice values are per thread): while a file is
// parsed, the event loop — health checks, gateway messages — still gets the cores first.
try {
  setPriority(19);
} catch {
  // not permitted here: the time limit still bounds the parse
}
register();
await import('./parse-worker.ts');
