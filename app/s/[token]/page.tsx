import type { Metadata } from 'next';
import { getLocale } from '@/app/_server/i18n';
import { I18nProvider } from '@/components/i18n-provider';
import { SurveyPage } from '@/components/surveys/survey-page';
import { isAppError } from '@/lib/errors';
import { isLocale, messagesFor, translator } from '@/lib/i18n/translate';
import { getShopSettings } from '@/lib/services/settings';
import { getSurveyForm } from '@/lib/services/surveys';
import { answerSurveyAction } from './actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Survey', robots: { index: false } };

/**
 * The hosted survey page: no login (the signed token names survey and customer), in the customer's language when
 * known (a switch changes it), phone-friendly.
 */
export default async function SurveyTokenPage({
  params,
  searchParams,
}: {
  params: Promise<{ token: string }>;
  searchParams: Promise<{ lang?: string }>;
}) {
  const { token } = await params;
  const failure = { key: null as null | 'invalid' | 'expiredLink' };
  const form = await getSurveyForm(token).catch((e: unknown) => {
    if (!isAppError(e)) throw e;
    failure.key = e.key === 'surveys.errors.expired' ? 'expiredLink' : 'invalid';
    return null;
  });
  const lang = (await searchParams).lang;
  const locale = isLocale(lang) ? lang : (form?.locale ?? (await getLocale()));
  const shop = await getShopSettings();
  const t = translator(locale);
  return (
    <I18nProvider locale={locale} messages={messagesFor(locale)} currency={shop.currency} timezone={shop.timezone}>
      <main lang={locale} className="flex min-h-screen items-start justify-center px-4 py-10 sm:items-center">
        <div className="w-full max-w-lg">
          <div className="card p-6">
            <h1 className="mb-3 text-lg font-semibold">{t('surveys.page.title')}</h1>
            {form ? (
              <SurveyPage form={form} answer={answerSurveyAction.bind(null, token)} />
            ) : (
              <p className="text-sm text-slate-600" data-testid="survey-invalid">
                {t(`surveys.page.${failure.key ?? 'invalid'}`)}
              </p>
            )}
          </div>
          <nav aria-label={t('surveys.page.language')} className="mt-4 flex justify-center gap-4 text-sm">
            <a
              href="?lang=en"
              lang="en"
              aria-current={locale === 'en' ? 'true' : undefined}
              className="text-brand-700 hover:underline aria-[current=true]:font-semibold"
            >
              English
            </a>
            <a
              href="?lang=zh-CN"
              lang="zh-CN"
              aria-current={locale === 'zh-CN' ? 'true' : undefined}
              className="text-brand-700 hover:underline aria-[current=true]:font-semibold"
            >
              简体中文
            </a>
          </nav>
        </div>
      </main>
    </I18nProvider>
  );
}
