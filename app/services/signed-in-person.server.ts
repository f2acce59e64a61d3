import type { Role } from '../../db/schema.ts';
import { isLanguage, type Language } from '../i18n.ts';
import type { Actor } from '../policies/permissions.ts';
import type { Auth } from './auth.server.ts';

export interface CurrentUser extends Actor {
  name: string;
  email: string;
  sessionId: string;
  /** The interface language the person last chose, remembered in their profile. */
  language: Language | null;
}

/**
 * The signed-in, active person whose session cookie is in these headers, or
 * null for the public. HTTP requests (session.server.ts) and the WebSocket
 * upgrade of the collaboration server both resolve the person here, so a
 * deactivated account is refused the same way on both.
 */
export async function signedInPerson(auth: Auth, headers: Headers): Promise<CurrentUser | null> {
  const result = await auth.api.getSession({ headers });
  if (!result) return null;
  const user = result.user as typeof result.user & { role: Role; institutionId: string; deactivatedAt?: string | null; language?: string | null };
  if (user.deactivatedAt) return null;
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    institutionId: user.institutionId,
    sessionId: result.session.id,
    language: isLanguage(user.language) ? user.language : null,
  };
}
