import type { Metadata } from 'next';
import Link from 'next/link';
import { getI18n } from '@/app/_server/i18n';
import { requirePage } from '@/app/_server/session';
import { PageHeader } from '@/components/ui/page-header';
import { listApiKeys } from '@/lib/services/api-keys';
import { recentAudit, verifyAuditChain } from '@/lib/services/audit';
import { getShopSettings, listCurrencyRates } from '@/lib/services/settings';
import { listUsers } from '@/lib/services/users';
import { getProviderSettings, listAssistantActivity } from '@/lib/services/assistant/provider-settings';
import { getFairnessSettings, listAttributeKeys } from '@/lib/services/fairness';
import { getPrivacySettings } from '@/lib/services/privacy';
import { ApiKeysPanel } from './api-keys-panel';
import { AssistantPanel } from './assistant-panel';
import { AuditChainStatus } from './audit-chain-status';
import { listEmailSuppressions } from '@/lib/services/email/preferences';
import { getSmtpSettings } from '@/lib/services/email/smtp';
import { EmailPanel } from './email-panel';
import { SuppressionList } from './suppression-list';
import { ShopPanel } from './shop-panel';
import { PrivacyPanel } from './privacy-panel';
import { UsersPanel } from './users-panel';

export const metadata: Metadata = { title: 'Settings' };
const TABS = ['users', 'apiKeys', 'shop', 'email', 'privacy', 'assistant', 'audit'] as const;

export default async function SettingsPage({ searchParams }: { searchParams: Promise<{ tab?: string }> }) {
  const actor = await requirePage('settings:manage');
  const { t, f } = await getI18n();
  const requested = (await searchParams).tab;
  const tab = TABS.find((x) => x === requested) ?? 'users';
  return (
    <>
      <PageHeader title={t('settings.title')} />
      <nav className="mb-6 flex gap-1 overflow-x-auto border-b border-slate-200" aria-label={t('settings.title')}>
        {TABS.map((x) => (
          <Link
            key={x}
            href={`/settings?tab=${x}`}
            aria-current={x === tab ? 'page' : undefined}
            className={`-mb-px border-b-2 px-4 py-2 whitespace-nowrap text-sm font-medium ${x === tab ? 'border-brand-600 text-brand-700' : 'border-transparent text-slate-500 hover:text-slate-800'}`}
          >
            {t(`settings.tabs.${x}`)}
          </Link>
        ))}
      </nav>
      {tab === 'users' && <UsersPanel users={await listUsers(actor)} selfId={actor.userId} />}
      {tab === 'apiKeys' && <ApiKeysPanel keys={await listApiKeys(actor)} />}
      {tab === 'shop' && <ShopPanel shop={await getShopSettings()} rates={await listCurrencyRates(actor)} />}
      {tab === 'assistant' && (
        <AssistantPanel settings={await getProviderSettings(actor)} calls={await listAssistantActivity(actor)} />
      )}
      {tab === 'privacy' && (
        <PrivacyPanel
          privacy={await getPrivacySettings()}
          fairness={await getFairnessSettings()}
          attributeKeys={await listAttributeKeys(actor)}
        />
      )}
      {tab === 'audit' && <AuditChainStatus result={await verifyAuditChain(actor)} />}
      {tab === 'email' && (
        <div className="space-y-6">
          <EmailPanel settings={await getSmtpSettings(actor)} />
          <SuppressionList rows={await listEmailSuppressions(actor)} />
        </div>
      )}
      {tab === 'audit' && (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a table wider than the page scrolls, and keyboard users must reach it (WCAG 2.1.1)
        <section className="card overflow-x-auto" tabIndex={0} aria-label={t('settings.tabs.audit')}>
          <table className="data-table">
            <thead>
              <tr>
                <th>{t('settings.audit.at')}</th>
                <th>{t('settings.audit.actor')}</th>
                <th>{t('settings.audit.action')}</th>
                <th>{t('settings.audit.target')}</th>
                <th>{t('settings.audit.details')}</th>
              </tr>
            </thead>
            <tbody>
              {(await recentAudit(actor)).map((a) => (
                <tr key={a.id}>
                  <td className="whitespace-nowrap">{f.dateTime(a.at)}</td>
                  <td>{a.actorLabel}</td>
                  <td className="font-mono text-xs">{a.action}</td>
                  <td className="font-mono text-xs">{a.targetType ? `${a.targetType}:${a.targetId}` : ''}</td>
                  <td className="max-w-md truncate font-mono text-xs text-slate-500">
                    {a.details ? JSON.stringify(a.details) : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}
