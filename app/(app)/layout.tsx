import type { ReactNode } from 'react';
import { redirect } from 'next/navigation';
import { getActor } from '@/app/_server/session';
import { setLocaleAction } from '@/app/_server/locale-action';
import { signOutEverywhereAction } from '@/app/_server/sign-out-action';
import { MobileNav } from '@/components/shell/mobile-nav';
import { NAV_ITEMS } from '@/components/shell/nav-items';
import { ShellPanel } from '@/components/shell/shell-panel';
import { ViewerProvider } from '@/components/shell/viewer';
import { can } from '@/lib/security/roles';

/**
 * The signed-in shell. On a desktop the side column runs the page's full height and its content stays in view while
 * the page scrolls; below 1024 px a top bar opens the same menu as a drawer.
 */
export default async function AppLayout({ children }: { children: ReactNode }) {
  const actor = await getActor();
  if (!actor) redirect('/sign-in');
  const items = NAV_ITEMS.filter((item) => can(actor.role, item.permission));
  const user = { name: actor.name, email: actor.email, role: actor.role };
  return (
    <div className="min-h-screen lg:flex">
      <MobileNav items={items} user={user} setLocale={setLocaleAction} signOutEverywhere={signOutEverywhereAction} />
      <aside className="hidden w-56 shrink-0 border-r border-slate-200 bg-white lg:block">
        <div className="sticky top-0 flex h-screen flex-col overflow-y-auto px-3 py-4">
          <ShellPanel
            items={items}
            user={user}
            setLocale={setLocaleAction}
            signOutEverywhere={signOutEverywhereAction}
          />
        </div>
      </aside>
      <main className="min-w-0 flex-1 px-4 py-5 sm:px-6 lg:px-8 lg:py-6">
        <ViewerProvider userId={actor.userId}>{children}</ViewerProvider>
      </main>
    </div>
  );
}
