import type { Product } from '../../engine/domain';
import type { CsvRecord } from '../../csv/tokenizer';
import { fnv, fnvNum } from '../key-index';
import { categorySegments, normaliseCategoryPath } from '../normalise';
import { CellError, type Rejection, RowReader, type RowSettings } from './context';
import { type ImageUrlProblem, imageUrlProblem } from '../../security/image-url';
import type { RejectionCode } from '../rejection-codes';

/** A validated row of a catalogue CSV file: the product's columns as imported (no id yet), with its line and hash. */
export type CatalogueRow = Omit<Product, 'id' | 'attributes' | 'updatedAt'> & {
  line: number;
  categoryPath: string | null;
  /** the category cell as written (trimmed), to count rewritten paths */
  categoryText: string | null;
  /** the same path in Chinese, level by level ("运动 > 跑步 > 跑鞋"), naming the categories in the Chinese UI */
  categoryZh: string | null;
  /** JSON object text of the unmapped columns */
  attributes: string | null;
  /** hash of the imported values, to tell unchanged rows */
  hash: number;
  /** filled in when references are resolved (with `categoryId`): the brand's canonical spelling */
  canonicalBrand: string | null;
};

/** The Chinese path, normalised like the category path and with the same number of levels. */
function chineseCategory(text: string | null, categoryText: string | null, index: number): string | null {
  const zh = text === null ? null : normaliseCategoryPath(text);
  if (zh === null) return null;
  const path = categoryText === null ? null : normaliseCategoryPath(categoryText);
  if (path === null) throw new CellError(index, 'categoryZhWithoutCategory', { value: zh.slice(0, 40) });
  const levels = categorySegments(zh).length;
  const expected = categorySegments(path).length;
  if (levels !== expected) throw new CellError(index, 'categoryZhLevels', { levels, expected });
  return zh;
}

const IMAGE_PROBLEMS = {
  notAbsolute: 'imageNotAbsolute',
  notHttps: 'imageNotHttps',
  credentials: 'imageCredentials',
} as const satisfies Record<ImageUrlProblem, RejectionCode>;

/** First URL of a cell (accepts a JSON-ish list, `["https://…", …]`), under the rules of lib/security/image-url. */
function imageUrl(text: string | null, index: number, allowHttp: boolean): string | null {
  if (text === null) return null;
  const list = /^\[\s*"([^"]+)"/.exec(text);
  const url = list ? list[1]! : text;
  const problem = imageUrlProblem(url, { allowHttp });
  if (problem) throw new CellError(index, IMAGE_PROBLEMS[problem], { value: url.slice(0, 40) });
  return url;
}

export function catalogueValidator(s: RowSettings) {
  const r = new RowReader(s);
  const c = {
    sku: r.col('sku'),
    title: r.col('title'),
    titleZh: r.col('title_zh'),
    description: r.col('description'),
    category: r.col('category'),
    categoryZh: r.col('category_zh'),
    brand: r.col('brand'),
    price: r.col('price'),
    currency: r.col('currency'),
    color: r.col('color'),
    size: r.col('size'),
    material: r.col('material'),
    stock: r.col('stock'),
    active: r.col('active'),
    image: r.col('image_url'),
  };
  return (rec: CsvRecord): CatalogueRow | Rejection => {
    const bad = r.begin(rec);
    if (bad) return bad;
    try {
      const sku = r.id(c.sku, 'sku', true)!;
      const title = r.required(c.title, 'title');
      const priceCell = r.number(c.price, 'price');
      if (!priceCell) throw new CellError(c.price, 'required', { field: 'price' });
      if (priceCell.value < 0) throw new CellError(c.price, 'negativeProductPrice', { value: priceCell.value });
      const currency = r.currency(c.currency, priceCell.currency);
      const price = r.toBase(priceCell.value, currency, c.price);
      if (currency !== s.baseCurrency) s.report.currencyConverted++;
      const categoryText = r.opt(c.category);
      const categoryZh = chineseCategory(r.opt(c.categoryZh), categoryText, c.categoryZh);
      const row: CatalogueRow = {
        line: rec.line,
        sku,
        title,
        titleZh: r.opt(c.titleZh),
        description: r.opt(c.description),
        categoryPath: categoryText === null ? null : normaliseCategoryPath(categoryText),
        categoryText,
        categoryZh,
        brand: r.opt(c.brand),
        price,
        color: r.opt(c.color),
        size: r.opt(c.size),
        material: r.opt(c.material),
        stock: r.integer(c.stock, 'stock'),
        active: r.boolean(c.active, 'active') ?? true,
        imageUrl: imageUrl(r.opt(c.image), c.image, s.allowHttpImages ?? false),
        attributes: r.attributes(),
        hash: 0,
        categoryId: null,
        canonicalBrand: null,
      };
      // the category is left out: a later row that differs only in it lists the product in one more category
      let h = fnv(row.title);
      for (const v of [
        row.titleZh,
        row.description,
        row.brand,
        row.color,
        row.size,
        row.material,
        row.imageUrl,
        row.attributes,
      ])
        h = fnv(v, h);
      row.hash = fnvNum(row.stock, fnvNum(row.price, fnv(row.active ? '1' : '0', h)));
      return row;
    } catch (e) {
      if (e instanceof CellError) return r.rejectCell(rec, e);
      throw e;
    }
  };
}
