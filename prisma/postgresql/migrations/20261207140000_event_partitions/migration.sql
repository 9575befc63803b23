-- Events range-partitioned by month (PostgreSQL only; SQLite keeps one table). Written by hand: Prisma's schema
-- language cannot describe partitions, and the schema stays the same for both databases (queries are unchanged).
--
-- A unique index on a partitioned table must contain the partition key, so neither "id" nor "dedupKey" can be unique
-- by itself on "Event". Instead:
--   * the primary key is ("id", "ts"); "id" still comes from one sequence, so it stays unique and ordered;
--   * "EventKey" holds every stored event's "dedupKey" as its primary key. A row trigger claims the key before an
--     event is inserted and skips the event when the key is taken, so each event is stored exactly once across all
--     months, by every writer (import, events API, tracking, simulation). Deleting an event frees its key.
-- New months are created, and rows that landed in "Event_default" are moved into their month, by
-- lib/db/events/partitions.ts (the `event-partitions` job).

ALTER TABLE "Event" RENAME TO "Event_unpartitioned";
ALTER TABLE "Event_unpartitioned" RENAME CONSTRAINT "Event_pkey" TO "Event_unpartitioned_pkey";
ALTER TABLE "Event_unpartitioned" RENAME CONSTRAINT "Event_customerId_fkey" TO "Event_unpartitioned_customerId_fkey";
ALTER TABLE "Event_unpartitioned" RENAME CONSTRAINT "Event_productId_fkey" TO "Event_unpartitioned_productId_fkey";
DROP INDEX "Event_dedupKey_key";
DROP INDEX "Event_customerId_ts_idx";
DROP INDEX "Event_productId_ts_idx";
DROP INDEX "Event_type_ts_customerId_idx";
DROP INDEX "Event_campaignId_variantId_idx";

CREATE TABLE "Event" (
    "id" INTEGER NOT NULL DEFAULT nextval('"Event_id_seq"'),
    "dedupKey" TEXT NOT NULL,
    "customerId" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "ts" TIMESTAMP(3) NOT NULL,
    "sessionId" TEXT,
    "productId" INTEGER,
    "categoryId" INTEGER,
    "query" TEXT,
    "quantity" INTEGER,
    "price" DOUBLE PRECISION,
    "value" DOUBLE PRECISION,
    "campaignId" INTEGER,
    "variantId" INTEGER,
    "orderRef" TEXT,
    "source" TEXT NOT NULL,

    CONSTRAINT "Event_pkey" PRIMARY KEY ("id", "ts")
) PARTITION BY RANGE ("ts");

CREATE TABLE "Event_default" PARTITION OF "Event" DEFAULT;

CREATE INDEX "Event_dedupKey_idx" ON "Event"("dedupKey");
CREATE INDEX "Event_customerId_ts_idx" ON "Event"("customerId", "ts");
CREATE INDEX "Event_productId_ts_idx" ON "Event"("productId", "ts");
CREATE INDEX "Event_type_ts_customerId_idx" ON "Event"("type", "ts", "customerId");
CREATE INDEX "Event_campaignId_variantId_idx" ON "Event"("campaignId", "variantId");
ALTER TABLE "Event" ADD CONSTRAINT "Event_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Event" ADD CONSTRAINT "Event_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "EventKey" (
    "dedupKey" TEXT NOT NULL,

    CONSTRAINT "EventKey_pkey" PRIMARY KEY ("dedupKey")
);

-- Claims the key of an event about to be inserted (or moved to another month: PostgreSQL runs that as a delete, whose
-- trigger below frees the key, then an insert); a taken key skips the row, as ON CONFLICT DO NOTHING would.
-- `precisa.moving_events` is set (transaction-local) only while lib/db/events/partitions.ts moves rows between
-- partitions, which must keep their keys.
CREATE FUNCTION "event_key_claim"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('precisa.moving_events', true) = 'on' THEN
    RETURN NEW;
  END IF;
  INSERT INTO "EventKey" ("dedupKey") VALUES (NEW."dedupKey") ON CONFLICT DO NOTHING;
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;
  RETURN NEW;
END $$;

CREATE FUNCTION "event_key_release"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('precisa.moving_events', true) = 'on' THEN
    RETURN OLD;
  END IF;
  DELETE FROM "EventKey" WHERE "dedupKey" = OLD."dedupKey";
  RETURN OLD;
END $$;

-- A changed key must stay unique: claim the new one (an error when taken, like a unique index) and free the old.
CREATE FUNCTION "event_key_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."dedupKey" IS DISTINCT FROM OLD."dedupKey" THEN
    INSERT INTO "EventKey" ("dedupKey") VALUES (NEW."dedupKey");
    DELETE FROM "EventKey" WHERE "dedupKey" = OLD."dedupKey";
  END IF;
  RETURN NEW;
END $$;

-- TRUNCATE "Event" empties the keys too. When "EventKey" is in the same TRUNCATE, PostgreSQL refuses a nested one
-- (object_in_use); a DELETE then finds what is left, which is nothing.
CREATE FUNCTION "event_key_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  BEGIN
    TRUNCATE "EventKey";
  EXCEPTION WHEN object_in_use THEN
    DELETE FROM "EventKey";
  END;
  RETURN NULL;
END $$;

CREATE TRIGGER "Event_key_claim" BEFORE INSERT ON "Event" FOR EACH ROW EXECUTE FUNCTION "event_key_claim"();
CREATE TRIGGER "Event_key_release" BEFORE DELETE ON "Event" FOR EACH ROW EXECUTE FUNCTION "event_key_release"();
CREATE TRIGGER "Event_key_change" BEFORE UPDATE OF "dedupKey" ON "Event" FOR EACH ROW EXECUTE FUNCTION "event_key_change"();
CREATE TRIGGER "Event_key_truncate" AFTER TRUNCATE ON "Event" FOR EACH STATEMENT EXECUTE FUNCTION "event_key_truncate"();

INSERT INTO "Event" SELECT * FROM "Event_unpartitioned";
ALTER SEQUENCE "Event_id_seq" OWNED BY "Event"."id";
DROP TABLE "Event_unpartitioned";
