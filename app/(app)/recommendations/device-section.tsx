import type { getI18n } from '@/app/_server/i18n';
import { labelFor } from '@/lib/i18n/message-ref';
import type { DeviceBundleSummary } from '@/lib/services/recommendations';

type I18n = Awaited<ReturnType<typeof getI18n>>;

/** The on-device bundle of the serving model: size, where its lists come from, download and the example page. */
export function DeviceSection({ summary, t, f }: { summary: DeviceBundleSummary; t: I18n['t']; f: I18n['f'] }) {
  const model = labelFor(
    t,
    'recommendations.models',
    summary.model.source === 'bought-together' ? summary.served : summary.model.kind,
  );
  return (
    <section className="card mb-6 p-4" data-testid="device-bundle">
      <h2 className="font-semibold">{t('recommendations.device.title')}</h2>
      <p className="mb-3 max-w-3xl text-sm text-slate-500">{t('recommendations.device.help')}</p>
      <div className="flex flex-wrap items-center gap-x-6 gap-y-2 text-sm">
        <div>
          <div className="text-lg font-semibold tabular-nums" data-testid="device-bundle-size">
            {t('recommendations.device.size', { gzip: f.bytes(summary.gzipBytes), raw: f.bytes(summary.bytes) })}
          </div>
          <div className="text-slate-500">
            {t('recommendations.device.details', { items: f.number(summary.nItems), k: summary.k })} ·{' '}
            {t(`recommendations.device.source.${summary.model.source as 'model'}`, { model })}
          </div>
        </div>
        <a className="btn-primary" href="/api/recommendations/bundle" download data-testid="device-bundle-download">
          {t('recommendations.device.download')}
        </a>
        <a className="btn-secondary" href="/storefront-example/index.html" target="_blank" rel="noreferrer">
          {t('recommendations.device.example')}
        </a>
      </div>
    </section>
  );
}
