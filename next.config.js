// The demo shop (scripts/demo-data) points every product at /images/products/<sku>.svg, and a demo sku starts with
// its top-level category's code (SPT-00001): each one is shown with that category's picture from public/.
const DEMO_CATEGORY_IMAGES = {
  SPT: 'sports',
  FSH: 'fashion',
  ELC: 'electronics',
  HOM: 'home',
  BTY: 'beauty',
  BOK: 'books',
  FOD: 'food',
  BBY: 'baby',
};

/** @type {import('next').NextConfig} */
const nextConfig = {
  // forbidden() answers 403 from pages and layouts (authorisation is checked in lib/services, not middleware).
  experimental: { authInterrupts: true },
  serverExternalPackages: ['better-sqlite3', '@prisma/adapter-better-sqlite3', 'pg', '@prisma/adapter-pg'],
  poweredByHeader: false,
  typedRoutes: false,
  async rewrites() {
    return Object.entries(DEMO_CATEGORY_IMAGES).map(([code, name]) => ({
      source: `/images/products/${code}-:number(\\d+).svg`,
      destination: `/images/categories/${name}.svg`,
    }));
  },
};

export default nextConfig;
