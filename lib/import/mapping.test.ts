import { describe, expect, test } from 'vitest';
import { FIELD_SPECS, missingRequiredFields } from './fields';
import { mappingProblem, normaliseHeader, proposeMapping, resolveMapping } from './mapping';

describe('proposeMapping', () => {
  test('the canonical headers map to themselves with full confidence', () => {
    for (const [kind, specs] of Object.entries(FIELD_SPECS)) {
      const header = specs.map((s) => s.key);
      const p = proposeMapping(kind as keyof typeof FIELD_SPECS, header);
      expect(p.mapping).toEqual(Object.fromEntries(header.map((h) => [h, h])));
      expect(p.proposals.every((x) => x.confidence === 1)).toBe(true);
      expect(p.missingRequired).toEqual([]);
    }
  });

  test('UCI Online Retail as orders', () => {
    const p = proposeMapping('orders', [
      'InvoiceNo',
      'StockCode',
      'Description',
      'Quantity',
      'InvoiceDate',
      'UnitPrice',
      'CustomerID',
      'Country',
    ]);
    expect(p.mapping).toEqual({
      order_id: 'InvoiceNo',
      sku: 'StockCode',
      quantity: 'Quantity',
      order_date: 'InvoiceDate',
      unit_price: 'UnitPrice',
      customer_id: 'CustomerID',
    });
    expect(p.unmappedColumns).toEqual(['Description', 'Country']);
    expect(p.missingRequired).toEqual([]);
  });

  test('UCI columns as a catalogue: Description is the title when there is no title column', () => {
    const p = proposeMapping('catalogue', ['StockCode', 'Description', 'UnitPrice']);
    expect(p.mapping).toEqual({ sku: 'StockCode', title: 'Description', price: 'UnitPrice' });
    expect(p.proposals.find((x) => x.field === 'title')!.confidence).toBe(0.6);
  });

  test('a real description column stays the description when a title exists', () => {
    expect(proposeMapping('catalogue', ['SKU', 'Product Name', 'Description', 'Price']).mapping).toEqual({
      sku: 'SKU',
      title: 'Product Name',
      description: 'Description',
      price: 'Price',
    });
  });

  test('Chinese headers', () => {
    expect(proposeMapping('catalogue', ['商品编号', '商品名称', '类目', '品牌', '价格', '库存']).mapping).toEqual({
      sku: '商品编号',
      title: '商品名称',
      category: '类目',
      brand: '品牌',
      price: '价格',
      stock: '库存',
    });
    expect(
      proposeMapping('orders', ['订单号', '客户ID', '下单时间', '商品编号', '数量', '单价']).missingRequired,
    ).toEqual([]);
    expect(proposeMapping('events', ['用户ID', '行为', '时间', '商品编号']).mapping).toEqual({
      customer_id: '用户ID',
      event_type: '行为',
      timestamp: '时间',
      sku: '商品编号',
    });
    expect(proposeMapping('customers', ['客户ID', '姓名', '国家']).mapping).toEqual({
      customer_id: '客户ID',
      name: '姓名',
      region: '国家',
    });
  });

  test('spelling variants: case, spaces, underscores, full-width letters', () => {
    expect(normaliseHeader(' Customer ID ')).toBe('customerid');
    expect(normaliseHeader('ＳＫＵ')).toBe('sku');
    expect(proposeMapping('events', ['Customer Id', 'Event-Type', 'TimeStamp']).missingRequired).toEqual([]);
  });

  test('sample values lower the confidence of a typed field that does not parse', () => {
    const good = proposeMapping(
      'orders',
      ['order_id', 'date'],
      [
        ['1', '2024-03-05'],
        ['2', '2024-03-06'],
      ],
    );
    const bad = proposeMapping(
      'orders',
      ['order_id', 'date'],
      [
        ['1', 'north'],
        ['2', 'south'],
      ],
    );
    const conf = (p: typeof good) => p.proposals.find((x) => x.field === 'order_date')!.confidence;
    expect(conf(good)).toBe(0.85);
    expect(conf(bad)).toBeLessThan(0.3);
  });

  test('each column serves at most one field', () => {
    const p = proposeMapping('events', ['time']);
    expect(Object.values(p.mapping)).toEqual(['time']);
  });
});

describe('resolveMapping', () => {
  const header = ['SKU', 'Name', 'Cost', 'Colour', 'Origin'];
  test('indexes, extra columns for attributes, ignored columns', () => {
    const m = resolveMapping('catalogue', header, { sku: 'SKU', title: 'Name', price: 'cost', color: 'Colour' }, [
      'origin',
    ]);
    expect([...m.columns]).toEqual([
      ['sku', 0],
      ['title', 1],
      ['price', 2],
      ['color', 3],
    ]);
    expect(m.extra).toEqual([]);
    expect(
      resolveMapping('catalogue', header, { sku: 'SKU', title: 'Name', price: 'Cost' }).extra.map((c) => c.name),
    ).toEqual(['Colour', 'Origin']);
  });

  test('a missing required column is a file-level problem naming it in both languages', () => {
    const m = resolveMapping('orders', ['InvoiceNo', 'StockCode'], {
      order_id: 'InvoiceNo',
      sku: 'StockCode',
      quantity: 'Qty',
    });
    const problem = mappingProblem('orders', ['InvoiceNo', 'StockCode'], m)!;
    expect(problem).toMatch(/the mapping names columns the file does not have: quantity → "Qty"/);
    expect(problem).toMatch(
      /missing required columns for a orders import: customer_id \(Customer ID \/ 客户ID\), order_date/,
    );
    expect(problem).toMatch(/The file's columns are: InvoiceNo, StockCode/);
  });

  test('missingRequiredFields (for the mapping form)', () => {
    expect(missingRequiredFields('events', { customer_id: 'uid', event_type: ' ' })).toEqual([
      'event_type',
      'timestamp',
    ]);
    expect(missingRequiredFields('nope', {})).toHaveLength(1);
  });
});
