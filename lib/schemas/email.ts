import { z } from 'zod';

/** Settings → e-mail. The password travels only on save (empty keeps the stored one); it is never read back. */
/**
 * SMTP connections at once (Settings → E-mail): at most 32; unset means 4, since mail providers limit connections
 * (Microsoft 365 allows 3). See `smtpConnections` in the e-mail service.
 */
export const MAX_SMTP_CONNECTIONS = 32;
export const DEFAULT_SMTP_CONNECTIONS = 4;

export const smtpSettingsSchema = z.object({
  host: z.string().trim().min(1, 'email.errors.host').max(255),
  port: z.coerce.number().int().min(1).max(65535),
  security: z.enum(['tls', 'starttls', 'none']),
  user: z.string().trim().max(255).default(''),
  password: z.string().max(1000).default(''),
  from: z.string().trim().min(3, 'email.errors.from').max(320),
  replyTo: z.string().trim().max(320).default(''),
  ratePerMinute: z.coerce.number().int().min(1).max(100_000),
  /** connections to the mail server at once (flows keep one message in flight on each); unset = the default */
  connections: z.preprocess(
    (v) => (v === '' || v === null ? undefined : v),
    z.coerce
      .number({ error: 'email.errors.connections' })
      .int('email.errors.connections')
      .min(1, 'email.errors.connections')
      .max(MAX_SMTP_CONNECTIONS, 'email.errors.connections')
      .optional(),
  ),
  publicUrl: z
    .string()
    .trim()
    .url('email.errors.publicUrl')
    .refine((u) => /^https?:\/\//.test(u), 'email.errors.publicUrl')
    .transform((u) => u.replace(/\/+$/, '')),
  shopName: z.string().trim().min(1).max(100),
  /** the storefront: product links go to <shopUrl>/products/<sku> unless the product has its own url attribute */
  shopUrl: z
    .string()
    .trim()
    .url('email.errors.publicUrl')
    .refine((u) => /^https?:\/\//.test(u), 'email.errors.publicUrl')
    .transform((u) => u.replace(/\/+$/, '')),
  trackOpens: z.coerce.boolean().default(false),
});
export type SmtpSettingsInput = z.infer<typeof smtpSettingsSchema>;

/** What is stored: the input without the password, plus the password sealed with the server's secret. */
export const storedSmtpSchema = smtpSettingsSchema.omit({ password: true }).extend({
  passwordBox: z.string().nullable(),
});
export type StoredSmtp = z.infer<typeof storedSmtpSchema>;

export const templateSchema = z.object({
  campaignId: z.coerce.number().int().positive(),
  variantKey: z.string().min(1).max(40),
  locale: z.enum(['en', 'zh-CN']),
  /** required for e-mail (its subject) and push (its title); an SMS has none */
  subject: z.string().trim().max(200).default(''),
  preheader: z.string().trim().max(200).default(''),
  body: z.string().trim().min(1).max(20_000),
  productCount: z.coerce.number().int().min(0).max(8).default(0),
});

export const previewSchema = z.object({
  campaignId: z.coerce.number().int().positive(),
  variantKey: z.string().min(1).max(40),
  locale: z.enum(['en', 'zh-CN']),
  customerId: z.coerce.number().int().positive(),
});
