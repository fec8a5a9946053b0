import { z } from 'zod';
import { AwsConnection } from './aws.js';

export const PaneId = z.enum(['slide', 'variants', 'ctdna']);
export type PaneId = z.infer<typeof PaneId>;
export const PANE_IDS = PaneId.options;

export const Layout = z.object({
  /** Percent of the window width for slide, variants, ctdna (sums to 100). */
  sizes: z.tuple([z.number(), z.number(), z.number()]),
  collapsed: z.array(PaneId),
  maximized: PaneId.nullable(),
});
export type Layout = z.infer<typeof Layout>;

export const DEFAULT_LAYOUT: Layout = { sizes: [50, 28, 22], collapsed: [], maximized: null };

export const Settings = z.object({
  theme: z.enum(['dark', 'light']),
  layout: Layout,
  showPatientName: z.boolean(),
  recentCases: z.array(z.string()),
  /** AWS or other endpoints the user configured; the only network the app may reach. */
  allowedEndpoints: z.array(z.string()),
  /** The AWS profile and region chosen for HealthImaging and HealthOmics (names only, no secrets). */
  aws: AwsConnection.nullable(),
  /** Size limit of the on-disk cache of remote data (frames, read-set parts), bytes. */
  cacheMaxBytes: z
    .number()
    .int()
    .min(64 * 2 ** 20)
    .max(2 ** 50),
});
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = {
  theme: 'dark',
  layout: DEFAULT_LAYOUT,
  showPatientName: false,
  recentCases: [],
  allowedEndpoints: [],
  aws: null,
  cacheMaxBytes: 20 * 2 ** 30,
};
