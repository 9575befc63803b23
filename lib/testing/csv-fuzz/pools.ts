/** Value pools of the CSV fuzz generators (lib/testing/csv-fuzz/arbitraries.ts). Test support only. */

export const FORMULAS = [
  '=1+1',
  '=HYPERLINK("http://evil","x")',
  '+1',
  '-1',
  '@SUM(A1)',
  '-',
  '=',
  '＝1',
  '\t=1',
  "=cmd|'/c calc'!A1",
];

export const PLAUSIBLE = [
  'SKU-1',
  'SKU-2',
  'sku-1',
  'C1',
  'C2',
  'Trail shoe',
  '99.50',
  '1,099.00',
  '¥12',
  '12',
  '0',
  '-5',
  'yes',
  'no',
  'TRUE',
  '2024-03-05',
  '2024-03-05T14:30:00+08:00',
  '3/5/2024',
  '2024年3月5日',
  'a@b.co',
  'bad@',
  'view',
  'purchase',
  'add_to_cart',
  'completed',
  'paid',
  'EUR',
  'USD',
  'CNY',
  'https://example.com/a.jpg',
  '/images/a.jpg',
  'Sports > Running',
  '运动 > 跑步',
  '名称',
  '北京',
  '上海',
  'O1',
  '1',
  '2',
];

export const TRICKY = [
  '',
  '',
  ' ',
  ' padded ',
  '"',
  '""',
  'a,b',
  'a;b',
  'a|b',
  'a\tb',
  'x"y',
  'line1\nline2',
  'a\r\nb',
  'a\rb',
  '\n',
  '\uFFFD',
  '😀',
  '\uFEFFx',
  'Ｎｉｋｅ',
];

export const JUNK_HEADERS = [
  '',
  ' ',
  'x',
  'SKU',
  'sku (2)',
  'Sku',
  '名称',
  '名称 (2)',
  '=cmd',
  '"quoted"',
  'a,b',
  '价格',
  'note',
];

export const HANZI = [...'名称价格商品中文北京上海顾客订单数量日期类别品牌颜色'];

export const ALNUM = 'abcXYZ019';

export const BAD_BYTES: Record<'utf-8' | 'gbk', number[][]> = {
  'utf-8': [[0xff], [0xfe, 0x41], [0xc3], [0x80], [0xed, 0xa0, 0x80], [0xe4, 0xb8], [0xc0, 0xaf]],
  // 0x80 is € in the WHATWG GB18030 decoder, so not here; a lead byte without its trail byte is
  gbk: [[0xff], [0xa1], [0xd6], [0x81]],
};

/** Values that fit a field, so that many rows pass validation and reach the database. */
export const FITTING: Record<string, string[]> = {
  id: ['SKU-1', 'SKU-2', 'C1', 'C2', 'O1', 'O2', 'e1', 'e2', ' C3 '],
  text: ['Trail shoe', '名称', '北京', '=1+1', '@SUM(A1)', '-', 'line1\nline2'],
  number: ['12', '99.50', '1,099.00', '¥12', '0', '3'],
  money: ['12', '99.50', '1,099.00', '¥12', '0', '€5'],
  integer: ['1', '2', '3', '0'],
  date: ['2024-03-05', '2024-03-05T14:30:00+08:00', '3/5/2024', '2024年3月5日'],
  boolean: ['yes', 'no', 'TRUE', '是'],
  currency: ['USD', 'EUR', 'CNY'],
  category: ['Sports > Running', '运动 > 跑步', 'Home|Living'],
  brand: ['Nike', 'Acme', '=cmd'],
  eventType: ['view', 'purchase', 'add_to_cart', 'cart'],
  status: ['completed', 'paid', 'cancelled', '已完成'],
  gender: ['f', 'm', '女'],
  email: ['a@b.co', 'x@y.cn', '+1@b.co'],
  image_url: ['https://example.com/a.jpg', '/images/a.jpg'],
};
