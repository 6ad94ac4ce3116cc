/**
 * CPU time of the gateway's per-message work that is not a database statement — reading the XML, checking it
 * against the XSD, checking a signature, sealing personal data — summed per process since start, in seconds
 * (decision 0045). `/metrics` reports it as `crossgate_gateway_stage_seconds_total{stage}`; the benchmark
 * prints it per message. Measured as the process's CPU time (`process.cpuUsage`, user + system) across the
 * stage — its wall time would count the time the process waits for a core on a busy machine; each measurement
 * is two `getrusage` calls (about a microsecond each).
 */
export type Stage = 'parse' | 'xsd' | 'signature' | 'seal';

export const stageSeconds: Record<Stage, number> = { parse: 0, xsd: 0, signature: 0, seal: 0 };

export const addStage = (stage: Stage, ms: number) => {
  stageSeconds[stage] += ms / 1000;
};

/** The process's CPU time so far, in ms: what a stage's time is measured with. */
export const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Runs `fn` and adds its CPU time to `stage`. */
export function timed<T>(stage: Stage, fn: () => T): T {
  const started = cpuMs();
  try {
    return fn();
  } finally {
    addStage(stage, cpuMs() - started);
  }
}
