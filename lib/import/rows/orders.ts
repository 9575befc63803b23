import type { CsvRecord } from '../../csv/tokenizer';
import { fnv, fnvNum } from '../key-index';
import { normaliseOrderStatus, type OrderStatus } from '../normalise';
import { CellError, type Rejection, RowReader, type RowSettings } from './context';

/** One order line; the order's header fields repeat on each of its lines. */
export type OrderRow = {
  line: number;
  orderId: string;
  customer: string;
  placedAt: number;
  status: OrderStatus;
  /** false when the status came from the sign of the quantity (no status cell) */
  statusGiven: boolean;
  /** currency the file states for this order */
  currency: string;
  sku: string;
  quantity: number;
  /** base currency */
  unitPrice: number;
  /** line_no from the file, or null (then: the line's position within its order in file order) */
  lineNo: number | null;
  /** hash of the header fields, to catch lines of one order that disagree */
  headerHash: number;
  hash: number;
  /** database ids, filled in when references are resolved */
  customerId: number;
  productId: number;
};

/** Hash of what all lines of one order must share. */
export function orderHeaderHash(status: string, currency: string, placedAt: number, customer: string): number {
  return fnv(status, fnv(currency, fnvNum(placedAt, fnv(customer))));
}

export function orderValidator(s: RowSettings) {
  const r = new RowReader(s);
  const c = {
    order: r.col('order_id'),
    customer: r.col('customer_id'),
    date: r.col('order_date'),
    sku: r.col('sku'),
    quantity: r.col('quantity'),
    price: r.col('unit_price'),
    currency: r.col('currency'),
    status: r.col('status'),
    lineNo: r.col('line_no'),
  };
  return (rec: CsvRecord): OrderRow | Rejection => {
    const bad = r.begin(rec);
    if (bad) return bad;
    try {
      const orderId = r.id(c.order, 'order_id', true)!;
      const customer = r.id(c.customer, 'customer_id', true)!;
      const placedAt = r.date(c.date, 'order_date');
      if (placedAt === null) throw new CellError(c.date, 'required', { field: 'order_date' });
      r.notFuture(c.date, 'order_date', placedAt);
      const sku = r.id(c.sku, 'sku', true)!;
      const quantity = r.integer(c.quantity, 'quantity');
      if (quantity === null) throw new CellError(c.quantity, 'required', { field: 'quantity' });
      const priceCell = r.number(c.price, 'unit_price');
      if (!priceCell) throw new CellError(c.price, 'required', { field: 'unit_price' });
      if (priceCell.value < 0) throw new CellError(c.price, 'negativePrice', { value: priceCell.value });
      const currency = r.currency(c.currency, priceCell.currency);
      const unitPrice = r.toBase(priceCell.value, currency, c.price);
      if (currency !== s.baseCurrency) s.report.currencyConverted++;
      const statusText = r.opt(c.status);
      // Without a status, a negative quantity is a return line (e.g. UCI Online Retail's "C…" cancellation invoices).
      const status = statusText === null ? (quantity < 0 ? 'returned' : 'completed') : normaliseOrderStatus(statusText);
      if (statusText === null && quantity < 0) s.report.negativeLinesAsReturns++;
      if (!status) throw new CellError(c.status, 'unknownOrderStatus', { value: statusText!.slice(0, 30) });
      const lineNo = r.integer(c.lineNo, 'line_no');
      if (lineNo !== null && lineNo < 1) throw new CellError(c.lineNo, 'lineNoTooSmall', { value: lineNo });
      const headerHash = orderHeaderHash(status, currency, placedAt, customer);
      return {
        line: rec.line,
        orderId,
        customer,
        placedAt,
        status,
        statusGiven: statusText !== null,
        currency,
        sku,
        quantity,
        unitPrice,
        lineNo,
        headerHash,
        hash: fnvNum(unitPrice, fnvNum(quantity, fnv(sku, headerHash))),
        customerId: 0,
        productId: 0,
      };
    } catch (e) {
      if (e instanceof CellError) return r.rejectCell(rec, e);
      throw e;
    }
  };
}
