'use client';
import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { useI18n } from '@/components/i18n-provider';

export function SignInForm() {
  const { t } = useI18n();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn('credentials', {
      redirect: false,
      email: String(form.get('email')),
      password: String(form.get('password')),
    });
    setPending(false);
    if (result?.ok && !result.error) {
      router.replace('/');
      router.refresh();
    } else setError(errorText(result?.error));
  }

  // A throttled sign-in reports "TooManyAttempts:<seconds>" (app/_server/auth-options.ts).
  function errorText(code: string | null | undefined) {
    const seconds = Number(/^TooManyAttempts:(\d+)$/.exec(code ?? '')?.[1] ?? 0);
    if (!seconds) return t('auth.failed');
    const minutes = Math.ceil(seconds / 60);
    return minutes <= 1 ? t('auth.lockedMinute') : t('auth.locked', { minutes });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4">
      <div>
        <label className="label" htmlFor="email">
          {t('auth.email')}
        </label>
        <input className="input" id="email" name="email" type="email" autoComplete="username" required />
      </div>
      <div>
        <label className="label" htmlFor="password">
          {t('auth.password')}
        </label>
        <input
          className="input"
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
        />
      </div>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      <button className="btn-primary w-full" type="submit" disabled={pending}>
        {pending ? t('auth.signingIn') : t('auth.submit')}
      </button>
    </form>
  );
}
