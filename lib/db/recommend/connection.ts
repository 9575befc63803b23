import { rawDb } from '../connections';

/** The shared raw connection (../connections.ts) under the name the serving path still imports. */
export const recommendRaw = rawDb;
