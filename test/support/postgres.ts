import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { clusterUser, postgresBinaries, postgresCommand } from './tools.ts';

/**
 * A throwaway PostgreSQL cluster from the installed server binaries, on a private port and socket
 * directory, removed afterwards. initdb refuses to run as root, so as root the cluster runs as `postgres` (or
 * `nobody` on a machine without PostgreSQL installed).
 */
export interface ThrowawayPostgres {
  /** Over TCP on 127.0.0.1. */
  url: string;
  /** The same server over its Unix-domain socket (what a server on the same machine should use: no TCP stack per round trip). */
  socketUrl: string;
  /** The cluster's data directory (postmaster.pid holds the server's pid). */
  dataDir: string;
  stop(): void;
}

/** The directory of the server binaries the tests use (the machine's, else the npm package's: tools.ts). */
export const findPostgresBin = (): string => postgresBinaries().bin;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const user = clusterUser();
  const dir = mkdtempSync(join(tmpdir(), 'crossgate-pg-'));
  const data = join(dir, 'data');
  if (user) {
    chmodSync(dir, 0o755);
    execFileSync('chown', [user, dir]);
  }
  const run = (cmd: string, args: string[]) => {
    const [file, argv] = postgresCommand(cmd, args);
    const r = spawnSync(file, argv, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${cmd} failed (${r.status}): ${r.stderr || r.stdout}`);
  };
  run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-locale']);
  const port = await freePort();
  run('pg_ctl', [
    '-D',
    data,
    '-l',
    join(dir, 'server.log'),
    '-w',
    '-t',
    '60',
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200`,
    'start',
  ]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    socketUrl: `postgres://postgres@localhost/postgres?host=${encodeURIComponent(dir)}&port=${port}`,
    dataDir: data,
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** Creates an empty database named `name` on the server at `admin` (a superuser URL) and returns its URL. */
export async function createDatabaseOn(admin: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}
