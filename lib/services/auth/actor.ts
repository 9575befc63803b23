import { AppError } from '@/lib/errors';
import type { ApiScope } from '@/lib/security/api-keys';
import { can, type Permission, type Role } from '@/lib/security/roles';

/** Who is calling a service: a signed-in person, or a storefront with an API key. */
export type UserActor = { type: 'user'; userId: string; role: Role; email: string; name: string; locale: string };
export type ApiKeyActor = { type: 'api_key'; keyId: string; scopes: ApiScope[] };
export type Actor = UserActor | ApiKeyActor;

/** Every service entry point starts here: refuses anonymous callers (401) and callers without the permission (403). */
export function authorize(actor: Actor | null | undefined, permission: Permission): UserActor {
  if (!actor) throw new AppError('UNAUTHORIZED', 'errors.signIn');
  if (actor.type !== 'user' || !can(actor.role, permission)) {
    throw new AppError('FORBIDDEN', 'errors.forbidden', { permission });
  }
  return actor;
}

export function authorizeScope(actor: Actor | null | undefined, scope: ApiScope): ApiKeyActor {
  if (!actor) throw new AppError('UNAUTHORIZED', 'errors.apiKey');
  if (actor.type !== 'api_key' || !actor.scopes.includes(scope)) {
    throw new AppError('FORBIDDEN', 'errors.scope', { scope });
  }
  return actor;
}

export function actorRef(actor: Actor) {
  return actor.type === 'user'
    ? { actorType: 'user', actorId: actor.userId }
    : { actorType: 'api_key', actorId: actor.keyId };
}
