import type { CsvRecord } from '../../csv/tokenizer';
import { LINE_KEY_SEP, ROW_UNCHANGED, ROW_UPDATED } from '../../db/import/store';
import { ORDER_COLUMNS, ORDER_LINE_COLUMNS } from '../../db/import/tables';
import { KeyIndex } from '../../import/key-index';
import type { RowCounts } from '../../import/report';
import { Rejection } from '../../import/rows/context';
import { orderHeaderHash, type OrderRow, orderValidator } from '../../import/rows/orders';
import { cleanId } from '../../import/values';
import { KindPipeline, type PipelineSetup } from './pipeline';

type Line = OrderRow & { lineNo: number };

/**
 * Orders, one row per order line. A line without line_no gets its position within its order in file order
 * (counting every line that names the order, valid or not, so fixing a bad line later does not renumber the
 * others). All lines of one order must agree on customer, date, status and currency. Order totals and item counts
 * are recomputed from the stored lines of every order a batch touches.
 */
export class OrdersPipeline extends KindPipeline<Line> {
  protected readonly keyTable = 'OrderLine' as const;
  private readonly validator;
  /** order id → a: first valid line, b: header hash | 1 (0 = none yet), c: lines seen */
  private readonly orders = new KeyIndex(1 << 14);
  private readonly positions = new Map<number, number>();
  private readonly orderCol: number;

  constructor(setup: PipelineSetup) {
    super(setup);
    this.validator = orderValidator(setup.settings);
    this.orderCol = this.reader.col('order_id');
  }

  protected override beforeValidate(records: CsvRecord[]) {
    this.positions.clear();
    for (const rec of records) {
      const cell = rec.error ? undefined : rec.fields[this.orderCol];
      if (!cell) continue;
      const id = cleanId(cell).id;
      if (!id) continue;
      const slot = this.orders.add(id, 0, 0, 1);
      if (slot < 0) this.positions.set(rec.line, 1);
      else {
        const n = this.orders.c3(slot) + 1;
        this.orders.setC(slot, n);
        this.positions.set(rec.line, n);
      }
    }
  }

  protected validate(rec: CsvRecord): Line | Rejection {
    const v = this.validator(rec);
    if (v instanceof Rejection) return v;
    const line = v as Line;
    if (line.lineNo === null) line.lineNo = this.positions.get(rec.line) ?? 1;
    const slot = this.orders.find(v.orderId);
    if (slot >= 0) {
      const header = (v.headerHash | 1) >>> 0;
      if (this.orders.b(slot) === 0) {
        this.orders.setA(slot, rec.line);
        this.orders.setB(slot, header);
      } else if (this.orders.b(slot) !== header) {
        // Only the sign-derived status differs: say so, or the "status" in the message would puzzle a file without one.
        const flipped = v.statusGiven
          ? 0
          : (orderHeaderHash(v.status === 'returned' ? 'completed' : 'returned', v.currency, v.placedAt, v.customer) |
              1) >>>
            0;
        return this.reader.reject(rec, null, flipped === this.orders.b(slot) ? 'orderMixesReturns' : 'orderDisagrees', {
          id: v.orderId,
          line: String(this.orders.a(slot)),
        });
      }
    }
    return line;
  }

  protected keyOf(row: Line) {
    return `${row.orderId}${LINE_KEY_SEP}${row.lineNo}`;
  }

  protected duplicateReason(row: Line, firstLine: number) {
    const params = { id: row.orderId, line: String(firstLine), lineNo: String(row.lineNo) };
    return { code: 'duplicateOrderLine', params } as const;
  }

  protected async resolve(rows: Line[], rejections: Rejection[], write: boolean) {
    const { refs } = this;
    const opts = this.setup.options;
    const customers = new Set<string>();
    const skus = new Map<string, number | null>();
    for (const r of rows) {
      if (!refs.customers.has(r.customer)) customers.add(r.customer);
      if (!refs.products.has(r.sku)) skus.set(r.sku, r.unitPrice);
    }
    await refs.loadCustomers(customers, write && opts.createMissingCustomers, this.now);
    await refs.loadProducts(skus, write && opts.createMissingProducts, this.now);
    const out: Line[] = [];
    for (const r of rows) {
      const customerId = refs.customers.get(r.customer);
      if (customerId === undefined) {
        rejections.push(this.rejectRow(r, 'customer_id', 'unknownCustomer', { value: r.customer }));
        continue;
      }
      const product = refs.products.get(r.sku);
      if (!product) {
        rejections.push(this.rejectRow(r, 'sku', 'unknownSku', { value: r.sku }));
        continue;
      }
      r.customerId = customerId;
      r.productId = product.id;
      out.push(r);
    }
    return out;
  }

  protected async write(rows: Line[]): Promise<RowCounts> {
    if (!rows.length) return { inserted: 0, updated: 0, unchanged: 0 };
    const { store } = this.setup;
    const headers = new Map<string, unknown[]>();
    for (const r of rows) {
      if (!headers.has(r.orderId))
        headers.set(r.orderId, [r.orderId, r.customerId, r.placedAt, r.status, r.currency, 0, 0, this.now]);
    }
    const headerStatus = new Uint8Array(headers.size);
    await store.upsert('Order', ORDER_COLUMNS, [...headers.values()].flat(), headerStatus);
    const changedHeaders = new Set([...headers.keys()].filter((_, i) => headerStatus[i] === ROW_UPDATED));
    const ids = await store.orderIds([...headers.keys()]);
    const values: unknown[] = [];
    for (const r of rows)
      values.push(ids.get(r.orderId)!, r.lineNo, r.productId, r.sku, r.quantity, r.unitPrice, r.quantity * r.unitPrice);
    const lineStatus = new Uint8Array(rows.length);
    const counts = await store.upsert('OrderLine', ORDER_LINE_COLUMNS, values, lineStatus);
    // a file row carries its order's header too: an unchanged line of an order whose header changed is an update
    rows.forEach((r, i) => {
      if (lineStatus[i] === ROW_UNCHANGED && changedHeaders.has(r.orderId)) {
        counts.unchanged--;
        counts.updated++;
      }
    });
    await store.recomputeOrders([...ids.values()], this.now);
    return counts;
  }
}
