/**
 * The slide's colour transform registered with the decoder pool under a key made from its table,
 * so two slides (or a case reopened with a changed file) never share a cached tile or a table.
 */
import type { SlideColour } from '../../../../shared/model/slideColour.js';
import type { DecoderPool } from '../decode/decoderPool.js';

/** FNV-1a of the table's text: cheap, and enough to tell tables apart. */
function hashOf(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}

export function registerSlideColour(pool: DecoderPool, slideId: string, colour: SlideColour): string {
  const key = `${slideId}-${hashOf(colour.lut)}`;
  pool.registerColour(key, colour.lutSize, colour.lut);
  return key;
}
