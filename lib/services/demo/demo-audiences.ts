import { db } from '@/lib/db/client';
import { findCategoryIdByPath } from '@/lib/db/products';
import type { UserActor } from '../auth/actor';
import { createCampaign } from '../campaigns/campaigns';
import { simulateCampaign } from '../campaigns/lifecycle';
import { createSegment } from '../segments/segments';

/**
 * A few saved segments and one simulated A/B test on the demo shop, made through the same services a marketer's
 * clicks call, so every page has something real to show on first start.
 */
export async function seedDemoAudiences(actor: UserActor, log: (message: string) => void) {
  const sportsId = await findCategoryIdByPath(db, 'Sports');
  const reachable = await createSegment(actor, {
    name: 'Active shoppers reachable by e-mail',
    description: '可通过邮件触达的活跃顾客 — new, active or reactivated customers who agreed to e-mail.',
    definition: {
      type: 'group',
      op: 'and',
      children: [
        { type: 'consent', channel: 'email', op: 'granted' },
        { type: 'profile', field: 'lifecycle', op: 'in', value: ['new', 'active', 'reactivated'] },
      ],
    },
  });
  if (sportsId !== null) {
    await createSegment(actor, {
      name: 'Sports fans',
      description: '喜欢运动 — viewed Sports products at least three times in the last 90 days, or bought in Sports.',
      definition: {
        type: 'group',
        op: 'or',
        children: [
          {
            type: 'behaviour',
            op: 'did',
            event: 'view',
            filter: { categoryId: sportsId },
            frequency: { op: 'at_least', value: 3 },
            window: { type: 'last_days', days: 90 },
          },
          {
            type: 'behaviour',
            op: 'did',
            event: 'purchase',
            filter: { categoryId: sportsId },
            window: { type: 'all_time' },
          },
        ],
      },
    });
  }
  await createSegment(actor, {
    name: 'Valuable customers slipping away',
    description: '高价值流失风险 — RFM groups At risk and Can’t lose.',
    definition: {
      type: 'group',
      op: 'and',
      children: [{ type: 'profile', field: 'rfmGroup', op: 'in', value: ['at-risk', 'cant-lose'] }],
    },
  });
  const campaign = await createCampaign(actor, {
    name: 'Winter warm-up (simulated)',
    goal: 'purchase',
    channel: 'email',
    segmentId: reachable.id,
    variants: [
      { name: 'Ten percent off', subject: 'Winter is coming: 10% off your next order', recommendations: false },
      { name: 'Picked for you', subject: 'We picked these for you', recommendations: true },
    ],
    holdoutShare: 0.1,
    attributionWindowHours: 168,
    frequencyCap: null,
    scheduledAt: null,
  });
  await simulateCampaign(actor, campaign.id);
  log('Saved 3 demo segments and queued a simulated A/B test (the worker plays it out at start).');
}
