/**
 * Tumor-board mode: the case presented to a room. Identifiers are masked whatever the user's own
 * setting (name, MRN, birth date; the slide label cannot be opened), type is larger, and the mouse
 * becomes a laser pointer. A small store, read by the header, the slide pane and the App.
 */
import { createStore, useStore } from '../util/store.js';

const board = createStore(false);

export const boardMode = {
  isOn: board.get,
  set(on: boolean): void {
    board.set(on);
    document.documentElement.classList.toggle('board-mode', on);
    // Full screen where the browser allows it (a user gesture started this); nothing else depends on it.
    if (on && !document.fullscreenElement) document.documentElement.requestFullscreen?.().catch(() => {});
    if (!on && document.fullscreenElement) document.exitFullscreen?.().catch(() => {});
  },
};

export const useBoardMode = (): boolean => useStore(board);
