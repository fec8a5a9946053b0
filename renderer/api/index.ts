/**
 * The one module of the renderer that knows which host serves the page.
 *
 * - Electron: the preload put a `PreloadBridge` on `window.triptych` (one function per contract method).
 * - HTTP host: `POST /api/<method>` with the params as JSON, answered with an `Envelope`; events come
 *   from one shared `EventSource('/api/events')` with named events. Auth is a same-origin cookie.
 *
 * Everything else in the renderer imports `api` from here and sees only `TriptychApi` (+ the few
 * capabilities below), never the transport.
 */
import {
  HTTP_PATHS,
  TriptychError,
  events,
  methods,
  type Envelope,
  type EventName,
  type MethodName,
  type ParamsOf,
  type PayloadOf,
  type PreloadBridge,
  type ResultOf,
  type TriptychApi,
} from '../../shared/contract.js';

declare global {
  interface Window {
    triptych?: PreloadBridge;
  }
}

export type RendererApi = TriptychApi & {
  /** Absolute path of a dropped file or folder, when the host can tell (Electron); null in a browser. */
  pathForFile(file: File): string | null;
};

/** Check an answer against the contract, so a host that drifts from it fails loudly and in words. */
function validated<M extends MethodName>(method: M, value: unknown): ResultOf<M> {
  const parsed = methods[method].result.safeParse(value);
  if (parsed.success) return parsed.data as ResultOf<M>;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
  throw new TriptychError(
    'INTERNAL',
    `The host answered "${method}" with data this viewer does not understand${where}: ${issue?.message ?? 'invalid'}`,
  );
}

function unwrap<M extends MethodName>(method: M, envelope: Envelope<unknown>): ResultOf<M> {
  if (envelope && typeof envelope === 'object' && 'ok' in envelope) {
    if (envelope.ok) return validated(method, envelope.value);
    const error = envelope.error ?? { code: 'INTERNAL', message: 'Unknown error' };
    throw new TriptychError(error.code ?? 'INTERNAL', error.message ?? 'Unknown error', error.file);
  }
  throw new TriptychError('INTERNAL', `The host answered "${method}" without an envelope.`);
}

function parsePayload<E extends EventName>(event: E, data: unknown): PayloadOf<E> | undefined {
  const parsed = events[event].safeParse(data);
  if (parsed.success) return parsed.data as PayloadOf<E>;
  console.warn(`[triptych] ignored malformed "${event}" event`, parsed.error.issues[0]);
  return undefined;
}

function electronApi(bridge: PreloadBridge): RendererApi {
  return {
    async call(method, params) {
      const fn = bridge.methods[method] as ((p: unknown) => Promise<Envelope<unknown>>) | undefined;
      if (!fn) throw new TriptychError('UNKNOWN_METHOD', `The host does not provide "${method}".`);
      return unwrap(method, await fn(params ?? {}));
    },
    on(event, listener) {
      return bridge.on(event, (payload) => {
        const value = parsePayload(event, payload);
        if (value !== undefined) listener(value);
      });
    },
    pathForFile(file) {
      try {
        return bridge.pathForFile(file) || null;
      } catch {
        return null;
      }
    },
  };
}

function httpApi(): RendererApi {
  let source: EventSource | null = null;
  const eventSource = (): EventSource => {
    source ??= new EventSource(HTTP_PATHS.events);
    return source;
  };

  return {
    async call<M extends MethodName>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>> {
      let response: Response;
      try {
        response = await fetch(`${HTTP_PATHS.api}${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify(params ?? {}),
          credentials: 'same-origin',
        });
      } catch (error) {
        throw new TriptychError(
          'INTERNAL',
          `The Triptych host does not answer (${(error as Error).message}). Is it still running?`,
        );
      }
      const type = response.headers.get('content-type') ?? '';
      if (!type.includes('json')) {
        const hint =
          response.status === 401 || response.status === 403 ? ' Open the page from the link the host printed at start-up.' : '';
        throw new TriptychError('INTERNAL', `The host answered "${method}" with HTTP ${response.status}.${hint}`);
      }
      let envelope: Envelope<unknown>;
      try {
        envelope = (await response.json()) as Envelope<unknown>;
      } catch {
        throw new TriptychError('INTERNAL', `The host answered "${method}" with invalid JSON.`);
      }
      return unwrap(method, envelope);
    },
    on<E extends EventName>(event: E, listener: (payload: PayloadOf<E>) => void) {
      const handler = (message: MessageEvent<string>) => {
        let data: unknown;
        try {
          data = JSON.parse(message.data);
        } catch {
          console.warn(`[triptych] ignored non-JSON "${event}" event`);
          return;
        }
        const value = parsePayload(event, data);
        if (value !== undefined) listener(value);
      };
      const es = eventSource();
      es.addEventListener(event, handler as EventListener);
      return () => es.removeEventListener(event, handler as EventListener);
    },
    pathForFile() {
      return null;
    },
  };
}

function createApi(): RendererApi {
  const bridge = typeof window !== 'undefined' ? window.triptych : undefined;
  return bridge ? electronApi(bridge) : httpApi();
}

export const api: RendererApi = createApi();

export { TriptychError };

/** A thrown value as a TriptychError (anything else becomes INTERNAL with its message). */
export function asTriptychError(error: unknown): TriptychError {
  if (error instanceof TriptychError) return error;
  if (error instanceof Error) return new TriptychError('INTERNAL', error.message);
  return new TriptychError('INTERNAL', String(error));
}
