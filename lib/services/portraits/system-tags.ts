import type { Bilingual } from '@/lib/i18n/bilingual';
import { LIFECYCLE_STAGES, type LifecycleRule } from '@/lib/engine/portrait/lifecycle';
import { RFM_GROUPS, RFM_SEGMENT_RULES, type RfmGroup } from '@/lib/engine/portrait/rfm-segments';
import { isMessageKey, messageIn, type MessageRef } from '@/lib/i18n/message-ref';
import { translator, type MessageKey } from '@/lib/i18n/translate';
import type { InterestTag } from '@/lib/engine/portrait/interest-tags';
import type { CustomerPortrait } from '@/lib/engine/portrait/pipeline';
import type { ProfileRow, TagDefinition } from '@/lib/db/portraits/write';
import type { PortraitModelState } from './model-state';
import { CHURN_BANDS } from './settings';

/**
 * System tags: what each portrait result turns into (a CustomerProfile row and CustomerTag rows with a score and a
 * `reason`), and the Tag rows they hang on. An RFM, lifecycle, CLV or churn reason carries `message`, a catalogue
 * message with its numbers, so any page shows where a tag came from in the reader's language; interest tags carry
 * `text` in English and Chinese from the engine, because their words include category and brand names.
 *
 * | family    | keys                                   | score                       |
 * |-----------|----------------------------------------|-----------------------------|
 * | rfm       | rfm:champions … rfm:lost (11 groups)   | (R + F + M) / 3             |
 * | lifecycle | lifecycle:new … lifecycle:reactivated  | 1                           |
 * | clv       | clv:high / clv:medium / clv:low        | 365-day CLV                 |
 * | churn     | churn:high / churn:medium / churn:low  | churn probability           |
 * | interest  | the engine's keys (interest:likes:category:12, interest:follows:brand:nike, interest:price:budget) | decayed affinity score |
 */
export const SYSTEM_FAMILIES = ['rfm', 'lifecycle', 'clv', 'churn', 'interest'] as const;
export type SystemFamily = (typeof SYSTEM_FAMILIES)[number];

export type TagEntry = {
  key: string;
  score: number;
  reason: Record<string, unknown> & ({ message: MessageRef } | { text: Bilingual });
};

const EN = translator('en');
const ZH = translator('zh-CN');
/** A tag label from the catalogue in both languages (tags store both). */
const label = (key: MessageKey) => ({ label: EN(key), labelZh: ZH(key) });
const DESCRIPTIONS = 'portraits.tags.systemDescriptions';
const messageKey = (key: string): MessageKey | null => (isMessageKey(key) ? key : null);
const range = (lo: number, hi: number) => (lo === hi ? String(lo) : `${lo}–${hi}`);

/** "R 4–5 and (F+M)/2 3–3.5, or R 3 and …": the segment-map rules of an RFM group, joined by "or". */
function rfmRule(group: RfmGroup): MessageRef {
  const parts: MessageRef[] = RFM_SEGMENT_RULES.filter((r) => r.group === group).map((r) => ({
    key: `${DESCRIPTIONS}.rfmRule`,
    params: { r: range(r.rMin, r.rMax), fm: range(r.fmMin, r.fmMax) },
  }));
  return parts.reduce((a, b) => ({ key: `${DESCRIPTIONS}.either`, params: { a, b } }));
}

const INTEREST_KINDS: Record<string, string> = {
  'likes:category': 'categoryPurchase',
  'follows:category': 'categoryBrowse',
  'likes:brand': 'brandPurchase',
  'follows:brand': 'brandBrowse',
};

/**
 * What a system tag means, as a catalogue message worded in the reader's language (the Tag row keeps the English
 * text for API readers and exports). Null for a key that is not a system tag's.
 * @example systemTagDescription('churn:high') // { key: '…systemDescriptions.churn.high', params: { high: 70 } }
 */
export function systemTagDescription(tagKey: string): MessageRef | null {
  const [family = '', value = '', kind = ''] = tagKey.split(':');
  if (family === 'rfm') {
    const group = RFM_GROUPS.find((g) => g === value);
    return group ? { key: `${DESCRIPTIONS}.rfm`, params: { rule: rfmRule(group) } } : null;
  }
  if (family === 'churn') {
    const key = messageKey(`${DESCRIPTIONS}.churn.${value}`);
    return key && { key, params: { high: CHURN_BANDS.high * 100, medium: CHURN_BANDS.medium * 100 } };
  }
  if (family === 'lifecycle' || family === 'clv') {
    const key = messageKey(`${DESCRIPTIONS}.${family}.${value}`);
    return key && { key };
  }
  if (family === 'interest') {
    const key = messageKey(
      `${DESCRIPTIONS}.interest.${value === 'price' ? 'priceBand' : INTEREST_KINDS[`${value}:${kind}`]}`,
    );
    return key && { key };
  }
  return null;
}

/** The English description stored on a system tag's row. */
const storedDescription = (key: string) => {
  const ref = systemTagDescription(key);
  return ref ? messageIn('en', ref) : null;
};

/** Every fixed system tag (RFM groups, lifecycle stages, CLV and churn bands). Interest tags are made as they appear. */
export function fixedTagDefinitions(): TagDefinition[] {
  const defs: TagDefinition[] = [];
  for (const g of RFM_GROUPS)
    defs.push({
      key: `rfm:${g}`,
      kind: 'system',
      family: 'rfm',
      ...label(`portraits.rfm.labels.${g}`),
      description: storedDescription(`rfm:${g}`),
    });
  for (const s of LIFECYCLE_STAGES)
    defs.push({
      key: `lifecycle:${s}`,
      kind: 'system',
      family: 'lifecycle',
      ...label(`portraits.tags.systemLabels.lifecycle.${s}`),
      description: storedDescription(`lifecycle:${s}`),
    });
  defs.push(
    {
      key: 'clv:high',
      kind: 'system',
      family: 'clv',
      ...label('portraits.tags.systemLabels.clv.high'),
      description: storedDescription('clv:high'),
    },
    {
      key: 'clv:medium',
      kind: 'system',
      family: 'clv',
      ...label('portraits.tags.systemLabels.clv.medium'),
      description: storedDescription('clv:medium'),
    },
    {
      key: 'clv:low',
      kind: 'system',
      family: 'clv',
      ...label('portraits.tags.systemLabels.clv.low'),
      description: storedDescription('clv:low'),
    },
    {
      key: 'churn:high',
      kind: 'system',
      family: 'churn',
      ...label('portraits.tags.systemLabels.churn.high'),
      description: storedDescription('churn:high'),
    },
    {
      key: 'churn:medium',
      kind: 'system',
      family: 'churn',
      ...label('portraits.tags.systemLabels.churn.medium'),
      description: storedDescription('churn:medium'),
    },
    {
      key: 'churn:low',
      kind: 'system',
      family: 'churn',
      ...label('portraits.tags.systemLabels.churn.low'),
      description: storedDescription('churn:low'),
    },
  );
  return defs;
}

/** The Tag row for an interest tag key (labels from the engine). */
export function interestTagDefinition(tag: InterestTag): TagDefinition {
  return {
    key: tag.key,
    kind: 'system',
    family: 'interest',
    label: tag.label.en,
    labelZh: tag.label.zh,
    description: storedDescription(tag.key),
  };
}

const round = (v: number, digits = 4) => Math.round(v * 10 ** digits) / 10 ** digits;
/** A probability as a whole percent, e.g. 0.254 → 25. */
const percent = (p: number) => Math.round(p * 100);

/** The catalogue message of a lifecycle rule (words under `portraits.lifecycle.rules`). */
export function lifecycleMessage(rule: LifecycleRule): MessageRef {
  return { key: `portraits.lifecycle.rules.${rule.code}`, params: rule.params };
}

/** CustomerProfile row and system tag entries of one customer's portrait. */
export function toRows(
  r: Omit<CustomerPortrait, 'affinity'>,
  model: Pick<PortraitModelState, 'value' | 'churn'>,
): { profile: ProfileRow; tags: TagEntry[] } {
  const tags: TagEntry[] = [];
  const scored = r.rfm.type === 'scored' ? r.rfm : null;
  if (scored) {
    tags.push({
      key: `rfm:${scored.group}`,
      score: round((scored.r + scored.f + scored.m) / 3),
      reason: {
        r: scored.r,
        f: scored.f,
        m: scored.m,
        recencyDays: scored.recencyDays,
        frequency: scored.frequency,
        monetary: round(scored.monetary, 2),
        message: {
          key: scored.frequency === 1 ? 'portraits.tags.why.rfmOneOrder' : 'portraits.tags.why.rfm',
          params: {
            r: scored.r,
            f: scored.f,
            m: scored.m,
            days: scored.recencyDays,
            count: scored.frequency,
            amount: round(scored.monetary, 2),
          },
        },
      },
    });
  }
  const lc = r.lifecycle.type === 'ok' ? r.lifecycle : null;
  if (lc)
    tags.push({
      key: `lifecycle:${lc.stage}`,
      score: 1,
      reason: { stage: lc.stage, basis: lc.basis, recencyDays: lc.recencyDays, message: lifecycleMessage(lc.rule) },
    });
  const bands = model.value.clvBands;
  if (r.value && Number.isFinite(r.value.clv) && bands) {
    const band = r.value.clv >= bands.high ? 'high' : r.value.clv >= bands.medium ? 'medium' : 'low';
    tags.push({
      key: `clv:${band}`,
      score: round(r.value.clv, 2),
      reason: {
        clv: round(r.value.clv, 2),
        pAlive: round(r.value.pAlive),
        expectedPurchases365: round(r.value.expectedPurchases365),
        expectedSpend: round(r.value.expectedSpend, 2),
        bands,
        message: {
          key: 'portraits.tags.why.clv',
          params: {
            clv: round(r.value.clv, 2),
            orders: round(r.value.expectedPurchases365, 2),
            spend: round(r.value.expectedSpend, 2),
            pAlive: percent(r.value.pAlive),
          },
        },
      },
    });
  }
  if (r.churnProbability !== null && Number.isFinite(r.churnProbability)) {
    const p = r.churnProbability;
    const band = p >= CHURN_BANDS.high ? 'high' : p >= CHURN_BANDS.medium ? 'medium' : 'low';
    const h = model.churn.horizonDays;
    tags.push({
      key: `churn:${band}`,
      score: round(p),
      reason: {
        probability: round(p),
        horizonDays: h,
        message: { key: 'portraits.tags.why.churn', params: { percent: percent(p), days: h } },
      },
    });
  }
  for (const t of r.tags) {
    tags.push({
      key: t.key,
      score: round(t.score),
      reason: {
        kind: t.kind,
        target: t.target,
        driver: t.driver,
        share: round(t.share),
        counts: t.explanation.counts,
        lastEventAt: t.explanation.lastEventAt,
        windowDays: t.explanation.windowDays,
        text: t.explanation.text,
      },
    });
  }
  const finiteOrNull = (v: number | null | undefined) =>
    v === null || v === undefined || !Number.isFinite(v) ? null : v;
  const vector =
    r.vector.length && r.vector.some((x) => x !== 0)
      ? new Uint8Array(r.vector.buffer, r.vector.byteOffset, r.vector.byteLength)
      : null;
  const profile: ProfileRow = {
    customerId: r.customerId,
    firstSeenAt: finiteOrNull(r.firstSeen),
    lastSeenAt: finiteOrNull(r.lastSeen),
    orderCount: r.orderCount,
    revenue: round(r.revenue, 2),
    avgOrderValue: r.orderCount > 0 ? round(r.revenue / r.orderCount, 2) : null,
    recencyDays: scored?.recencyDays ?? null,
    rfmR: scored?.r ?? null,
    rfmF: scored?.f ?? null,
    rfmM: scored?.m ?? null,
    rfmGroup: scored?.group ?? null,
    lifecycle: lc?.stage ?? null,
    lifecycleReason: lc ? JSON.stringify(lifecycleMessage(lc.rule)) : null,
    pAlive: finiteOrNull(r.value?.pAlive),
    expPurchases30: finiteOrNull(r.value?.expectedPurchases30),
    expPurchases90: finiteOrNull(r.value?.expectedPurchases90),
    expPurchases365: finiteOrNull(r.value?.expectedPurchases365),
    clv365: finiteOrNull(r.value?.clv),
    churnProbability: finiteOrNull(r.churnProbability),
    vector,
  };
  return { profile, tags };
}
