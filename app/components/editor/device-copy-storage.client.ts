import { isDeviceCopyName } from './device-copy.ts';

/**
 * Deletes one IndexedDB database and resolves once it is gone. While another
 * tab still has it open the request waits ("blocked"); the editor closes its
 * connection on `versionchange`, so the wait ends as soon as it has.
 */
export function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error ?? new Error(`Could not delete ${name}`));
  });
}

/** The names of the device copies in this browser profile, or null when the browser cannot list databases. */
export async function listDeviceCopies(): Promise<string[] | null> {
  if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return null;
  const databases = await indexedDB.databases();
  return databases.map(({ name }) => name).filter(isDeviceCopyName);
}

/**
 * Deletes every device copy this portal created in this browser profile, for
 * whoever made it: run when someone signs out, and on the login page, where
 * nobody is signed in and no copy has an owner who may read it.
 */
export async function clearDeviceCopies(): Promise<void> {
  const names = await listDeviceCopies();
  if (!names) return;
  await Promise.all(names.map(deleteDatabase));
}

/**
 * `clearDeviceCopies`, but never longer than `ms`: signing out must not hang
 * on a database another tab refuses to close. The login page tries again.
 */
export function clearDeviceCopiesWithin(ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return Promise.race([clearDeviceCopies().catch((error: unknown) => console.error(error)), limit]).finally(() => clearTimeout(timer));
}
