import type { CsvRecord } from '../../csv/tokenizer';
import { type Column, productColumns } from '../../db/import/tables';
import { FIELD_SPECS } from '../../import/fields';
import { SpellingFolder } from '../../import/normalise';
import type { RowCounts } from '../../import/report';
import type { Rejection } from '../../import/rows/context';
import { type CatalogueRow, catalogueValidator } from '../../import/rows/catalogue';
import { KindPipeline, type PipelineSetup } from './pipeline';

const VALUE: Record<string, (r: CatalogueRow) => unknown> = {
  title: (r) => r.title,
  title_zh: (r) => r.titleZh,
  description: (r) => r.description,
  category: (r) => r.categoryId,
  brand: (r) => r.canonicalBrand,
  price: (r) => r.price,
  color: (r) => r.color,
  size: (r) => r.size,
  material: (r) => r.material,
  attributes: (r) => r.attributes,
  stock: (r) => r.stock,
  active: (r) => r.active,
  image_url: (r) => r.imageUrl,
};

/**
 * Catalogue: categories created from paths (parents, depth), brands folded to one spelling, upsert by SKU. A product's
 * first row sets its primary category (Product.categoryId); a later row of the same SKU that differs only in its
 * category lists the product in that category too (ProductCategory).
 */
export class CataloguePipeline extends KindPipeline<CatalogueRow> {
  protected readonly keyTable = 'Product' as const;
  private readonly validator;
  private readonly cols: Column[];
  private readonly fields: string[];
  private readonly brands = new SpellingFolder();
  private readonly hasCategory: boolean;
  /** further categories of products already seen, from repeated rows, written with the next chunk */
  private extraCategories: CatalogueRow[] = [];
  private previousWrite: Promise<unknown> = Promise.resolve();
  /** false while a resumed import re-reads its committed part */
  private writing = true;

  constructor(setup: PipelineSetup) {
    super(setup);
    this.validator = catalogueValidator(setup.settings);
    this.fields = FIELD_SPECS.catalogue.map((s) => s.key).filter((k) => this.reader.isMapped(k) && VALUE[k]);
    if (this.reader.hasAttributes) this.fields.push('attributes');
    this.cols = productColumns(this.fields);
    this.hasCategory = this.reader.isMapped('category');
  }

  override async init() {
    await super.init();
    for (const b of await this.setup.store.brands()) this.brands.seed(b);
  }

  protected validate(rec: CsvRecord) {
    return this.validator(rec);
  }

  protected keyOf(row: CatalogueRow) {
    return row.sku;
  }

  protected duplicateReason(row: CatalogueRow, firstLine: number) {
    return { code: 'duplicateProduct', params: { id: row.sku, line: String(firstLine) } } as const;
  }

  protected async resolve(rows: CatalogueRow[], _rejections: Rejection[], write: boolean) {
    this.writing = write;
    const paths = new Set<string>();
    for (const r of rows) {
      if (r.categoryPath === null) continue;
      const c = this.refs.canonicalCategory(r.categoryPath);
      if (c !== r.categoryText) this.report.categoryPathsNormalised++;
      r.categoryPath = c;
      paths.add(c);
    }
    if (paths.size) await this.refs.ensureCategories(paths, write);
    const named = rows
      .filter((r) => r.categoryPath !== null && r.categoryZh !== null)
      .map((r) => [r.categoryPath!, r.categoryZh!] as [string, string]);
    if (named.length) await this.refs.nameCategoriesZh(named, write);
    for (const r of rows) {
      if (r.categoryPath !== null) r.categoryId = this.refs.categoryId(r.categoryPath);
      if (r.brand !== null) {
        r.canonicalBrand = this.brands.fold(r.brand);
        if (r.canonicalBrand !== r.brand) this.report.brandsNormalised++;
      }
    }
    return rows;
  }

  protected override onRepeat(row: CatalogueRow) {
    if (this.writing && this.hasCategory && row.categoryId !== null) this.extraCategories.push(row);
  }

  protected write(rows: CatalogueRow[]): Promise<RowCounts> {
    // Writes are pipelined (the next chunk is validated while this one is written). The extra categories seen so far
    // are taken now, and each write waits for the one before it, so a repeated row's category is linked only after
    // its product's row is in the database (on PostgreSQL a later chunk's link could otherwise overtake it).
    const extra = this.extraCategories;
    this.extraCategories = [];
    const run = this.previousWrite.then(() => this.writeChunk(rows, extra));
    this.previousWrite = run.catch(() => {});
    return run;
  }

  private async writeChunk(rows: CatalogueRow[], extra: CatalogueRow[]): Promise<RowCounts> {
    const getters = this.fields.map((f) => VALUE[f]!);
    const values: unknown[] = [];
    for (const r of rows) {
      values.push(r.sku);
      for (const g of getters) values.push(g(r));
      values.push(this.now, this.now);
    }
    const counts = await this.setup.store.upsert('Product', this.cols, values);
    if (this.hasCategory) {
      this.report.productCategoriesAdded += await this.setup.store.linkProductCategories([
        ...rows.map((r) => ({ sku: r.sku, categoryId: r.categoryId, primary: true })),
        ...extra.map((r) => ({ sku: r.sku, categoryId: r.categoryId, primary: false })),
      ]);
    }
    return counts;
  }
}
