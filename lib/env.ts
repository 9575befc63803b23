import { z } from 'zod';

// Every environment variable the server reads, validated once. NEXTAUTH_SECRET and PRECISA_PEPPER must be set in
// production (the launcher writes random ones to data/secrets.json for the demo); missing secrets fail closed.
const envSchema = z.object({
  DATABASE_URL: z.string().optional(),
  NEXTAUTH_SECRET: z.string().min(32, 'NEXTAUTH_SECRET must be at least 32 characters'),
  PRECISA_PEPPER: z.string().min(32, 'PRECISA_PEPPER must be at least 32 characters'),
  PRECISA_DATA_DIR: z.string().default('data'),
  PRECISA_MAX_UPLOAD_MB: z.coerce.number().int().positive().default(1024),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid server environment: ${problems}`);
  }
  cached = parsed.data;
  return cached;
}
