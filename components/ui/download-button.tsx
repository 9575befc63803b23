import type { ReactNode } from 'react';

/**
 * A download that the server audit-logs (exports of customer data): a form POST, never a link, so no image, link or
 * prefetch on any page can trigger it with the viewer's cookies (those routes refuse GET).
 */
export function DownloadButton({
  action,
  className,
  title,
  children,
}: {
  action: string;
  className: string;
  title?: string;
  children: ReactNode;
}) {
  return (
    <form method="post" action={action} className="contents">
      <button type="submit" className={className} title={title}>
        {children}
      </button>
    </form>
  );
}
