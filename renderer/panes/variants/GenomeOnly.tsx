/**
 * A case with genome tracks (HealthOmics read sets, a reference) but no variant file: the genome
 * view on its own, a short note that there is no variant table, and what of the remote data could
 * not be opened — in this pane, as when a variant file is there.
 */
import { useCallback } from 'react';
import type { GenomeTrack } from '../../../shared/model/variants.js';
import type { CaseUiSession } from '../../../shared/model/session.js';
import { caseSession } from '../../session/caseSession.js';
import { DnaIcon } from '../../ui/icons.js';
import { plural } from '../../util/format.js';
import { GenomeView } from './GenomeView.js';
import { RemoteProblems, type RemoteProblem } from './RemoteProblems.js';

/** Taller than beside a table: the view has the pane to itself. */
const HEIGHT_ALONE = 460;

const noRows = () => undefined;
const noPick = () => null;
const ignore = () => {};

export function GenomeOnly({
  tracks,
  remoteProblems,
  unreadTables,
  root,
  genomeBuild,
  restored,
}: {
  tracks: readonly GenomeTrack[];
  remoteProblems: readonly RemoteProblem[];
  /** Variant files the case names that could not be read (their problems are in `remoteProblems`). */
  unreadTables: number;
  root: string;
  genomeBuild?: string;
  restored: CaseUiSession;
}) {
  const alignments = tracks.filter((t) => t.format === 'BAM' || t.format === 'CRAM').length;
  // Where the first read set's first reads lie: the view starts there (not the whole genome, where none is drawn).
  const readsLocus = tracks.find((t) => t.readsLocus)?.readsLocus;
  const onLocusChange = useCallback((locus: string) => {
    if (locus) caseSession.save({ locus });
  }, []);
  return (
    <>
      <p className="variants-note" role="status" data-testid="variants-no-file-note">
        <DnaIcon />
        <span>
          {unreadTables ? (
            <>
              No variant table: the case’s {plural(unreadTables, 'variant file')} could not be read (below)
              {alignments ? `; the genome view shows its ${plural(alignments, 'alignment track')}` : ''}.
            </>
          ) : (
            <>
              No variant file in this case
              {alignments ? `: the genome view shows its ${plural(alignments, 'alignment track')}` : ''}. For a variant table, add
              a VCF, MAF or SEG to <span className="mono">{root}</span> (or a run output to its{' '}
              <span className="mono">case.json</span>).
            </>
          )}
          {readsLocus
            ? ' The view starts at the first reads; type a locus in its box to go elsewhere.'
            : alignments
              ? ' Type a locus in the genome view’s box to see the reads.'
              : ''}
        </span>
      </p>
      <RemoteProblems problems={remoteProblems} />
      <GenomeView
        tracks={tracks}
        genomeBuild={genomeBuild}
        rowsOf={noRows}
        selected={null}
        gotoToken={0}
        resolvePick={noPick}
        onPick={ignore}
        initialLocus={restored.locus}
        overviewLocus={readsLocus}
        initialHeight={restored.genomeViewHeight ?? HEIGHT_ALONE}
        onHeightChange={(genomeViewHeight) => caseSession.save({ genomeViewHeight })}
        onLocusChange={onLocusChange}
      />
    </>
  );
}
