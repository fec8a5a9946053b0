/**
 * The one palette of Triptych. Colour carries meaning once, everywhere: the ctDNA chart, the event
 * lanes, the legends and the variant tags all take their colours from here.
 *
 * Values are installed as CSS custom properties on <html> (see `installPalette`), so CSS files use
 * `var(--c-…)` and Observable Plot marks use the `color.*` strings below (Plot accepts `var(...)`).
 * Every text colour here meets WCAG AA (4.5:1) on its theme's pane background.
 */

export type ThemeName = 'dark' | 'light';

export const SEMANTIC_KEYS = [
  'accent',
  'detected',
  'notDetected',
  'indeterminate',
  'surgery',
  'biopsy',
  'treatment',
  'imaging',
  'diagnosis',
  'other',
  // variant consequence classes
  'csqTruncating',
  'csqMissense',
  'csqInframe',
  'csqSplice',
  'csqSilent',
  'csqOther',
] as const;
export type SemanticKey = (typeof SEMANTIC_KEYS)[number];

const semantic: Record<ThemeName, Record<SemanticKey, string>> = {
  dark: {
    accent: '#5aa2ff',
    detected: '#ff7b3a',
    notDetected: '#8fb3a4',
    indeterminate: '#a9aeb5',
    surgery: '#f06595',
    biopsy: '#cc8cf0',
    treatment: '#38c9a0',
    imaging: '#f2c94c',
    diagnosis: '#b5bcc4',
    other: '#a9aeb5',
    csqTruncating: '#ff6b6b',
    csqMissense: '#5fd08a',
    csqInframe: '#e0a458',
    csqSplice: '#f59f00',
    csqSilent: '#a9aeb5',
    csqOther: '#a9aeb5',
  },
  light: {
    accent: '#0a5fc2',
    detected: '#c2410c',
    notDetected: '#4f7b69',
    indeterminate: '#6b7078',
    surgery: '#b8245a',
    biopsy: '#8a3bb0',
    treatment: '#0b7a5e',
    imaging: '#8a6100',
    diagnosis: '#5b626b',
    other: '#6b7078',
    csqTruncating: '#c92a2a',
    csqMissense: '#2b7a3f',
    csqInframe: '#8a5a12',
    csqSplice: '#a35200',
    csqSilent: '#5f656d',
    csqOther: '#5f656d',
  },
};

const cssName = (key: string): string => `--c-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** `var(--c-…)` strings for SVG / Plot, so a theme switch recolours charts without re-rendering them. */
export const color = Object.fromEntries(SEMANTIC_KEYS.map((k) => [k, `var(${cssName(k)})`])) as Record<SemanticKey, string>;

/** Raw hex values, for the rare consumer that cannot use CSS variables (canvas). */
export const hex = (theme: ThemeName, key: SemanticKey): string => semantic[theme][key];

/** Event kinds of the ctDNA timeline, each with its one colour. */
export const eventColor = {
  surgery: color.surgery,
  biopsy: color.biopsy,
  treatment: color.treatment,
  imaging: color.imaging,
  diagnosis: color.diagnosis,
  other: color.other,
} as const;

/** Put the semantic palette of `theme` on the document root, and mark the theme for the CSS. */
export function installPalette(theme: ThemeName, root: HTMLElement = document.documentElement): void {
  for (const key of SEMANTIC_KEYS) root.style.setProperty(cssName(key), semantic[theme][key]);
  root.dataset.theme = theme;
  root.style.colorScheme = theme;
}
