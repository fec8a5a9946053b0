import { describe, expect, it } from 'vitest';
import { allowedOrigins, isRequestAllowed, needsEndpointCheck } from '../../electron/shell/requestPolicy.js';

const AWS = 'https://medical-imaging.us-east-1.amazonaws.com';

describe('isRequestAllowed', () => {
  it('always allows our own UI and binary scheme', () => {
    expect(isRequestAllowed('triptych://app/index.html', [])).toBe(true);
    expect(isRequestAllowed('triptych://app/binary/slide/abc/0/1/2', [])).toBe(true);
  });

  it('refuses other hosts of our scheme', () => {
    expect(isRequestAllowed('triptych://evil/index.html', [])).toBe(false);
  });

  it('allows purely local URLs', () => {
    expect(isRequestAllowed('data:image/png;base64,AAAA', [])).toBe(true);
    expect(isRequestAllowed('blob:triptych://app/4b1c-uuid', [])).toBe(true);
  });

  it('blocks every network request when no endpoint is allowed', () => {
    for (const url of [
      'https://genomes.igv.org/genomes/genomes3.json',
      'http://127.0.0.1:8080/x',
      'wss://example.org/socket',
      'ws://localhost/x',
      'https://eutils.ncbi.nlm.nih.gov/entrez/eutils/esummary.fcgi?db=clinvar',
    ]) {
      expect(isRequestAllowed(url, []), url).toBe(false);
    }
  });

  it('allows a network request whose origin is an allowed endpoint', () => {
    expect(isRequestAllowed(`${AWS}/datastore/123/imageSet/456/getImageFrame`, [AWS])).toBe(true);
    expect(isRequestAllowed(`${AWS}:443/x`, [AWS])).toBe(true); // default port is the same origin
    expect(isRequestAllowed('https://MEDICAL-IMAGING.us-east-1.amazonaws.com/x', [AWS])).toBe(true);
  });

  it('compares whole origins: scheme, host and port', () => {
    expect(isRequestAllowed(`http://medical-imaging.us-east-1.amazonaws.com/x`, [AWS])).toBe(false);
    expect(isRequestAllowed(`${AWS}:8443/x`, [AWS])).toBe(false);
    expect(isRequestAllowed('https://evil.amazonaws.com/x', [AWS])).toBe(false);
    expect(isRequestAllowed(`https://medical-imaging.us-east-1.amazonaws.com.evil.org/x`, [AWS])).toBe(false);
    expect(isRequestAllowed(`wss://medical-imaging.us-east-1.amazonaws.com/x`, [AWS])).toBe(false);
  });

  it('is not fooled by credentials in the URL', () => {
    expect(isRequestAllowed(`https://medical-imaging.us-east-1.amazonaws.com@evil.org/x`, [AWS])).toBe(false);
  });

  it('refuses file: and other schemes even if listed', () => {
    expect(isRequestAllowed('file:///etc/passwd', ['file:///etc'])).toBe(false);
    expect(isRequestAllowed('ftp://example.org/x', ['ftp://example.org'])).toBe(false);
    expect(isRequestAllowed('chrome://gpu', [])).toBe(false);
  });

  it('refuses what is not a URL', () => {
    expect(isRequestAllowed('not a url', [AWS])).toBe(false);
    expect(isRequestAllowed('', [AWS])).toBe(false);
  });

  it('reduces endpoints to origins and ignores entries that are not network URLs', () => {
    expect([...allowedOrigins([`${AWS}/some/path?q=1`, ' https://a.example:8443/ ', 'amazonaws.com', 'file:///x', '*'])]).toEqual(
      [AWS, 'https://a.example:8443'],
    );
    expect(isRequestAllowed(`${AWS}/other`, [`${AWS}/some/path`])).toBe(true);
  });
});

describe('needsEndpointCheck', () => {
  it('is true only for network schemes', () => {
    expect(needsEndpointCheck('https://x.org')).toBe(true);
    expect(needsEndpointCheck('ws://x.org')).toBe(true);
    expect(needsEndpointCheck('triptych://app/index.html')).toBe(false);
    expect(needsEndpointCheck('data:,x')).toBe(false);
    expect(needsEndpointCheck('garbage')).toBe(false);
  });
});
