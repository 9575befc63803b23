import type { MessageKey, Vars } from '@/lib/i18n/translate';
import type { MappingProposal } from '@/lib/import/mapping';

type T = (key: MessageKey, vars?: Vars) => string;

/** The reasons of a mapping proposal as sentences in the UI's language. */
export function describeReasons(t: T, percent: (n: number) => string, reasons: MappingProposal['reasons']): string[] {
  return reasons.map((r) => {
    const key = `importReview.reasons.${r.code}` as MessageKey;
    switch (r.code) {
      case 'exactName':
        return t(key);
      case 'valuesFit':
      case 'valuesDoNotFit':
        return t(key, {
          share: percent(r.share),
          kind: t(`importReview.valueKinds.${r.kind}` as MessageKey),
          example: r.example.slice(0, 40),
        });
      default:
        return t(key, { alias: r.alias });
    }
  });
}

/** high ≥ 0.9, medium ≥ 0.7 (mapped), low below (only suggested). */
export function confidenceLevel(confidence: number): 'high' | 'medium' | 'low' {
  return confidence >= 0.9 ? 'high' : confidence >= 0.7 ? 'medium' : 'low';
}
