import type { DbOrTx } from '../transaction';

export type TemplateInput = {
  variantId: number;
  locale: string;
  subject: string;
  preheader: string;
  body: string;
  productCount: number;
};

export function templatesOfCampaign(db: DbOrTx, campaignId: number) {
  return db.emailTemplate.findMany({
    where: { variant: { campaignId } },
    orderBy: [{ variantId: 'asc' }, { locale: 'asc' }],
    select: { variantId: true, locale: true, subject: true, preheader: true, body: true, productCount: true },
  });
}

export function upsertTemplate(db: DbOrTx, t: TemplateInput) {
  const { variantId, locale, ...data } = t;
  return db.emailTemplate.upsert({
    where: { variantId_locale: { variantId, locale } },
    create: t,
    update: data,
  });
}

export function countEmailTemplates(db: DbOrTx, campaignId: number) {
  return db.emailTemplate.count({ where: { variant: { campaignId } } });
}
