import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { checkCredentials } from '@/lib/services/users';

const EIGHT_HOURS = 8 * 60 * 60;

/**
 * Email + password through next-auth v4 (JWT sessions). JWTs cannot be revoked by themselves, so the token carries
 * the user's sessionVersion and every request re-checks it against the database (app/_server/session.ts):
 * disabling a user, changing their role or password, or "sign out everywhere" ends their sessions at once.
 */
export const authOptions: NextAuthOptions = {
  secret: process.env.NEXTAUTH_SECRET,
  session: { strategy: 'jwt', maxAge: EIGHT_HOURS },
  pages: { signIn: '/sign-in' },
  providers: [
    CredentialsProvider({
      name: 'Email',
      credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
      async authorize(credentials) {
        const user = await checkCredentials(credentials);
        return user ? { id: user.id, sessionVersion: user.sessionVersion } : null;
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
      }
      return token;
    },
    session({ session, token }) {
      return { ...session, userId: token.sub, sv: token.sv } as typeof session;
    },
  },
};
