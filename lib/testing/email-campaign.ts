/**
 * The input of an e-mail campaign with two variants over one segment, as the e-mail tests and the e-mail benchmark
 * create it (pass it to `createCampaign`).
 */
export function emailCampaignInput(
  name: string,
  segmentId: number,
  options: { names: [string, string]; recommendations: boolean; holdoutShare: number },
) {
  return {
    name,
    goal: 'click' as const,
    channel: 'email' as const,
    segmentId,
    variants: options.names.map((variant) => ({
      name: variant,
      subject: 's',
      content: 'c',
      offer: '',
      recommendations: options.recommendations,
      weight: 1,
    })),
    holdoutShare: options.holdoutShare,
    attributionWindowHours: 72,
    frequencyCap: 3,
    scheduledAt: null,
    allocation: 'fixed' as const,
    minimumDetectableEffect: 0.2,
    webhookUrl: null,
  };
}
