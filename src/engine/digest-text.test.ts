import { describe, expect, it } from 'vitest';
import { shortDigest } from './digest-text';

describe('shortDigest', () => {
  it('keeps the first twelve hex characters after the algorithm', () => {
    expect(shortDigest(`sha256:${'ab12'.repeat(16)}`)).toBe('ab12ab12ab12');
    expect(shortDigest('sha256:0123456789abcdef')).toBe('0123456789ab');
  });
});
