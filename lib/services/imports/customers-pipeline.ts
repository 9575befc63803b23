import type { CsvRecord } from '../../csv/tokenizer';
import { type Column, customerColumns } from '../../db/import/tables';
import { FIELD_SPECS } from '../../import/fields';
import type { RowCounts } from '../../import/report';
import type { Rejection } from '../../import/rows/context';
import { type CustomerRow, customerValidator } from '../../import/rows/customers';
import { env } from '../../env';
import { contactPseudonyms } from '../../security/pseudonym';
import { KindPipeline, type PipelineSetup } from './pipeline';

const VALUE: Record<string, (r: CustomerRow) => unknown> = {
  name: (r) => r.name,
  email: (r) => r.email,
  phone: (r) => r.phone,
  gender: (r) => r.gender,
  birth_year: (r) => r.birthYear,
  region: (r) => r.region,
  city: (r) => r.city,
  signup_date: (r) => r.signupAt,
  consent_email: (r) => r.consentEmail,
  consent_sms: (r) => r.consentSms,
  consent_push: (r) => r.consentPush,
  consent_ads: (r) => r.consentAds,
  attributes: (r) => r.attributes,
};

/** Customers: upsert by external id; only mapped columns are written, so a partial file leaves other data alone. */
export class CustomersPipeline extends KindPipeline<CustomerRow> {
  protected readonly keyTable = 'Customer' as const;
  private readonly validator;
  private readonly cols: Column[];
  private readonly getters: ((r: CustomerRow) => unknown)[];

  constructor(setup: PipelineSetup) {
    super(setup);
    this.validator = customerValidator(setup.settings);
    const fields = FIELD_SPECS.customers.map((s) => s.key).filter((k) => this.reader.isMapped(k) && VALUE[k]);
    if (this.reader.hasAttributes) fields.push('attributes');
    this.cols = customerColumns(fields);
    this.getters = fields.map((f) => VALUE[f]!);
  }

  protected validate(rec: CsvRecord) {
    return this.validator(rec);
  }

  protected keyOf(row: CustomerRow) {
    return row.externalId;
  }

  protected duplicateReason(row: CustomerRow, firstLine: number) {
    return { code: 'duplicateCustomer', params: { id: row.externalId, line: String(firstLine) } } as const;
  }

  /**
   * Consent after an erasure: a row whose e-mail or phone was erased before gets no consent (all channels off,
   * counted in the report), unless its consent_date is after the erasure — consent given again. Then, as when the
   * person saves the preference page, the erased identifiers are forgotten and later files apply consent as usual.
   */
  protected async resolve(rows: CustomerRow[], _rejections: Rejection[], write: boolean) {
    if (rows.length === 0 || !(await this.setup.store.hasErasedIdentifiers())) return rows;
    const pepper = env().PRECISA_PEPPER;
    const refs = rows.map((r) => contactPseudonyms(r, pepper).map((p) => p.pseudonym));
    const erased = await this.setup.store.erasedIdentifiers([...new Set(refs.flat())]);
    if (erased.size === 0) return rows;
    const lifted: string[] = [];
    rows.forEach((row, i) => {
      const held = refs[i]!.filter((p) => erased.has(p));
      if (held.length === 0) return;
      const erasedAt = Math.max(...held.map((p) => erased.get(p)!));
      if (row.consentAt !== null && row.consentAt > erasedAt) {
        lifted.push(...held);
        return;
      }
      if (row.consentEmail || row.consentSms || row.consentPush || row.consentAds)
        this.report.consentWithheldAfterErasure++;
      row.consentEmail = false;
      row.consentSms = false;
      row.consentPush = false;
      row.consentAds = false;
    });
    if (write && lifted.length) await this.setup.store.liftErasedIdentifiers(lifted);
    return rows;
  }

  protected async write(rows: CustomerRow[]): Promise<RowCounts> {
    const stamp = this.cols.some((c) => c.role === 'stamp');
    const values: unknown[] = [];
    for (const r of rows) {
      values.push(r.externalId);
      for (const g of this.getters) values.push(g(r));
      if (stamp) values.push(this.now);
      values.push(this.now, this.now);
    }
    return this.setup.store.upsert('Customer', this.cols, values);
  }
}
