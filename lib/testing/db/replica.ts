// A streaming replica of the local test server, for the read-replica test. Not used by the app.
import { freePort } from '@/lib/testing/free-port';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/**
 * The server's programs run as the OS user that owns PostgreSQL's data: `postgres` when the tests run as root (as
 * scripts/test-env.mjs sets the server up; pg_ctl refuses root), else the user running the tests.
 */
const asRoot = process.getuid?.() === 0;
const OS_USER = asRoot ? 'postgres' : os.userInfo().username;

function run(bin: string, args: string[], options: { timeout?: number } = {}) {
  const [cmd, argv] = asRoot ? ['runuser', ['-u', OS_USER, '--', bin, ...args]] : [bin, args];
  return execFileSync(cmd, argv, { encoding: 'utf8', stdio: 'pipe', timeout: options.timeout ?? 120_000 });
}

async function queryOne<T>(url: string, sql: string, params: unknown[] = []): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql, params)).rows[0] as T;
  } finally {
    await c.end();
  }
}

/** The folder of the primary's own major version (/usr/lib/postgresql/<major>/bin, or PG_BIN), or why it cannot run. */
export async function replicaTools(primaryUrl: string): Promise<{ bin: string } | { missing: string }> {
  const { v, replication } = await queryOne<{ v: string; replication: boolean }>(
    primaryUrl,
    `select current_setting('server_version_num') as v,
      (select rolreplication or rolsuper from pg_roles where rolname = current_user) as replication`,
  );
  if (!replication)
    return { missing: 'the test role lacks REPLICATION (scripts/test-env.mjs grants it when it sets the server up)' };
  const bin = process.env.PG_BIN ?? `/usr/lib/postgresql/${Math.floor(Number(v) / 10_000)}/bin`;
  for (const tool of ['pg_basebackup', 'pg_ctl', 'psql'])
    if (!fs.existsSync(path.join(bin, tool)))
      return { missing: `${tool} not found in ${bin} (set PG_BIN to the server's bin folder)` };
  if (asRoot && !fs.existsSync('/usr/sbin/runuser') && !fs.existsSync('/sbin/runuser'))
    return { missing: 'runuser not found (needed to run the replica as postgres when the tests run as root)' };
  return { bin };
}

export type Replica = {
  /** DATABASE_URL with the replica's port: same database, same role and password (both replicated). */
  url: string;
  port: number;
  /** Runs SQL on the replica as the server's OS user (a superuser over the replica's own socket). */
  superuser(sql: string): string;
  /** Waits until the replica has replayed everything the primary had written when this was called. */
  catchUp(timeoutMs?: number): Promise<void>;
  /** Stops the replica and removes its folder; safe to call more than once, and after a failed start. */
  stop(): void;
};

/**
 * Starts a hot standby of the server behind `primaryUrl`: `pg_basebackup -R -X stream` into a temp folder, then
 * `pg_ctl start` on a free port, listening on 127.0.0.1 and a socket in that folder. No replication slot: a slot left by
 * a crashed run would keep the shared server's WAL forever. The copy is of the whole cluster (every database on it).
 */
export async function startReplica(primaryUrl: string, bin: string): Promise<Replica> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'precisa-replica-'));
  const data = path.join(dir, 'data');
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', OS_USER], { encoding: 'utf8' }));
    const gid = Number(execFileSync('id', ['-g', OS_USER], { encoding: 'utf8' }));
    fs.chownSync(dir, uid, gid);
  }
  const port = await freePort();
  let started = false;
  const stop = () => {
    if (started) {
      started = false;
      try {
        run(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'], { timeout: 60_000 });
      } catch (e) {
        console.warn(`replica: pg_ctl stop failed (${(e as Error).message})`);
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    // -R writes standby.signal and primary_conninfo (with this url's password) for the streaming connection
    run(path.join(bin, 'pg_basebackup'), ['-d', primaryUrl, '-D', data, '-R', '-X', 'stream', '-c', 'fast'], {
      timeout: 600_000,
    });
    // Debian keeps postgresql.conf and pg_hba.conf outside the data folder, so the copy has neither
    fs.writeFileSync(
      path.join(data, 'postgresql.conf'),
      '# precisa read-replica test: settings are on the command line\n',
    );
    fs.writeFileSync(path.join(data, 'pg_hba.conf'), 'local all all peer\nhost all all 127.0.0.1/32 scram-sha-256\n');
    fs.writeFileSync(path.join(data, 'pg_ident.conf'), '');
    if (asRoot) execFileSync('chown', ['-R', `${OS_USER}:${OS_USER}`, data]);
    // the settings a standby needs at least as large as the primary's are copied from it
    const limits = await queryOne<Record<string, string>>(
      primaryUrl,
      `select current_setting('max_connections') as max_connections,
        current_setting('max_worker_processes') as max_worker_processes,
        current_setting('max_wal_senders') as max_wal_senders,
        current_setting('max_prepared_transactions') as max_prepared_transactions,
        current_setting('max_locks_per_transaction') as max_locks_per_transaction`,
    );
    const settings = {
      port: String(port),
      listen_addresses: '127.0.0.1',
      unix_socket_directories: dir,
      hot_standby: 'on',
      shared_buffers: '32MB',
      ssl: 'off',
      ...limits,
    };
    const options = Object.entries(settings)
      .map(([k, v]) => `-c ${k}=${v}`)
      .join(' ');
    started = true;
    // a test run that ends without its afterAll (an uncaught error, process.exit) still stops the replica
    process.once('exit', stop);
    run(path.join(bin, 'pg_ctl'), [
      '-D',
      data,
      '-l',
      path.join(dir, 'server.log'),
      '-w',
      '-t',
      '120',
      '-o',
      options,
      'start',
    ]);
  } catch (e) {
    const log = path.join(dir, 'server.log');
    const tail = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').slice(-2000) : '';
    stop();
    throw new Error(`replica did not start: ${(e as Error).message}\n${tail}`);
  }
  const u = new URL(primaryUrl);
  u.port = String(port);
  const superuser = (sql: string) =>
    run(path.join(bin, 'psql'), ['-h', dir, '-p', String(port), '-d', 'postgres', '-qtAX', '-c', sql]).trim();
  return {
    url: u.toString(),
    port,
    superuser,
    async catchUp(timeoutMs = 60_000) {
      const { lsn } = await queryOne<{ lsn: string }>(primaryUrl, 'select pg_current_wal_lsn()::text as lsn');
      const until = Date.now() + timeoutMs;
      while (superuser(`select pg_last_wal_replay_lsn() >= '${lsn}'::pg_lsn`) !== 't') {
        if (Date.now() > until) throw new Error(`replica: not caught up with ${lsn} after ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    stop,
  };
}
