/** The e-mail channel's tables: templates, the per-recipient send log and the suppression list. */
export * from './recipients';
export * from './sends';
export * from './suppressions';
export * from './templates';
