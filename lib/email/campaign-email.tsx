/**
 * The campaign e-mail as a React Email component: a responsive single-column layout (600 px, fluid on phones), the
 * body's paragraphs with links, the recommended-products block and the footer with the unsubscribe links.
 * Everything arrives ready to print: texts merged and translated, prices formatted, links already tracked.
 */
import {
  Body,
  Column,
  Container,
  Head,
  Hr,
  Html,
  Img,
  Link,
  Preview,
  Row,
  Section,
  Text,
} from '@react-email/components';
import { render, toPlainText } from '@react-email/render';
import type { ReactNode } from 'react';

export type EmailProduct = { title: string; price: string; imageUrl: string | null; reason: string; href: string };

export type EmailContent = {
  locale: 'en' | 'zh-CN';
  subject: string;
  preheader: string;
  /** merged body text: paragraphs separated by blank lines; http(s) URLs become links */
  body: string;
  productsHeading: string;
  products: EmailProduct[];
  shopName: string;
  footerNote: string;
  preferencesLabel: string;
  preferencesHref: string;
  unsubscribeLabel: string;
  unsubscribeHref: string;
  /** the 1×1 open pixel, when opens are tracked */
  openPixelHref: string | null;
  /** each link of the body with its tracked address (a link missing here is printed as it is) */
  links: Record<string, string>;
};

/** http(s) links in a text, as the renderer turns them into anchors. */
export const URL_RE = /https?:\/\/[^\s<>"')]+/g;

function paragraph(text: string, links: Record<string, string>): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  for (const m of text.matchAll(URL_RE)) {
    out.push(text.slice(last, m.index));
    out.push(
      <Link key={m.index} href={links[m[0]] ?? m[0]} style={{ color: '#1d4ed8' }}>
        {m[0]}
      </Link>,
    );
    last = (m.index ?? 0) + m[0].length;
  }
  out.push(text.slice(last));
  return out;
}

const font = '-apple-system, "Segoe UI", Roboto, "PingFang SC", "Microsoft YaHei", Helvetica, Arial, sans-serif';

export function CampaignEmail(c: EmailContent) {
  const paragraphs = c.body.split(/\n\s*\n/).filter((p) => p.trim() !== '');
  return (
    <Html lang={c.locale}>
      <Head>
        <title>{c.subject}</title>
      </Head>
      <Preview>{c.preheader}</Preview>
      <Body style={{ backgroundColor: '#f1f5f9', margin: 0, padding: '16px 0', fontFamily: font }}>
        <Container style={{ maxWidth: 600, width: '100%', backgroundColor: '#ffffff', padding: '24px' }}>
          <Text style={{ fontSize: 14, fontWeight: 600, color: '#0f172a', margin: '0 0 16px' }}>{c.shopName}</Text>
          {paragraphs.map((p, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs of a static text, rendered once
            <Text key={i} style={{ fontSize: 16, lineHeight: '24px', color: '#1e293b', whiteSpace: 'pre-line' }}>
              {paragraph(p, c.links)}
            </Text>
          ))}
          {c.products.length > 0 && (
            <Section style={{ marginTop: 16 }}>
              <Text style={{ fontSize: 18, fontWeight: 600, color: '#0f172a' }}>{c.productsHeading}</Text>
              {c.products.map((p) => (
                <Row key={p.href} style={{ borderTop: '1px solid #e2e8f0', padding: '12px 0' }}>
                  <Column style={{ width: 96, verticalAlign: 'top' }}>
                    {p.imageUrl && (
                      <Link href={p.href}>
                        <Img src={p.imageUrl} alt={p.title} width={88} height={88} style={{ borderRadius: 6 }} />
                      </Link>
                    )}
                  </Column>
                  <Column style={{ verticalAlign: 'top' }}>
                    <Link href={p.href} style={{ fontSize: 16, color: '#0f172a', fontWeight: 600 }}>
                      {p.title}
                    </Link>
                    <Text style={{ margin: '4px 0', fontSize: 15, color: '#047857' }}>{p.price}</Text>
                    <Text style={{ margin: 0, fontSize: 13, color: '#64748b' }}>{p.reason}</Text>
                  </Column>
                </Row>
              ))}
            </Section>
          )}
          <Hr style={{ borderColor: '#e2e8f0', margin: '24px 0 12px' }} />
          <Text style={{ fontSize: 12, color: '#64748b', lineHeight: '18px' }}>
            {c.footerNote} <Link href={c.preferencesHref}>{c.preferencesLabel}</Link> ·{' '}
            <Link href={c.unsubscribeHref}>{c.unsubscribeLabel}</Link>
          </Text>
          {c.openPixelHref && <Img src={c.openPixelHref} alt="" width={1} height={1} />}
        </Container>
      </Body>
    </Html>
  );
}

/**
 * HTML and the plain-text part of one e-mail, with React Email's render(). It needs react-dom/server, which the
 * react-server build of React (Next's server layer, the worker) refuses: services call it through `render-client.ts`,
 * which runs it in a worker thread without that condition.
 */
export async function renderEmail(content: EmailContent): Promise<{ html: string; text: string }> {
  const html = await render(<CampaignEmail {...content} />);
  return { html, text: toPlainText(html) };
}
