import 'server-only';
import { randomUUID } from 'node:crypto';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { checkCredentials } from '@/lib/services/auth/sign-in';
import { signOutSession } from '@/lib/services/auth/sessions';
import { clientAddress } from '@/lib/security/login-throttle';
import { authCookies } from '@/lib/security/auth-cookies';

const EIGHT_HOURS = 8 * 60 * 60;
/** The error next-auth reports when a sign-in is throttled; the route turns it into 429 + Retry-After. */
export const LOCKED_ERROR = 'TooManyAttempts';

/**
 * Email + password through next-auth v4 (JWT sessions). JWTs cannot be revoked by themselves, so the token carries
 * the user's sessionVersion and its own session id, and every request re-checks both against the database
 * (app/_server/session.ts): disabling a user, changing their role or password, "sign out everywhere" (version bump)
 * and "sign out" (the session id is revoked) end sessions at once.
 */
export const authOptions: NextAuthOptions = {
  secret: process.env.NEXTAUTH_SECRET,
  session: { strategy: 'jwt', maxAge: EIGHT_HOURS },
  pages: { signIn: '/sign-in' },
  cookies: authCookies(),
  providers: [
    CredentialsProvider({
      name: 'Email',
      credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
      async authorize(credentials, req) {
        const ip = clientAddress(req.headers?.['x-forwarded-for'] as string | undefined);
        const result = await checkCredentials(credentials, { ip });
        if (result.type === 'locked') throw new Error(`${LOCKED_ERROR}:${result.retryAfterSeconds}`);
        return result.type === 'ok' ? { id: result.id, sessionVersion: result.sessionVersion } : null;
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
        token.sid = randomUUID();
      }
      return token;
    },
    session({ session, token }) {
      return { ...session, userId: token.sub, sv: token.sv, sid: token.sid } as typeof session;
    },
  },
  events: {
    async signOut({ token }) {
      const exp = typeof token?.exp === 'number' ? token.exp * 1000 : Date.now() + EIGHT_HOURS * 1000;
      await signOutSession({ userId: token?.sub, sid: token?.sid as string | undefined, expiresAt: new Date(exp) });
    },
  },
};
