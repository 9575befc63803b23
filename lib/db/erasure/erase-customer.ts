import { Prisma } from '../generated/sqlite/client';
import { containsText } from '../customers';
import { IS_PG, timeParam } from '../dialect';
import type { DbOrTx, Tx } from '../transaction';

export type ErasureSubject = { id: number; externalId: string; email: string | null; phone: string | null };

/** The externalId of the one customer row that holds every erased customer's orders (no personal data). */
export const ERASED_HOLDER = '__erased_customers__';

export type ErasureCounts = {
  customer: number;
  profile: number;
  tags: number;
  events: number;
  ordersAnonymised: number;
  campaignAssignments: number;
  campaignOutcomes: number;
  emailSends: number;
  surveyResponses: number;
  suppressions: number;
  importErrors: number;
  idempotencyRecords: number;
  jobsScrubbed: number;
  qualityExamples: number;
};

/** Customers matching one identifier: the row id, the shop's customer id, an e-mail (any case) or a phone. */
export function findSubjects(db: DbOrTx, by: 'id' | 'externalId' | 'email' | 'phone', value: string) {
  const select = { id: true, externalId: true, email: true, phone: true } as const;
  const where =
    by === 'id'
      ? { id: Number(value) }
      : by === 'externalId'
        ? { externalId: value }
        : by === 'email'
          ? { email: IS_PG ? { equals: value, mode: 'insensitive' as const } : { in: [value, value.toLowerCase()] } }
          : { phone: value };
  return db.customer.findMany({ where: { ...where, erasedAt: null }, select, take: 100 });
}

/** The personal strings of a customer that must not survive anywhere (name included). */
export async function subjectStrings(db: DbOrTx, id: number) {
  const c = await db.customer.findUnique({
    where: { id },
    select: { externalId: true, email: true, phone: true, name: true },
  });
  return c ? [c.externalId, c.email, c.phone, c.name].filter((s): s is string => !!s && s.length >= 3) : [];
}

async function holderId(tx: Tx) {
  const holder = await tx.customer.upsert({
    where: { externalId: ERASED_HOLDER },
    create: { externalId: ERASED_HOLDER, erasedAt: new Date() },
    update: {},
    select: { id: true },
  });
  return holder.id;
}

const textOf = (column: string) => Prisma.raw(`CAST("${column}" AS TEXT)`);
const like = IS_PG ? Prisma.raw('ILIKE') : Prisma.raw('LIKE');

/**
 * Removes one customer from every table, in the caller's transaction (all of it commits, or none): see plan.ts.
 * `pseudonym` replaces the customer's identifiers in job texts.
 */
export async function eraseCustomerRows(tx: Tx, subject: ErasureSubject, strings: string[], pseudonym: string) {
  const id = subject.id;
  const counts: ErasureCounts = {
    customer: 0,
    profile: (await tx.customerProfile.deleteMany({ where: { customerId: id } })).count,
    tags: (await tx.customerTag.deleteMany({ where: { customerId: id } })).count,
    events: (await tx.event.deleteMany({ where: { customerId: id } })).count,
    ordersAnonymised: 0,
    campaignAssignments: (await tx.campaignAssignment.deleteMany({ where: { customerId: id } })).count,
    campaignOutcomes: (await tx.campaignOutcome.deleteMany({ where: { customerId: id } })).count,
    emailSends: (await tx.emailSend.deleteMany({ where: { customerId: id } })).count,
    surveyResponses: (await tx.surveyResponse.deleteMany({ where: { customerId: id } })).count,
    suppressions: subject.email
      ? (await tx.emailSuppression.deleteMany({ where: { email: subject.email.trim().toLowerCase() } })).count
      : 0,
    importErrors: 0,
    idempotencyRecords: 0,
    jobsScrubbed: 0,
    qualityExamples: (await tx.dataQualityExample.deleteMany({ where: { customerId: id } })).count,
  };
  const holder = await holderId(tx);
  counts.ordersAnonymised = await tx.$executeRaw`
    UPDATE "Order" SET "customerId" = ${holder}, "externalId" = ${'erased-'} || CAST("id" AS TEXT), "updatedAt" = ${timeParam(Date.now())}
    WHERE "customerId" = ${id}`;
  for (const s of strings) {
    counts.importErrors += (await tx.importError.deleteMany({ where: { raw: containsText(s) } })).count;
    const pattern = `%${s}%`;
    counts.idempotencyRecords += await tx.$executeRaw`
      DELETE FROM "IdempotencyRecord" WHERE ${textOf('response')} ${like} ${pattern}`;
  }
  counts.jobsScrubbed = await scrubJobs(tx, strings, pseudonym);
  // flow passes and their step runs (the step runs go with their enrollment)
  await tx.flowEnrollment.deleteMany({ where: { customerId: id } });
  await tx.erasureRequest.updateMany({ where: { customerId: id }, data: { customerId: null, doneAt: new Date() } });
  counts.customer = (await tx.customer.deleteMany({ where: { id } })).count;
  return counts;
}

async function scrubJobs(tx: Tx, strings: string[], pseudonym: string) {
  if (strings.length === 0) return 0;
  const conditions = strings.map(
    (s) =>
      Prisma.sql`(${textOf('payload')} ${like} ${`%${s}%`} OR ${textOf('result')} ${like} ${`%${s}%`} OR "progressNote" ${like} ${`%${s}%`} OR "lastError" ${like} ${`%${s}%`})`,
  );
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Job" WHERE ${Prisma.join(conditions, ' OR ')}`;
  const replace = (text: string) =>
    strings.reduce((t, s) => t.replace(new RegExp(s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'), pseudonym), text);
  for (const { id } of rows) {
    const job = await tx.job.findUniqueOrThrow({ where: { id } });
    const json = (v: unknown) => (v === null ? Prisma.DbNull : JSON.parse(replace(JSON.stringify(v))));
    await tx.job.update({
      where: { id },
      data: {
        payload: json(job.payload),
        result: json(job.result),
        progressNote: job.progressNote === null ? null : replace(job.progressNote),
        lastError: job.lastError === null ? null : replace(job.lastError),
      },
    });
  }
  return rows.length;
}
