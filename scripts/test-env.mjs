// Finds or installs the system software the tests need. Installs from Debian only when running as root with
// apt-get available; otherwise explains exactly what is missing and how to point the tests at it.
import { execSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';

const isRoot = process.getuid?.() === 0;
const hasApt = fs.existsSync('/usr/bin/apt-get');
let aptUpdated = false;

function aptInstall(packages) {
  if (!isRoot || !hasApt) return false;
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated) {
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    aptUpdated = true;
  }
  return spawnSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: 'inherit', env }).status === 0;
}

/** Whether the system has a font with Chinese glyphs (fontconfig); without one, Chinese pages render as boxes. */
function hasCjkFont() {
  const r = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim().length > 0;
}

export function ensureChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
  let found = candidates.find((p) => fs.existsSync(p));
  if (!found && aptInstall(['chromium'])) found = '/usr/bin/chromium';
  // screenshots and the browser tests read Chinese pages too: a small CJK font (WenQuanYi Zen Hei, 7 MB)
  if (found && !hasCjkFont() && !aptInstall(['fonts-wqy-zenhei']))
    console.warn(
      'No font with Chinese glyphs: Chinese pages render as boxes in screenshots (apt-get install fonts-wqy-zenhei).',
    );
  if (!found) {
    console.error(
      "\nChromium is missing. Install Debian's package (sudo apt-get install chromium) or set CHROMIUM_PATH to a Chromium/Chrome binary.",
    );
    return null;
  }
  return found;
}

const TEST_DB = 'precisa_test';

/** Returns a connection string to a local, disposable PostgreSQL database, or null with an explanation. */
export function ensurePostgres() {
  if (process.env.PRECISA_TEST_PG_URL) return process.env.PRECISA_TEST_PG_URL;
  const ctl = '/usr/bin/pg_ctlcluster';
  if (!fs.existsSync(ctl) && !aptInstall(['postgresql'])) {
    console.error(
      '\nPostgreSQL is missing. Install it (sudo apt-get install postgresql) or set PRECISA_TEST_PG_URL to an empty local database, e.g. postgresql://user:pass@127.0.0.1:5432/precisa_test (its public schema is dropped and recreated).',
    );
    return null;
  }
  if (!isRoot) {
    console.error(
      '\nPostgreSQL is installed but this user cannot start or configure it. Start a server and set PRECISA_TEST_PG_URL (see README → Tests).',
    );
    return null;
  }
  const version = fs.readdirSync('/usr/lib/postgresql').sort().at(-1);
  spawnSync(ctl, [version, 'main', 'start'], { stdio: 'ignore' });
  const psql = (sql) => execSync(`su postgres -c "psql -qtAc \\"${sql}\\""`, { encoding: 'utf8' }).trim();
  for (let i = 0; i < 30; i++) {
    try {
      psql('select 1');
      break;
    } catch {
      execSync('sleep 1');
    }
  }
  // The importer's integration tests create scratch databases (one per kill/resume trial), so the role needs CREATEDB.
  // An existing role is altered too: a role left by an older setup without the right would fail those tests.
  // The read-replica test streams a base backup and then the WAL from this server (pg_basebackup), so the role needs
  // REPLICATION and pg_hba.conf a `host replication` line for 127.0.0.1 (Debian's default has one). The line is
  // added only when missing, and the configuration reloaded: a reload does not interrupt other sessions.
  if (psql("select 1 from pg_roles where rolname='precisa'") !== '1')
    psql("create role precisa login createdb replication password 'precisa'");
  else psql("alter role precisa login createdb replication password 'precisa'");
  allowLocalReplication(psql);
  if (psql(`select 1 from pg_database where datname='${TEST_DB}'`) !== '1')
    psql(`create database ${TEST_DB} owner precisa`);
  return `postgresql://precisa:precisa@127.0.0.1:5432/${TEST_DB}`;
}

/** Adds `host replication precisa 127.0.0.1/32 scram-sha-256` to pg_hba.conf unless a line already allows it. */
function allowLocalReplication(psql) {
  const rules = psql(
    "select count(*) from pg_hba_file_rules where type = 'host' and 'replication' = any(database) and (user_name && array['all', 'precisa']) and address in ('127.0.0.1', 'all', '0.0.0.0')",
  );
  if (rules !== '0') return;
  const file = psql('show hba_file');
  fs.appendFileSync(
    file,
    '\n# precisa tests: the read-replica test streams from this server\nhost replication precisa 127.0.0.1/32 scram-sha-256\n',
  );
  psql('select pg_reload_conf()');
}
