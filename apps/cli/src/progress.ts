import cliProgress from 'cli-progress';

/**
 * A progress reporter for long operator work: a bar per step on a terminal, one line per finished step
 * otherwise (logs, CI).
 */
export function progressReporter(stream: NodeJS.WriteStream = process.stderr) {
  let bar: cliProgress.SingleBar | undefined;
  let current = '';
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
    if (done >= total) {
      finish();
      if (!stream.isTTY) stream.write(`${step}: ${done}/${total}\n`);
    }
  };
  return { report, finish };
}
