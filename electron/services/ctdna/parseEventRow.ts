/** One events row -> a CtdnaEvent (surgery, treatment, imaging …), or the reason it is rejected. */
import { CtdnaEventType, type CtdnaEvent } from '../../../shared/model/ctdna.js';
import { quoted, type RowCells } from './csvLayout.js';
import { isoDate } from './isoDate.js';
import type { RowOutcome } from './parseResultRow.js';

export function parseEventRow(cells: RowCells): RowOutcome<CtdnaEvent> {
  const typeText = cells('type');
  const type = CtdnaEventType.safeParse(typeText?.toLowerCase());
  if (!type.success) return { rejected: `type ${quoted(typeText ?? '')} is not one of ${CtdnaEventType.options.join(', ')}` };
  const label = cells('label');
  if (!label) return { rejected: 'no label' };
  const startText = cells('start');
  const start = startText === undefined ? undefined : isoDate(startText);
  if (!start) return { rejected: `start ${quoted(startText ?? '')} is not an ISO 8601 date (YYYY-MM-DD)` };
  const endText = cells('end');
  const end = endText === undefined ? undefined : isoDate(endText);
  if (endText !== undefined && !end) return { rejected: `end ${quoted(endText)} is not an ISO 8601 date (YYYY-MM-DD)` };
  if (end !== undefined && end < start) return { rejected: `end ${end} is before start ${start}` };
  const event: CtdnaEvent = { type: type.data, label, start };
  if (end !== undefined) event.end = end;
  const result = cells('result');
  if (result !== undefined) event.result = result;
  const specimenId = cells('specimen_id');
  if (specimenId !== undefined) event.specimenId = specimenId;
  return { ok: event, notes: [] };
}
