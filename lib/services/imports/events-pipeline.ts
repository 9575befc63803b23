import type { CsvRecord } from '../../csv/tokenizer';
import { EVENT_COLUMNS } from '../../db/import/tables';
import type { RowCounts } from '../../import/report';
import type { Rejection } from '../../import/rows/context';
import { type EventRow, eventValidator } from '../../import/rows/events';
import { type CodedRejection, KindPipeline, type PipelineSetup } from './pipeline';

/** Events: customer must exist, sku (if any) must exist, campaign/variant (if any) must exist; key = dedupKey. */
export class EventsPipeline extends KindPipeline<EventRow> {
  protected readonly keyTable = 'Event' as const;
  private readonly validator;

  constructor(setup: PipelineSetup) {
    super(setup);
    this.validator = eventValidator(setup.settings);
  }

  /** Reads all customers and products up front when there are no more of them than rows in the file. */
  override async init() {
    await super.init();
    await this.refs.preload(this.setup.expectedRows ?? 0);
  }

  protected validate(rec: CsvRecord) {
    return this.validator(rec);
  }

  protected keyOf(row: EventRow) {
    return row.key;
  }

  protected duplicateReason(row: EventRow, firstLine: number): CodedRejection {
    const line = String(firstLine);
    if (row.key.startsWith('h:')) return { code: 'duplicateEvent', params: { line } };
    return { code: 'duplicateEventId', params: { line, id: row.key } };
  }

  protected async resolve(rows: EventRow[], rejections: Rejection[], write: boolean) {
    const { refs } = this;
    const opts = this.setup.options;
    const customers = new Set<string>();
    const skus = new Map<string, number | null>();
    let categories: Set<string> | null = null;
    let campaigns: Set<number> | null = null;
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      if (!refs.customers.has(r.customer)) customers.add(r.customer);
      if (r.sku !== null && !refs.products.has(r.sku)) skus.set(r.sku, r.price);
      if (r.categoryPath !== null) {
        const c = refs.canonicalCategory(r.categoryPath);
        if (c !== r.categoryText) this.report.categoryPathsNormalised++;
        r.categoryPath = c;
        categories ??= new Set();
        categories.add(c);
      }
      if (r.campaignId !== null) {
        campaigns ??= new Set();
        campaigns.add(r.campaignId);
      }
    }
    if (customers.size) await refs.loadCustomers(customers, write && opts.createMissingCustomers, this.now);
    if (skus.size) await refs.loadProducts(skus, write && opts.createMissingProducts, this.now);
    if (categories) await refs.ensureCategories(categories, write);
    if (campaigns) await refs.loadCampaigns(campaigns);
    const out: EventRow[] = [];
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      const customerId = refs.customers.get(r.customer);
      if (customerId === undefined) {
        rejections.push(this.rejectRow(r, 'customer_id', 'unknownCustomer', { value: r.customer }));
        continue;
      }
      r.customerId = customerId;
      if (r.sku !== null) {
        const p = refs.products.get(r.sku);
        if (!p) {
          rejections.push(this.rejectRow(r, 'sku', 'unknownSku', { value: r.sku }));
          continue;
        }
        r.productId = p.id;
        r.categoryId = p.categoryId;
      }
      if (r.categoryId === null && r.categoryPath !== null) r.categoryId = refs.categoryId(r.categoryPath);
      if (r.campaignId !== null) {
        const variants = refs.campaigns.get(r.campaignId);
        if (!variants) {
          rejections.push(this.rejectRow(r, 'campaign_id', 'unknownCampaign', { value: String(r.campaignId) }));
          continue;
        }
        if (r.variant !== null) {
          const v = variants.get(r.variant);
          if (v === undefined) {
            rejections.push(
              this.rejectRow(r, 'variant', 'unknownVariant', { value: r.variant, campaign: String(r.campaignId) }),
            );
            continue;
          }
          r.variantId = v;
        }
      }
      out.push(r);
    }
    return out;
  }

  protected async write(rows: EventRow[]): Promise<RowCounts> {
    const values: unknown[] = new Array(rows.length * EVENT_COLUMNS.length);
    let k = 0;
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      values[k++] = r.key;
      values[k++] = r.customerId;
      values[k++] = r.type;
      values[k++] = r.ts;
      values[k++] = r.sessionId;
      values[k++] = r.productId;
      values[k++] = r.categoryId;
      values[k++] = r.query;
      values[k++] = r.quantity;
      values[k++] = r.price;
      values[k++] = r.value;
      values[k++] = r.campaignId;
      values[k++] = r.variantId;
      values[k++] = r.orderRef;
      values[k++] = 'import';
    }
    const counts = await this.setup.store.upsert('Event', EVENT_COLUMNS, values);
    this.report.eventsAlreadyImported += counts.unchanged;
    return counts;
  }
}
