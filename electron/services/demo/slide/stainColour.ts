/**
 * Colour of stained tissue by the Beer–Lambert law: light through the glass is absorbed by
 * haematoxylin (nuclei: blue-purple) and eosin (cytoplasm, collagen: pink) in proportion to their
 * optical densities. A lookup table over quantised densities avoids exp() at every pixel.
 */

/** The glass (background) colour: what the scanner sees where there is no tissue. */
export const GLASS: readonly [number, number, number] = [245, 244, 247];

/** Optical density per unit of stain, for red, green, blue (after Ruifrok & Johnston, tuned by eye). */
const HAEMATOXYLIN = [0.72, 0.8, 0.36];
const EOSIN = [0.05, 0.72, 0.4];
/** Red cells: haemoglobin stained by eosin, an orange-red. */
export const HAEMOGLOBIN = [0.12, 1.15, 0.95];

export const DENSITY_STEPS = 64;
export const MAX_HAEMATOXYLIN = 2.6;
export const MAX_EOSIN = 1.6;
export const H_LEVELS = Math.ceil(MAX_HAEMATOXYLIN * DENSITY_STEPS) + 1;
export const E_LEVELS = Math.ceil(MAX_EOSIN * DENSITY_STEPS) + 1;

/** RGB for (haematoxylin level, eosin level): index (h * E_LEVELS + e) * 3. */
export function stainLookupTable(): Uint8Array {
  const table = new Uint8Array(H_LEVELS * E_LEVELS * 3);
  for (let h = 0; h < H_LEVELS; h++) {
    for (let e = 0; e < E_LEVELS; e++) {
      for (let channel = 0; channel < 3; channel++) {
        const density = (h / DENSITY_STEPS) * HAEMATOXYLIN[channel] + (e / DENSITY_STEPS) * EOSIN[channel];
        table[(h * E_LEVELS + e) * 3 + channel] = Math.round(GLASS[channel] * Math.exp(-density));
      }
    }
  }
  return table;
}
