import type { Metadata } from 'next';
import { getI18n } from '@/app/_server/i18n';
import { pageData } from '@/app/_server/page';
import { requirePage } from '@/app/_server/session';
import { FlowList } from '@/components/flows/flow-list';
import { PageHeader } from '@/components/ui/page-header';
import { can } from '@/lib/security/roles';
import { listFlows, missingTemplates } from '@/lib/services/flows';
import { addTemplateAction, runNowAction, setEnabledAction } from './actions';

export const metadata: Metadata = { title: 'Flows' };

/** Automated flows: status and counts of each, ready-made flows to add, and (admins) a run of due steps now. */
export default async function FlowsPage() {
  const actor = await requirePage('campaigns:view');
  const { t, locale } = await getI18n();
  const [flows, templates] = await pageData(() => Promise.all([listFlows(actor), missingTemplates(actor)]));
  const rows = flows.map((fl) => {
    const count = (state: string) => fl.counts.passes.filter((p) => p.state === state).reduce((s, p) => s + p.count, 0);
    return {
      id: fl.id,
      name: fl.name,
      enabled: fl.enabled,
      trigger: fl.definition?.trigger.type ?? null,
      active: count('active'),
      done: count('done'),
      exited: count('exited'),
      sent: fl.counts.runs.filter((r) => r.outcome === 'sent').reduce((s, r) => s + r.count, 0),
    };
  });
  return (
    <>
      <PageHeader title={t('flows.title')} subtitle={t('flows.subtitle')} />
      <FlowList
        rows={rows}
        templates={templates.map((x) => ({ key: x.key, name: x.name[locale === 'zh-CN' ? 'zh-CN' : 'en'] }))}
        canEdit={can(actor.role, 'campaigns:edit')}
        canRun={can(actor.role, 'settings:manage')}
        actions={{ add: addTemplateAction, setEnabled: setEnabledAction, runNow: runNowAction }}
      />
    </>
  );
}
