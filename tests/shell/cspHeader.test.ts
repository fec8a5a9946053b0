import { describe, expect, it } from 'vitest';
import { withContentSecurityPolicy } from '../../electron/shell/cspHeader.js';
import { CONTENT_SECURITY_POLICY } from '../../electron/services/security/csp.js';

describe('withContentSecurityPolicy', () => {
  it('adds the policy to headers that have none', () => {
    expect(withContentSecurityPolicy({ 'content-type': ['text/html'] }, 'default-src none')).toEqual({
      'content-type': ['text/html'],
      'Content-Security-Policy': ['default-src none'],
    });
    expect(withContentSecurityPolicy(undefined, 'default-src none')).toEqual({ 'Content-Security-Policy': ['default-src none'] });
  });

  it('keeps a policy already there (whatever its case) and adds ours beside it', () => {
    const result = withContentSecurityPolicy({ 'content-security-policy': ["script-src 'none'"] }, 'default-src none');
    expect(result).toEqual({ 'content-security-policy': ["script-src 'none'", 'default-src none'] });
  });

  it('does not repeat a policy that is already there', () => {
    const headers = { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] };
    expect(withContentSecurityPolicy(headers, CONTENT_SECURITY_POLICY)).toEqual(headers);
  });

  it('does not change the map it was given', () => {
    const headers = { a: ['1'] };
    withContentSecurityPolicy(headers, 'x');
    expect(headers).toEqual({ a: ['1'] });
  });
});

describe('the CSP the shell sends', () => {
  // The shell relies on these properties of the lead's policy; if it changes, look again.
  it('allows nothing from another origin and no eval', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/'unsafe-eval'/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:/);
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
  });
});
