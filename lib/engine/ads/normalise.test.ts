import { describe, expect, test } from 'vitest';
import { audienceLine, internationalDigits, normaliseEmail, normalisePhone, sha256Hex } from './normalise';

describe('ad-platform audience normalisation', () => {
  test('SHA-256 is lower-case hex (published example: X Ads API user-data guide, sha256("adsapi"))', () => {
    expect(sha256Hex('adsapi')).toBe('49e0be2aeccfb51a8dee4c945c8a70a9ac500cf6f5cb08112575f74db9b1470d');
  });

  test('Google: trim, lower-case; periods and +suffix removed only for gmail.com / googlemail.com', () => {
    expect(normaliseEmail(' Jane.Doe+news@GMail.com ', 'google')).toBe('janedoe@gmail.com');
    expect(normaliseEmail('jane.doe@googlemail.com', 'google')).toBe('janedoe@googlemail.com');
    expect(normaliseEmail('Jane.Doe+news@Example.com', 'google')).toBe('jane.doe+news@example.com');
    expect(normaliseEmail('not an address', 'google')).toBeNull();
    expect(normaliseEmail(null, 'google')).toBeNull();
  });

  test('Meta: e-mail only trimmed and lower-cased', () => {
    expect(normaliseEmail(' Jane.Doe+news@GMail.com ', 'meta')).toBe('jane.doe+news@gmail.com');
  });

  test('phones: E.164 for Google, digits with country code and no "+" for Meta (Meta: 447123456, not +447123456)', () => {
    expect(normalisePhone('+44 7123456', 'meta', '86')).toBe('447123456');
    expect(normalisePhone('+44 7123456', 'google', '86')).toBe('+447123456');
    expect(normalisePhone('138 0013 8000', 'google', '86')).toBe('+8613800138000');
    expect(normalisePhone('0086-138-0013-8000', 'meta', '44')).toBe('8613800138000');
    expect(internationalDigits('(0)20 7123 4567', '44')).toBe('442071234567');
    expect(internationalDigits('12', '86')).toBeNull();
    expect(internationalDigits('+1234567890123456', '86')).toBeNull();
    expect(internationalDigits('  ', '86')).toBeNull();
  });

  test('a line hashes both identifiers (hashes from python3 hashlib); nothing matchable → null', () => {
    expect(audienceLine({ email: 'Jane.Doe@gmail.com', phone: '138 0013 8000' }, 'google', '86')).toEqual([
      'd6117306485ed0e50afab3ac871e98f81699151f30281527d63ff5f233656c69',
      'ec61f3c620a98bdead8c1f1f0ae747abd1b62a0c2dba4fd4bc22cf0d1d8653e5',
    ]);
    expect(audienceLine({ email: 'Jane.Doe+news@gmail.com', phone: '+86 138 0013 8000' }, 'meta', '86')).toEqual([
      'f41439c944a763c9812d700a779941cec169de13c9ccd13aaf9424ba5231620a',
      'bf08aacce7f9b2452863cf99373043c3333f0e3127f1f787c4abb46ab6cf2b83',
    ]);
    expect(audienceLine({ email: null, phone: '+44 7123456' }, 'meta', '86')).toEqual([
      '',
      '12613011a45be732100fe2fbfe390989778fbf1eb2052f86bb1379812768691c',
    ]);
    expect(audienceLine({ email: 'x', phone: '1' }, 'google', '86')).toBeNull();
  });
});
