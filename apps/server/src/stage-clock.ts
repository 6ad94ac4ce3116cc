/**
 * CPU time of the gateway's per-message work that is not a database statement — reading the XML, checking it
 * against the XSD, checking a signature, sealing personal data — summed per process since start, in seconds
 * (decision 0045). `/metrics` reports it as `crossgate_gateway_stage_seconds_total{stage}`; the benchmark
 * prints it per message. Each measurement is two `performance.now()` calls.
 */
export type Stage = 'parse' | 'xsd' | 'signature' | 'seal';

export const stageSeconds: Record<Stage, number> = { parse: 0, xsd: 0, signature: 0, seal: 0 };

export const addStage = (stage: Stage, ms: number) => {
  stageSeconds[stage] += ms / 1000;
};

/** Runs `fn` and adds its time to `stage`. */
export function timed<T>(stage: Stage, fn: () => T): T {
  const started = performance.now();
  try {
    return fn();
  } finally {
    addStage(stage, performance.now() - started);
  }
}
