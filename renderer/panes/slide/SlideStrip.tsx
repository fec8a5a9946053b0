/** The case's slides side by side: thumbnail, name, specimen, stain, scan date. Click to open one. */
import type { SlideRef } from '../../../shared/model/case.js';
import type { SlideInfo } from '../../../shared/model/slide.js';
import { api } from '../../api/index.js';
import { SlideIcon } from '../../ui/icons.js';
import { useAsync } from '../../util/useAsync.js';
import { DecodedImage } from './DecodedImage.js';

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
  const infos = useAsync(
    () => Promise.all(slides.map((s) => api.call('slides.info', { slideId: s.id }).catch(() => null))),
    [slides.map((s) => s.id).join(','), version],
  );
  const byId = new Map<string, SlideInfo | null>();
  if (infos.status === 'ready') slides.forEach((s, i) => byId.set(s.id, infos.value[i]));
  return (
    <div className="slide-strip" role="listbox" aria-label={`${slides.length} slides`} data-testid="slide-strip">
      {slides.map((slide) => {
        const info = byId.get(slide.id);
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
