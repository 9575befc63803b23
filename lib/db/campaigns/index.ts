/** Data access for campaigns (Prisma and portable raw SQL). No business rules: see lib/services/campaigns. */
export * from './campaigns';
export * from './assignments';
export * from './outcomes';
export * from './shop-data';
