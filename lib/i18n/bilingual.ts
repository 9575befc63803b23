/**
 * Text stored or computed in both product languages at once (tag labels and reasons, explanations of segment
 * membership), for readers that pick the language later. UI text itself lives in the catalogue (./messages).
 */
export type Bilingual = { en: string; zh: string };
