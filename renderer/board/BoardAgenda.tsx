/**
 * The agenda bar of tumor-board mode: the case's steps (slides and their flagged regions, flagged
 * variants, ctDNA) in order,
 * the current one marked. A click or ←/→ (PageUp/PageDown, as presentation clickers send) moves to
 * a step: the panes follow through the shared selection and the step's pane is outlined.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { CaseSummary } from '../../shared/model/case.js';
import { api } from '../api/index.js';
import { useFlags } from '../flags/flagsStore.js';
import { useAsync } from '../util/useAsync.js';
import { selection } from '../selection/selectionStore.js';
import { ChartIcon, DnaIcon, SlideIcon } from '../ui/icons.js';
import { buildAgenda } from './agenda.js';
import { agendaFocus, agendaRegion } from './agendaFocus.js';
import './board.css';

const ICONS = {
  slide: <SlideIcon />,
  region: <span aria-hidden="true">⚑</span>,
  variant: <DnaIcon />,
  ctdna: <ChartIcon />,
} as const;

/** Keys typed into a field are the user's, not the agenda's. */
const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));

export function BoardAgenda({ summary }: { summary: CaseSummary }) {
  const flags = useFlags();
  // Slide regions flagged for discussion, as they are when the board starts.
  const regions = useAsync(() => api.call('annotations.flagged', {}), [summary]);
  const steps = useMemo(
    () => buildAgenda(summary, flags, regions.status === 'ready' ? regions.value : []),
    [summary, flags, regions],
  );
  const [current, setCurrent] = useState<number | null>(null);

  const go = useCallback(
    (index: number) => {
      const step = steps[index];
      if (!step) return;
      setCurrent(index);
      agendaFocus.set(step.pane);
      selection.publish('agenda', step.select);
      agendaRegion.set(step.region ?? null);
    },
    [steps],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // A pane that took the key (the slide viewer pans, the ctDNA chart steps) keeps it.
      if (event.defaultPrevented || typing(event.target) || event.altKey || event.ctrlKey || event.metaKey) return;
      const forward = event.key === 'ArrowRight' || event.key === 'PageDown';
      const back = event.key === 'ArrowLeft' || event.key === 'PageUp';
      if (!forward && !back) return;
      event.preventDefault();
      go(current === null ? 0 : Math.max(0, Math.min(steps.length - 1, current + (forward ? 1 : -1))));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [current, go, steps.length]);
  useEffect(
    () => () => {
      agendaFocus.set(null);
      agendaRegion.set(null);
    },
    [],
  );

  if (steps.length === 0) return null;
  return (
    <nav className="board-agenda" aria-label="Tumor-board agenda" data-testid="board-agenda">
      <span className="board-agenda-title">Agenda</span>
      <ol>
        {steps.map((step, index) => (
          <li key={step.id}>
            <button
              type="button"
              className={`agenda-step${index === current ? ' is-current' : ''}`}
              aria-current={index === current ? 'step' : undefined}
              onClick={() => go(index)}
              data-testid="agenda-step"
              data-kind={step.kind}
            >
              <span className="agenda-number tabular">{index + 1}</span>
              {ICONS[step.kind]}
              <span className="agenda-label">{step.label}</span>
            </button>
          </li>
        ))}
      </ol>
      <span className="board-agenda-hint">← → to step</span>
    </nav>
  );
}
