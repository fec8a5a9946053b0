/**
 * The patient header: who and what this case is, at a glance — the way a tumor board reads it.
 * The patient name is masked until the eye button shows it (persisted in Settings.showPatientName).
 */
import type { CaseSummary } from '../../shared/model/case.js';
import { ageInYears, formatDate } from '../util/format.js';
import {
  BoardIcon,
  DnaIcon,
  EyeIcon,
  EyeOffIcon,
  FolderOpenIcon,
  InfoIcon,
  MoonIcon,
  NotesIcon,
  SlideIcon,
  SummaryIcon,
  SunIcon,
} from '../ui/icons.js';
import { HeaderAction } from './HeaderAction.js';
import { boardMode, useBoardMode } from '../board/boardMode.js';
import { CaseWarnings } from './CaseWarnings.js';
import { displayName, maskName } from './mask.js';
import type { Progress } from '../app/useCase.js';
import './header.css';

export type HeaderProps = {
  summary: CaseSummary | null;
  busy: { what: string; progress: Progress | null } | null;
  showName: boolean;
  onToggleName(): void;
  theme: 'dark' | 'light';
  onToggleTheme(): void;
  onOpenCase(): void;
  onAbout(): void;
  onNotes(): void;
  onSummary(): void;
  /** HealthOmics (#10): open "Add from HealthOmics". */
  onHealthOmics?(): void;
  /** HealthImaging (#9): open "Add from HealthImaging". */
  onHealthImaging?(): void;
};

const SEX: Record<string, string> = {
  M: 'Male',
  F: 'Female',
  O: 'Other',
  U: 'Unknown',
  male: 'Male',
  female: 'Female',
  other: 'Other',
  unknown: 'Unknown',
};

export function PatientHeader({
  summary,
  busy,
  showName,
  onToggleName,
  theme,
  onToggleTheme,
  onOpenCase,
  onAbout,
  onNotes,
  onSummary,
  onHealthOmics,
  onHealthImaging,
}: HeaderProps) {
  const board = useBoardMode();
  // In tumor-board mode identifiers are masked whatever the user's own setting.
  const nameShown = showName && !board;
  const p = summary?.patient;
  const patient = p && Object.values(p).some((v) => v) ? p : undefined;
  const age = ageInYears(patient?.birthDate);
  const name = patient?.name ? displayName(patient.name) : null;
  const pct = busy?.progress && busy.progress.total > 0 ? Math.min(100, (busy.progress.done / busy.progress.total) * 100) : null;

  return (
    <header className="app-header" data-testid="app-header">
      <div className="brand" aria-label="Triptych">
        <svg viewBox="0 0 20 20" width="20" height="20" aria-hidden="true">
          <rect x="1" y="3" width="5" height="14" rx="1.2" fill="var(--c-accent)" />
          <rect x="7.5" y="3" width="5" height="14" rx="1.2" fill="var(--c-accent)" opacity="0.65" />
          <rect x="14" y="3" width="5" height="14" rx="1.2" fill="var(--c-accent)" opacity="0.35" />
        </svg>
        <span className="brand-name">Triptych</span>
      </div>

      <div className="case-block">
        <div className="case-title-row">
          <h1 className="case-title" title={summary?.title}>
            {summary?.title ?? (busy ? busy.what : 'No case open')}
          </h1>
          {summary?.isDemo ? (
            <span className="badge" title="Synthetic data generated for demonstration">
              Demo · synthetic
            </span>
          ) : null}
          {summary ? <CaseWarnings warnings={summary.warnings} /> : null}
        </div>
        {summary && !board ? (
          <div className="case-source" title={summary.root}>
            {summary.root}
          </div>
        ) : null}
      </div>

      {patient ? (
        <dl className="patient" aria-label="Patient">
          <div className="patient-field patient-name-field">
            <dt>Patient</dt>
            <dd>
              <span
                className={`patient-name${nameShown ? '' : ' masked'}`}
                data-testid="patient-name"
                data-masked={!nameShown || undefined}
              >
                {name ? (nameShown ? name : maskName(name)) : '—'}
              </span>
              {name && !board ? (
                <button
                  type="button"
                  className="icon-btn small"
                  onClick={onToggleName}
                  aria-pressed={showName}
                  aria-label={showName ? 'Hide the patient name' : 'Show the patient name'}
                  title={showName ? 'Hide the patient name' : 'Show the patient name'}
                  data-testid="patient-name-toggle"
                >
                  {showName ? <EyeOffIcon /> : <EyeIcon />}
                </button>
              ) : null}
            </dd>
          </div>
          <div className="patient-field">
            <dt>ID</dt>
            <dd className="mono" data-testid="patient-id">
              {patient.id ? (board ? maskName(patient.id) : patient.id) : '—'}
            </dd>
          </div>
          <div className="patient-field">
            <dt>Sex</dt>
            <dd>{patient.sex ? (SEX[patient.sex] ?? patient.sex) : '—'}</dd>
          </div>
          <div className="patient-field">
            <dt>Age</dt>
            <dd className="tabular" title={patient.birthDate && nameShown ? `Born ${formatDate(patient.birthDate)}` : undefined}>
              {age !== null ? `${age} y` : '—'}
              {patient.birthDate && nameShown ? <span className="muted"> · b. {formatDate(patient.birthDate)}</span> : null}
            </dd>
          </div>
          <div className="patient-field patient-dx">
            <dt>Diagnosis</dt>
            <dd title={patient.diagnosis}>
              {patient.diagnosis ?? '—'}
              {patient.diagnosisDate ? <span className="muted tabular"> · {formatDate(patient.diagnosisDate)}</span> : null}
            </dd>
          </div>
        </dl>
      ) : (
        <div className="patient" />
      )}

      <div className="header-actions">
        <HeaderAction
          icon={<BoardIcon />}
          label={board ? 'Leave tumor board' : 'Tumor board'}
          className={board ? 'board-badge' : ''}
          onClick={() => boardMode.set(!board)}
          aria-pressed={board}
          disabled={!summary}
          title="Tumor-board mode: identifiers masked, larger type, laser pointer, full screen"
          data-testid="tumor-board-toggle"
        />
        <HeaderAction
          icon={<SummaryIcon />}
          label="Summary"
          title="The one-page summary, as PDF or PNG"
          onClick={onSummary}
          disabled={!summary}
          data-testid="open-summary"
        />
        <HeaderAction
          icon={<NotesIcon />}
          label="Notes"
          title="Case notes and the board's recommendation"
          onClick={onNotes}
          disabled={!summary}
          data-testid="open-notes"
        />
        {/* ---- HealthOmics (#10) ---- */}
        {onHealthOmics ? (
          <HeaderAction
            icon={<DnaIcon />}
            label="HealthOmics…"
            compact="soon"
            onClick={onHealthOmics}
            disabled={!summary}
            title="Add the patient's read sets from AWS HealthOmics to the case"
            data-testid="open-healthomics"
          />
        ) : null}
        {/* ---- end HealthOmics ---- */}
        {/* ---- HealthImaging (#9) ---- */}
        {onHealthImaging ? (
          <HeaderAction
            icon={<SlideIcon />}
            label="HealthImaging…"
            compact="soon"
            onClick={onHealthImaging}
            disabled={!summary}
            title="Add the patient's whole-slide images from AWS HealthImaging to the case"
            data-testid="open-healthimaging"
          />
        ) : null}
        {/* ---- end HealthImaging ---- */}
        <HeaderAction icon={<FolderOpenIcon />} label="Open case…" compact="soon" onClick={onOpenCase} data-testid="open-case" />
        <button
          type="button"
          className="icon-btn"
          onClick={onToggleTheme}
          aria-label={theme === 'dark' ? 'Switch to the light theme' : 'Switch to the dark theme'}
          title={theme === 'dark' ? 'Light theme' : 'Dark theme'}
          data-testid="theme-toggle"
          data-theme-current={theme}
        >
          {theme === 'dark' ? <SunIcon /> : <MoonIcon />}
        </button>
        <button
          type="button"
          className="icon-btn"
          onClick={onAbout}
          aria-label="About Triptych"
          title="About Triptych"
          data-testid="about"
        >
          <InfoIcon />
        </button>
      </div>

      {busy ? (
        <div
          className="header-progress"
          role="progressbar"
          aria-label={busy.what}
          aria-valuenow={busy.progress?.done}
          aria-valuemax={busy.progress?.total}
        >
          <div
            className={`header-progress-fill${pct === null ? ' indeterminate' : ''}`}
            style={pct === null ? undefined : { width: `${pct}%` }}
          />
        </div>
      ) : null}
    </header>
  );
}
