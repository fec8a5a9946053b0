/**
 * igv.js, fenced in. The browser is created fully offline: no default genome list
 * (`loadDefaultGenomes: false`), no feature-search web service (`search: false`), a reference of
 * chromosome names and lengths only (a chrom.sizes text handed to igv.js as a File, so nothing is
 * fetched for it), tracks from our own /binary/ mount. igv.js's popups are never shown: every
 * track's `popupData` is replaced so that it only reports what was clicked (and never reaches the
 * ClinVar look-up igv.js does from alignment popups); the page renders its own, escaped, popup.
 */
import { HTTP_PATHS } from '../../../shared/contract.js';
import { chromSizesText, type GenomeReference } from '../../../shared/genomes/genomeReference.js';
import type { GenomeTrack } from '../../../shared/model/variants.js';
import type { VariantRow } from './tableModel.js';

/** What a click on a track hit, in plain values (the page looks the variant up in its own table). */
export type IgvPick = {
  fileId: string;
  chrom: string;
  pos: number;
  ref?: string;
  alt?: string;
  /** Our row key, for features we gave igv.js ourselves. */
  key?: string;
  /** Other plain fields of what was clicked (segment value, read name…), shown as text. */
  fields: Array<[string, string]>;
  clientX: number;
  clientY: number;
};

/** The parts of igv.js's track and browser objects we use (its .d.ts does not describe them all). */
type IgvTrack = {
  id?: string;
  type?: string;
  name?: string;
  popupData?: (clickState: unknown, features?: unknown[]) => unknown;
  clickedFeatures?: (clickState: unknown) => unknown[];
};
export type IgvBrowser = {
  search(locus: string): Promise<unknown>;
  loadROI(roi: unknown): Promise<void> | void;
  clearROIs(): void;
  on(event: string, handler: (...args: never[]) => unknown): void;
  loadTrack(config: unknown): Promise<IgvTrack>;
  currentLoci(): string[] | string;
  visibilityChange(): Promise<void>;
};
type IgvModule = {
  createBrowser(div: HTMLElement, options: unknown): Promise<IgvBrowser>;
  removeBrowser(browser: IgvBrowser): void;
};

let igvModule: Promise<IgvModule> | undefined;
/** igv.js is large (3 MB): loaded when the genome view first opens, in its own chunk. */
export function loadIgv(): Promise<IgvModule> {
  igvModule ??= import('igv').then((m) => m.default as unknown as IgvModule);
  return igvModule;
}

export const fileUrl = (fileId: string): string => `${HTTP_PATHS.binary}files/${encodeURIComponent(fileId)}`;

/** The feature colour of a consequence class (canvas needs concrete colours, not CSS variables). */
const CSQ_COLOURS: Record<VariantRow['csq']['cls'], string> = {
  truncating: '#ff6b6b',
  missense: '#5fd08a',
  inframe: '#e0a458',
  splice: '#f59f00',
  silent: '#a9aeb5',
  other: '#a9aeb5',
};

/** One feature per table row, for files igv.js cannot read by region (no index; MAF). */
export function rowFeatures(rows: readonly VariantRow[]): unknown[] {
  return rows.map((r) => ({
    chr: r.chrom,
    start: r.pos - 1,
    end: r.pos - 1 + Math.max(1, r.ref.length),
    name: r.gene ? `${r.gene}${r.protein ? ` ${r.protein}` : ''}` : `${r.ref}>${r.alt}`,
    color: r.filter === 'PASS' || r.filter === '.' ? CSQ_COLOURS[r.csq.cls] : '#6b7078',
    triptychKey: r.key,
  }));
}

/**
 * A track name safe for igv.js, which writes names into HTML (labels, menus): a file's name can
 * hold `<` and `&`, so those become look-alike characters.
 */
export const trackName = (fileName: string): string =>
  fileName.replace(/[<>&"'`]/g, (c) => ({ '<': '‹', '>': '›', '&': '＆', '"': '＂', "'": '’', '`': 'ˋ' })[c] ?? '');

/** igv.js track configurations for the case's files (tracks it cannot draw offline are left out). */
export function trackConfigs(
  tracks: readonly GenomeTrack[],
  rowsOf: (fileId: string) => readonly VariantRow[] | undefined,
): Array<{ config: Record<string, unknown>; fileId: string }> {
  const out: Array<{ config: Record<string, unknown>; fileId: string }> = [];
  const reference = referenceOf(tracks);
  for (const t of tracks) {
    const base = { name: trackName(t.fileName), id: t.fileId, removable: false };
    if (t.format === 'VCF' && t.bgzipped && t.indexFileId) {
      out.push({
        fileId: t.fileId,
        config: {
          ...base,
          type: 'variant',
          format: 'vcf',
          url: fileUrl(t.fileId),
          indexURL: fileUrl(t.indexFileId),
          indexed: true,
          displayMode: 'EXPANDED',
          visibilityWindow: 10_000_000,
          color: '#5aa2ff',
          squishedCallHeight: 4,
          expandedCallHeight: 10,
        },
      });
    } else if (t.format === 'VCF' || t.format === 'MAF') {
      const rows = rowsOf(t.fileId);
      if (!rows) continue;
      out.push({
        fileId: t.fileId,
        config: {
          ...base,
          type: 'annotation',
          features: rowFeatures(rows),
          displayMode: 'EXPANDED',
          height: 60,
          color: '#5aa2ff',
        },
      });
    } else if (t.format === 'SEG') {
      out.push({
        fileId: t.fileId,
        config: { ...base, type: 'seg', format: 'seg', url: fileUrl(t.fileId), indexed: false, height: 80 },
      });
    } else if (t.format === 'CRAM' && t.indexFileId && reference) {
      // CRAM stores reads as differences from the reference: igv.js decodes them with the genome's sequence.
      out.push({
        fileId: t.fileId,
        config: {
          ...base,
          type: 'alignment',
          format: 'cram',
          url: fileUrl(t.fileId),
          indexURL: fileUrl(t.indexFileId),
          height: 200,
          showSoftClips: false,
        },
      });
    } else if (t.format === 'BAM' && t.indexFileId) {
      out.push({
        fileId: t.fileId,
        config: {
          ...base,
          type: 'alignment',
          format: 'bam',
          url: fileUrl(t.fileId),
          indexURL: fileUrl(t.indexFileId),
          height: 200,
          showSoftClips: false,
        },
      });
    }
    // A CRAM without the case's reference (FASTA + .fai) cannot be decoded: not drawn (see cramWithoutReference).
  }
  return out;
}

const plain = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;

/** Plain values of what igv.js says was clicked (a VCF variant, a genotype call, a segment, a read, our feature). */
export function describePick(fileId: string, feature: unknown, at: { clientX: number; clientY: number }): IgvPick | null {
  if (!feature || typeof feature !== 'object') return null;
  const f = feature as Record<string, unknown>;
  const variant = (f.variant && typeof f.variant === 'object' ? f.variant : f) as Record<string, unknown>;
  const chrom = plain(variant.chr) ?? plain(f.chr);
  const pos = typeof variant.pos === 'number' ? variant.pos : typeof variant.start === 'number' ? variant.start + 1 : undefined;
  if (!chrom || pos === undefined) return null;
  const fields: Array<[string, string]> = [];
  for (const key of ['sample', 'sampleKey', 'value', 'readName', 'mappingQuality', 'name']) {
    const value = plain(f[key]);
    if (value !== undefined && fields.length < 12) fields.push([key, value.slice(0, 200)]);
  }
  return {
    fileId,
    chrom,
    pos,
    ref: plain(variant.referenceBases),
    alt: plain(variant.alternateBases),
    key: plain(f.triptychKey),
    fields,
    ...at,
  };
}

/**
 * Replaces a track's popup with a report of the click: igv.js then has nothing to show (it puts
 * INFO values into HTML unescaped), and alignment popups never look HGVS up at NCBI.
 */
export function silencePopups(track: IgvTrack, fileId: string, onPick: (pick: IgvPick) => void): void {
  track.popupData = (clickState: unknown, features?: unknown[]) => {
    const state = clickState as { event?: MouseEvent } | undefined;
    const at = { clientX: state?.event?.clientX ?? 0, clientY: state?.event?.clientY ?? 0 };
    let hits: unknown[] = features ?? [];
    if (hits.length === 0 && typeof track.clickedFeatures === 'function') {
      try {
        hits = track.clickedFeatures(clickState) ?? [];
      } catch {
        hits = [];
      }
    }
    let pick = hits.map((hit) => describePick(fileId, hit, at)).find((p) => p !== null);
    // A genotype call does not name its variant: take the clicked position on the chromosome.
    const frame = (clickState as { referenceFrame?: { chr?: string }; genomicLocation?: number } | undefined) ?? {};
    if (!pick && hits.length > 0 && frame.referenceFrame?.chr && typeof frame.genomicLocation === 'number') {
      // The call's own fields (its sample) are kept.
      const call = typeof hits[0] === 'object' && hits[0] !== null ? (hits[0] as Record<string, unknown>) : {};
      const where = { chr: frame.referenceFrame.chr, start: Math.floor(frame.genomicLocation) };
      pick = describePick(fileId, { sample: call.sample, ...where }, at) ?? undefined;
    }
    if (pick) onPick(pick);
    return [];
  };
}

/** The case's reference sequence (FASTA with its .fai), when it has one. */
export const referenceOf = (tracks: readonly GenomeTrack[]): GenomeTrack | undefined =>
  tracks.find((t) => t.format === 'FASTA' && t.indexFileId);

/** CRAM files of the case that cannot be drawn: it has no reference sequence to decode them with. */
export const cramWithoutReference = (tracks: readonly GenomeTrack[]): GenomeTrack[] =>
  referenceOf(tracks) ? [] : tracks.filter((t) => t.format === 'CRAM');

/**
 * The options igv.createBrowser gets: offline, quiet, ours. The genome is the case's reference
 * FASTA when it has one (sequence, and CRAM decoding), else the built-in chromosome sizes.
 */
export function browserOptions(genome: GenomeReference, locus: string, reference?: GenomeTrack): Record<string, unknown> {
  return {
    reference:
      reference && reference.indexFileId
        ? {
            id: genome.id,
            name: `${genome.name} (${reference.fileName})`,
            fastaURL: fileUrl(reference.fileId),
            indexURL: fileUrl(reference.indexFileId),
            wholeGenomeView: true,
          }
        : {
            id: genome.id,
            name: genome.name,
            format: 'chromsizes',
            // A File is read in the page (Blob.arrayBuffer): no request, and nothing for the CSP to allow.
            fastaURL: new File([chromSizesText(genome)], `${genome.id}.chrom.sizes`, { type: 'text/plain' }),
            chromosomeOrder: genome.chromosomes.map(([name]) => name),
            wholeGenomeView: true,
          },
    locus,
    loadDefaultGenomes: false,
    search: false,
    supportQueryParameters: false,
    queryParametersSupported: false,
    showCytobandIdeogram: false,
    showIdeogram: false,
    showSVGButton: false,
    showSampleNames: true,
    showCursorGuide: false,
    showCenterGuide: false,
    showCenterGuideButton: false,
    showCursorTrackingGuideButton: false,
    showMultiSelectButton: false,
    showCircularViewButton: false,
    showROITableButton: false,
    showROITable: false,
    showTrackLabelButton: true,
    showSampleNameButton: true,
    showTrackLabels: true,
    tracks: [],
  };
}

/**
 * Our look for igv.js, added to the shadow root it renders into (page CSS does not reach there):
 * its navbar takes the pane's dark surfaces; the tracks keep a light card, since igv.js draws its
 * ruler and labels in dark ink; track labels sit at the right, out of the way of the centred
 * variant, and are not clickable (igv.js's label popup is not ours).
 */
const IGV_THEME_CSS = `
.igv-navbar { height: auto; min-height: 30px; padding: 2px 6px; border-bottom: 1px solid #34363b;
  background: #27292d; color: #e8e9eb; }
.igv-navbar input, .igv-navbar select { border: 1px solid #4a4d54; background: #141517; color: #e8e9eb; }
.igv-logo, .igv-current-genome { display: none !important; }
.igv-navbar .igv-navbar-button { border-color: #4a4d54; background: #1f2023; color: #aeb2b9; }
.igv-navbar .igv-navbar-button:hover { background: #2f3136; color: #e8e9eb; }
.igv-navbar .igv-navbar-button.igv-navbar-button-clicked { background: #5aa2ff; color: #0b1220; border-color: #5aa2ff; }
.igv-windowsize-panel-container { color: #aeb2b9; }
.igv-column-container { margin: 6px; border-radius: 4px; background: #eef0f3; }
.igv-track-label { left: auto !important; right: 4px; pointer-events: none; border-color: #b8bdc5;
  background: rgba(255, 255, 255, 0.85); color: #1b1d21; font-size: 11px; }
`;

/** Adds our stylesheet to the shadow root igv.js made on `host` (constructable: no inline style). */
export function themeIgv(host: HTMLElement): void {
  const root = host.shadowRoot;
  if (!root) return;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(IGV_THEME_CSS);
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}
