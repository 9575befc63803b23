import { describe, expect, test } from 'vitest';
import { decryptSecret, encryptSecret, signToken, verifyToken } from './secret-box';

const SECRET = 'a-server-secret-of-at-least-32-characters';

describe('secret box', () => {
  test('round trip; another secret, purpose or a flipped byte opens nothing', () => {
    const box = encryptSecret('smtp pässword', SECRET, 'smtp');
    expect(box).not.toContain('pässword');
    expect(decryptSecret(box, SECRET, 'smtp')).toBe('smtp pässword');
    expect(decryptSecret(box, `${SECRET}x`, 'smtp')).toBeNull();
    expect(decryptSecret(box, SECRET, 'other')).toBeNull();
    const parts = box.split('.');
    const data = Buffer.from(parts[3]!, 'base64url');
    data[0] = data[0]! ^ 1;
    expect(decryptSecret([...parts.slice(0, 3), data.toString('base64url')].join('.'), SECRET, 'smtp')).toBeNull();
    expect(decryptSecret('garbage', SECRET, 'smtp')).toBeNull();
    expect(encryptSecret('x', SECRET, 'smtp')).not.toBe(encryptSecret('x', SECRET, 'smtp'));
  });

  test('signed tokens: valid only unchanged, for their purpose', () => {
    const token = signToken({ c: 1, u: 'https://shop.example/a?b=1' }, SECRET, 'click');
    expect(verifyToken(token, SECRET, 'click')).toEqual({ c: 1, u: 'https://shop.example/a?b=1' });
    expect(verifyToken(token, SECRET, 'unsubscribe')).toBeNull();
    const [payload, mac] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ c: 1, u: 'https://evil.example' })).toString('base64url');
    expect(verifyToken(`${forged}.${mac}`, SECRET, 'click')).toBeNull();
    expect(verifyToken(`${payload}.`, SECRET, 'click')).toBeNull();
    expect(verifyToken('', SECRET, 'click')).toBeNull();
  });
});
