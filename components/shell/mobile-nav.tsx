'use client';
import { useEffect, useRef, useState, type MouseEvent } from 'react';
import { useI18n } from '@/components/i18n-provider';
import { BrandMark } from './brand-mark';
import type { NavItem } from './nav-items';
import { type SetLocale, ShellPanel, type ShellUser } from './shell-panel';
import type { SignOutEverywhere } from './sign-out-button';

const DESKTOP = '(min-width: 1024px)';
const CROSS = 'M5.3 3.9L10 8.6l4.7-4.7 1.4 1.4-4.7 4.7 4.7 4.7-1.4 1.4-4.7-4.7-4.7 4.7-1.4-1.4 4.7-4.7-4.7-4.7z';

/**
 * Below the desktop width the side column gives way to a top bar whose menu button opens it as a drawer: a modal
 * dialog, so focus stays inside, Escape or a tap beside it closes it, and following a link closes it too.
 */
export function MobileNav({
  items,
  user,
  setLocale,
  signOutEverywhere,
}: {
  items: NavItem[];
  user: ShellUser;
  setLocale: SetLocale;
  signOutEverywhere: SignOutEverywhere;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
    document.documentElement.style.overflow = open ? 'hidden' : '';
  }, [open]);

  useEffect(() => {
    const desktop = window.matchMedia(DESKTOP);
    const onChange = () => desktop.matches && setOpen(false);
    desktop.addEventListener('change', onChange);
    return () => desktop.removeEventListener('change', onChange);
  }, []);

  const onDialogClick = (e: MouseEvent<HTMLDialogElement>) => {
    const target = e.target as Element;
    if (target === e.currentTarget || target.closest('a[href]')) setOpen(false);
  };

  return (
    <>
      <header className="sticky top-0 z-30 flex h-14 items-center gap-2 border-b border-slate-200 bg-white px-3 lg:hidden">
        <button
          type="button"
          aria-label={t('nav.openMenu')}
          aria-expanded={open}
          aria-controls="main-menu"
          onClick={() => setOpen(true)}
          className="rounded-lg p-2 text-slate-700 hover:bg-slate-100"
        >
          <svg aria-hidden viewBox="0 0 20 20" className="h-6 w-6 fill-current">
            <path d="M3 5h14v2H3zm0 4h14v2H3zm0 4h14v2H3z" />
          </svg>
        </button>
        <BrandMark />
        <span className="text-lg font-bold tracking-tight text-brand-700">{t('app.name')}</span>
      </header>
      {/* biome-ignore lint/a11y/useKeyWithClickEvents: a click on the backdrop closes the menu; Escape already does so from the keyboard */}
      <dialog
        id="main-menu"
        ref={dialog}
        aria-label={t('nav.menu')}
        onClose={() => setOpen(false)}
        onClick={onDialogClick}
        className="m-0 h-dvh max-h-none w-72 max-w-[85vw] bg-white p-0 shadow-xl backdrop:bg-slate-900/40 lg:hidden"
      >
        {open && (
          <div className="flex h-full flex-col overflow-y-auto px-3 py-4">
            <ShellPanel
              items={items}
              user={user}
              setLocale={setLocale}
              signOutEverywhere={signOutEverywhere}
              action={
                <button
                  type="button"
                  aria-label={t('common.close')}
                  onClick={() => setOpen(false)}
                  className="ml-auto rounded-lg p-2 text-slate-600 hover:bg-slate-100 hover:text-slate-900"
                >
                  <svg aria-hidden viewBox="0 0 20 20" className="h-5 w-5 fill-current">
                    <path d={CROSS} />
                  </svg>
                </button>
              }
            />
          </div>
        )}
      </dialog>
    </>
  );
}
