import { describe, expect, test } from 'vitest';
import { serveRoles } from './serve-roles';

describe('serveRoles (PRECISA_SERVE)', () => {
  test('unset or blank: all three', () => {
    expect(serveRoles(undefined)).toEqual(['app', 'storefront', 'worker']);
    expect(serveRoles('  ')).toEqual(['app', 'storefront', 'worker']);
  });

  test('a list, in any order and case, with spaces and repeats', () => {
    expect(serveRoles('worker')).toEqual(['worker']);
    expect(serveRoles(' Storefront , app,app')).toEqual(['app', 'storefront']);
  });

  test('an unknown or empty name is refused, naming it', () => {
    expect(() => serveRoles('app,web')).toThrow('unknown role "web"');
    expect(() => serveRoles('app,,worker')).toThrow('unknown role ""');
  });
});
