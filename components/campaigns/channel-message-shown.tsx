import { useI18n } from '@/components/i18n-provider';

/** An SMS (`text`) or push (`title`, `body`) message as the webhook carries it, with its recommended products. */
export type ShownMessage = ({ locale: string; text: string } | { locale: string; title: string; body: string }) & {
  products?: { id: string; title: string; price: string; url: string; reason: string }[];
};

/** The rendered SMS or push message of one customer, as plain text (no e-mail layout), and its products. */
export function ChannelMessageShown({ message }: { message: ShownMessage }) {
  const { t } = useI18n();
  const products = message.products ?? [];
  return (
    <div className="space-y-3">
      <h4 className="text-sm font-medium">{t('email.channelMessage.rendered')}</h4>
      <dl className="rounded-md border border-slate-200 p-3 text-sm">
        {'text' in message ? (
          <>
            <dt className="text-xs text-slate-500">{t('email.channelMessage.text')}</dt>
            <dd className="whitespace-pre-wrap" data-testid="preview-text">
              {message.text}
            </dd>
          </>
        ) : (
          <>
            <dt className="text-xs text-slate-500">{t('email.channelMessage.title')}</dt>
            <dd className="font-medium" data-testid="preview-title">
              {message.title}
            </dd>
            <dt className="mt-2 text-xs text-slate-500">{t('email.channelMessage.body')}</dt>
            <dd className="whitespace-pre-wrap" data-testid="preview-text">
              {message.body}
            </dd>
          </>
        )}
      </dl>
      <h4 className="text-sm font-medium">{t('email.channelMessage.products')}</h4>
      {products.length ? (
        <ol className="list-decimal space-y-1 pl-5 text-sm" data-testid="preview-products">
          {products.map((p) => (
            <li key={p.id}>
              <span className="font-medium">{p.title}</span> · {p.price}{' '}
              <span className="font-mono text-xs text-slate-500">{p.id}</span>
            </li>
          ))}
        </ol>
      ) : (
        <p className="text-sm text-slate-500">{t('email.channelMessage.noProducts')}</p>
      )}
    </div>
  );
}
