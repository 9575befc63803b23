import { z } from 'zod';

/** Survey scales: CSAT asks for 1–5, NPS for 0–10 ("how likely are you to recommend…"). */
export const SURVEY_KINDS = ['csat', 'nps'] as const;
export type SurveyKind = (typeof SURVEY_KINDS)[number];
export const SCORE_RANGE: Record<SurveyKind, { min: number; max: number }> = {
  csat: { min: 1, max: 5 },
  nps: { min: 0, max: 10 },
};
export const COMMENT_MAX = 1000;
/** An answer can be changed for this long after it was first given, then it is read-only. */
export const CHANGE_WINDOW_MS = 24 * 3_600_000;

export const createSurveySchema = z.object({
  campaignId: z.coerce.number().int().positive(),
  variantKey: z.preprocess((v) => (v === '' || v === undefined ? null : v), z.string().max(40).nullable()),
  kind: z.enum(SURVEY_KINDS, 'surveys.errors.kind'),
  allowComment: z.preprocess((v) => v === true || v === 'true' || v === 'on', z.boolean()),
});

/** An answer for a survey of this kind: a whole score in the scale's range and an optional comment. */
export function answerSchema(kind: SurveyKind) {
  const { min, max } = SCORE_RANGE[kind];
  return z.object({
    score: z.coerce
      .number('surveys.errors.score')
      .int('surveys.errors.score')
      .min(min, 'surveys.errors.score')
      .max(max, 'surveys.errors.score'),
    comment: z.preprocess(
      (v) => (typeof v === 'string' ? v.trim() || null : (v ?? null)),
      z.string().max(COMMENT_MAX, 'surveys.errors.comment').nullable(),
    ),
  });
}

/** The signed survey invitation: survey, customer, recommendation model of the message (if any), expiry (epoch s). */
export const surveyTokenSchema = z.object({
  s: z.number().int().positive(),
  k: z.number().int().positive(),
  m: z.string().max(60).nullable(),
  e: z.number().int(),
});
export type SurveyToken = z.infer<typeof surveyTokenSchema>;
