import { Command, InvalidArgumentError, Option } from 'commander';
import { progressReporter } from '@crossgate/cli/progress';
import { markdown, runBenchmark } from './harness.ts';

const positiveInt = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('a whole number ≥ 0');
  return n;
};

const program = new Command('bench')
  .description('Crossgate import clearance benchmark (see bench/README.md)')
  .addOption(new Option('--db <engine>', 'database').choices(['postgres', 'pglite']).default('postgres'))
  .option('--parcels <n>', 'import parcels to send', positiveInt, 20_000)
  .option('--concurrency <n>', 'parcels in flight (closed loop)', positiveInt, 64)
  .option(
    '--rate <n>',
    'offered parcels per second (open loop, for latency); 0 = closed loop',
    positiveInt,
    0,
  )
  .option('--workers <n>', 'server processes (PostgreSQL)', positiveInt, 2)
  .option('--seed <n>', 'traffic seed', positiveInt, 1)
  .option('--smoke', 'a few hundred parcels, correctness only, no baseline, nothing written')
  .option('--no-write', 'do not write bench/results')
  .option(
    '--cpu-prof <dir>',
    'write V8 CPU profiles of the server processes into <dir> (open in Chrome DevTools)',
  )
  .addOption(
    new Option(
      '--block-after-build <s>',
      'block the load process this many seconds after building its messages (tests what a long build does to the first feed call)',
    ).argParser(positiveInt),
  )
  .action(
    async (o: {
      db: 'postgres' | 'pglite';
      parcels: number;
      concurrency: number;
      rate: number;
      workers: number;
      seed: number;
      smoke?: boolean;
      write: boolean;
      cpuProf?: string;
      blockAfterBuild?: number;
    }) => {
      const smoke = o.smoke === true;
      const progress = progressReporter(process.stderr, { everyMs: 10_000 });
      const result = await runBenchmark({
        db: o.db,
        parcels: smoke ? 300 : o.parcels,
        concurrency: smoke ? 16 : o.concurrency,
        rate: smoke ? 0 : o.rate,
        workers: o.workers,
        seed: o.seed,
        baseline: !smoke,
        write: !smoke && o.write,
        cpuProfileDir: o.cpuProf,
        blockAfterBuildSeconds: o.blockAfterBuild,
        log: (line) => process.stderr.write(`${line}\n`),
        progress: progress.report,
      });
      progress.finish();
      process.stdout.write(markdown(result));
      process.exit(result.ok ? 0 : 1);
    },
  );

await program.parseAsync(process.argv);
