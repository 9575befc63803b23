import 'server-only';
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { z } from 'zod';
import { db } from '@/lib/db/client';
import { writeAudit } from '@/lib/db/audit';
import { createImportJob } from '@/lib/db/imports';
import { withTransaction } from '@/lib/db/transaction';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { binaryKind, SNIFF_BYTES } from '@/lib/import/binary-sniff';
import { IMPORT_KINDS } from '@/lib/schemas/imports';
import { authorize, type Actor } from '../auth/actor';
import { parseInput } from '../validate';

export function uploadsDir() {
  return path.resolve(env().PRECISA_DATA_DIR, 'uploads');
}

const uploadSchema = z.object({
  kind: z.enum(IMPORT_KINDS, { message: 'errors.imports.kind' }),
  name: z
    .string()
    .trim()
    .min(1, 'errors.imports.fileName')
    .max(255)
    .transform((n) => path.basename(n)),
});

/**
 * Streams an uploaded file to disk (never holding it in memory), hashing and size-capping it on the way,
 * then records an ImportJob waiting for its column mapping.
 */
export async function receiveUpload(
  actor: Actor | null,
  input: { kind: unknown; name: unknown; body: WebReadableStream<Uint8Array> | null },
) {
  const admin = authorize(actor, 'imports:manage');
  const meta = parseInput(uploadSchema, { kind: input.kind, name: input.name });
  if (!input.body) throw new AppError('INVALID_INPUT', 'errors.imports.emptyUpload');
  const maxBytes = env().PRECISA_MAX_UPLOAD_MB * 1024 * 1024;
  fs.mkdirSync(uploadsDir(), { recursive: true });
  const filePath = path.join(uploadsDir(), `${randomUUID()}.csv`);
  const hash = createHash('sha256');
  let size = 0;
  const head: Buffer[] = [];
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      if (size < SNIFF_BYTES) head.push(chunk.subarray(0, SNIFF_BYTES - size));
      size += chunk.length;
      if (size > maxBytes)
        return done(new AppError('INVALID_INPUT', 'errors.imports.tooLarge', { mb: env().PRECISA_MAX_UPLOAD_MB }));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(input.body), meter, fs.createWriteStream(filePath, { flags: 'wx' }));
  } catch (e) {
    fs.rmSync(filePath, { force: true });
    throw e;
  }
  if (size === 0) {
    fs.rmSync(filePath, { force: true });
    throw new AppError('INVALID_INPUT', 'errors.fileEmpty');
  }
  // A gzip, spreadsheet or other binary file named .csv would otherwise be read as Latin-1 with garbage headers.
  const binary = binaryKind(Buffer.concat(head));
  if (binary) {
    fs.rmSync(filePath, { force: true });
    throw new AppError('INVALID_INPUT', 'errors.imports.notText', { kind: binary });
  }
  return withTransaction(db, async (tx) => {
    const job = await createImportJob(tx, {
      kind: meta.kind,
      fileName: meta.name,
      filePath,
      fileSize: size,
      fileSha256: hash.digest('hex'),
      createdById: admin.userId,
    });
    await writeAudit(tx, {
      actorType: 'user',
      actorId: admin.userId,
      action: 'import.upload',
      targetType: 'import',
      targetId: job.id,
      details: { kind: meta.kind, fileName: meta.name, bytes: size },
    });
    return job;
  });
}
