'use client';
import { useState } from 'react';
import { useI18n } from '@/components/i18n-provider';
import { DownloadButton } from '@/components/ui/download-button';

/** Choose who to export (all members, or those reachable on a channel) and download the CSV. */
export function ExportPanel({
  segmentId,
  counts,
}: {
  segmentId: number;
  counts: { total: number; email: number; sms: number; push: number } | null;
}) {
  const { t, f } = useI18n();
  const [channel, setChannel] = useState<'all' | 'email' | 'sms' | 'push'>('all');
  const n = (k: 'total' | 'email' | 'sms' | 'push') => (counts ? f.number(counts[k]) : '—');
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600">{t('segments.export.help')}</p>
      <fieldset>
        <legend className="label">{t('segments.export.who')}</legend>
        <div className="space-y-1 text-sm">
          {(['all', 'email', 'sms', 'push'] as const).map((ch) => (
            <label key={ch} className="flex items-center gap-2">
              <input
                type="radio"
                name="export-channel"
                value={ch}
                checked={channel === ch}
                onChange={() => setChannel(ch)}
              />
              {t(`segments.export.${ch}`, { count: n(ch === 'all' ? 'total' : ch) })}
            </label>
          ))}
        </div>
      </fieldset>
      <DownloadButton
        className="btn-primary"
        action={`/api/segments/${segmentId}/export${channel === 'all' ? '' : `?channel=${channel}`}`}
      >
        {t('segments.export.download')}
      </DownloadButton>
    </div>
  );
}
