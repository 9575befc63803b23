/** @type {import('next').NextConfig} */
const nextConfig = {
  // forbidden() answers 403 from pages and layouts (authorisation is checked in lib/services, not middleware).
  experimental: { authInterrupts: true },
  serverExternalPackages: ['better-sqlite3', '@prisma/adapter-better-sqlite3', 'pg', '@prisma/adapter-pg'],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
