import { useEffect, useState } from 'react';
import type { CaseSummary } from '../../../shared/model/case.js';
import type { SlideInfo } from '../../../shared/model/slide.js';
import { api, TriptychError } from '../../api/index.js';
import { usePaneReport } from '../../layout/paneContext.js';
import { PaneEmpty, PaneError, PaneLoading } from '../../layout/PaneStates.js';
import { SlideIcon } from '../../ui/icons.js';
import { selection, useLinkedSelection } from '../../selection/selectionStore.js';
import { useAsync } from '../../util/useAsync.js';
import type { CasePaneProps } from '../types.js';
import { decoderFor } from './decode/pixels.js';
import { SlideStrip } from './SlideStrip.js';
import { transferSyntaxName } from './SlideInfoPanel.js';
import { SlideViewer } from './SlideViewer.js';
import { useDefaultWindow } from './useDefaultWindow.js';
import './slide.css';
// ---- two slides in step (#8) ----
import { caseSession, useCurrentSession } from '../../session/caseSession.js';
import { CompareBar } from './compare/CompareBar.js';
import type { CompareState } from './compare/compareState.js';
import { SlideCompare } from './compare/SlideCompare.js';
import type { SyncSide } from './compare/slideUnits.js';
import type { AlignStep } from './compare/useAlignByPoints.js';
// ---- end two slides in step ----

export function SlidePane({ summary, version, opening }: CasePaneProps) {
  const slides = summary?.slides ?? [];
  const [chosen, setSlideId] = useState<string | null>(null);
  const [fatal, setFatal] = useState<string | null>(null);
  // The chosen slide if the open case has it, else the case's first slide.
  const slideId = chosen && slides.some((s) => s.id === chosen) ? chosen : (slides[0]?.id ?? null);

  useEffect(() => setFatal(null), [summary, version]);

  // ---- two slides in step (#8) ----
  const [compare, setCompareState] = useState<CompareState | null>(null);
  const [align, setAlign] = useState<AlignStep>(null);
  const savedCompare = useCurrentSession()?.compare;
  useEffect(() => setCompareState(savedCompare ?? null), [savedCompare, version]);
  const setCompare = (next: CompareState) => {
    setCompareState(next);
    if (!next.open) setAlign(null);
    caseSession.save({ compare: next });
  };
  // ---- end two slides in step ----

  // Linking: a slide chosen elsewhere (the board agenda), or a specimen chosen in another pane,
  // brings up that slide, or the specimen's first.
  const linked = useLinkedSelection('slide');
  const linkedSlide = linked?.source === 'slide' ? undefined : linked?.slideId;
  const specimenSlide = summary?.specimens.find((s) => s.id === linked?.specimenId)?.slideIds[0];
  const wanted = linkedSlide ?? specimenSlide;
  useEffect(() => {
    if (wanted && slides.some((s) => s.id === wanted)) setSlideId(wanted);
    // Only when the linked choice changes: the user may pick another slide afterwards.
  }, [wanted]);

  // A slide picked here tells the other panes whose it is: its specimen and collection date.
  const pickSlide = (id: string) => {
    setSlideId(id);
    const specimen = summary?.specimens.find((s) => s.slideIds.includes(id));
    selection.publish('slide', { slideId: id, specimenId: specimen?.id, timepointDate: specimen?.collected });
  };

  const info = useAsync(slideId ? () => api.call('slides.info', { slideId }) : null, [slideId, version]);
  const slideName = slides.find((s) => s.id === slideId)?.name;

  const state =
    opening && !summary
      ? 'loading'
      : !summary || slides.length === 0
        ? 'empty'
        : fatal || info.status === 'error'
          ? 'error'
          : info.status === 'ready'
            ? 'ready'
            : 'loading';
  usePaneReport(state, slideName);

  if (!summary) {
    if (opening) return <PaneLoading label={opening.what} progress={opening.progress} />;
    return <NoCase />;
  }
  if (slides.length === 0) return <NoSlide summary={summary} />;

  const strip =
    slides.length > 1 ? <SlideStrip slides={slides} selected={slideId} version={version} onSelect={pickSlide} /> : null;

  let body;
  if (info.status === 'error') body = <PaneError error={info.error} onRetry={info.retry} title="The slide could not be read" />;
  else if (fatal)
    body = (
      <PaneError
        error={new TriptychError('BAD_FILE', fatal, slideName)}
        onRetry={() => {
          setFatal(null);
          info.retry();
        }}
        title="The slide could not be shown"
      />
    );
  else if (info.status !== 'ready') body = <PaneLoading label="Reading the slide…" />;
  else if (!decoderFor(info.value.tileContentType))
    body = (
      <PaneError
        error={
          new TriptychError(
            'UNSUPPORTED',
            `Its tiles are ${transferSyntaxName(info.value.transferSyntax)} (${info.value.tileContentType}), which this version cannot decode.`,
            info.value.name,
          )
        }
        title="This slide's compression is not supported"
      />
    );
  else if (info.value.levels.length === 0)
    body = (
      <PaneError
        error={new TriptychError('BAD_FILE', 'The slide has no pyramid level the viewer can read.', info.value.name)}
        onRetry={info.retry}
        title="The slide could not be shown"
      />
    );
  // ---- two slides in step (#8) ----
  else if (compare?.open && compare.slideId !== info.value.id && slides.some((s) => s.id === compare.slideId))
    body = (
      <SlideCompare
        key={`${info.value.id}:${version}`}
        left={info.value}
        compare={compare}
        version={version}
        onChange={setCompare}
        align={align}
        onAlign={setAlign}
        renderViewer={(shown, onView) => (
          <WindowedViewer key={`${shown.id}:${version}`} info={shown} onFatal={setFatal} onView={onView} />
        )}
      />
    );
  // ---- end two slides in step ----
  else body = <WindowedViewer key={`${info.value.id}:${version}`} info={info.value} onFatal={setFatal} />;

  return (
    <div className="slide-pane">
      {strip}
      {slideId && info.status === 'ready' ? (
        <CompareBar slides={slides} current={slideId} compare={compare} onChange={setCompare} align={align} onAlign={setAlign} />
      ) : null}
      {body}
    </div>
  );
}

/** The viewer, once a 16-bit monochrome slide's default window and the slide's colour transform are known. */
function WindowedViewer({
  info,
  onFatal,
  onView,
}: {
  info: SlideInfo;
  onFatal(message: string): void;
  onView?(view: SyncSide | null): void;
}) {
  const { window, range } = useDefaultWindow(info);
  // ---- slide colour (#8) ----
  // Asked before the viewer is made: a slide with a profile decodes its tiles in the workers.
  const colour = useAsync(() => api.call('slides.colour', { slideId: info.id }), [info.id]);
  if (colour.status === 'loading') return <PaneLoading label="Reading the slide's colour profile…" />;
  // ---- end slide colour ----
  if (window === undefined) return <PaneLoading label="Measuring the slide's value range…" />;
  return (
    <SlideViewer
      info={info}
      onFatal={onFatal}
      defaultWindow={window}
      dataRange={range}
      colour={colour.status === 'ready' ? colour.value : null}
      colourError={colour.status === 'error' ? colour.error.message : undefined}
      onView={onView}
    />
  );
}

function NoCase() {
  return (
    <PaneEmpty title="No case open" icon={<SlideIcon />}>
      Use <strong>Open case…</strong> at the top right and give the path of a case folder, or drop a folder on the window (desktop
      app).
    </PaneEmpty>
  );
}

function NoSlide({ summary }: { summary: CaseSummary }) {
  const unread = summary.files.filter((f) => f.kind === 'unknown' && /\.dcm$/i.test(f.name));
  return (
    <PaneEmpty title="No slide in this case" icon={<SlideIcon />}>
      <p>
        Add a DICOM whole-slide image — the <span className="mono">.dcm</span> files of one series (modality SM, VL Whole Slide
        Microscopy) — to <span className="mono">{summary.root}</span>, then open the case again.
      </p>
      {unread.length > 0 ? (
        <p className="muted">
          {unread.length} DICOM file{unread.length === 1 ? ' was' : 's were'} found but not recognized as a slide:{' '}
          {unread[0].detail ?? unread[0].name}
        </p>
      ) : null}
    </PaneEmpty>
  );
}
