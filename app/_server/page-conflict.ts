import 'server-only';
import { cache } from 'react';
import type { AppError } from '@/lib/errors';

/**
 * Next can answer a page with 404, 403 or 401 only. A page whose service says CONFLICT (editing a running campaign
 * or an archived segment) answers 403 through forbidden(); this request-scoped slot tells app/forbidden.tsx why, so
 * it shows the service's message instead of "your role does not allow this".
 */
export const pageConflict = cache((): { error: AppError | null } => ({ error: null }));
