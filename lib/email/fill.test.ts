import { describe, expect, test } from 'vitest';
import { renderEmail, type EmailContent } from './campaign-email';
import { fillRendered, markers } from './fill';

type Person = { name: string; title: string; price: string; reason: string; image: string | null; token: string };

type Marks = { mark: (s: string) => string; markMerged: (s: string) => string };
const asIs: Marks = { mark: (s) => s, markMerged: (s) => s };

/** One customer's e-mail, every customer string passed through a marker (`asIs`: the real content). */
function contentOf(p: Person, { mark: m, markMerged: mm }: Marks): EmailContent {
  const prefs = m(`https://precisa.example/preferences/${p.token}`);
  return {
    locale: 'en',
    subject: `${mm(p.name)}, your cart is waiting`,
    preheader: '',
    body: `Hi ${mm(p.name)},\n\nYou left something: https://shop.example/cart?a=1&b=2 — see you.`,
    links: { 'https://shop.example/cart?a=1&b=2': m(`https://precisa.example/r/${p.token}.c`) },
    productsHeading: 'Picked for you',
    products: [0, 1].map((i) => ({
      title: m(`${p.title} ${i}`),
      price: m(p.price),
      imageUrl: p.image === null ? null : m(p.image),
      reason: m(p.reason),
      href: m(`https://precisa.example/r/${p.token}.p${i}`),
    })),
    shopName: 'Bench & Co',
    footerNote: 'You get this because you said yes.',
    preferencesLabel: 'Preferences',
    preferencesHref: prefs,
    unsubscribeLabel: 'Unsubscribe',
    unsubscribeHref: m(`https://precisa.example/preferences/${p.token}?unsubscribe=1`),
    openPixelHref: m(`https://precisa.example/o/${p.token}`),
  };
}

const people: Person[] = [
  { name: 'Ann', title: 'Wool scarf', price: '$19.00', reason: 'Popular', image: 'https://img/1.jpg', token: 'a1' },
  {
    name: `O'Brien & <Sons> "x"`,
    title: 'Mug <b>',
    price: '¥1,299.00',
    reason: '',
    image: 'https://img/2.jpg?w=88&h=88',
    token: 'b2',
  },
  { name: '王芳', title: '羊毛围巾', price: '¥199.00', reason: '热销 · 新品', image: null, token: 'c3' },
];

describe('render once, fill per customer', () => {
  test.each(people)('the filled shape equals the full render ($name)', async (p) => {
    const m = markers();
    const shape = await renderEmail(contentOf(p, m));
    expect(m.ok).toBe(true);
    expect(shape.html).toContain('PRECISAFILL0END');
    expect(fillRendered(shape, m.fills)).toEqual(await renderEmail(contentOf(p, asIs)));
  });

  test('one shape serves customers with other strings of the same shape', async () => {
    const m0 = markers();
    const shape = await renderEmail(contentOf(people[0]!, m0));
    const m1 = markers();
    const other = contentOf(people[1]!, m1);
    // people[1] has an empty reason, which stays in the shape: a different shape
    expect(other).not.toEqual(contentOf(people[0]!, markers()));
    const same = { ...people[0]!, name: 'Zoë', price: '€5.00', token: 'z9' };
    const m2 = markers();
    expect(contentOf(same, m2)).toEqual(contentOf(people[0]!, markers()));
    expect(fillRendered(shape, m2.fills)).toEqual(await renderEmail(contentOf(same, asIs)));
  });

  test.each(['Ann\nLee', 'Ann  Lee', ' Ann', 'Ann ', 'PRECISAFILL1END'])(
    'a string that could change the markup is not marked (%j)',
    (s) => {
      const m = markers();
      m.mark(s);
      expect(m.ok).toBe(false);
    },
  );

  test('an address is marked in a link, not as a merge value (the body would link it)', () => {
    const m = markers();
    m.mark('https://x.example/a');
    expect(m.ok).toBe(true);
    m.markMerged('see https://x.example');
    expect(m.ok).toBe(false);
  });

  test('an empty string stays in the shape, and a fixed text with the marker word cannot be filled', () => {
    const m = markers();
    expect(m.mark('')).toBe('');
    expect(m.fills).toEqual([]);
    expect(m.fixed('Hello')).toBe('Hello');
    expect(m.ok).toBe(true);
    m.fixed('PRECISAFILL0END');
    expect(m.ok).toBe(false);
  });
});
