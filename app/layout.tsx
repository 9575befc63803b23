import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { I18nProvider } from '@/components/i18n-provider';
import { Providers } from '@/components/providers';
import { messagesFor } from '@/lib/i18n/translate';
import { getI18n } from './_server/i18n';
import './globals.css';

// Every page depends on the signed-in user and their language: render per request, never at build time.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: { default: 'Precisa', template: '%s · Precisa' },
  description: 'Precision marketing for e-commerce',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const { locale, shop } = await getI18n();
  return (
    <html lang={locale}>
      <body>
        <I18nProvider locale={locale} messages={messagesFor(locale)} currency={shop.currency} timezone={shop.timezone}>
          <Providers>{children}</Providers>
        </I18nProvider>
      </body>
    </html>
  );
}
