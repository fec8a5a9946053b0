/** The comparison as the case session keeps it (shared/model/session.ts, `compare`). */
import type { CaseUiSession } from '../../../../shared/model/session.js';

export type CompareState = NonNullable<CaseUiSession['compare']>;
