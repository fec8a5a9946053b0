/**
 * The genome view: igv.js, offline, with one track per file of the case (variants, copy number,
 * alignments), linked to the table both ways. See igvBrowser.ts for how igv.js is fenced in.
 */
import { useEffect, useRef, useState } from 'react';
import { genomeFor } from '../../../shared/genomes/genomeReference.js';
import type { GenomeTrack } from '../../../shared/model/variants.js';
import { AlertIcon, CloseIcon } from '../../ui/icons.js';
import { formatInt } from '../../util/format.js';
import {
  browserOptions,
  cramWithoutReference,
  loadIgv,
  referenceOf,
  silencePopups,
  themeIgv,
  trackConfigs,
  type IgvBrowser,
  type IgvPick,
} from './igvBrowser.js';
import type { VariantRow } from './tableModel.js';
import { GENOME_VIEW_HEIGHT, GenomeViewResizer } from './GenomeViewResizer.js';
import { Vaf } from './VariantTable.js';

export type GenomeViewProps = {
  /** Where igv.js starts when no variant is selected (the locus the user left it at). */
  initialLocus?: string;
  /**
   * Where to show when nothing was restored or selected: the file's first variant. igv.js draws no
   * variants at the whole-genome view ("zoom in to see features"), so that is never the first sight.
   */
  overviewLocus?: string;
  tracks: readonly GenomeTrack[];
  genomeBuild?: string;
  /** Rows of each variant file, for the files drawn from our own features. */
  rowsOf(fileId: string): readonly VariantRow[] | undefined;
  /** The selected variant: the view goes to it (±50 bp) and marks it. */
  selected: VariantRow | null;
  /** Bumped on each table click, so clicking the same row again returns to it. */
  gotoToken: number;
  /** A variant picked in the view, as a row of the table (or null when none matches). */
  resolvePick(pick: IgvPick): VariantRow | null;
  onPick(row: VariantRow): void;
  /** igv.js's locus, as it moves ("chr7:1000001-3000000"). */
  onLocusChange?(locus: string): void;
  /** The view's height in px as the user left it (session), and where a new one is reported. */
  initialHeight?: number;
  onHeightChange?(height: number): void;
};

/** ±50 bp around a variant, as igv.js's search box takes it. */
export function locusOf(row: Pick<VariantRow, 'chrom' | 'pos' | 'ref'>, flank = 50): string {
  const end = row.pos + Math.max(1, row.ref.length) - 1;
  return `${row.chrom}:${Math.max(1, row.pos - flank)}-${end + flank}`;
}

type Popup = { x: number; y: number; row: VariantRow | null; pick: IgvPick };

export function GenomeView({
  tracks,
  genomeBuild,
  rowsOf,
  selected,
  gotoToken,
  resolvePick,
  onPick,
  initialLocus,
  overviewLocus,
  initialHeight,
  onHeightChange,
  onLocusChange,
}: GenomeViewProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const frameRef = useRef<HTMLDivElement>(null);
  const browserRef = useRef<IgvBrowser | null>(null);
  const [status, setStatus] = useState<'loading' | 'ready' | 'error'>('loading');
  const [error, setError] = useState<string | null>(null);
  const [locus, setLocus] = useState('');
  const [popup, setPopup] = useState<Popup | null>(null);
  const { genome, known } = genomeFor(genomeBuild);

  // Latest callbacks, read by igv.js handlers bound once.
  const live = useRef({ resolvePick, onPick, rowsOf });
  live.current = { resolvePick, onPick, rowsOf };
  const selectedRef = useRef(selected);
  selectedRef.current = selected;
  const initialLocusRef = useRef(initialLocus);
  const sectionRef = useRef<HTMLElement>(null);
  const [height, setHeight] = useState(initialHeight ?? GENOME_VIEW_HEIGHT.initial);
  const overviewRef = useRef(overviewLocus);
  overviewRef.current = overviewLocus;
  /** Whether the view still shows where it started by itself (no locus asked for, none chosen). */
  const untouched = useRef(true);

  const trackKey = tracks.map((t) => `${t.fileId}:${t.indexFileId ?? ''}`).join('|');

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    let disposed = false;
    let browser: IgvBrowser | null = null;
    setStatus('loading');
    setError(null);
    const start =
      initialLocusRef.current ?? (selectedRef.current ? locusOf(selectedRef.current) : (overviewRef.current ?? 'all'));
    untouched.current = !initialLocusRef.current && !selectedRef.current;
    (async () => {
      const igv = await loadIgv();
      if (disposed) return;
      browser = await igv.createBrowser(host, browserOptions(genome, start, referenceOf(tracks)));
      if (disposed) {
        igv.removeBrowser(browser);
        return;
      }
      browserRef.current = browser;
      themeIgv(host);
      browser.on('locuschange', () => setLocus(currentLocus(browser!)));
      // Our popup replaces igv.js's: returning false stops it from building its own HTML.
      browser.on('trackclick', () => false);
      const onPickFromIgv = (pick: IgvPick) => {
        const row = live.current.resolvePick(pick);
        if (row) live.current.onPick(row);
        const frame = frameRef.current?.getBoundingClientRect();
        setPopup({ x: pick.clientX - (frame?.left ?? 0), y: pick.clientY - (frame?.top ?? 0), row, pick });
      };
      const failures: string[] = cramWithoutReference(tracks).map(
        (t) => `${t.fileName}: a CRAM file needs the case's reference sequence (a FASTA with its .fai) to be drawn`,
      );
      for (const { config, fileId } of trackConfigs(tracks, live.current.rowsOf)) {
        try {
          const track = await browser.loadTrack(config);
          if (track) silencePopups(track, fileId, onPickFromIgv);
        } catch (e) {
          failures.push(`${String(config.name)}: ${(e as Error).message}`);
        }
        if (disposed) return;
      }
      setLocus(currentLocus(browser));
      setError(failures.length ? failures.join('\n') : null);
      setStatus('ready');
    })().catch((e: unknown) => {
      if (disposed) return;
      setStatus('error');
      setError((e as Error)?.message ?? String(e));
    });
    return () => {
      disposed = true;
      browserRef.current = null;
      if (browser) void loadIgv().then((igv) => igv.removeBrowser(browser!));
    };
    // The browser is rebuilt only when the genome or the set of tracks changes.
  }, [genome, trackKey]);

  useEffect(() => onLocusChange?.(locus), [locus, onLocusChange]);

  // igv.js only follows window resizes: tell it when the pane changes size.
  useEffect(() => {
    const host = hostRef.current;
    if (!host || status !== 'ready') return;
    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => void browserRef.current?.visibilityChange());
    });
    observer.observe(host);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
    };
  }, [status]);

  // Table -> genome: go to the selected variant and mark it.
  useEffect(() => {
    const browser = browserRef.current;
    if (!browser || status !== 'ready') return;
    browser.clearROIs();
    if (!selected) return;
    const start = selected.pos - 1;
    void browser.loadROI([
      {
        name: 'Selected variant',
        color: 'rgba(90, 162, 255, 0.3)',
        features: [{ chr: selected.chrom, start, end: start + Math.max(1, selected.ref.length), name: selected.gene ?? '' }],
      },
    ]);
    if (gotoToken > 0) void browser.search(locusOf(selected));
  }, [selected, gotoToken, status]);

  // The rows came after the view was made: show the first variant, unless the user went elsewhere.
  useEffect(() => {
    const browser = browserRef.current;
    if (!browser || status !== 'ready' || !overviewLocus || !untouched.current) return;
    untouched.current = false;
    if (!selectedRef.current && /^all\b/.test(currentLocus(browser))) void browser.search(overviewLocus);
  }, [overviewLocus, status]);

  return (
    <section
      className="genome-view"
      aria-label="Genome view"
      data-testid="genome-view"
      data-state={status}
      data-locus={locus}
      data-reference={referenceOf(tracks)?.fileName ?? ''}
      ref={sectionRef}
      style={{ height }}
    >
      <GenomeViewResizer
        height={height}
        maxHeight={() => (sectionRef.current?.parentElement?.clientHeight ?? 800) - 160}
        onResize={setHeight}
        onResizeEnd={(h) => onHeightChange?.(h)}
      />
      <header className="gv-bar">
        <span className="gv-title">Genome</span>
        <span className="gv-build" title={known ? undefined : 'The file names no genome build: GRCh38 is assumed'}>
          {genome.id}
          {known ? '' : ' (assumed)'}
        </span>
        <span className="tabular gv-locus" data-testid="genome-locus">
          {locus}
        </span>
        {error ? (
          <span className="status-warning gv-warning" title={error}>
            <AlertIcon /> {status === 'error' ? 'genome view failed' : 'a track could not be drawn'}
          </span>
        ) : null}
      </header>
      <div className="gv-frame" ref={frameRef}>
        <div className="gv-host" ref={hostRef} />
        {status === 'loading' ? <div className="gv-loading muted">Loading the genome view…</div> : null}
        {popup ? <VariantPopup popup={popup} onClose={() => setPopup(null)} /> : null}
      </div>
    </section>
  );
}

function currentLocus(browser: IgvBrowser): string {
  try {
    const loci = browser.currentLoci();
    // igv.js can report fractional bases after a resize ("chr4:1801791-1802267.99").
    return (Array.isArray(loci) ? loci.join(' ') : loci).replace(/\d+\.\d+/g, (n) => String(Math.round(Number(n))));
  } catch {
    return '';
  }
}

/** Our popup for what was clicked in igv.js: React text nodes only, so file content stays text. */
function VariantPopup({ popup, onClose }: { popup: Popup; onClose(): void }) {
  const { row, pick } = popup;
  const info = row?.info ? Object.entries(row.info).slice(0, 24) : [];
  // A click on a genotype row names its sample (igv.js draws one row of calls per sample).
  const callOf = pick.fields.find(([key]) => key === 'sample')?.[1];
  const style = { left: Math.max(4, popup.x + 10), top: Math.max(4, popup.y - 10) };
  return (
    <div className="gv-popup" role="dialog" aria-label="Variant" style={style} data-testid="genome-popup">
      <header>
        {row ? (
          <>
            <strong className="gene">{row.gene ?? 'Variant'}</strong> <span className="protein">{row.protein}</span>
          </>
        ) : (
          <strong>
            {pick.chrom}:{formatInt(pick.pos)}
          </strong>
        )}
        <span className="toolbar-spacer" />
        <button type="button" className="icon-btn" onClick={onClose} aria-label="Close">
          <CloseIcon />
        </button>
      </header>
      <dl className="gv-popup-kv">
        {row ? (
          <>
            <dt>Position</dt>
            <dd className="tabular">{row.locus}</dd>
            <dt>Alleles</dt>
            <dd className="mono">
              {row.ref} › {row.alt}
            </dd>
            {row.consequence ? (
              <>
                <dt>Consequence</dt>
                <dd>{row.consequence}</dd>
              </>
            ) : null}
            {row.hgvsc ? (
              <>
                <dt>HGVSc</dt>
                <dd className="mono">{row.hgvsc}</dd>
              </>
            ) : null}
            <dt>VAF</dt>
            <dd>
              <Vaf vaf={row.vaf} />
            </dd>
            <dt>Depth</dt>
            <dd className="tabular">{formatInt(row.depth)}</dd>
            <dt>Filter</dt>
            <dd>{row.filter}</dd>
            {row.id ? (
              <>
                <dt>ID</dt>
                <dd className="mono">{row.id}</dd>
              </>
            ) : null}
            <dt>Sample</dt>
            <dd>{row.sampleLabel}</dd>
            {callOf ? (
              <>
                <dt>Call clicked</dt>
                <dd data-testid="genome-popup-call">{callOf}</dd>
              </>
            ) : null}
            {info.map(([k, v]) => (
              <InfoPair key={k} name={k} value={v} />
            ))}
          </>
        ) : (
          <>
            {pick.ref ? (
              <>
                <dt>Alleles</dt>
                <dd className="mono">
                  {pick.ref} › {pick.alt}
                </dd>
              </>
            ) : null}
            {pick.fields.map(([k, v]) => (
              <InfoPair key={k} name={k} value={v} />
            ))}
          </>
        )}
      </dl>
    </div>
  );
}

const InfoPair = ({ name, value }: { name: string; value: string }) => (
  <>
    <dt title={name}>{name}</dt>
    <dd title={value}>{value}</dd>
  </>
);
