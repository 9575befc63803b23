import { contentFamily, itemKnnFamily } from './neighbours';
import { alsFamily, bprFamily } from './factors';
import { federatedAlsFamily } from './federated';
import { multVaeFamily } from './mult-vae';
import { popularityFamily } from './popularity';
import { sasRecFamily } from './sasrec';
import { easeFamily, gru4recFamily } from './sequence';
import type { ComponentKind, ModelFamily } from './types';
import { userKnnFamily } from './user-knn';

/** Every model family the app can train and serve (the hybrid blends several of them). */
export const FAMILIES: Record<ComponentKind, ModelFamily> = {
  popularity: popularityFamily,
  'item-knn': itemKnnFamily,
  'user-knn': userKnnFamily,
  content: contentFamily,
  ease: easeFamily,
  als: alsFamily,
  'federated-als': federatedAlsFamily,
  bpr: bprFamily,
  gru4rec: gru4recFamily,
  'mult-vae': multVaeFamily,
  sasrec: sasRecFamily,
};
