import { describe, expect, test } from 'vitest';
import { renderEmail, type EmailContent } from './campaign-email';

const content: EmailContent = {
  locale: 'zh-CN',
  subject: '王芳，为您精选',
  preheader: '冬季新品',
  body: '王芳 您好：\n\n新品上市：https://shop.example/new <b>not markup</b>',
  links: { 'https://shop.example/new': 'https://precisa.example/r/tok.sig' },
  productsHeading: '为您精选',
  products: [
    { title: '羊毛围巾', price: '¥199.00', imageUrl: 'https://img.example/1.jpg', reason: '热销', href: 'https://p/1' },
  ],
  shopName: '小店',
  footerNote: '您收到这封邮件…',
  preferencesLabel: '邮件偏好设置',
  preferencesHref: 'https://precisa.example/preferences/x',
  unsubscribeLabel: '退订',
  unsubscribeHref: 'https://precisa.example/preferences/x?unsubscribe=1',
  openPixelHref: null,
};

describe('campaign e-mail', () => {
  test('HTML with tracked links, the products block and the footer; a plain-text part; text is escaped', async () => {
    const { html, text } = await renderEmail(content);
    expect(html).toContain('lang="zh-CN"');
    expect(html).toContain('href="https://precisa.example/r/tok.sig"');
    expect(html).not.toContain('href="https://shop.example/new"');
    expect(html).toContain('羊毛围巾');
    expect(html).toContain('¥199.00');
    expect(html).toContain('&lt;b&gt;not markup&lt;/b&gt;');
    expect(html).toContain('max-width:600px');
    expect(html).not.toContain('width="1"');
    expect(text).toContain('王芳 您好');
    expect(text).toContain('退订');
    expect(text).not.toContain('<table');
    expect(text).not.toContain('<p');
  });

  test('the open pixel only when asked for, and no products block without products', async () => {
    const { html } = await renderEmail({ ...content, products: [], openPixelHref: 'https://precisa.example/o/t' });
    expect(html).toContain('src="https://precisa.example/o/t"');
    expect(html).not.toContain('为您精选</p>');
  });
});
