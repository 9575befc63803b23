/**
 * Micro-benchmark of the full portrait recompute on a synthetic shop (seeded, lib/engine/portrait/testing/synthetic-shop.ts).
 *
 *   node --max-old-space-size=8192 --import tsx scripts/reference/portrait/bench.ts [customers] [eventsPerCustomer]
 *
 * Defaults: 100,000 customers × 50 events ≈ 5,000,000 events. Prints the wall time per stage (generation excluded)
 * and the CPU time of the whole recompute (the engine is single-threaded; CPU time is the figure to compare when the
 * machine is shared).
 */
import { buildPortraits } from '../../../lib/engine/portrait/build-portraits';
import { makeSyntheticShop } from '../../../lib/engine/portrait/testing/synthetic-shop';

const customers = Number(process.argv[2] ?? 100_000);
const eventsPerCustomer = Number(process.argv[3] ?? 50);
let t = performance.now();
const shop = makeSyntheticShop({ customers, eventsPerCustomer, brands: 400, products: 20_000, seed: 42 });
console.log(
  `generated ${shop.customerIds.length} customers, ${shop.events.length} events, ${shop.orders.length} orders, ${shop.categories.length} categories in ${((performance.now() - t) / 1000).toFixed(1)} s`,
);
t = performance.now();
const cpu = process.cpuUsage();
const batch = buildPortraits(shop, { asOf: shop.asOf });
const total = (performance.now() - t) / 1000;
const used = process.cpuUsage(cpu);
for (const [stage, ms] of Object.entries(batch.timings))
  console.log(`  ${stage.padEnd(14)} ${(ms / 1000).toFixed(2)} s`);
console.log(
  `all portraits: ${total.toFixed(2)} s wall, ${((used.user + used.system) / 1e6).toFixed(2)} s CPU (${((total * 1e6) / shop.events.length).toFixed(2)} µs per event wall)`,
);
const withTags = batch.customers.filter((c) => c.tags.length > 0).length;
console.log(
  `customers with tags: ${withTags}; vector dim ${batch.layout.dim}; BG/NBD ${batch.models.bgnbd?.type}; churn AUC ${batch.models.churn?.type === 'ok' ? batch.models.churn.validation.auc.toFixed(3) : batch.models.churn?.type}`,
);
console.log(`heap used ${(process.memoryUsage().heapUsed / 2 ** 30).toFixed(2)} GiB`);
