import { describe, expect, it } from 'vitest';
import { isEncapsulated, tileContentType } from '../../../electron/services/slides/dicom/transferSyntax.js';

describe('tile content type by transfer syntax', () => {
  it.each([
    ['1.2.840.10008.1.2.4.50', 'image/jpeg'],
    ['1.2.840.10008.1.2.4.90', 'image/j2c'],
    ['1.2.840.10008.1.2.4.91', 'image/j2c'],
    ['1.2.840.10008.1.2.4.201', 'image/jph'],
    ['1.2.840.10008.1.2.4.202', 'image/jph'],
    ['1.2.840.10008.1.2.4.203', 'image/jph'],
    ['1.2.840.10008.1.2.4.80', 'image/jls'],
    ['1.2.840.10008.1.2.4.81', 'image/jls'],
    ['1.2.840.10008.1.2.1', 'application/octet-stream'],
    ['1.2.840.10008.1.2', 'application/octet-stream'],
    ['1.2.840.10008.1.2.5', 'application/octet-stream'],
  ])('%s → %s', (uid, type) => {
    expect(tileContentType(uid)).toBe(type);
  });

  it('only the uncompressed syntaxes are native', () => {
    expect(isEncapsulated('1.2.840.10008.1.2')).toBe(false);
    expect(isEncapsulated('1.2.840.10008.1.2.1')).toBe(false);
    expect(isEncapsulated('1.2.840.10008.1.2.4.50')).toBe(true);
    expect(isEncapsulated('1.2.840.10008.1.2.5')).toBe(true);
  });
});
