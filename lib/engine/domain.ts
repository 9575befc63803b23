/**
 * The shop's domain records, one declaration each: a customer and a catalogue product with the columns of their
 * database tables that the engines, the importer and the data layer share. Times are epoch milliseconds;
 * `attributes` is the parsed JSON of the free attributes. Views of them derive from these (`SegmentCustomer`,
 * `CatalogueProduct`, the importer's validated CSV rows, the segment member list) rather than repeat the fields.
 */
export type Customer = {
  id: number;
  /** the shop's own customer id (the import key) */
  externalId: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  gender: string | null;
  birthYear: number | null;
  region: string | null;
  city: string | null;
  signupAt: number | null;
  consentEmail: boolean;
  consentSms: boolean;
  consentPush: boolean;
  attributes: unknown;
  /** set when the personal data was erased on request */
  erasedAt: number | null;
};

export type Product = {
  id: number;
  /** the shop's own product id (the import key) */
  sku: string;
  title: string;
  titleZh: string | null;
  description: string | null;
  categoryId: number | null;
  brand: string | null;
  /** base currency */
  price: number;
  color: string | null;
  size: string | null;
  material: string | null;
  /** null: not tracked */
  stock: number | null;
  active: boolean;
  imageUrl: string | null;
  attributes: unknown;
  updatedAt: number;
};
