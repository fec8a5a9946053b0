/**
 * The Node side of Triptych as one object, built the same way by both hosts (the Electron shell
 * and the HTTP host): contract dispatch, the binary handler, and pushed events.
 */
import type { Envelope, EventName, PayloadOf } from '../../shared/contract.js';
import type { BinaryService } from './binary/binaryHandler.js';

export type Emit = <E extends EventName>(event: E, payload: PayloadOf<E>) => void;

export interface AppServices {
  /** Validate params against the contract, run the method, answer with the envelope. Never throws. */
  dispatch(method: string, params: unknown): Promise<Envelope<unknown>>;
  /** The one binary handler: GET /binary/... (tiles, associated images, byte ranges of case files). */
  binary(request: Request): Promise<Response>;
  /** The same handler without WHATWG objects, for the HTTP host's Node mount. */
  serveBinary: BinaryService;
  /**
   * Open a case folder from outside the page (CLI, menu, launch). Without a path: the case opened
   * last, if its folder is still there (reopen on launch), else the demo.
   */
  openCase(path: string | undefined): Promise<void>;
  dispose(): Promise<void>;
}

export interface AppOptions {
  /** Where settings, the demo case and caches live (Electron: app.getPath('userData')). */
  dataDir: string;
  host: 'electron' | 'http';
  /** Push an event to the page(s). */
  emit: Emit;
  /**
   * Print the page to PDF and save it where the user says (Electron only): the path, or null when
   * cancelled. Absent in the HTTP host, where the browser's own print dialog does it.
   */
  saveSummaryPdf?: (fileName: string) => Promise<string | null>;
}
