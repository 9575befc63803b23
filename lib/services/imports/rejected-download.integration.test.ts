import { afterAll, expect, test } from 'vitest';
import { db } from '@/lib/db/client';
import { closeConnections } from '@/lib/db/connections';
import { testActors } from '@/lib/testing/db/seed-shop';
import { rejectedRowsDownload } from './imports';

afterAll(() => closeConnections());

// Rejected rows quote the file's lines (customer data included), so their download is an export: admins only, logged.
test('the rejected-rows download is for admins only and every download is in the audit log', async () => {
  const { admin, marketer, manager } = await testActors();
  const job = await db.importJob.create({
    data: {
      kind: 'customers',
      fileName: 'customers (march).csv',
      filePath: '/nonexistent/customers.csv',
      fileSize: 10,
      fileSha256: 'x',
      status: 'completed',
      createdById: admin.userId,
    },
  });
  await db.importError.createMany({
    data: [
      { importId: job.id, line: 3, column: 'email', reason: 'invalid e-mail', raw: 'C9,Ann,not-an-email' },
      { importId: job.id, line: 7, reason: 'too few fields', raw: 'C12' },
    ],
  });
  const download = await rejectedRowsDownload(admin, job.id);
  expect(download.fileName).toBe('customers_march_-rejected-rows.csv');
  let csv = '';
  for await (const chunk of download.chunks) csv += chunk;
  expect(csv.trim().split('\r\n')).toHaveLength(3);
  expect(csv).toContain('C9,Ann,not-an-email');
  const logged = await db.auditLog.findMany({
    where: { action: 'import.download_rejected', targetId: job.id },
    select: { actorId: true, targetType: true },
  });
  expect(logged).toEqual([{ actorId: admin.userId, targetType: 'import' }]);
  for (const who of [marketer, manager])
    await expect(rejectedRowsDownload(who, job.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  await expect(rejectedRowsDownload(admin, 'no-such-import')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  expect(await db.auditLog.count({ where: { action: 'import.download_rejected', targetId: job.id } })).toBe(1);
});
