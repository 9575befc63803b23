import { describe, expect, test } from 'vitest';
import { openSecret, sealSecret } from './secret-box';

const SECRET = 'server-secret-0123456789abcdef0123456789';

describe('secret box', () => {
  test('a sealed secret opens with the same server secret and purpose, and never shows the plain text', () => {
    const sealed = sealSecret('sk-test-123', SECRET, 'assistant');
    expect(sealed).not.toContain('sk-test');
    expect(sealed).toMatch(/^v1\./);
    expect(openSecret(sealed, SECRET, 'assistant')).toBe('sk-test-123');
    expect(sealSecret('sk-test-123', SECRET, 'assistant')).not.toBe(sealed);
  });

  test('another server secret, another purpose or a changed byte gives null', () => {
    const sealed = sealSecret('sk-test-123', SECRET, 'assistant');
    expect(openSecret(sealed, `${SECRET}x`, 'assistant')).toBeNull();
    expect(openSecret(sealed, SECRET, 'webhooks')).toBeNull();
    const parts = sealed.split('.');
    parts[3] = `${parts[3]!.slice(0, -2)}AA`;
    expect(openSecret(parts.join('.'), SECRET, 'assistant')).toBeNull();
    expect(openSecret('garbage', SECRET, 'assistant')).toBeNull();
  });
});
