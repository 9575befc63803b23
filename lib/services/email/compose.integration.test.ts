import { expect, test } from 'vitest';
import { fillRendered } from '@/lib/email/fill';
import { renderEmailInWorker } from '@/lib/email/render-client';
import type { StoredSmtp } from '@/lib/schemas/email';
import { composeContext, composeEmail, type Person, type Template } from './compose';

// The shape of an e-mail (its content with a marker for each of the customer's strings), rendered once and filled,
// gives the e-mail of the full render; customers whose strings could change the markup get no shape.
const smtp: StoredSmtp = {
  host: '127.0.0.1',
  port: 25,
  security: 'none',
  user: '',
  passwordBox: null,
  from: 'Shop <news@shop.example>',
  replyTo: '',
  ratePerMinute: 600,
  publicUrl: 'https://precisa.example',
  shopName: 'Tea & Co',
  shopUrl: 'https://shop.example',
  trackOpens: true,
};
const template: Template = {
  subject: '{{first_name}}, your cart is waiting',
  preheader: 'For you',
  body: 'Hi {{first_name|there}} from {{city}},\n\nSee https://shop.example/cart?a=1&b=2 — {{name}}.',
  productCount: 0,
};
const where = { campaignId: 7, variantId: 3, step: 11 };
const person = (customerId: number, name: string | null, city: string | null): Person => ({
  customerId,
  name,
  email: `c${customerId}@example.com`,
  city,
  region: null,
  attributes: null,
});

test.each([
  person(1, 'Ann Lee', 'Porto'),
  person(2, `Seán O'Brien & <Sons>`, null),
  person(3, '王芳', '上海'),
  person(4, null, null),
])('shape filled = full render (customer $customerId)', async (p) => {
  const ctx = await composeContext(smtp);
  const { content, shape } = await composeEmail(ctx, template, p, where, 'en');
  expect(shape).not.toBeNull();
  const full = await renderEmailInWorker(content);
  expect(fillRendered(await renderEmailInWorker(shape!.content), shape!.fills)).toEqual(full);
  expect(full.html).toContain('https://precisa.example/r/');
});

test('customers of one shape share it; a name that could change the markup gets none', async () => {
  const ctx = await composeContext(smtp);
  const a = await composeEmail(ctx, template, person(1, 'Ann Lee', 'Porto'), where, 'en');
  const b = await composeEmail(ctx, template, person(5, 'Bo Chen', 'Lyon'), where, 'en');
  expect(JSON.stringify(a.shape!.content)).toBe(JSON.stringify(b.shape!.content));
  expect(a.shape!.fills).not.toEqual(b.shape!.fills);
  for (const name of ['Ann\nLee', 'Ann  Lee', 'see https://x.example'])
    expect((await composeEmail(ctx, template, person(6, name, 'Porto'), where, 'en')).shape).toBeNull();
});
