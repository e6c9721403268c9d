import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, META_CONTENT_SECURITY_POLICY } from '../../src-main/shared/csp';

function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
}

describe('renderer Content-Security-Policy', () => {
  it("lets the renderer connect to its own origin only (IPC needs nothing; the host's /ws is 'self')", () => {
    expect(directives(CONTENT_SECURITY_POLICY).get('connect-src')).toEqual(["'self'"]);
  });

  it('allows no script, object, base or form target from anywhere else', () => {
    const d = directives(CONTENT_SECURITY_POLICY);
    expect(d.get('default-src')).toEqual(["'self'"]);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
    expect(d.get('form-action')).toEqual(["'none'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('the <meta> form is the same policy without the header-only frame-ancestors', () => {
    const header = directives(CONTENT_SECURITY_POLICY);
    header.delete('frame-ancestors');
    expect(directives(META_CONTENT_SECURITY_POLICY)).toEqual(header);
  });
});
