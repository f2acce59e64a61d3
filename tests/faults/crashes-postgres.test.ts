import { crashCase } from './support/crash-case.ts';

/** Disconnects and 3 SIGKILL restarts under 6 typists, on PostgreSQL (TEST_DATABASE_URL) (support/crash-case.ts). */
crashCase('postgres');
