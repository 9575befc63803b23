import type { AssistantVocabulary } from '@/lib/engine/assistant/types';
import type { Bilingual } from '@/lib/i18n/bilingual';
import { translator } from '@/lib/i18n/translate';
import type { SegmentDefinition, SegmentNode } from '@/lib/schemas/segment';
import { describeCondition, emptyNames, type DefinitionNames } from '../segments/describe';

/** The names a reading back needs, from the builder's vocabulary (tags by key, categories by id). */
export function namesFromVocabulary(vocab: AssistantVocabulary): DefinitionNames {
  const names = emptyNames();
  for (const t of vocab.tags) names.tags.set(t.key, { label: t.label, labelZh: t.labelZh });
  for (const c of vocab.categories) names.categories.set(c.id, { name: c.name, nameZh: c.nameZh });
  return names;
}

const T = { en: translator('en'), zh: translator('zh-CN') };

/**
 * A definition as one line of plain words in both languages, built from the same per-condition sentences the builder
 * shows: "Gender is “female” and City is “Shanghai” and (…  or …)".
 */
export function readBack(definition: SegmentDefinition, names: DefinitionNames): Bilingual {
  const line = (lang: 'en' | 'zh') => {
    const t = T[lang];
    const visit = (n: SegmentNode, isRoot: boolean): string => {
      if (n.type !== 'group') return describeCondition(n, names)[lang];
      const inner = n.children.map((c) => visit(c, false)).join(t(`assistant.join.${n.op}`));
      if (n.negate) return t('assistant.join.not', { text: inner });
      return isRoot || n.children.length < 2 ? inner : t('assistant.join.group', { text: inner });
    };
    return visit(definition, true);
  };
  return { en: line('en'), zh: line('zh') };
}
