/**
 * Audience files for ad platforms: contact details normalised the way each platform documents, then SHA-256 hashed
 * (lower-case hex), so the platform can match them against its own hashed users without receiving the addresses.
 *
 * Google Customer Match ("Format your customer data file", support.google.com/google-ads/answer/7659867, and the
 * Google Ads API normalisation guide, developers.google.com/google-ads/api/docs/conversions/enhance-conversions):
 * headers `Email`, `Phone` in English; before hashing remove leading and trailing whitespace, lower-case, format
 * phone numbers as E.164 (`+` country code and number), and for gmail.com / googlemail.com addresses only remove the
 * periods (and, as Gmail ignores it, a `+suffix`) before the `@`.
 *
 * Meta custom audiences (Marketing API "Hashing and Normalizing Data", developers.facebook.com/docs/marketing-api/
 * audiences/guides/custom-audiences): EMAIL — trim leading and trailing whitespace, lower-case; PHONE — remove
 * symbols, letters and any leading zeros, prefix the country code (a leading `+` must not be kept: 447123456, not
 * +447123456). Customer-list file headers `email`, `phone`.
 */
import { createHash } from 'node:crypto';

export const AD_PLATFORMS = ['google', 'meta'] as const;
export type AdPlatform = (typeof AD_PLATFORMS)[number];

export const AD_HEADERS: Record<AdPlatform, readonly [string, string]> = {
  google: ['Email', 'Phone'],
  meta: ['email', 'phone'],
};

/** SHA-256 of the UTF-8 text as lower-case hex. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The e-mail address as the platform hashes it, or null when it is not an address.
 * @example normaliseEmail(' Jane.Doe+news@GMail.com ', 'google') // 'janedoe@gmail.com'
 * @example normaliseEmail(' Jane.Doe+news@GMail.com ', 'meta') // 'jane.doe+news@gmail.com'
 */
export function normaliseEmail(raw: string | null | undefined, platform: AdPlatform): string | null {
  const email = raw?.trim().toLowerCase() ?? '';
  if (!EMAIL.test(email)) return null;
  if (platform === 'meta') return email;
  const at = email.lastIndexOf('@');
  const domain = email.slice(at + 1);
  if (domain !== 'gmail.com' && domain !== 'googlemail.com') return email;
  const local = email.slice(0, at).split('+')[0]!.replaceAll('.', '');
  return local ? `${local}@${domain}` : null;
}

/**
 * The phone number's digits with country code (E.164 without the `+`), or null when it cannot be one. A number
 * written with `+` or `00` already carries its country code; otherwise leading (trunk) zeros are dropped and the
 * shop's default country code is put in front.
 * @example internationalDigits('(0)20 7123 4567', '44') // '442071234567'
 * @example internationalDigits('+86 138-0013-8000', '44') // '8613800138000'
 */
export function internationalDigits(raw: string | null | undefined, defaultCountryCode: string): string | null {
  const text = raw?.trim() ?? '';
  if (!text) return null;
  const international = text.startsWith('+') || text.startsWith('00');
  let digits = text.replace(/\D/g, '');
  if (international) digits = digits.replace(/^00/, '');
  else digits = defaultCountryCode + digits.replace(/^0+/, '');
  digits = digits.replace(/^0+/, '');
  // E.164: at most 15 digits; shorter than 8 cannot be a reachable number with its country code
  return digits.length >= 8 && digits.length <= 15 ? digits : null;
}

/**
 * The phone number as the platform hashes it: Google E.164 (`+8613800138000`), Meta digits only (`8613800138000`).
 * @example normalisePhone('138 0013 8000', 'google', '86') // '+8613800138000'
 */
export function normalisePhone(raw: string | null | undefined, platform: AdPlatform, defaultCountryCode: string) {
  const digits = internationalDigits(raw, defaultCountryCode);
  if (!digits) return null;
  return platform === 'google' ? `+${digits}` : digits;
}

/** One audience line: hashed e-mail and phone (either may be empty), or null when neither can be matched. */
export function audienceLine(
  contact: { email: string | null; phone: string | null },
  platform: AdPlatform,
  defaultCountryCode: string,
): [string, string] | null {
  const email = normaliseEmail(contact.email, platform);
  const phone = normalisePhone(contact.phone, platform, defaultCountryCode);
  if (!email && !phone) return null;
  return [email ? sha256Hex(email) : '', phone ? sha256Hex(phone) : ''];
}
