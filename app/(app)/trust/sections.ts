import type { MessageKey } from '@/lib/i18n/translate';
import type { Permission } from '@/lib/security/roles';

/** The parts of the Trust area, in the order the landing page lists them; each shows to roles allowed to open it. */
export const TRUST_SECTIONS: { href: string; title: MessageKey; body: MessageKey; permission: Permission }[] = [
  {
    href: '/trust/privacy',
    title: 'trust.parts.privacy.title',
    body: 'trust.parts.privacy.body',
    permission: 'trust:read-all',
  },
  {
    href: '/trust/fairness',
    title: 'trust.parts.fairness.title',
    body: 'trust.parts.fairness.body',
    permission: 'trust:view',
  },
  {
    href: '/trust/quality',
    title: 'trust.parts.quality.title',
    body: 'trust.parts.quality.body',
    permission: 'trust:read-all',
  },
  {
    href: '/trust/erasure',
    title: 'trust.parts.erasure.title',
    body: 'trust.parts.erasure.body',
    permission: 'customers:erase',
  },
];
