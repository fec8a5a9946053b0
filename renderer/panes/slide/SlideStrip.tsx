/**
 * The case's slides side by side: thumbnail, name, specimen, stain, scan date. Click to open one.
 * A slide with an ICC profile shows its thumbnail through it while its colour management is on
 * (the default; C in the viewer switches it, and the thumbnail follows).
 */
import type { SlideRef } from '../../../shared/model/case.js';
import type { SlideInfo } from '../../../shared/model/slide.js';
import { api } from '../../api/index.js';
import { SlideIcon } from '../../ui/icons.js';
import { useAsync } from '../../util/useAsync.js';
import { isFluorescence } from './channels.js';
import { registerSlideColour } from './colour/slideColourKey.js';
import { useColourOffSlides } from './colour/colourChoice.js';
import { decoderPool } from './decode/decoderPool.js';
import { DecodedImage } from './DecodedImage.js';

type Card = { info: SlideInfo; colour: string | null };

/** A slide's details and, when it has a profile (and is not fluorescence), its colour transform's key. */
async function cardOf(slideId: string): Promise<Card | null> {
  const info = await api.call('slides.info', { slideId }).catch(() => null);
  if (!info) return null;
  if (isFluorescence(info.opticalPaths, info.pixelFormat?.samplesPerPixel)) return { info, colour: null };
  // A profile that cannot be applied is reported by the viewer; the thumbnail is then as stored.
  const colour = await api.call('slides.colour', { slideId }).catch(() => null);
  return { info, colour: colour ? registerSlideColour(decoderPool(), slideId, colour) : null };
}

export function SlideStrip({
  slides,
  selected,
  version,
  onSelect,
}: {
  slides: SlideRef[];
  selected: string | null;
  version: number;
  onSelect(id: string): void;
}) {
  const colourOff = useColourOffSlides();
  const cards = useAsync(() => Promise.all(slides.map((s) => cardOf(s.id))), [slides.map((s) => s.id).join(','), version]);
  const byId = new Map<string, Card | null>();
  if (cards.status === 'ready') slides.forEach((s, i) => byId.set(s.id, cards.value[i]));
  return (
    <div className="slide-strip" role="listbox" aria-label={`${slides.length} slides`} data-testid="slide-strip">
      {slides.map((slide) => {
        const card = byId.get(slide.id);
        const info = card?.info;
        const thumb = info?.associated.find((a) => a.type === 'THUMBNAIL') ?? info?.associated.find((a) => a.type === 'OVERVIEW');
        const details = [info?.specimenDescription, info?.stain, info?.acquisitionDate].filter(Boolean);
        return (
          <button
            key={slide.id}
            type="button"
            role="option"
            aria-selected={slide.id === selected}
            className={`slide-card${slide.id === selected ? ' selected' : ''}`}
            onClick={() => onSelect(slide.id)}
            title={[slide.name, ...details].join(' · ')}
            data-testid="slide-card"
          >
            <span className={`slide-card-thumb${thumb ? '' : ' empty'}`}>
              {thumb ? (
                <DecodedImage
                  url={thumb.url}
                  contentType={thumb.contentType}
                  pixelFormat={thumb.pixelFormat}
                  width={thumb.width}
                  height={thumb.height}
                  colour={colourOff.has(slide.id) ? null : card?.colour}
                  alt=""
                />
              ) : (
                <SlideIcon />
              )}
            </span>
            <span className="slide-card-text">
              <span className="slide-card-name">{slide.name}</span>
              <span className="slide-card-details muted">{details.join(' · ') || '\u00a0'}</span>
            </span>
          </button>
        );
      })}
    </div>
  );
}
