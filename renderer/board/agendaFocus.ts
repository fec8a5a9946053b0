/** The pane the tumor-board agenda's current step is about; the pane frame outlines it. */
import type { PaneId } from '../../shared/model/settings.js';
import { createStore, useStore } from '../util/store.js';

export const agendaFocus = createStore<PaneId | null>(null);
export const useAgendaPane = (): PaneId | null => useStore(agendaFocus);
