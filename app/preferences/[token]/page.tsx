import { getI18n } from '@/app/_server/i18n';
import { setLocaleAction } from '@/app/_server/locale-action';
import { PreferencesForm } from '@/components/email/preferences-form';
import { LocaleSwitch } from '@/components/shell/locale-switch';
import { isAppError } from '@/lib/errors';
import { getPreferences } from '@/lib/services/email/preferences';
import { savePreferencesAction } from './actions';

export const dynamic = 'force-dynamic';

/** The hosted e-mail preference page: no login, phone-friendly, both languages. */
export default async function PreferencesPage({
  params,
  searchParams,
}: {
  params: Promise<{ token: string }>;
  searchParams: Promise<{ unsubscribe?: string }>;
}) {
  const { t } = await getI18n();
  const { token } = await params;
  const prefs = await getPreferences(token).catch((e: unknown) => {
    if (isAppError(e)) return null;
    throw e;
  });
  return (
    <main className="flex min-h-screen items-start justify-center px-4 py-10 sm:items-center">
      <div className="w-full max-w-md">
        <div className="card p-6">
          <h1 className="mb-2 text-lg font-semibold">{t('email.preferences.title')}</h1>
          {prefs ? (
            <PreferencesForm
              initial={prefs.consent}
              intro={t('email.preferences.intro', { shop: prefs.shopName, email: prefs.email })}
              unsubscribeFirst={(await searchParams).unsubscribe === '1'}
              save={savePreferencesAction.bind(null, token)}
            />
          ) : (
            <p className="text-sm text-slate-600" data-testid="preferences-invalid">
              {t('email.preferences.invalid')}
            </p>
          )}
        </div>
        <div className="mt-4 flex justify-center">
          <LocaleSwitch setLocale={setLocaleAction} />
        </div>
      </div>
    </main>
  );
}
