import type { Locale } from '@/lib/i18n/translate';
import type { DescribedNode } from '@/lib/services/segments';

function Node({ n, lang, depth }: { n: DescribedNode; lang: 'en' | 'zh'; depth: number }) {
  if (n.kind === 'condition')
    return (
      <li className="py-0.5">
        <span className="mr-1.5 text-slate-300">•</span>
        {n.text[lang]}
      </li>
    );
  return (
    <li className={depth ? 'py-0.5' : ''}>
      <span className={`font-medium ${depth ? 'text-slate-700' : 'text-slate-900'}`}>
        {n.text[lang]}
        {n.children?.length ? ':' : ''}
      </span>
      {n.children && n.children.length > 0 && (
        <ul className="mt-0.5 ml-2 border-l-2 border-slate-200 pl-4">
          {n.children.map((c) => (
            <Node key={c.path} n={c} lang={lang} depth={depth + 1} />
          ))}
        </ul>
      )}
    </li>
  );
}

/** A definition in words: the UI language first, the other language one click away. */
export function DefinitionView({
  described,
  locale,
  otherLabel,
}: {
  described: DescribedNode;
  locale: Locale;
  otherLabel: string;
}) {
  const lang = locale === 'zh-CN' ? 'zh' : 'en';
  const other = lang === 'zh' ? 'en' : 'zh';
  return (
    <div className="text-sm">
      <ul data-testid="definition-words">
        <Node n={described} lang={lang} depth={0} />
      </ul>
      <details className="mt-3 text-slate-600">
        <summary className="cursor-pointer text-xs text-brand-700">{otherLabel}</summary>
        <ul className="mt-2" lang={other === 'zh' ? 'zh-CN' : 'en'}>
          <Node n={described} lang={other} depth={0} />
        </ul>
      </details>
    </div>
  );
}
