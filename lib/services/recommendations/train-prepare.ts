/**
 * What a training job does once before its runs: read a consistent snapshot of the shop and split it (`prepare`),
 * and fit models on its parts through a cache shared by the job's runs (`fitter`).
 */
import type { Db } from '@/lib/db/create-client';
import { loadCatalogue } from '@/lib/db/recommendations/catalogue';
import { readSettingsValue } from '@/lib/db/recommendations/runs';
import { loadInteractionSource } from '@/lib/db/recommendations/source';
import { rawDb } from '@/lib/db/connections';
import { getSettingValue } from '@/lib/db/settings';
import { fitContent, type ContentModel } from '@/lib/engine/recommendation/content';
import { hybridComponents } from '@/lib/engine/recommendation/models/components';
import { FAMILIES } from '@/lib/engine/recommendation/models/registry';
import { makeSplit, partTools, splitParts, type Part } from '@/lib/engine/recommendation/models/training-parts';
import type { ComponentKind, FitInput, Fitted } from '@/lib/engine/recommendation/models/types';
import { AppError } from '@/lib/errors';
import { DEFAULT_PRIVACY, privacySettingsSchema } from '@/lib/schemas/privacy';
import { buildShopData, itemAttributes, type ShopData } from './data';
import { parseStoredSettings, type RecommendSettings } from './settings-schema';
import type { TrainingOptions } from './training-schema';

const MIN_INTERACTIONS = 20;
export const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

export type Prepared = {
  shop: ShopData;
  settings: RecommendSettings;
  options: TrainingOptions;
  parts: ReturnType<typeof splitParts>;
  split: ReturnType<typeof makeSplit>;
  tools: ReturnType<typeof partTools>;
  baseContent: ContentModel;
  categories: Awaited<ReturnType<typeof loadCatalogue>>['categories'];
  /** the federated model's (ε, δ): ε chosen with the training, δ the shop's differential-privacy setting */
  privacy: FitInput['privacy'];
};

export async function prepare(db: Db, options: TrainingOptions): Promise<Prepared> {
  const settings = parseStoredSettings(await readSettingsValue(db));
  const raw = rawDb();
  const source = await loadInteractionSource(
    raw,
    settings.windowDays > 0 ? { sinceMs: Date.now() - settings.windowDays * 86_400_000 } : {},
  );
  const catalogue = await loadCatalogue(raw);
  const shop = buildShopData(source, catalogue.products, settings);
  const n = shop.interactions.users.length;
  if (n < MIN_INTERACTIONS || shop.interactions.nUsers < 2 || shop.interactions.nItems < 2) {
    throw new AppError('INSUFFICIENT_DATA', 'errors.recommendations.notEnough', {
      interactions: n,
      customers: shop.interactions.nUsers,
      products: shop.interactions.nItems,
      minimum: MIN_INTERACTIONS,
    });
  }
  const split = makeSplit(shop.interactions, options);
  const itemCategory = Int32Array.from(shop.products, (p) => p.categoryId);
  const baseContent = fitContent(shop.products.map(itemAttributes), { weights: settings.contentWeights });
  return {
    shop,
    settings,
    options,
    split,
    parts: splitParts(shop, split),
    tools: partTools(settings, itemCategory, () => baseContent),
    baseContent,
    categories: catalogue.categories,
    privacy: await federatedPrivacy(db, options),
  };
}

async function federatedPrivacy(db: Db, options: TrainingOptions): Promise<FitInput['privacy']> {
  if (options.federatedEpsilon === 'none') return undefined;
  const shop = privacySettingsSchema.safeParse(await getSettingValue(db, 'privacy'));
  return { epsilon: Number(options.federatedEpsilon), delta: (shop.success ? shop.data : DEFAULT_PRIVACY).delta };
}

/** Fits one component on a part (cached per job: the hybrid and a single model of the same family share fits). */
export function fitter(p: Prepared, signal: AbortSignal, note: (s: string) => void) {
  const cache = new Map<string, Promise<Fitted>>();
  const blended = p.options.models.includes('hybrid') ? hybridComponents(p.options.models, p.options.components) : [];
  return (kind: ComponentKind, part: 'train' | 'fitTrain' | 'all', fixed?: Fitted['params']) => {
    const key = `${kind}:${part}`;
    let hit = cache.get(key);
    if (!hit) {
      const data: Part = p.parts[part];
      const tuning =
        part === 'fitTrain' && p.parts.validation.data.users.length > 0
          ? {
              train: p.tools.decayedOf(p.parts.train),
              validation: p.parts.validation.data,
              shared: p.tools.sharedOfDecayed,
            }
          : undefined;
      const input: FitInput = {
        train: p.tools.decayedOf(data),
        history: p.tools.sharedOf(data).history,
        content: p.baseContent,
        ...(tuning ? { tuning } : {}),
        ...(fixed ? { fixed } : {}),
        ...(p.privacy ? { privacy: p.privacy } : {}),
        control: { signal, seed: p.options.seed, onProgress: (_f, s) => note(`${kind}: ${s}`) },
      };
      hit = tick()
        .then(() => FAMILIES[kind].fit(input))
        .then(({ tuned, ...fitted }) => {
          // the fit on the tuning part is the blend's `train` fit: kept when this job's hybrid blends the model
          if (tuned && blended.includes(kind) && !cache.has(`${kind}:train`))
            cache.set(`${kind}:train`, Promise.resolve(tuned));
          return fitted;
        });
      cache.set(key, hit);
    }
    return hit;
  };
}
