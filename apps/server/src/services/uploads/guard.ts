import { Worker } from 'node:worker_threads';
import { AppError } from '../../errors.ts';
import type { WorkbookLimitDetail } from '../filing/product-workbook.ts';

/**
 * Uploads are parsed off the event loop (issue 13: a 4.6 MB workbook of blank rows held the server's one
 * thread for 20 s and left it at 3.5 GB). Each parse runs in a worker thread of its own with a heap limit
 * (`resourceLimits`) and a wall-clock limit, after which it is terminated; when it ends, its heap goes
 * with it. An enterprise has one upload in flight at a time, and the process parses at most `parallel`
 * uploads at once, so neither one enterprise nor many together can hold every core or fill memory.
 * Counted in each server process, like the rate limits.
 */

export interface UploadLimits {
  /** Heap (V8 old generation) of one parsing worker, MiB: past it the parse is refused. */
  memoryMb: number;
  /** Wall-clock time of one parse, the worker's start included, ms: past it the worker is terminated. */
  timeoutMs: number;
  /** Parsing workers at once in this process: more are refused UPLOADS_BUSY. */
  parallel: number;
}

/**
 * The full template (5,000 rows of long texts, 5 MiB unpacked) parses in a second or two (several on a busy
 * two-core machine) within a 128 MiB heap, and not within 96; 256 MiB leaves twice that. A file within the
 * size and row caps that needs more than 256 MiB or 20 s is built to hurt (e.g. 16 MiB of one-letter shared
 * strings costs exceljs over a gigabyte).
 */
export const DEFAULT_UPLOAD_LIMITS: UploadLimits = { memoryMb: 256, timeoutMs: 20_000, parallel: 2 };

/** The parsers an upload may be read with (parse-worker.ts holds them). */
export type ParserName = 'product-workbook' | 'trace-events';

/** What guard.ts sends a parsing worker. */
export interface ParseRequest {
  parser: ParserName;
  file: Uint8Array;
}

/** What a parsing worker answers: the result, the parser's refusal of the file, or a bug. */
export type ParseOutcome =
  | { ok: true; result: unknown }
  | { ok: false; refusal: { code: string; message: string; detail?: WorkbookLimitDetail } }
  | { ok: false; bug: string };

/** The parser refused the file (its own code, e.g. the workbook reader's TOO_MANY_ROWS). */
export class ParserRefusal extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly detail?: WorkbookLimitDetail,
  ) {
    super(message);
    this.name = 'ParserRefusal';
  }
}

const BOOT = new URL('./parse-worker-boot.mjs', import.meta.url);

export class UploadGuard {
  private readonly inFlight = new Set<string>();
  private running = 0;

  constructor(readonly limits: UploadLimits = DEFAULT_UPLOAD_LIMITS) {}

  /** Runs the enterprise's upload, refusing UPLOAD_IN_PROGRESS while another of its uploads runs. */
  async forEnterprise<T>(orgId: string, upload: () => Promise<T>): Promise<T> {
    if (this.inFlight.has(orgId))
      throw new AppError('UPLOAD_IN_PROGRESS', [
        {
          field: 'file',
          rule: '同一企业同时只处理一个上传 / one upload per enterprise at a time',
          expected: 'no other upload of this enterprise in progress',
          actual: 'another upload of this enterprise is being processed',
        },
      ]);
    this.inFlight.add(orgId);
    try {
      return await upload();
    } finally {
      this.inFlight.delete(orgId);
    }
  }

  /** Parses the file in a worker thread under the limits; the parser's own refusals are ParserRefusal. */
  async parse<T>(parser: ParserName, file: Buffer): Promise<T> {
    const { memoryMb, timeoutMs, parallel } = this.limits;
    if (this.running >= parallel)
      throw new AppError('UPLOADS_BUSY', [
        {
          field: 'file',
          rule: '服务器同时读取的上传数已达上限，请稍后重试 / the server reads as many uploads as it may at once; try again shortly',
          expected: `at most ${parallel} uploads read at once (CROSSGATE_UPLOAD_PARALLEL)`,
          actual: `${this.running} being read`,
        },
      ]);
    this.running += 1;
    // The worker gets a copy of its own (the body may sit in a pooled buffer), moved rather than cloned.
    const copy = new Uint8Array(file);
    const request: ParseRequest = { parser, file: copy };
    const worker = new Worker(BOOT, {
      workerData: request,
      transferList: [copy.buffer as ArrayBuffer],
      resourceLimits: { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: 16, stackSizeMb: 4 },
    });
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    let timer: NodeJS.Timeout | undefined;
    try {
      const outcome = await new Promise<ParseOutcome>((resolve, reject) => {
        timer = setTimeout(() => reject(tooComplex('time', this.limits)), timeoutMs);
        worker.once('message', resolve);
        worker.once('error', (error: Error & { code?: string }) =>
          reject(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? tooComplex('memory', this.limits) : error),
        );
        worker.once('exit', (code) =>
          reject(new Error(`the upload parser stopped (exit ${code}) without an answer`)),
        );
      });
      if (outcome.ok) return outcome.result as T;
      if ('refusal' in outcome)
        throw new ParserRefusal(outcome.refusal.code, outcome.refusal.message, outcome.refusal.detail);
      throw new Error(`the upload parser failed: ${outcome.bug}`);
    } finally {
      clearTimeout(timer);
      // The slot is free once the worker, and its heap, are gone.
      void worker.terminate();
      await exited;
      this.running -= 1;
    }
  }
}

function tooComplex(limit: 'memory' | 'time', limits: UploadLimits): AppError {
  return new AppError('UPLOAD_TOO_COMPLEX', [
    limit === 'memory'
      ? {
          field: 'file',
          rule: `读取此文件所需内存超过 ${limits.memoryMb} MiB 上限，请删除多余的工作表、格式和空行后重新上传 / reading the file needs more than the ${limits.memoryMb} MiB memory limit: remove extra sheets, formatting and blank rows and upload again`,
          expected: `at most ${limits.memoryMb} MiB of memory (CROSSGATE_UPLOAD_MEMORY_MB)`,
          actual: 'the parser ran out of memory and was stopped',
        }
      : {
          field: 'file',
          rule: `读取此文件超过 ${limits.timeoutMs / 1000} 秒上限，请删除多余的工作表、格式和空行后重新上传 / reading the file takes longer than the ${limits.timeoutMs / 1000} s limit: remove extra sheets, formatting and blank rows and upload again`,
          expected: `at most ${limits.timeoutMs} ms (CROSSGATE_UPLOAD_TIMEOUT_MS)`,
          actual: `still reading after ${limits.timeoutMs} ms; the parser was stopped`,
        },
  ]);
}
