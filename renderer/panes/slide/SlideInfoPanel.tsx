/** Slide details: what a pathologist or a physicist checks before trusting what they see. */
import type { SlideInfo } from '../../../shared/model/slide.js';
import { CloseIcon } from '../../ui/icons.js';
import { formatInt } from '../../util/format.js';
import type { DecoderPool } from './decode/decoderPool.js';
import type { Pyramid } from './pyramid.js';
import { baseMagnification, formatMagnification } from './scale.js';

const TRANSFER_SYNTAXES: Record<string, string> = {
  '1.2.840.10008.1.2.4.50': 'JPEG Baseline',
  '1.2.840.10008.1.2.4.51': 'JPEG Extended',
  '1.2.840.10008.1.2.4.57': 'JPEG Lossless',
  '1.2.840.10008.1.2.4.70': 'JPEG Lossless SV1',
  '1.2.840.10008.1.2.4.80': 'JPEG-LS Lossless',
  '1.2.840.10008.1.2.4.81': 'JPEG-LS Near-lossless',
  '1.2.840.10008.1.2.4.90': 'JPEG 2000 Lossless',
  '1.2.840.10008.1.2.4.91': 'JPEG 2000',
  '1.2.840.10008.1.2.4.201': 'HTJ2K Lossless',
  '1.2.840.10008.1.2.4.202': 'HTJ2K Lossless RPCL',
  '1.2.840.10008.1.2.4.203': 'HTJ2K',
  '1.2.840.10008.1.2.1': 'Explicit VR Little Endian (uncompressed)',
  '1.2.840.10008.1.2': 'Implicit VR Little Endian (uncompressed)',
};

export function transferSyntaxName(uid: string): string {
  return TRANSFER_SYNTAXES[uid] ?? uid;
}

export function SlideInfoPanel({
  info,
  pyramid,
  drawer,
  decoding,
  onClose,
}: {
  info: SlideInfo;
  pyramid: Pyramid;
  drawer: { software: boolean; renderer: string };
  /** The decoder pool when tiles are decoded in workers; null when the browser decodes them. */
  decoding: DecoderPool | null;
  onClose(): void;
}) {
  const base = baseMagnification(pyramid.mpp, info.objectivePower);
  const dicomLevels = [...info.levels].sort((a, b) => b.width - a.width);
  const lowest = pyramid.levels[0];
  return (
    <div className="floating-panel info-panel" role="dialog" aria-label="Slide details" data-testid="slide-info-panel">
      <header className="floating-header">
        <span>Slide details</span>
        <button type="button" className="icon-btn" onClick={onClose} aria-label="Close">
          <CloseIcon />
        </button>
      </header>
      <dl className="kv">
        <dt>Name</dt>
        <dd>{info.name}</dd>
        <dt>Size</dt>
        <dd className="tabular">
          {formatInt(pyramid.width)} × {formatInt(pyramid.height)} px
          {pyramid.mpp ? (
            <span className="muted">
              {' '}
              · {((pyramid.width * pyramid.mpp) / 1000).toFixed(1)} × {((pyramid.height * pyramid.mpp) / 1000).toFixed(1)} mm
            </span>
          ) : null}
        </dd>
        <dt>Pixel spacing</dt>
        <dd className="tabular">
          {pyramid.mpp ? `${pyramid.mpp.toFixed(4)} µm/px (${formatMagnification(base)} equivalent)` : 'not given'}
        </dd>
        {info.objectivePower ? (
          <>
            <dt>Objective</dt>
            <dd className="tabular">{info.objectivePower}×</dd>
          </>
        ) : null}
        {info.stain ? (
          <>
            <dt>Stain</dt>
            <dd>{info.stain}</dd>
          </>
        ) : null}
        {info.specimenDescription ? (
          <>
            <dt>Specimen</dt>
            <dd>{info.specimenDescription}</dd>
          </>
        ) : null}
        {/* ---- HealthImaging (#9) ---- */}
        {info.remoteUrl ? (
          <>
            <dt>Source</dt>
            <dd data-testid="slide-info-source">
              AWS HealthImaging <span className="mono muted">{info.remoteUrl}</span>
            </dd>
          </>
        ) : null}
        {info.notes?.length ? (
          <>
            <dt>Notes</dt>
            <dd data-testid="slide-info-notes">
              {info.notes.map((note) => (
                <div key={note}>{note}</div>
              ))}
            </dd>
          </>
        ) : null}
        {/* ---- end HealthImaging ---- */}
        <dt>Tiles</dt>
        <dd>
          {transferSyntaxName(info.transferSyntax)} <span className="muted">({info.tileContentType})</span>
        </dd>
        <dt>Decoding</dt>
        <dd data-testid="slide-info-decoding">
          {decoding ? (
            <>
              in {decoding.workers} of {decoding.size} workers
              <span className="muted">
                {' '}
                (
                {Object.entries(decoding.decoded)
                  .map(([codec, n]) => `${codec} ${formatInt(n)}`)
                  .join(', ') || 'nothing yet'}
                )
              </span>
            </>
          ) : (
            'by the browser (JPEG as stored)'
          )}
        </dd>
        {info.acquisitionDate ? (
          <>
            <dt>Scanned</dt>
            <dd className="tabular">{info.acquisitionDate}</dd>
          </>
        ) : null}
        {info.pixelFormat ? (
          <>
            <dt>Pixels</dt>
            <dd className="tabular">
              {info.pixelFormat.photometricInterpretation}, {info.pixelFormat.samplesPerPixel} × {info.pixelFormat.bitsStored}{' '}
              bits
            </dd>
          </>
        ) : null}
        <dt>Focal planes</dt>
        <dd className="tabular">
          {info.focalPlanes} · optical paths {info.opticalPaths.length || 1}
        </dd>
        <dt>Series UID</dt>
        <dd className="mono small-break">{info.seriesInstanceUID}</dd>
        <dt>Drawer</dt>
        <dd>
          {drawer.software ? 'Canvas 2D' : 'WebGL'} <span className="muted">({drawer.renderer})</span>
        </dd>
        <dt>Whole-slide view</dt>
        <dd>
          {lowest.kind === 'thumbnail'
            ? 'from the thumbnail image (1 request)'
            : `from level ${lowest.dicomIndex} (${formatInt(pyramid.lowestLevelTiles)} tiles)`}
        </dd>
      </dl>
      <table className="levels-table tabular">
        <thead>
          <tr>
            <th>Level</th>
            <th>Size (px)</th>
            <th>Tile</th>
            <th>Tiles</th>
            <th>Downsample</th>
          </tr>
        </thead>
        <tbody>
          {dicomLevels.map((l) => (
            <tr key={`${l.index}-${l.width}`}>
              <td>{l.index}</td>
              <td>
                {formatInt(l.width)} × {formatInt(l.height)}
              </td>
              <td>
                {l.tileWidth}×{l.tileHeight}
              </td>
              <td>
                {formatInt(l.columns)} × {formatInt(l.rows)}
                {l.tileCount < l.columns * l.rows ? <span className="muted"> (sparse: {formatInt(l.tileCount)})</span> : null}
              </td>
              <td>{Number(l.downsample.toFixed(2))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
