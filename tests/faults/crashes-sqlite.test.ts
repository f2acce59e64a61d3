import { crashCase } from './support/crash-case.ts';

/** Disconnects and 3 SIGKILL restarts under 6 typists, on SQLite (support/crash-case.ts). */
crashCase('sqlite');
