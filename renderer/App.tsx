import { useCallback, useEffect, useRef, useState } from 'react';
import type { Layout } from '../shared/model/settings.js';
import { api } from './api/index.js';
import { AboutDialog } from './app/AboutDialog.js';
import { useCase } from './app/useCase.js';
import { useFileDrop, type DropOutcome } from './app/useFileDrop.js';
import { useSettings } from './app/useSettings.js';
// ---- HealthOmics (#10) ----
import { AddFromHealthOmicsDialog } from './healthomics/AddFromHealthOmicsDialog.js';
// ---- end HealthOmics ----
// ---- HealthImaging (#9) ----
import { AddFromHealthImagingDialog } from './healthimaging/AddFromHealthImagingDialog.js';
// ---- end HealthImaging ----
import { OpenCaseDialog } from './header/OpenCaseDialog.js';
import { BoardAgenda } from './board/BoardAgenda.js';
import { LaserPointer } from './board/LaserPointer.js';
import { useBoardMode } from './board/boardMode.js';
import { PatientHeader } from './header/PatientHeader.js';
import { variantFlags } from './flags/flagsStore.js';
import { NotesDialog } from './notes/NotesDialog.js';
import { caseSession } from './session/caseSession.js';
import { useSessionRestore } from './session/useSessionRestore.js';
import { StartScreen } from './start/StartScreen.js';
import { SummaryDialog } from './summary/SummaryDialog.js';
import { sameLayout } from './layout/layoutModel.js';
import { Workspace, type WorkspaceHandle } from './layout/Workspace.js';
import { CtdnaPane } from './panes/ctdna/CtdnaPane.js';
import { SlidePane } from './panes/slide/SlidePane.js';
import { VariantsPane } from './panes/variants/VariantsPane.js';
import { installPalette } from './theme/palette.js';
import { AlertIcon, ChartIcon, CloseIcon, DnaIcon, FolderOpenIcon, SlideIcon } from './ui/icons.js';
import './App.css';

type Notice = { id: number; kind: 'info' | 'error'; text: string; file?: string };

export function App() {
  const { settings, loaded, problem, update, updateSoon } = useSettings();
  const kase = useCase();
  const workspace = useRef<WorkspaceHandle>(null);
  const [openDialog, setOpenDialog] = useState(false);
  const [about, setAbout] = useState(false);
  const [healthOmicsOpen, setHealthOmicsOpen] = useState(false); // HealthOmics (#10)
  const [healthImagingOpen, setHealthImagingOpen] = useState(false); // HealthImaging (#9)
  const [notes, setNotes] = useState(false);
  const [summaryOpen, setSummaryOpen] = useState(false);
  const board = useBoardMode();
  const [notices, setNotices] = useState<Notice[]>([]);

  const notify = useCallback((n: Omit<Notice, 'id'>) => {
    const id = Date.now() + Math.random();
    setNotices((list) => [...list.slice(-2), { ...n, id }]);
    if (n.kind === 'info') setTimeout(() => setNotices((list) => list.filter((x) => x.id !== id)), 9000);
  }, []);

  useEffect(() => installPalette(settings.theme), [settings.theme]);
  // The open case's flagged variants and where the user left it, loaded with each case.
  useEffect(() => {
    if (!kase.summary) return;
    void variantFlags.load();
    void caseSession.load(kase.version, kase.summary.root);
  }, [kase.summary, kase.version]);
  useSessionRestore(kase.version, workspace);
  useEffect(() => {
    if (problem) notify({ kind: 'error', text: problem });
  }, [problem, notify]);

  const toggleTheme = useCallback(
    () => update({ theme: settings.theme === 'dark' ? 'light' : 'dark' }),
    [settings.theme, update],
  );

  const themeRef = useRef(toggleTheme);
  themeRef.current = toggleTheme;
  useEffect(
    () =>
      api.on('menu.command', ({ command }) => {
        if (command === 'toggle-theme') themeRef.current();
        else if (command === 'reset-layout') workspace.current?.resetLayout();
        else if (command === 'about') setAbout(true);
        else if (command === 'toggle-pane-slide') workspace.current?.togglePane('slide');
        else if (command === 'toggle-pane-variants') workspace.current?.togglePane('variants');
        else if (command === 'toggle-pane-ctdna') workspace.current?.togglePane('ctdna');
      }),
    [],
  );

  const openPath = useCallback(
    async (path: string) => {
      await kase.open(path);
      const recent = [path, ...settings.recentCases.filter((r) => r !== path)].slice(0, 10);
      update({ recentCases: recent });
    },
    [kase, settings.recentCases, update],
  );

  const onDrop = useCallback(
    (outcome: DropOutcome) => {
      if (outcome.kind === 'path') {
        openPath(outcome.path).catch((e: { message: string; file?: string }) =>
          notify({ kind: 'error', text: `The case could not be opened: ${e.message}`, file: e.file }),
        );
      } else {
        notify({
          kind: 'info',
          text: `A browser page cannot know where “${outcome.name}” is on disk. Use “Open case…” and paste the folder's path.`,
        });
        setOpenDialog(true);
      }
    },
    [notify, openPath],
  );
  const dragging = useFileDrop(onDrop);

  // Persist layout changes (debounced), but not the echo of the layout just restored.
  const savedLayout = useRef(settings.layout);
  savedLayout.current = settings.layout;
  const onLayoutChange = useCallback(
    (layout: Layout) => {
      caseSession.save({ layout });
      if (!sameLayout(layout, savedLayout.current)) updateSoon({ layout });
    },
    [updateSoon],
  );

  const opening =
    kase.state.status === 'opening'
      ? { what: kase.state.what, progress: kase.state.progress }
      : kase.state.status === 'starting'
        ? { what: 'Looking for the open case…', progress: null }
        : null;
  const paneProps = { summary: kase.summary, version: kase.version, opening };

  return (
    <div className="app">
      <PatientHeader
        summary={kase.summary}
        busy={kase.state.status === 'opening' ? { what: kase.state.what, progress: kase.state.progress } : null}
        showName={settings.showPatientName}
        onToggleName={() => update({ showPatientName: !settings.showPatientName })}
        theme={settings.theme}
        onToggleTheme={toggleTheme}
        onOpenCase={() => setOpenDialog(true)}
        onAbout={() => setAbout(true)}
        onNotes={() => setNotes(true)}
        onSummary={() => setSummaryOpen(true)}
        onHealthOmics={() => setHealthOmicsOpen(true)}
        onHealthImaging={() => setHealthImagingOpen(true)}
      />

      {kase.state.status === 'error' ? (
        <div className="case-error" role="alert" data-testid="case-error">
          <AlertIcon />
          <span>
            <strong>No case could be opened.</strong> {kase.state.error.message}
            {kase.state.error.file ? <span className="mono"> — {kase.state.error.file}</span> : null}
          </span>
          <span className="toolbar-spacer" />
          <button type="button" className="btn" onClick={kase.retry}>
            Retry
          </button>
          <button type="button" className="btn" onClick={() => setOpenDialog(true)}>
            <FolderOpenIcon /> Open case…
          </button>
        </div>
      ) : null}

      {notices.length ? (
        <div className="notices" aria-live="polite">
          {notices.map((n) => (
            <div key={n.id} className={`notice ${n.kind}`} role={n.kind === 'error' ? 'alert' : 'status'}>
              {n.kind === 'error' ? <AlertIcon /> : null}
              <span>
                {n.text}
                {n.file ? <span className="mono"> — {n.file}</span> : null}
              </span>
              <button
                type="button"
                className="icon-btn"
                aria-label="Dismiss"
                onClick={() => setNotices((l) => l.filter((x) => x.id !== n.id))}
              >
                <CloseIcon />
              </button>
            </div>
          ))}
        </div>
      ) : null}

      <main className="app-main">
        {loaded && kase.state.status === 'none' ? (
          <StartScreen
            recentPaths={settings.recentCases}
            onOpen={openPath}
            onOpenDialog={() => setOpenDialog(true)}
            onOpenDemo={kase.openDemo}
            onForget={(path) => update({ recentCases: settings.recentCases.filter((r) => r !== path) })}
          />
        ) : loaded ? (
          <Workspace
            ref={workspace}
            initialLayout={settings.layout}
            onLayoutChange={onLayoutChange}
            panes={{
              slide: { icon: <SlideIcon />, content: <SlidePane {...paneProps} /> },
              variants: { icon: <DnaIcon />, content: <VariantsPane {...paneProps} /> },
              ctdna: { icon: <ChartIcon />, content: <CtdnaPane {...paneProps} /> },
            }}
          />
        ) : null}
      </main>
      {board && kase.summary ? <BoardAgenda summary={kase.summary} /> : null}

      {dragging ? (
        <div className="drop-overlay" aria-hidden="true">
          <div className="drop-card">
            <FolderOpenIcon />
            <div>Drop a case folder to open it</div>
          </div>
        </div>
      ) : null}

      {/* ---- HealthOmics (#10) ---- */}
      <AddFromHealthOmicsDialog
        open={healthOmicsOpen}
        onClose={() => setHealthOmicsOpen(false)}
        connection={settings.aws}
        onConnection={(aws) => update({ aws })}
        subjectId={kase.summary?.patient.id}
      />
      {/* ---- end HealthOmics ---- */}
      {/* ---- HealthImaging (#9) ---- */}
      <AddFromHealthImagingDialog
        open={healthImagingOpen}
        onClose={() => setHealthImagingOpen(false)}
        connection={settings.aws}
        onConnection={(aws) => update({ aws })}
        patientId={kase.summary?.patient.id}
        remoteSlideCount={kase.summary?.slides.filter((s) => s.remoteUrl).length ?? 0}
      />
      {/* ---- end HealthImaging ---- */}

      <OpenCaseDialog
        open={openDialog}
        onClose={() => setOpenDialog(false)}
        onOpen={openPath}
        onOpenDemo={kase.openDemo}
        recent={settings.recentCases}
      />
      <AboutDialog open={about} onClose={() => setAbout(false)} />
      {board ? <LaserPointer /> : null}
      <SummaryDialog open={summaryOpen} onClose={() => setSummaryOpen(false)} summary={kase.summary} />
      <NotesDialog
        open={notes}
        onClose={() => setNotes(false)}
        caseKey={kase.summary ? `${kase.summary.root}#${kase.version}` : null}
      />
    </div>
  );
}
