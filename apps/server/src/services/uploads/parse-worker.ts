// Runs inside a worker thread started by guard.ts: parses one upload and posts the outcome back. The
// thread has a heap limit and is terminated on time-out, so nothing a file makes the parser do reaches
// the server's own heap or event loop.
import { parentPort, workerData } from 'node:worker_threads';
import { readProductWorkbook, WorkbookError } from '../filing/product-workbook.ts';
import { readTraceEventWorkbook } from '../trace/events-workbook.ts';
import type { ParseOutcome, ParseRequest, ParserName } from './guard.ts';

/** The parsers uploads may be read with, by name. */
const PARSERS: Record<ParserName, (file: Buffer) => Promise<unknown>> = {
  'product-workbook': (file) => readProductWorkbook(file),
  'trace-events': (file) => readTraceEventWorkbook(file),
};

const { parser, file } = workerData as ParseRequest;
let outcome: ParseOutcome;
try {
  const result = await PARSERS[parser](Buffer.from(file.buffer, file.byteOffset, file.byteLength));
  outcome = { ok: true, result };
} catch (error) {
  outcome =
    error instanceof WorkbookError
      ? {
          ok: false,
          refusal: {
            code: error.code,
            message: error.message,
            ...(error.detail ? { detail: error.detail } : {}),
          },
        }
      : { ok: false, bug: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}
parentPort?.postMessage(outcome);
