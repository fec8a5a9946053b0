import type { MethodName } from '../../shared/contract.js';
import { Settings } from '../../shared/model/settings.js';
import type { AppServices } from '../services/app.js';

/** The current settings through the contract, checked against their schema; undefined if unreadable. */
export async function readSettings(services: Pick<AppServices, 'dispatch'>): Promise<Settings | undefined> {
  const envelope = await services.dispatch('settings.get' satisfies MethodName, {});
  if (!envelope.ok) return undefined;
  const parsed = Settings.safeParse(envelope.value);
  return parsed.success ? parsed.data : undefined;
}
