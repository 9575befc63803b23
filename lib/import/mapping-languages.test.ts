import { describe, expect, test } from 'vitest';
import { currenciesWithoutRate, detectDecimalSeparator, detectFileCurrency, symbolCurrency } from './detect-currency';
import { proposeMapping } from './mapping';
import { parseBoolean } from './values';

// Small hand-written catalogues as shops export them. The IKEA rows follow the public "IKEA SA furniture" scrape
// (prices in Saudi riyal, `old_price` written "SR 160"); the others use headers the alias lists do not cover.
const IKEA_HEADER = [
  'item_id',
  'name',
  'category',
  'price',
  'old_price',
  'sellable_online',
  'link',
  'other_colors',
  'short_description',
  'designer',
  'depth',
  'height',
  'width',
];
const IKEA_ROWS = [
  [
    '90420332',
    'FREKVENS',
    'Bar furniture',
    '265.0',
    'No old price',
    'True',
    'https://www.ikea.com/sa/en/p/frekvens-bar-table-in-outdoor-black-s49932175/',
    'No',
    'Bar table, in/outdoor, 51x51 cm',
    'Nicholas Wolff',
    '',
    '99.0',
    '51.0',
  ],
  [
    '368814',
    'NORDVIKEN',
    'Bar furniture',
    '995.0',
    'No old price',
    'False',
    'https://www.ikea.com/sa/en/p/nordviken-bar-table-black-00368814/',
    'No',
    'Bar table, 140x80 cm',
    'Francis Cayouette',
    '',
    '105.0',
    '80.0',
  ],
  [
    '80155205',
    'STIG',
    'Bar furniture',
    '69.0',
    'No old price',
    'True',
    'https://www.ikea.com/sa/en/p/stig-bar-stool-with-backrest-white-silver-colour-80155205/',
    'Yes',
    'Bar stool with backrest, 74 cm',
    'Henrik Preutz',
    '50.0',
    '100.0',
    '60.0',
  ],
  [
    '70404875',
    'FRANKLIN',
    'Bar furniture',
    '129.0',
    'SR 160',
    'True',
    'https://www.ikea.com/sa/en/p/franklin-bar-stool-with-backrest-foldable-black-black-70404875/',
    'Yes',
    'Bar stool with backrest, foldable, 63 cm',
    'Sarah Fager',
    '50.0',
    '95.0',
    '44.0',
  ],
  [
    '10122647',
    'INGOLF',
    'Bar furniture',
    '345.0',
    'No old price',
    'True',
    'https://www.ikea.com/sa/en/p/ingolf-bar-stool-with-backrest-white-10122647/',
    'No',
    'Bar stool with backrest, 63 cm',
    'Carina Bengs',
    '45.0',
    '91.0',
    '40.0',
  ],
];

const GERMAN_HEADER = [
  'Artikelnummer',
  'Bezeichnung',
  'Warengruppe',
  'Verkaufspreis',
  'Farbe',
  'Bestand',
  'Sichtbar',
  'Produktbild',
];
const GERMAN_ROWS = [
  [
    'A-10472',
    'Laufschuh Air Zoom Herren',
    'Sport > Laufen > Schuhe',
    '89,95 €',
    'Schwarz',
    '12',
    'ja',
    'https://cdn.shop.de/media/catalog/product/a/1/a-10472.jpg',
  ],
  [
    'A-10473',
    'Laufschuh Air Zoom Damen',
    'Sport > Laufen > Schuhe',
    '89,95 €',
    'Weiß',
    '4',
    'ja',
    'https://cdn.shop.de/media/catalog/product/a/1/a-10473.jpg',
  ],
  [
    'B-20011',
    'Trinkflasche 750 ml',
    'Sport > Zubehör',
    '12,50 €',
    'Blau',
    '130',
    'nein',
    'https://cdn.shop.de/media/catalog/product/b/2/b-20011.jpg',
  ],
  [
    'C-30502',
    'Funktionsshirt Kurzarm',
    'Bekleidung > Shirts',
    '24,99 €',
    'Grau meliert',
    '57',
    'ja',
    'https://cdn.shop.de/media/catalog/product/c/3/c-30502.jpg',
  ],
];

const SPANISH_HEADER = [
  'Código',
  'Nombre del artículo',
  'Precio',
  'Moneda',
  'Color',
  'Existencias',
  'Disponible',
  'Imagen',
  'Categoría',
];
const SPANISH_ROWS = [
  [
    'ES-1001',
    'Zapatilla de running mujer',
    '59,90',
    'EUR',
    'Azul marino',
    '8',
    'Sí',
    'https://cdn.tienda.es/img/p/1001.webp',
    'Deporte > Running > Calzado',
  ],
  [
    'ES-1002',
    'Mochila urbana 20 L',
    '34,95',
    'EUR',
    'Negro',
    '15',
    'No',
    'https://cdn.tienda.es/img/p/1002.webp',
    'Accesorios > Mochilas',
  ],
  [
    'ES-1003',
    'Camiseta técnica hombre',
    '19,99',
    'EUR',
    'Rojo',
    '0',
    'Sí',
    'https://cdn.tienda.es/img/p/1003.webp',
    'Ropa > Camisetas',
  ],
];

const ARABIC_HEADER = ['رمز المنتج', 'اسم المنتج', 'السعر', 'اللون', 'المخزون', 'متاح', 'رابط الصورة', 'الفئة'];
const ARABIC_ROWS = [
  [
    'SA-2001',
    'حذاء جري رجالي',
    '199.00 ر.س',
    'أسود',
    '24',
    'نعم',
    'https://cdn.example.sa/images/2001.jpg',
    'رياضة > جري > أحذية',
  ],
  [
    'SA-2002',
    'قميص رياضي نسائي',
    '89.50 ر.س',
    'أبيض',
    '3',
    'لا',
    'https://cdn.example.sa/images/2002.jpg',
    'ملابس > قمصان',
  ],
  [
    'SA-2003',
    'حقيبة ظهر للسفر',
    '149.00 ر.س',
    'رمادي',
    '41',
    'نعم',
    'https://cdn.example.sa/images/2003.jpg',
    'إكسسوارات > حقائب',
  ],
];

const JAPANESE_HEADER = ['商品コード', '商品名', '販売価格', '色', '在庫数', '公開', '画像URL', 'カテゴリ'];
const JAPANESE_ROWS = [
  [
    'JP-00123',
    'メンズ ランニングシューズ',
    '¥12,800',
    'ブラック',
    '15',
    'はい',
    'https://img.example.jp/items/00123_main.jpg',
    'メンズ/シューズ/ランニング',
  ],
  [
    'JP-00124',
    'レディース ヨガウェア',
    '¥6,490',
    'ネイビー',
    '7',
    'はい',
    'https://img.example.jp/items/00124_main.jpg',
    'レディース/ウェア/ヨガ',
  ],
  [
    'JP-00125',
    '保冷ボトル 500ml',
    '¥2,200',
    'ホワイト',
    '120',
    'いいえ',
    'https://img.example.jp/items/00125_main.jpg',
    'アクセサリー/ボトル',
  ],
];

const proposal = (p: ReturnType<typeof proposeMapping>, field: string) => p.proposals.find((x) => x.field === field)!;

describe('IKEA SA catalogue (issue 8)', () => {
  const p = proposeMapping('catalogue', IKEA_HEADER, IKEA_ROWS);

  test('a Yes/No column is not a colour and a product page is not an image, though their headers resemble them', () => {
    expect(p.mapping.color).toBeUndefined();
    expect(p.mapping.image_url).toBeUndefined();
    expect(proposal(p, 'color')).toMatchObject({ column: 'other_colors', mapped: false });
    expect(proposal(p, 'color').confidence).toBeLessThan(0.3);
    expect(proposal(p, 'color').reasons).toContainEqual(
      expect.objectContaining({ code: 'valuesDoNotFit', kind: 'colour', share: 0 }),
    );
    expect(proposal(p, 'image_url')).toMatchObject({ column: 'link', mapped: false });
  });

  test('sellable_online (True/False) is proposed for active', () => {
    expect(p.mapping.active).toBe('sellable_online');
    expect(proposal(p, 'active').confidence).toBeGreaterThanOrEqual(0.7);
    expect(proposal(p, 'active').reasons.map((r) => r.code)).toEqual(['headerResembles', 'valuesFit']);
  });

  test('the rest maps by header, and the currency comes from "SR 160"', () => {
    expect(p.mapping).toMatchObject({ sku: 'item_id', title: 'name', category: 'category', price: 'price' });
    expect(detectFileCurrency('catalogue', IKEA_HEADER, IKEA_ROWS, p.mapping)).toEqual({
      source: 'symbol',
      currency: 'SAR',
      column: 'old_price',
      example: 'SR 160',
      currencies: ['SAR'],
    });
  });
});

describe('headers in languages the alias lists do not cover: proposals from the values', () => {
  test.each([
    [
      'German',
      GERMAN_HEADER,
      GERMAN_ROWS,
      {
        sku: 'Artikelnummer',
        title: 'Bezeichnung',
        category: 'Warengruppe',
        price: 'Verkaufspreis',
        color: 'Farbe',
        stock: 'Bestand',
        active: 'Sichtbar',
        image_url: 'Produktbild',
      },
    ],
    [
      'Spanish',
      SPANISH_HEADER,
      SPANISH_ROWS,
      {
        sku: 'Código',
        title: 'Nombre del artículo',
        price: 'Precio',
        currency: 'Moneda',
        color: 'Color',
        stock: 'Existencias',
        active: 'Disponible',
        image_url: 'Imagen',
        category: 'Categoría',
      },
    ],
    [
      'Arabic',
      ARABIC_HEADER,
      ARABIC_ROWS,
      {
        sku: 'رمز المنتج',
        title: 'اسم المنتج',
        price: 'السعر',
        color: 'اللون',
        stock: 'المخزون',
        active: 'متاح',
        image_url: 'رابط الصورة',
        category: 'الفئة',
      },
    ],
    [
      'Japanese',
      JAPANESE_HEADER,
      JAPANESE_ROWS,
      {
        sku: '商品コード',
        title: '商品名',
        price: '販売価格',
        color: '色',
        stock: '在庫数',
        active: '公開',
        image_url: '画像URL',
        category: 'カテゴリ',
      },
    ],
  ])('%s catalogue', (_, header, rows, expected) => {
    const p = proposeMapping('catalogue', header, rows);
    expect(p.mapping).toEqual(expected);
    expect(p.missingRequired).toEqual([]);
    for (const field of ['price', 'color', 'active', 'image_url'])
      expect(proposal(p, field).reasons.some((r) => r.code === 'valuesFit')).toBe(true);
  });

  test('without sample values such headers get no proposal (the values are what carries them)', () => {
    expect(proposeMapping('catalogue', GERMAN_HEADER).mapping).toEqual({});
  });

  test('currencies from symbols and from a currency column', () => {
    const de = proposeMapping('catalogue', GERMAN_HEADER, GERMAN_ROWS);
    expect(detectFileCurrency('catalogue', GERMAN_HEADER, GERMAN_ROWS, de.mapping)).toMatchObject({
      source: 'symbol',
      currency: 'EUR',
      column: 'Verkaufspreis',
    });
    const ar = proposeMapping('catalogue', ARABIC_HEADER, ARABIC_ROWS);
    expect(detectFileCurrency('catalogue', ARABIC_HEADER, ARABIC_ROWS, ar.mapping)).toMatchObject({
      source: 'symbol',
      currency: 'SAR',
    });
    const jp = proposeMapping('catalogue', JAPANESE_HEADER, JAPANESE_ROWS);
    expect(detectFileCurrency('catalogue', JAPANESE_HEADER, JAPANESE_ROWS, jp.mapping)).toMatchObject({
      currency: 'JPY',
      example: '¥12,800',
    });
    const es = proposeMapping('catalogue', SPANISH_HEADER, SPANISH_ROWS);
    expect(detectFileCurrency('catalogue', SPANISH_HEADER, SPANISH_ROWS, es.mapping)).toEqual({
      source: 'column',
      currency: 'EUR',
      column: 'Moneda',
      example: 'EUR',
      currencies: ['EUR'],
    });
    expect(
      detectFileCurrency('catalogue', ['sku', 'price'], [['A1', '12.5']], { sku: 'sku', price: 'price' }),
    ).toBeNull();
  });
});

test.each([
  ['yes', true],
  ['Sí', true],
  ['sim', true],
  ['oui', true],
  ['Ja', true],
  ['sì', true],
  ['waar', true],
  ['نعم', true],
  ['да', true],
  ['はい', true],
  ['예', true],
  ['evet', true],
  ['ya', true],
  ['是', true],
  ['no', false],
  ['não', false],
  ['non', false],
  ['nein', false],
  ['nee', false],
  ['لا', false],
  ['нет', false],
  ['いいえ', false],
  ['아니요', false],
  ['hayır', false],
  ['tidak', false],
  ['否', false],
  ['maybe', null],
])('yes/no word %s', (word, expected) => {
  expect(parseBoolean(word)).toBe(expected);
});

test.each([
  [['89,95 €', '12,50 €'], '.', ','],
  [['1.299,00', '45'], '.', ','],
  [['265.0', '995.0'], ',', '.'],
  [['1,299.00', '12.50'], ',', '.'],
  [['12', '40'], ',', ','],
])('decimal separator of %j (default %s) is %s', (values, fallback, expected) => {
  expect(detectDecimalSeparator(values, fallback as '.' | ',')).toBe(expected);
});

test('currencies that still need a rate before an import can start', () => {
  const base = { baseCurrency: 'USD', rates: new Set(['EUR']) };
  expect(currenciesWithoutRate({ ...base, importCurrency: 'SAR', fileCurrencies: ['SAR'] })).toEqual(['SAR']);
  expect(currenciesWithoutRate({ ...base, importCurrency: 'USD', fileCurrencies: ['EUR', 'GBP', 'XYZ'] })).toEqual([
    'GBP',
    'XYZ',
  ]);
  expect(currenciesWithoutRate({ ...base, importCurrency: 'AUD', fileCurrencies: ['USD'] })).toEqual(['AUD']);
  expect(currenciesWithoutRate({ ...base, importCurrency: 'EUR', fileCurrencies: [] })).toEqual([]);
  expect(symbolCurrency('CNY', 'JPY')).toBe('JPY');
  expect(symbolCurrency('CNY', 'USD')).toBe('CNY');
});

test('product codes that read like an amount with a code (RUN-001) are not a currency', () => {
  const header = ['商品编号', '商品名称', '价格', '备注'];
  const rows = [
    ['RUN-001', 'Trail running shoe', '1,299.00', 'ABC-12'],
    ['RUN-002', 'Road running shoe', '899', 'XYZ 5'],
  ];
  expect(
    detectFileCurrency('catalogue', header, rows, { sku: '商品编号', title: '商品名称', price: '价格' }),
  ).toBeNull();
});
