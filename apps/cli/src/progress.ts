import cliProgress from 'cli-progress';

/**
 * A progress reporter for long operator work: a bar per step on a terminal, one line per finished step
 * otherwise (logs, CI) — and, with `everyMs`, a line at most that often while a step runs (the benchmark:
 * minutes of work whose log should show it is alive).
 */
export function progressReporter(
  stream: NodeJS.WriteStream = process.stderr,
  options: { everyMs?: number } = {},
) {
  let bar: cliProgress.SingleBar | undefined;
  let current = '';
  let lastLine = 0;
  const finish = () => {
    bar?.stop();
    bar = undefined;
  };
  const report = (step: string, done: number, total: number) => {
    if (step !== current) {
      finish();
      current = step;
      if (stream.isTTY) {
        bar = new cliProgress.SingleBar(
          { format: `${step} [{bar}] {value}/{total}`, stream, hideCursor: true },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, 0);
      }
    }
    bar?.update(done);
    if (!stream.isTTY && options.everyMs !== undefined && done < total) {
      const now = Date.now();
      if (now - lastLine >= options.everyMs) {
        lastLine = now;
        stream.write(`${step}: ${done}/${total}\n`);
      }
    }
    if (done >= total) {
      finish();
      if (!stream.isTTY) stream.write(`${step}: ${done}/${total}\n`);
    }
  };
  return { report, finish };
}
