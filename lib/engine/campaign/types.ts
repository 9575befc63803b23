/** Shapes shared by the campaign engine: plain data, no database or framework types. */

export const CHANNELS = ['email', 'sms', 'push', 'onsite'] as const;
export type Channel = (typeof CHANNELS)[number];

export const GOALS = ['click', 'purchase', 'revenue'] as const;
export type Goal = (typeof GOALS)[number];

/** Key of the holdout arm: customers who are assigned but receive nothing (the incrementality control). */
export const HOLDOUT_KEY = 'holdout';

/** One arm of a campaign as the engine sees it: a message variant or the holdout. */
export type ArmSpec = {
  key: string;
  /** relative traffic weight among the message variants (ignored for the holdout) */
  weight: number;
  isHoldout: boolean;
};

/** Metrics reported per arm and compared between arms. */
export const METRICS = [
  'clickRate',
  'conversionRate',
  'revenuePerUser',
  'averageOrderValue',
  'revenuePerBuyer',
] as const;
export type MetricKey = (typeof METRICS)[number];

/** The metric a campaign's goal makes primary (the one the verdict is about). */
export function primaryMetric(goal: Goal): MetricKey {
  return goal === 'click' ? 'clickRate' : goal === 'purchase' ? 'conversionRate' : 'revenuePerUser';
}

/** Whether a metric is a proportion (binary per customer) rather than a mean or ratio. */
export function isProportionMetric(metric: MetricKey): boolean {
  return metric === 'clickRate' || metric === 'conversionRate';
}

/** Channels whose messages can be opened (opens are tracked); SMS and on-site banners have no opens. */
export function hasOpens(channel: Channel): boolean {
  return channel === 'email' || channel === 'push';
}

/** Consent a customer needs for a channel; on-site banners need none. */
export function consentField(channel: Channel): 'consentEmail' | 'consentSms' | 'consentPush' | null {
  return channel === 'email'
    ? 'consentEmail'
    : channel === 'sms'
      ? 'consentSms'
      : channel === 'push'
        ? 'consentPush'
        : null;
}

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
