import type { Customer } from '../../engine/domain';
import type { CsvRecord } from '../../csv/tokenizer';
import { fnv, fnvNum } from '../key-index';
import { normaliseGender } from '../values';
import { CellError, type Rejection, RowReader, type RowSettings } from './context';

/** A validated row of a customers CSV file: the customer's columns as imported (no id yet), with its line and hash. */
export type CustomerRow = Omit<Customer, 'id' | 'attributes' | 'erasedAt'> & {
  line: number;
  /** consent to audiences uploaded to ad platforms (the consent_ads column; Google Customer Match, Meta) */
  consentAds: boolean;
  /** when the row's consent was given (epoch ms; the consent_date column), or null: not stored, only compared */
  consentAt: number | null;
  /** JSON object text of the unmapped columns */
  attributes: string | null;
  /** hash of the imported values, to tell unchanged rows */
  hash: number;
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function customerValidator(s: RowSettings) {
  const r = new RowReader(s);
  const c = {
    id: r.col('customer_id'),
    name: r.col('name'),
    email: r.col('email'),
    phone: r.col('phone'),
    gender: r.col('gender'),
    birth: r.col('birth_year'),
    region: r.col('region'),
    city: r.col('city'),
    signup: r.col('signup_date'),
    ce: r.col('consent_email'),
    cs: r.col('consent_sms'),
    cp: r.col('consent_push'),
    ca: r.col('consent_ads'),
    cd: r.col('consent_date'),
  };
  const thisYear = new Date().getUTCFullYear();
  return (rec: CsvRecord): CustomerRow | Rejection => {
    const bad = r.begin(rec);
    if (bad) return bad;
    try {
      const externalId = r.id(c.id, 'customer_id', true)!;
      const email = r.opt(c.email);
      if (email !== null && !EMAIL.test(email))
        throw new CellError(c.email, 'invalidEmail', { value: email.slice(0, 60) });
      let birthYear: number | null = null;
      const birthText = r.opt(c.birth);
      if (birthText !== null) {
        birthYear = /^\d{4}(\.0+)?$/.test(birthText)
          ? Number.parseInt(birthText, 10)
          : new Date(r.date(c.birth, 'birth_year') ?? NaN).getUTCFullYear();
        if (!(birthYear >= 1900 && birthYear <= thisYear))
          throw new CellError(c.birth, 'birthYearRange', { max: String(thisYear), value: birthText.slice(0, 20) });
      }
      const gender = r.opt(c.gender);
      const row: CustomerRow = {
        line: rec.line,
        externalId,
        name: r.opt(c.name),
        email: email?.toLowerCase() ?? null,
        phone: r.opt(c.phone),
        gender: gender === null ? null : normaliseGender(gender),
        birthYear,
        region: r.opt(c.region),
        city: r.opt(c.city),
        signupAt: r.date(c.signup, 'signup_date'),
        consentEmail: r.boolean(c.ce, 'consent_email') ?? false,
        consentSms: r.boolean(c.cs, 'consent_sms') ?? false,
        consentPush: r.boolean(c.cp, 'consent_push') ?? false,
        consentAds: r.boolean(c.ca, 'consent_ads') ?? false,
        consentAt: r.date(c.cd, 'consent_date'),
        attributes: r.attributes(),
        hash: 0,
      };
      let h = fnv(row.name);
      for (const v of [row.email, row.phone, row.gender, row.region, row.city, row.attributes]) h = fnv(v, h);
      h = fnvNum(row.birthYear, fnvNum(row.signupAt, h));
      row.hash = fnv(`${+row.consentEmail}${+row.consentSms}${+row.consentPush}${+row.consentAds}`, h);
      return row;
    } catch (e) {
      if (e instanceof CellError) return r.rejectCell(rec, e);
      throw e;
    }
  };
}
