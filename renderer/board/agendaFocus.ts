/**
 * What the tumor-board agenda's current step points at: the pane the frame outlines, and a slide
 * region (a flagged annotation's bounds, level-0 pixels) the slide viewer flies to.
 */
import type { PaneId } from '../../shared/model/settings.js';
import { createStore, useStore } from '../util/store.js';

export const agendaFocus = createStore<PaneId | null>(null);
export const useAgendaPane = (): PaneId | null => useStore(agendaFocus);

export type AgendaRegion = { slideId: string; x: number; y: number; width: number; height: number };
export const agendaRegion = createStore<AgendaRegion | null>(null);
export const useAgendaRegion = (): AgendaRegion | null => useStore(agendaRegion);
