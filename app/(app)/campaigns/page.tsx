import type { Metadata } from 'next';
import Link from 'next/link';
import { getI18n } from '@/app/_server/i18n';
import { pageData } from '@/app/_server/page';
import { requirePage } from '@/app/_server/session';
import { CampaignList, LeagueTable, TrendChart } from '@/components/campaigns/overview-panels';
import { PageHeader } from '@/components/ui/page-header';
import { getCampaignsOverview, listCampaigns } from '@/lib/services/campaigns';
import { can } from '@/lib/security/roles';

export const metadata: Metadata = { title: 'Campaigns' };

/** Campaigns overview: league table by incremental results versus holdout, the monthly trend, and every campaign. */
export default async function CampaignsPage() {
  const actor = await requirePage('campaigns:view');
  const { t } = await getI18n();
  const canEdit = can(actor.role, 'campaigns:edit');
  const [overview, rows] = await pageData(() => Promise.all([getCampaignsOverview(actor), listCampaigns(actor)]));
  return (
    <>
      <PageHeader
        title={t('campaigns.title')}
        subtitle={t('campaigns.subtitle')}
        actions={
          canEdit && (
            <Link className="btn-primary" href="/campaigns/new">
              {t('campaigns.new')}
            </Link>
          )
        }
      />
      {rows.length === 0 ? (
        <div className="card p-8 text-center text-slate-600">
          <p>{canEdit ? t('campaigns.empty') : t('campaigns.emptyManager')}</p>
          {canEdit && (
            <Link className="btn-primary mt-4" href="/campaigns/new">
              {t('campaigns.new')}
            </Link>
          )}
        </div>
      ) : (
        <div className="space-y-6">
          <LeagueTable overview={overview} />
          <TrendChart overview={overview} />
          <CampaignList rows={rows} />
        </div>
      )}
    </>
  );
}
