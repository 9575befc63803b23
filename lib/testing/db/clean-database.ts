import Database from 'better-sqlite3';
import pg from 'pg';

/**
 * Vitest setup file for *.integration.test.ts: empties every table (keeping the migration history) before each test
 * file, so a file never depends on what another left behind, whatever order Vitest runs them in.
 */
const url = process.env.DATABASE_URL ?? '';

if (/^postgres/.test(url)) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
    );
    if (rows.length > 0)
      await client.query(`TRUNCATE ${rows.map((r) => `"${r.name}"`).join(', ')} RESTART IDENTITY CASCADE`);
  } finally {
    await client.end();
  }
} else if (url.startsWith('file:')) {
  const conn = new Database(url.slice('file:'.length));
  try {
    const tables = conn
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'`,
      )
      .all() as { name: string }[];
    conn.pragma('foreign_keys = OFF');
    conn.transaction(() => {
      for (const { name } of tables) conn.prepare(`DELETE FROM "${name}"`).run();
      if (conn.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'`).get())
        conn.prepare('DELETE FROM sqlite_sequence').run();
    })();
  } finally {
    conn.close();
  }
}
