import { unsupportedNumbers } from '@/lib/engine/assistant/number-check';
import type { Verdict } from '@/lib/engine/campaign/verdict';
import type { Bilingual } from '@/lib/i18n/bilingual';
import { translator, type Translate } from '@/lib/i18n/translate';

/** What a summary is written from: the computed verdict (its reasons carry the numbers), the arms and the metric. */
export type ResultsFacts = {
  verdict: Verdict;
  arms: { name: string }[];
  primaryMetric: string;
};

export type ResultsSummary = { text: Bilingual; source: 'template' | 'model' };

const T = { en: translator('en'), zh: translator('zh-CN') };

/** The numbers a summary may state: those of the verdict's reasons. */
export function allowedNumbers(facts: ResultsFacts): number[] {
  return facts.verdict.reasons.flatMap((r) =>
    Object.values(r.params).flatMap((v) =>
      typeof v === 'number' ? [v] : Number.isFinite(Number(v)) ? [Number(v)] : [],
    ),
  );
}

function template(t: Translate, facts: ResultsFacts): string {
  const v = facts.verdict;
  const params = v.reasons[0]?.params ?? {};
  const vars = {
    ...params,
    arm: v.arm === null ? String(params.treatment ?? '') : (facts.arms[v.arm]?.name ?? ''),
    control: String(params.control ?? ''),
    metric: t(`campaigns.metrics.${facts.primaryMetric}` as never),
  };
  if (v.kind === 'no-data') return t('assistant.results.noData');
  if (v.kind === 'srm') return `${t('assistant.results.srm')} ${t('assistant.results.nextFix')}`;
  const state = t(v.isFinal ? 'assistant.results.final' : 'assistant.results.running');
  if (v.kind === 'significant') {
    const win = v.direction !== 'negative';
    return [
      t(win ? 'assistant.results.win' : 'assistant.results.lose', vars),
      state,
      t(win ? 'assistant.results.nextWin' : 'assistant.results.nextLose', vars),
    ].join(' ');
  }
  if (v.kind === 'promising' || params.chancePct !== undefined) {
    const ahead = v.reasons[0]?.code !== 'trendingWorse';
    return [
      t(ahead ? 'assistant.results.ahead' : 'assistant.results.behind', vars),
      state,
      t('assistant.results.nextWait'),
    ].join(' ');
  }
  return [
    t('assistant.results.even', vars),
    state,
    t(v.isFinal ? 'assistant.results.nextEven' : 'assistant.results.nextWait'),
  ].join(' ');
}

/**
 * A campaign's results in a few sentences for managers, in both languages: winner, effect with its interval, whether
 * the test is finished, what to do next. A candidate text (from a model) is used only if every number in it appears in
 * the statistics; otherwise, and without a candidate, the template answers (its numbers come from the same place).
 */
export function summariseResults(facts: ResultsFacts, candidate?: Bilingual | null): ResultsSummary {
  const allowed = allowedNumbers(facts);
  if (
    candidate &&
    unsupportedNumbers(candidate.en, allowed).length === 0 &&
    unsupportedNumbers(candidate.zh, allowed).length === 0
  )
    return { text: candidate, source: 'model' };
  return { text: { en: template(T.en, facts), zh: template(T.zh, facts) }, source: 'template' };
}
