import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/model/settings.js';
import { SettingsStore } from '../../../electron/services/settings/settingsStore.js';

const freshDir = () => mkdtempSync(join(tmpdir(), 'triptych-settings-'));

describe('settings store', () => {
  it('starts from the defaults and keeps what is updated, across instances', async () => {
    const dir = freshDir();
    const store = new SettingsStore(dir);
    expect(await store.get()).toEqual(DEFAULT_SETTINGS);
    await store.update({ theme: 'light', layout: { sizes: [60, 20, 20], collapsed: ['ctdna'], maximized: null } });
    const reread = await new SettingsStore(dir).get();
    expect(reread.theme).toBe('light');
    expect(reread.layout.collapsed).toEqual(['ctdna']);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('falls back to the defaults when the file is damaged', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'settings.json'), '{"theme": "light", "layout": ');
    expect(await new SettingsStore(dir).get()).toEqual(DEFAULT_SETTINGS);
  });

  it('refuses values outside the schema', async () => {
    const store = new SettingsStore(freshDir());
    await expect(store.update({ theme: 'purple' as never })).rejects.toThrow();
    expect((await store.get()).theme).toBe('dark');
  });

  it('keeps the ten most recent cases, newest first, without duplicates', async () => {
    const dir = freshDir();
    const store = new SettingsStore(dir);
    for (let i = 0; i < 12; i++) await store.addRecentCase(`/cases/${i}`);
    await store.addRecentCase('/cases/5');
    const recent = JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')).recentCases;
    expect(recent[0]).toBe('/cases/5');
    expect(recent).toHaveLength(10);
    expect(new Set(recent).size).toBe(10);
  });
});
