import { beforeAll, describe, expect, test } from 'vitest';
import { db } from '@/lib/db/client';
import { FLOW_TEMPLATES } from '@/lib/engine/flows';
import type { UserActor } from '../auth/actor';
import { eraseCustomer } from '../erasure/erase';
import {
  createFlowFromTemplate,
  getFlow,
  listFlows,
  missingTemplates,
  runFlowsNow,
  saveFlow,
  setFlowEnabled,
} from './flows';
import { runFlows } from './run';

// The flow service's rules: who may do what, malformed input refused with a code, edits only while off, enabling
// needs the channels, and erasure removes a customer's passes.
const actors = {} as Record<'admin' | 'marketer' | 'manager', UserActor>;
let flowId = 0;

beforeAll(async () => {
  for (const role of ['admin', 'marketer', 'manager'] as const) {
    const u = await db.user.create({ data: { email: `${role}@example.com`, name: role, passwordHash: 'x', role } });
    actors[role] = { type: 'user', userId: u.id, role, email: u.email, name: u.name, locale: 'en' };
  }
});

describe('flow service', () => {
  test('marketers add ready-made flows (disabled); managers read only; bad input is refused', async () => {
    await expect(createFlowFromTemplate(actors.manager, { template: 'welcome' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(createFlowFromTemplate(actors.marketer, { template: 'teleport' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(createFlowFromTemplate(null, { template: 'welcome' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    const row = await createFlowFromTemplate(actors.marketer, { template: 'abandoned_cart', locale: 'zh-CN' });
    flowId = row.id;
    expect(row).toMatchObject({ name: '购物车挽回', enabled: false, template: 'abandoned_cart' });
    const listed = await listFlows(actors.manager);
    expect(listed).toHaveLength(1);
    expect((await missingTemplates(actors.manager)).map((m) => m.key)).not.toContain('abandoned_cart');
    // its campaign: a holdout and arm a, hidden from the campaign list
    const flow = await getFlow(actors.manager, flowId);
    const variants = await db.campaignVariant.findMany({
      where: { campaignId: flow.campaignId },
      select: { key: true },
    });
    expect(variants.map((v) => v.key).sort()).toEqual(['a', 'holdout']);
    await expect(getFlow(actors.manager, 999)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getFlow(actors.manager, 'x')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  test('saving validates the definition and the webhook address; a split adds arm b', async () => {
    const def = FLOW_TEMPLATES.abandoned_cart.definition;
    const save = (over: object) => saveFlow(actors.marketer, { id: flowId, name: 'Cart', definition: def, ...over });
    await expect(save({ definition: { ...def, steps: [] } })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(save({ definition: 'nope' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(save({ name: '' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(save({ webhookUrl: 'http://hooks.example/sms' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(save({ webhookUrl: 'https://127.0.0.1/sms' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      key: 'campaigns.errors.webhookPrivate',
    });
    await expect(saveFlow(actors.manager, { id: flowId, name: 'Cart', definition: def })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const split = { ...def, steps: [{ kind: 'split', percentB: 50, bStart: 2 }, def.steps[1], def.steps[1]] };
    await save({ definition: split, webhookUrl: '' });
    const flow = await getFlow(actors.manager, flowId);
    expect(flow.definition?.steps[0]).toMatchObject({ kind: 'split', bStart: 2 });
    const variants = await db.campaignVariant.findMany({
      where: { campaignId: flow.campaignId },
      select: { key: true },
    });
    expect(variants.map((v) => v.key).sort()).toEqual(['a', 'b', 'holdout']);
    await save({ definition: def });
  });

  test('enabling needs the e-mail settings (and a webhook address for SMS steps); edits wait until it is off', async () => {
    await expect(setFlowEnabled(actors.marketer, { id: flowId, enabled: true })).rejects.toMatchObject({
      code: 'CONFLICT',
      key: 'flows.errors.noSmtp',
    });
    const def = FLOW_TEMPLATES.abandoned_cart.definition;
    // no quiet hours: the erasure test below runs the flow 5 hours ahead, which must not depend on the hour it runs
    const sms = {
      ...def,
      quietHours: null,
      steps: [{ kind: 'webhook', content: { en: { message: 'Your cart, {{first_name}}' } } }],
    };
    await saveFlow(actors.marketer, { id: flowId, name: 'Cart', definition: sms });
    await expect(setFlowEnabled(actors.marketer, { id: flowId, enabled: true })).rejects.toMatchObject({
      key: 'flows.errors.noWebhook',
    });
    await saveFlow(actors.marketer, {
      id: flowId,
      name: 'Cart',
      definition: sms,
      webhookUrl: 'https://hooks.example/sms',
    });
    const on = await setFlowEnabled(actors.marketer, { id: flowId, enabled: true });
    expect(on.enabled).toBe(true);
    expect(await db.job.count({ where: { type: 'flow.run' } })).toBe(1);
    await expect(saveFlow(actors.marketer, { id: flowId, name: 'Cart', definition: sms })).rejects.toMatchObject({
      code: 'CONFLICT',
      key: 'flows.errors.disableFirst',
    });
    await expect(runFlowsNow(actors.marketer)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await runFlowsNow(actors.admin)).toMatchObject({ flows: 1, entered: 0 });
  });

  test('erasing a customer removes their passes and step runs', async () => {
    const c = await db.customer.create({
      data: { externalId: 'ERASE1', email: 'erase1@example.com', consentEmail: true },
    });
    await db.event.create({ data: { dedupKey: 'x1', customerId: c.id, type: 'cart', ts: new Date(), source: 'api' } });
    // the webhook host does not resolve: the step is recorded as failed, once
    await runFlows({ now: new Date(Date.now() + 5 * 3_600_000) });
    const pass = await db.flowEnrollment.findFirstOrThrow({ where: { customerId: c.id }, include: { runs: true } });
    expect(pass.state).toBe('done');
    expect(pass.runs.map((r) => r.outcome)).toEqual([pass.arm === 'holdout' ? 'holdout' : 'failed']);
    await eraseCustomer(actors.admin, { by: 'externalId', value: 'ERASE1' });
    expect(await db.flowEnrollment.count({ where: { customerId: c.id } })).toBe(0);
    expect(await db.flowStepRun.count({ where: { enrollmentId: pass.id } })).toBe(0);
  });
});
