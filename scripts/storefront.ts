// The storefront server: the APIs a shop's traffic hits (recommendations, similar items, campaign assignment, events)
// on plain node:http, one process per core (node:cluster), beside the Next app. Started by scripts/serve.ts on
// STOREFRONT_PORT (default: the app's PORT + 1); run alone with
//   node --conditions=react-server --import tsx scripts/storefront.ts
// Each process keeps its own serving state (the active model, polled at most once a second) and reuses an API key's
// row and a customer's answer for STOREFRONT_CACHE_MS (default 1,000 ms): a revoked key is refused within that time.
// A known customer's live answer is reused for STOREFRONT_LIVE_ANSWER_MS (default 30,000 ms) while nothing of theirs
// changed: their new events end it (at once through this process, within the 1 s poll from elsewhere), as do a new
// model and changed products or settings; within it only trending counters can drift (docs/deployment.md).
import cluster from 'node:cluster';
import http from 'node:http';
import os from 'node:os';
import { servingBundle } from '../lib/services/recommendations/serving/state';
import { storefrontHandler } from '../lib/storefront/handler';

const port = Number(process.env.STOREFRONT_PORT ?? Number(process.env.PORT ?? 3000) + 1);
const workers = Number(process.env.STOREFRONT_WORKERS ?? os.availableParallelism());
const cacheMs = Number(process.env.STOREFRONT_CACHE_MS ?? 1_000);
const liveAnswerMs = Number(process.env.STOREFRONT_LIVE_ANSWER_MS ?? 30_000);
const CANNOT_LISTEN = 3;
const WARM_UP_MS = 10_000;

if (cluster.isPrimary && workers > 1) {
  let stopping = false;
  for (let i = 0; i < workers; i++) cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    if (code === CANNOT_LISTEN) {
      stop();
      process.exitCode = 1;
      return;
    }
    console.error(`[storefront] process ${worker.process.pid} ended (${signal ?? code}); starting another`);
    cluster.fork();
  });
  const stop = () => {
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.kill('SIGTERM');
    setTimeout(() => process.exit(process.exitCode ?? 0), 2_000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  console.log(`  Storefront APIs on http://localhost:${port} (${workers} processes)`);
} else {
  const server = http.createServer(storefrontHandler({ cacheMs, liveAnswerMs, publicUrl: process.env.NEXTAUTH_URL }));
  server.keepAliveTimeout = 65_000;
  server.on('error', (e) => {
    console.error(`[storefront] cannot listen on port ${port}: ${e.message}`);
    process.exit(CANNOT_LISTEN);
  });
  // The served model is loaded before taking requests, so a started or restarted process's first answers do not wait
  // about a second for it. A database that is down or slow delays listening by at most WARM_UP_MS; the first requests
  // then load the model as they always could.
  await Promise.race([
    servingBundle().catch((e) =>
      console.error(
        `[storefront] the serving model will load on the first request (${e instanceof Error ? e.message : e})`,
      ),
    ),
    new Promise((resolve) => setTimeout(resolve, WARM_UP_MS)),
  ]);
  server.listen(port);
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  if (workers <= 1) console.log(`  Storefront APIs on http://localhost:${port}`);
}
