import type { Prisma } from './generated/sqlite/client';

/**
 * Simulated campaign events (source 'simulation', written by a campaign run in simulation mode) stand for responses
 * the simulator drew, not for anything a customer did. They never count as behaviour: portraits, tags, RFM, segment
 * conditions, recommendation training, dashboards, timelines and exports read only real events. The one reader of
 * simulated events is the simulated campaign's own results (lib/db/campaigns/outcomes.ts).
 */
export const SIMULATION_SOURCE = 'simulation';

/** SQL condition on an "Event" row (alias optional, e.g. `e`) that keeps real events only. */
export const realEventSql = (alias?: string) => `${alias ? `${alias}.` : ''}"source" <> '${SIMULATION_SOURCE}'`;

/** The same condition as a Prisma filter. */
export const REAL_EVENTS = { source: { not: SIMULATION_SOURCE } } satisfies Prisma.EventWhereInput;
