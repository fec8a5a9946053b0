import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/model/settings.js';
import { api } from '../api/index.js';
import { debounce } from '../util/debounce.js';

const THEME_HINT = 'triptych.theme';

/** The theme to paint the first frame with, before 'settings.get' answers (avoids a flash). */
export function themeHint(): Settings['theme'] {
  try {
    return localStorage.getItem(THEME_HINT) === 'light' ? 'light' : 'dark';
  } catch {
    return 'dark';
  }
}

export type SettingsState = {
  settings: Settings;
  loaded: boolean;
  /** Why the settings could not be read or written, if they could not. */
  problem: string | null;
  /** Merge and persist now. */
  update(partial: Partial<Settings>): void;
  /** Merge now, persist after a pause (for layout changes that come in bursts). */
  updateSoon(partial: Partial<Settings>): void;
};

export function useSettings(): SettingsState {
  const [settings, setSettings] = useState<Settings>({ ...DEFAULT_SETTINGS, theme: themeHint() });
  const [loaded, setLoaded] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const pending = useRef<Partial<Settings>>({});

  useEffect(() => {
    let live = true;
    api.call('settings.get', {}).then(
      (s) => {
        if (!live) return;
        setSettings(s);
        setLoaded(true);
      },
      (error: Error) => {
        if (!live) return;
        setProblem(`Settings could not be read (${error.message}); using defaults.`);
        setLoaded(true);
      },
    );
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    try {
      localStorage.setItem(THEME_HINT, settings.theme);
    } catch {
      /* storage may be unavailable: the hint is only cosmetic */
    }
  }, [settings.theme]);

  const write = useMemo(
    () =>
      debounce(() => {
        const partial = pending.current;
        pending.current = {};
        if (Object.keys(partial).length === 0) return;
        api.call('settings.update', partial).then(
          () => setProblem(null),
          (error: Error) => setProblem(`Settings could not be saved: ${error.message}`),
        );
      }, 600),
    [],
  );

  useEffect(() => {
    const flush = () => write.flush();
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      write.flush();
    };
  }, [write]);

  const updateSoon = useCallback(
    (partial: Partial<Settings>) => {
      setSettings((s) => ({ ...s, ...partial }));
      pending.current = { ...pending.current, ...partial };
      write();
    },
    [write],
  );
  const update = useCallback(
    (partial: Partial<Settings>) => {
      updateSoon(partial);
      write.flush();
    },
    [updateSoon, write],
  );

  return { settings, loaded, problem, update, updateSoon };
}
