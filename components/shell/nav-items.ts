import type { MessageKey } from '@/lib/i18n/translate';
import type { Permission } from '@/lib/security/roles';

export type NavItem = { href: string; label: MessageKey; permission: Permission; icon: string };

/** The product's areas, in menu order. Only areas that work are listed; each shows to roles allowed to open it. */
export const NAV_ITEMS: NavItem[] = [
  {
    href: '/',
    label: 'nav.dashboard',
    permission: 'dashboard:view',
    icon: 'M3 10l7-7 7 7v7a1 1 0 01-1 1h-4v-5H8v5H4a1 1 0 01-1-1z',
  },
  {
    href: '/customers',
    label: 'nav.customers',
    permission: 'customers:view',
    icon: 'M10 10a4 4 0 100-8 4 4 0 000 8zm-7 8a7 7 0 0114 0z',
  },
  {
    href: '/tags',
    label: 'portraits.nav.tags',
    permission: 'customers:view',
    icon: 'M2 3h7l9 9-7 7-9-9zm4.5 1.5a1.5 1.5 0 100 3 1.5 1.5 0 000-3z',
  },
  {
    href: '/segments',
    label: 'nav.segments',
    permission: 'segments:view',
    icon: 'M9 2a8 8 0 108 9H9zm2-1v8h8a8 8 0 00-8-8z',
  },
  {
    href: '/catalogue',
    label: 'nav.catalogue',
    permission: 'catalogue:view',
    icon: 'M3 4h14v3H3zm1 5h12v8H4zm4 2v2h4v-2z',
  },
  {
    href: '/recommendations',
    label: 'nav.recommendations',
    permission: 'recommendations:view',
    icon: 'M10 2l2.4 4.9 5.4.8-3.9 3.8.9 5.4L10 14.3l-4.8 2.6.9-5.4-3.9-3.8 5.4-.8z',
  },
  {
    href: '/campaigns',
    label: 'nav.campaigns',
    permission: 'campaigns:view',
    icon: 'M2 8h4l7-5v14l-7-5H2zm4 5h3l1 5H7zm9-6h3v2h-3zm0 4h3v2h-3z',
  },
  {
    href: '/flows',
    label: 'flows.nav',
    permission: 'campaigns:view',
    icon: 'M3 3h6v5H3zm8 9h6v5h-6zM5 8h2v4h6v2H5z',
  },
  {
    href: '/trust',
    label: 'nav.trust',
    permission: 'trust:view',
    icon: 'M10 1l7 3v5c0 4.5-3 8.3-7 9.5C6 17.3 3 13.5 3 9V4zm-1 11.6l5-5-1.4-1.4L9 9.8 7.4 8.2 6 9.6z',
  },
  { href: '/imports', label: 'nav.imports', permission: 'imports:manage', icon: 'M10 2l5 5h-3v6H8V7H5zm-7 14h14v2H3z' },
  {
    href: '/settings',
    label: 'nav.settings',
    permission: 'settings:manage',
    icon: 'M10 6a4 4 0 100 8 4 4 0 000-8zm8 5v-2l-2-.5-.6-1.4 1-1.8-1.4-1.4-1.8 1-1.4-.6L11 2H9l-.5 2-1.4.6-1.8-1L3.9 5l1 1.8L4.3 8.2 2 9v2l2.3.5.6 1.4-1 1.8L5.3 16l1.8-1 1.4.6L9 18h2l.5-2.3 1.4-.6 1.8 1 1.4-1.4-1-1.8.6-1.4z',
  },
];
