import { redirect } from 'next/navigation';
import { getActor } from '@/app/_server/session';
import { getI18n } from '@/app/_server/i18n';
import { setLocaleAction } from '@/app/_server/locale-action';
import { LocaleSwitch } from '@/components/shell/locale-switch';
import { SignInForm } from './sign-in-form';

export default async function SignInPage() {
  if (await getActor()) redirect('/');
  const { t } = await getI18n();
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <div className="text-3xl font-bold tracking-tight text-brand-700">{t('app.name')}</div>
          <div className="text-sm text-slate-500">{t('app.tagline')}</div>
        </div>
        <div className="card p-6">
          <h1 className="mb-4 text-lg font-semibold">{t('auth.title')}</h1>
          <SignInForm />
        </div>
        <div className="mt-4 flex justify-center">
          <LocaleSwitch setLocale={setLocaleAction} />
        </div>
      </div>
    </main>
  );
}
