import { z } from 'zod';

/**
 * Settings → differential privacy. Off by default. ε per report is split evenly over the values of a report; the
 * monthly budget caps the sum of ε over all releases in a UTC month (basic composition). Revenue sums clip each
 * customer's total at `revenueClip` (shop currency), which is the sum's sensitivity.
 */
export const privacySettingsSchema = z.object({
  enabled: z.preprocess((v) => v === true || v === 'true' || v === 'on', z.boolean()),
  epsilonPerReport: z.coerce.number().min(0.01, 'privacy.errors.epsilon').max(10, 'privacy.errors.epsilon'),
  monthlyBudget: z.coerce.number().min(0.01, 'privacy.errors.budget').max(1000, 'privacy.errors.budget'),
  revenueClip: z.coerce
    .number()
    .int('privacy.errors.clip')
    .min(1, 'privacy.errors.clip')
    .max(1e9, 'privacy.errors.clip'),
  /** δ of the (ε, δ) guarantee of discrete Gaussian releases (vectors of counts); Laplace releases have δ = 0 */
  delta: z.coerce.number().min(1e-12, 'privacy.errors.delta').max(1e-3, 'privacy.errors.delta').default(1e-6),
});
export type PrivacySettings = z.infer<typeof privacySettingsSchema>;

export const DEFAULT_PRIVACY: PrivacySettings = {
  enabled: false,
  epsilonPerReport: 1,
  monthlyBudget: 10,
  revenueClip: 1000,
  delta: 1e-6,
};
