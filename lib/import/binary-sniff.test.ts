import { gzipSync } from 'node:zlib';
import { expect, test } from 'vitest';
import { binaryKind } from './binary-sniff';

const text = (s: string) => new TextEncoder().encode(s);

test.each([
  ['gzip', gzipSync(text('sku,title\nA,B\n'))],
  ['zip', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0])],
  ['pdf', text('%PDF-1.7\n')],
  ['binary', new Uint8Array([0x41, 0x00, 0x42, 0x43])],
  ['binary', new Uint8Array([0xff, 0xfe, 0x73, 0x00, 0x6b, 0x00])], // UTF-16LE
])('%s is not a text CSV', (kind, bytes) => {
  expect(binaryKind(bytes)).toBe(kind);
});

test('UTF-8 (BOM included), GBK and Latin-1 text passes', () => {
  expect(binaryKind(text('\uFEFFsku,title\n1,中文\n'))).toBeNull();
  expect(binaryKind(new Uint8Array([0x73, 0x6b, 0x75, 0x2c, 0xd6, 0xd0, 0xce, 0xc4, 0x0a]))).toBeNull();
  expect(binaryKind(new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x0a]))).toBeNull();
  expect(binaryKind(new Uint8Array())).toBeNull();
});
