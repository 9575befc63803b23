// npm run db:migrate — applies unapplied migrations to DATABASE_URL (default: the SQLite file under data/).
import { applyMigrations, providerOf } from './engine';
import { databaseUrl } from '../../lib/db/url';

const url = databaseUrl();
const applied = await applyMigrations(url);
console.log(`${providerOf(url)}: ${applied.length ? `applied ${applied.join(', ')}` : 'up to date'}`);
