import { z } from 'zod';
import { databaseUrl, readReplicaProblem } from './db/url';

// Every environment variable the server reads, validated once. NEXTAUTH_SECRET and PRECISA_PEPPER must be set in
// production (the launcher writes random ones to data/secrets.json for the demo); missing secrets fail closed.
const envSchema = z
  .object({
    DATABASE_URL: z.string().optional(),
    // A PostgreSQL streaming replica that dashboards and segment counts read from (docs/scale.md → Read replica).
    DATABASE_READ_URL: z.string().trim().optional(),
    NEXTAUTH_SECRET: z.string().min(32, 'NEXTAUTH_SECRET must be at least 32 characters'),
    PRECISA_PEPPER: z.string().min(32, 'PRECISA_PEPPER must be at least 32 characters'),
    PRECISA_DATA_DIR: z.string().default('data'),
    // Import cursors and file sizes are 32-bit integer columns on PostgreSQL: uploads stay below 2 GiB.
    PRECISA_MAX_UPLOAD_MB: z.coerce
      .number()
      .int()
      .positive()
      .max(2047, 'PRECISA_MAX_UPLOAD_MB can be at most 2047 (uploads must stay below 2 GiB)')
      .default(1024),
  })
  .superRefine((e, ctx) => {
    const problem = e.DATABASE_READ_URL
      ? readReplicaProblem(e.DATABASE_READ_URL, databaseUrl({ DATABASE_URL: e.DATABASE_URL }))
      : null;
    if (problem) ctx.addIssue({ code: 'custom', path: ['DATABASE_READ_URL'], message: problem });
  });

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

/** Validates an environment; throws one message naming every problem. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid server environment: ${problems}`);
  }
  return parsed.data;
}

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
