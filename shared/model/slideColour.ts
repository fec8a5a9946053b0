/**
 * A slide's colour management (issue 8, "Colour"): the ICC profile of its optical path and the
 * transform from that profile to sRGB (the display's assumed space), sampled once per slide as a
 * 3D lookup table so the renderer can apply it to tiles without an ICC engine of its own.
 */
import { z } from 'zod';

/** Grid points per axis of the lookup table (33 is the usual size for 8-bit RGB: 32 intervals). */
export const COLOUR_LUT_SIZE = 33;

export const SlideColour = z.object({
  /** The profile's description tag, e.g. "sRGB IEC61966-2.1" or a scanner's name. */
  description: z.string(),
  /** The profile's colour space (RGB for the profiles the viewer applies). */
  colourSpace: z.string(),
  /** Size of the profile in bytes. */
  profileBytes: z.number().int(),
  /** Which optical path (index) the profile belongs to. */
  opticalPath: z.number().int(),
  /** Grid points per axis. */
  lutSize: z.number().int().min(2).max(65),
  /**
   * Base64 of lutSize³ × 3 little-endian uint16 sRGB values (0–65535), red varying fastest:
   * entry (r, g, b) at ((b × size + g) × size + r) × 3.
   */
  lut: z.string(),
});
export type SlideColour = z.infer<typeof SlideColour>;
