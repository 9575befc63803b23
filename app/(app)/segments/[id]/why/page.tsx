import { redirect } from 'next/navigation';
import { pageData } from '@/app/_server/page';
import { requirePage } from '@/app/_server/session';
import { findCustomerForWhy } from '@/lib/services/segments';

/** GET /segments/{id}/why?customer=C000042 — the "why?" form: finds the customer by their ID and opens the explanation. */
export default async function WhyLookupPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ customer?: string }>;
}) {
  const actor = await requirePage('segments:view');
  const { id } = await params;
  const ref = ((await searchParams).customer ?? '').trim();
  const segment = encodeURIComponent(id);
  if (!ref) redirect(`/segments/${segment}`);
  const found = await pageData(() => findCustomerForWhy(actor, ref));
  if (!found) redirect(`/segments/${segment}?notFound=${encodeURIComponent(ref.slice(0, 100))}`);
  redirect(`/segments/${segment}/why/${found.id}`);
}
