// The app stand-in of the multi-instance test: one OS process holding the app's per-process state (the segment
// index store, the recommendation serving state, the database clients) and calling the same services the Next
// routes and server actions call (app/ is thin: a route parses the request, calls one of these, and answers).
// It is started instead of `next start` because a Next build takes minutes on the CI machine; what could differ
// between instances is that per-process state, which is the same code here. Acts as the admin in PRECISA_MULTI_ADMIN.
//   PORT=… PRECISA_MULTI_ADMIN='{"userId":"…","email":"…"}' node --conditions=react-server <bundle of this file>
//   POST /preview  {definition}  → previewSegment (the live count of the segment builder)
//   POST /serve    {runId}       → serveRun (the Recommendations page's "serve this version")
//   POST /schedule {id}          → scheduleCampaign (the campaign page's "schedule")
import http from 'node:http';
import { errorBody } from '@/lib/errors';
import { DEFAULT_LOCALE } from '@/lib/i18n/translate';
import type { UserActor } from '@/lib/services/auth/actor';
import { scheduleCampaign } from '@/lib/services/campaigns';
import { serveRun } from '@/lib/services/recommendations/runs';
import { previewSegment } from '@/lib/services/segments/preview';

const who = JSON.parse(process.env.PRECISA_MULTI_ADMIN ?? '{}') as { userId: string; email: string };
const admin: UserActor = {
  type: 'user',
  userId: who.userId,
  role: 'admin',
  email: who.email,
  name: 'admin',
  locale: 'en',
};

const ACTIONS: Record<string, (body: Record<string, unknown>) => Promise<unknown>> = {
  '/preview': async (body) => {
    const p = await previewSegment(admin, body);
    return p.ok ? { total: p.total, reachable: p.reachable, source: p.source, asOf: p.asOf } : p;
  },
  '/serve': (body) => serveRun(admin, body.runId),
  '/schedule': (body) => scheduleCampaign(admin, { id: body.id }),
};

function answer(res: http.ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body ?? null);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/api/health') return answer(res, 200, { ok: true, pid: process.pid });
  const action = req.method === 'POST' ? ACTIONS[req.url ?? ''] : undefined;
  if (!action) return answer(res, 404, { error: 'not found' });
  let text = '';
  req.on('data', (d) => (text += d));
  req.on('end', () => {
    Promise.resolve()
      .then(() => action(JSON.parse(text || '{}')))
      .then(
        (out) => answer(res, 200, out),
        (e) => {
          const expected = errorBody(e, DEFAULT_LOCALE);
          if (!expected) console.error('[app-process]', e);
          answer(res, expected?.status ?? 500, expected?.body ?? { error: String(e) });
        },
      );
  });
});
server.listen(Number(process.env.PORT), '127.0.0.1');
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
