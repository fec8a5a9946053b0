/**
 * The slide's associated images: thumbnail and overview on request, the label only when asked for;
 * through the slide's colour transform while colour management is on, like its tiles.
 */
import type { AssociatedImage, SlideInfo } from '../../../shared/model/slide.js';
import { CloseIcon } from '../../ui/icons.js';
import { DecodedImage } from './DecodedImage.js';

const TITLES: Record<AssociatedImage['type'], string> = {
  THUMBNAIL: 'Thumbnail',
  OVERVIEW: 'Overview (macro)',
  LABEL: 'Label',
};

export function AssociatedPanel({
  info,
  which,
  colour,
  onClose,
}: {
  info: SlideInfo;
  which: 'images' | 'label';
  /** The colour transform's key in the decoder pool, when colour management is on. */
  colour: string | null;
  onClose(): void;
}) {
  const images = info.associated.filter((a) => (which === 'label' ? a.type === 'LABEL' : a.type !== 'LABEL'));
  return (
    <div
      className="floating-panel associated-panel"
      role="dialog"
      aria-label={which === 'label' ? 'Slide label' : 'Slide images'}
      data-testid={`slide-${which}-panel`}
    >
      <header className="floating-header">
        <span>{which === 'label' ? 'Slide label' : 'Slide images'}</span>
        <button type="button" className="icon-btn" onClick={onClose} aria-label="Close">
          <CloseIcon />
        </button>
      </header>
      {which === 'label' ? <p className="floating-note">The label may show the patient's name or other identifiers.</p> : null}
      <div className="associated-list">
        {images.map((a) => (
          <figure key={a.type} className="associated-item">
            <DecodedImage
              url={a.url}
              contentType={a.contentType}
              pixelFormat={a.pixelFormat}
              width={a.width}
              height={a.height}
              alt={TITLES[a.type]}
              colour={colour}
              testId={`slide-associated-${a.type.toLowerCase()}`}
            />
            <figcaption>
              {TITLES[a.type]}{' '}
              <span className="muted tabular">
                {a.width} × {a.height}
              </span>
            </figcaption>
          </figure>
        ))}
      </div>
    </div>
  );
}
