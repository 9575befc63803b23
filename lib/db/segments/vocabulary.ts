import type { RawDb } from '../raw';
import { queryRows } from './runner';

/** Values the segment builder offers in its pickers (most frequent first, capped). */
export type SegmentVocabulary = {
  regions: string[];
  cities: string[];
  genders: string[];
  /** keys found in Customer.attributes of a sample of recent customers */
  attributeKeys: string[];
  brands: string[];
  tags: { key: string; label: string; labelZh: string | null; family: string }[];
  categories: { id: number; path: string; parentId: number | null }[];
  campaigns: { id: number; name: string }[];
};

const LIMIT = 200;
const SAMPLE = 5_000;

export async function getSegmentVocabulary(db: RawDb): Promise<SegmentVocabulary> {
  const texts = async (sql: string) => (await queryRows(db, sql)).map((r) => String(r[0]));
  const column = (name: string) =>
    texts(
      `SELECT c."${name}" FROM "Customer" c WHERE c."${name}" IS NOT NULL AND c."${name}" <> '' GROUP BY c."${name}" ORDER BY COUNT(*) DESC, c."${name}" LIMIT ${LIMIT}`,
    );
  const keysSql =
    db.kind === 'postgresql'
      ? `SELECT k FROM (SELECT c."attributes" FROM "Customer" c WHERE jsonb_typeof(c."attributes") = 'object' ORDER BY c."id" DESC LIMIT ${SAMPLE}) s, jsonb_object_keys(s."attributes") k GROUP BY k ORDER BY COUNT(*) DESC, k LIMIT ${LIMIT}`
      : `SELECT j."key" FROM (SELECT c."attributes" FROM "Customer" c WHERE json_type(c."attributes") = 'object' ORDER BY c."id" DESC LIMIT ${SAMPLE}) s, json_each(s."attributes") j GROUP BY j."key" ORDER BY COUNT(*) DESC, j."key" LIMIT ${LIMIT}`;
  return {
    regions: await column('region'),
    cities: await column('city'),
    genders: await column('gender'),
    attributeKeys: await texts(keysSql),
    brands: await texts(
      `SELECT p."brand" FROM "Product" p WHERE p."brand" IS NOT NULL AND p."brand" <> '' GROUP BY p."brand" ORDER BY COUNT(*) DESC, p."brand" LIMIT ${LIMIT * 5}`,
    ),
    tags: (
      await queryRows(
        db,
        `SELECT t."key", t."label", t."labelZh", t."family" FROM "Tag" t ORDER BY t."family", t."key"`,
      )
    ).map((r) => ({
      key: String(r[0]),
      label: String(r[1]),
      labelZh: r[2] === null ? null : String(r[2]),
      family: String(r[3]),
    })),
    categories: (await queryRows(db, `SELECT k."id", k."path", k."parentId" FROM "Category" k ORDER BY k."path"`)).map(
      (r) => ({ id: Number(r[0]), path: String(r[1]), parentId: r[2] === null ? null : Number(r[2]) }),
    ),
    campaigns: (
      await queryRows(db, `SELECT m."id", m."name" FROM "Campaign" m ORDER BY m."id" DESC LIMIT ${LIMIT}`)
    ).map((r) => ({ id: Number(r[0]), name: String(r[1]) })),
  };
}
