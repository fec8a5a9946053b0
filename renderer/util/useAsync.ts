import { useCallback, useEffect, useRef, useState } from 'react';
import { asTriptychError, type TriptychError } from '../api/index.js';

export type AsyncState<T> =
  | { status: 'idle'; value?: undefined; error?: undefined }
  | { status: 'loading'; value?: undefined; error?: undefined }
  | { status: 'error'; value?: undefined; error: TriptychError }
  | { status: 'ready'; value: T; error?: undefined };

/**
 * Run `load` whenever `deps` change (or `retry` is called); stale answers are dropped.
 * `load` returning undefined means "nothing to load" (status idle).
 */
export function useAsync<T>(load: (() => Promise<T>) | null, deps: readonly unknown[]): AsyncState<T> & { retry(): void } {
  const [state, setState] = useState<AsyncState<T>>(load ? { status: 'loading' } : { status: 'idle' });
  const [attempt, setAttempt] = useState(0);
  const serial = useRef(0);

  useEffect(() => {
    const id = ++serial.current;
    if (!load) {
      setState({ status: 'idle' });
      return;
    }
    setState({ status: 'loading' });
    load().then(
      (value) => {
        if (id === serial.current) setState({ status: 'ready', value });
      },
      (error: unknown) => {
        if (id === serial.current) setState({ status: 'error', error: asTriptychError(error) });
      },
    );
    return () => {
      // Invalidate this run: a late answer for old deps must not overwrite newer state.
      if (id === serial.current) serial.current++;
    };
  }, [...deps, attempt]);

  const retry = useCallback(() => setAttempt((a) => a + 1), []);
  return { ...state, retry };
}
