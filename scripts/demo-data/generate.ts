// npx tsx scripts/demo-data/generate.ts --out data/demo --customers 5000 --products 1000 --events 200000 --seed 42
// Writes a deterministic demo shop in the canonical import format; prints counts, sizes, statistics and time.
import { parseArgs } from 'node:util';
import { DEFAULT_SHOP_OPTIONS } from '../../lib/engine/simulate/index';
import { generateShop, type GeneratedFile } from './generate-shop';

const USAGE = `Usage: npx tsx scripts/demo-data/generate.ts [options]
  --out DIR         output folder (default data/demo)
  --customers N     customers (default ${DEFAULT_SHOP_OPTIONS.customers})
  --products N      products (default ${DEFAULT_SHOP_OPTIONS.products}, at least one per leaf category)
  --events N        target number of events (default ${DEFAULT_SHOP_OPTIONS.events}; the result lands within a few %)
  --seed N          random seed (default ${DEFAULT_SHOP_OPTIONS.seed})
  --end ISO         last instant of the window (default ${DEFAULT_SHOP_OPTIONS.end})
  --days N          length of the window in days (default ${DEFAULT_SHOP_OPTIONS.days})
  --no-truth        do not write truth.json
  --json            print the full result as JSON`;

function int(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n)) throw new RangeError(`--${name} must be an integer (got ${value})`);
  return n;
}

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'data/demo' },
    customers: { type: 'string' },
    products: { type: 'string' },
    events: { type: 'string' },
    seed: { type: 'string' },
    end: { type: 'string' },
    days: { type: 'string' },
    'no-truth': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

async function run() {
  const d = DEFAULT_SHOP_OPTIONS;
  try {
    return await generateShop({
      out: values.out,
      customers: int('customers', values.customers, d.customers),
      products: int('products', values.products, d.products),
      events: int('events', values.events, d.events),
      seed: int('seed', values.seed, d.seed),
      end: values.end ?? d.end,
      days: int('days', values.days, d.days),
      truth: !values['no-truth'],
    });
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    console.error(`${e.message}\n\n${USAGE}`);
    process.exit(2);
  }
}

const result = await run();

if (values.json) {
  console.log(JSON.stringify(result, null, 2));
} else {
  const mb = (f: GeneratedFile | null) => (f ? `${(f.bytes / 1e6).toFixed(1)} MB` : '-');
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const { files, counts, stats } = result;
  console.log(`Demo shop (seed ${result.options.seed}, window ending ${result.options.end}) in ${values.out}`);
  console.log(`  catalogue.csv  ${counts.products} products        ${mb(files.catalogue)}`);
  console.log(`  customers.csv  ${counts.customers} customers       ${mb(files.customers)}`);
  console.log(`  orders.csv     ${counts.orders} orders, ${counts.orderLines} lines  ${mb(files.orders)}`);
  console.log(`  events.csv     ${counts.events} events        ${mb(files.events)}`);
  if (files.truth) console.log(`  truth.json     hidden model parameters  ${mb(files.truth)}`);
  console.log(`  events by type ${JSON.stringify(stats.eventsByType)}`);
  console.log(
    `  sessions ${stats.sessions}: cart ${pct(stats.sessionCartRate)}, conversion ${pct(stats.sessionConversion)}; view→cart ${pct(stats.viewToCart)}, cart→purchase ${pct(stats.cartToPurchase)}`,
  );
  console.log(
    `  buyers ${stats.buyers}, repeat buyers ${pct(stats.repeatBuyerShare)}, max orders/customer ${stats.maxOrdersPerCustomer}; active customers ${stats.activeCustomers}, churned ${pct(stats.churnShare)}`,
  );
  console.log(
    `  peak month ${stats.peakMonth}, peak day ${stats.peakDay}; weekend/weekday events ${stats.weekendToWeekdayEvents.toFixed(2)}; non-CNY orders ${pct(stats.nonCnyOrderShare)}`,
  );
  console.log(
    `  preference match (customers with ≥ 30 product events) ${pct(stats.preferenceMatch.share)} of ${stats.preferenceMatch.customers}`,
  );
  console.log(`  generated in ${(result.durationMs / 1000).toFixed(2)} s`);
}
