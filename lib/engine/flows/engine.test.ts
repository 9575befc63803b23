import { describe, expect, test } from 'vitest';
import { flowDefinitionSchema, type FlowDefinition } from '@/lib/schemas/flows';
import { DAY_MS, entryDecision, flowArms, HOUR_MS, nextAction, quietUntil, type Facts, type Place } from './engine';
import { FLOW_TEMPLATES } from './templates';

const cart = FLOW_TEMPLATES.abandoned_cart.definition;
const facts = (over: Partial<Facts> = {}): Facts => ({
  now: Date.UTC(2026, 0, 5, 4), // 12:00 in Shanghai
  timeZone: 'Asia/Shanghai',
  purchasedSinceEntry: false,
  recentEmails: 0,
  ...over,
});
const place = (over: Partial<Place> = {}): Place => ({ stepIndex: 0, stepAt: 0, arm: 'a', enteredAt: 0, ...over });

describe('entry', () => {
  const def = { reentryDays: 7, maxTriggerAgeHours: 48 };
  test('at most once per re-entry window, either side of the last entry', () => {
    const t = { now: 20 * DAY_MS };
    expect(entryDecision(def, { ...t, triggerAt: 20 * DAY_MS, lastEnteredAt: null })).toEqual({
      enter: true,
      windowKey: 2,
    });
    expect(entryDecision(def, { ...t, triggerAt: 20 * DAY_MS, lastEnteredAt: 14 * DAY_MS })).toEqual({
      enter: false,
      reason: 'reentry',
    });
    // a late event from before the last entry, within the window
    expect(entryDecision(def, { ...t, triggerAt: 19 * DAY_MS, lastEnteredAt: 20 * DAY_MS - 1 })).toMatchObject({
      reason: 'reentry',
    });
    expect(entryDecision(def, { ...t, triggerAt: 20 * DAY_MS, lastEnteredAt: 13 * DAY_MS })).toMatchObject({
      enter: true,
    });
  });
  test('a trigger older than the limit when read does not start a pass', () => {
    expect(entryDecision(def, { triggerAt: 0, now: 48 * HOUR_MS + 1, lastEnteredAt: null })).toMatchObject({
      reason: 'too_old',
    });
    expect(entryDecision(def, { triggerAt: 0, now: 48 * HOUR_MS, lastEnteredAt: null })).toMatchObject({
      enter: true,
    });
  });
});

describe('quiet hours (expected times from Python zoneinfo)', () => {
  test('Shanghai 22:00 waits until 08:00 the next morning; 12:00 is not quiet', () => {
    expect(quietUntil(Date.UTC(2026, 0, 1, 14), { start: 21, end: 8 }, 'Asia/Shanghai')).toBe(Date.UTC(2026, 0, 2, 0));
    expect(quietUntil(Date.UTC(2026, 0, 1, 4), { start: 21, end: 8 }, 'Asia/Shanghai')).toBeNull();
    expect(quietUntil(Date.UTC(2026, 0, 1, 4), null, 'Asia/Shanghai')).toBeNull();
  });
  test('a half-hour zone and a daylight-saving night', () => {
    // 22:30 in Kolkata → 08:00 there = 02:30 UTC
    expect(quietUntil(Date.UTC(2026, 0, 1, 17), { start: 21, end: 8 }, 'Asia/Kolkata')).toBe(
      Date.UTC(2026, 0, 2, 2, 30),
    );
    // 00:30 EST on the night clocks go forward → 08:00 EDT = 12:00 UTC
    expect(quietUntil(Date.UTC(2026, 2, 8, 5, 30), { start: 21, end: 8 }, 'America/New_York')).toBe(
      Date.UTC(2026, 2, 8, 12),
    );
    // a daytime window (start < end)
    expect(quietUntil(Date.UTC(2026, 0, 1, 4), { start: 12, end: 14 }, 'Asia/Shanghai')).toBe(Date.UTC(2026, 0, 1, 6));
  });
});

describe('next action', () => {
  test('abandoned cart: wait 4 hours from the cart, then send; a purchase exits', () => {
    const entered = facts().now - 3 * HOUR_MS;
    expect(nextAction(cart, place({ stepAt: entered }), facts())).toEqual({
      type: 'sleep',
      until: entered + 4 * HOUR_MS,
    });
    const late = facts({ now: entered + 5 * HOUR_MS });
    expect(nextAction(cart, place({ stepAt: entered }), late)).toEqual({
      type: 'advance',
      to: 1,
      at: entered + 4 * HOUR_MS,
    });
    expect(nextAction(cart, place({ stepIndex: 1 }), late)).toEqual({
      type: 'send',
      channel: 'email',
      stepIndex: 1,
      skip: null,
    });
    expect(nextAction(cart, place({ stepIndex: 1 }), { ...late, purchasedSinceEntry: true })).toEqual({
      type: 'exit',
      reason: 'purchased',
    });
    expect(nextAction(cart, place({ stepIndex: 2 }), late)).toEqual({ type: 'done' });
  });
  test('holdout receives nothing; the cap skips; quiet hours postpone (the holdout too, to keep its timing)', () => {
    expect(nextAction(cart, place({ stepIndex: 1, arm: 'holdout' }), facts())).toMatchObject({ skip: 'holdout' });
    expect(nextAction(cart, place({ stepIndex: 1 }), facts({ recentEmails: 3 }))).toMatchObject({ skip: 'capped' });
    expect(nextAction(cart, place({ stepIndex: 1 }), facts({ recentEmails: 2 }))).toMatchObject({ skip: null });
    const night = Date.UTC(2026, 0, 5, 14); // 22:00 in Shanghai
    for (const arm of ['a', 'holdout'] as const)
      expect(nextAction(cart, place({ stepIndex: 1, arm }), facts({ now: night }))).toEqual({
        type: 'sleep',
        until: Date.UTC(2026, 0, 6, 0),
      });
  });
  test('a post-purchase flow does not exit on purchase; win-back leaves when the condition fails', () => {
    const post = FLOW_TEMPLATES.post_purchase.definition;
    expect(nextAction(post, place({ stepIndex: 1 }), facts({ purchasedSinceEntry: true }))).toMatchObject({
      type: 'send',
    });
    const win = FLOW_TEMPLATES.win_back.definition;
    expect(nextAction(win, place({ stepIndex: 2 }), facts({ condition: false }))).toEqual({
      type: 'exit',
      reason: 'condition',
    });
    expect(nextAction(win, place({ stepIndex: 2 }), facts({ condition: true }))).toMatchObject({
      type: 'advance',
      to: 3,
    });
  });
  test('split: arm b jumps to its branch, arm a and the holdout finish where it starts', () => {
    const def: FlowDefinition = flowDefinitionSchema.parse({
      ...cart,
      steps: [{ kind: 'split', percentB: 30, bStart: 3 }, cart.steps[1], { kind: 'wait', hours: 2 }, cart.steps[1]],
    });
    expect(flowArms(def)).toEqual([
      { key: 'a', weight: 70 },
      { key: 'b', weight: 30 },
    ]);
    expect(nextAction(def, place({ arm: 'b' }), facts())).toMatchObject({ type: 'advance', to: 3 });
    expect(nextAction(def, place({ arm: 'a' }), facts())).toMatchObject({ type: 'advance', to: 1 });
    expect(nextAction(def, place({ arm: 'a', stepIndex: 3 }), facts())).toEqual({ type: 'done' });
    expect(nextAction(def, place({ arm: 'holdout', stepIndex: 3 }), facts())).toEqual({ type: 'done' });
    expect(nextAction(def, place({ arm: 'b', stepIndex: 3 }), facts())).toMatchObject({ type: 'send' });
  });
  test('a survey step is an e-mail: sent, capped, skipped for the holdout and held in quiet hours like one', () => {
    const mail = cart.steps[1] as Extract<FlowDefinition['steps'][number], { kind: 'email' }>;
    const def = flowDefinitionSchema.parse({
      ...FLOW_TEMPLATES.post_purchase.definition,
      steps: [
        { kind: 'wait', hours: 72 },
        { kind: 'survey', survey: 'nps', content: mail.content },
      ],
    });
    const at = place({ stepIndex: 1 });
    expect(nextAction(def, at, facts())).toEqual({ type: 'send', channel: 'email', stepIndex: 1, skip: null });
    expect(nextAction(def, at, facts({ recentEmails: 3 }))).toMatchObject({ skip: 'capped' });
    expect(nextAction(def, place({ stepIndex: 1, arm: 'holdout' }), facts())).toMatchObject({ skip: 'holdout' });
    expect(nextAction(def, at, facts({ now: Date.UTC(2026, 0, 5, 14) }))).toEqual({
      type: 'sleep',
      until: Date.UTC(2026, 0, 6, 0),
    });
    // a flow whose only message is a survey is a valid flow; an unknown scale is not
    expect(flowDefinitionSchema.safeParse({ ...def, steps: [def.steps[1]] }).success).toBe(true);
    const bad = { ...def, steps: [{ kind: 'survey', survey: 'stars', content: mail.content }] };
    expect(flowDefinitionSchema.safeParse(bad).success).toBe(false);
  });
  test('an exit step leaves', () => {
    const def = flowDefinitionSchema.parse({ ...cart, steps: [{ kind: 'exit' }, cart.steps[1]] });
    expect(nextAction(def, place(), facts())).toEqual({ type: 'exit', reason: 'exit_step' });
  });
});

describe('definitions', () => {
  test('the five templates are valid definitions in both languages', () => {
    for (const t of Object.values(FLOW_TEMPLATES)) {
      expect(flowDefinitionSchema.parse(t.definition)).toEqual(t.definition);
      for (const s of t.definition.steps)
        if (s.kind === 'email') expect(Object.keys(s.content).sort()).toEqual(['en', 'zh-CN']);
    }
  });
  test('malformed definitions are refused with catalogue keys', () => {
    const bad = (over: object) => flowDefinitionSchema.safeParse({ ...cart, ...over });
    expect(bad({ steps: [] }).success).toBe(false);
    expect(bad({ holdoutShare: 0.9 }).success).toBe(false);
    expect(bad({ trigger: { type: 'teleport' } }).success).toBe(false);
    expect(bad({ steps: [{ kind: 'wait', hours: 2 }] }).error?.issues[0]?.message).toBe('flows.errors.noMessage');
    const split = bad({ steps: [{ kind: 'split', percentB: 50, bStart: 1 }, cart.steps[1]] });
    expect(split.error?.issues.map((i) => i.message)).toContain('flows.errors.splitTarget');
    expect(bad({ steps: [{ kind: 'email', content: {} }] }).error?.issues[0]?.message).toBe('flows.errors.noLanguage');
    expect(bad({ steps: [{ kind: 'wait', hours: -1 }, cart.steps[1]] }).success).toBe(false);
  });
});
