import { describe, expect, it } from 'vitest';
import { TokenAuth } from './auth.js';

describe('token auth', () => {
  const auth = new TokenAuth(['first-token-0123456789', 'second-token-0123456789']);
  it('accepts any configured token and nothing else', () => {
    expect(auth.accepts('first-token-0123456789')).toBe(true);
    expect(auth.accepts('second-token-0123456789')).toBe(true);
    expect(auth.accepts('first-token-012345678')).toBe(false);
    expect(auth.accepts('')).toBe(false);
  });
});
