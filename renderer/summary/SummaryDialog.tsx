/**
 * "One-page summary": asks whether the patient's identifiers go on the page, gathers the data, and
 * prints the page (the browser's or Electron's print-to-PDF; the print stylesheet shows only it) or
 * saves it as a PNG.
 */
import { useEffect, useRef, useState } from 'react';
import type { CaseSummary } from '../../shared/model/case.js';
import { api } from '../api/index.js';
import { Dialog } from '../app/Dialog.js';
import { gatherSummary, type SummaryData } from './summaryData.js';
import { download } from '../util/download.js';
import { SummaryPage } from './SummaryPage.js';
import { summaryFileName, summaryPng } from './summaryPng.js';

export function SummaryDialog({ open, onClose, summary }: { open: boolean; onClose(): void; summary: CaseSummary | null }) {
  const [showIdentifiers, setShowIdentifiers] = useState(false);
  const [data, setData] = useState<SummaryData | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [capturing, setCapturing] = useState(false);
  const page = useRef<HTMLElement>(null);
  const [savedPdf, setSavedPdf] = useState<string | null>(null);
  // Electron prints to PDF itself (and asks where to save); a browser's print dialog does it there.
  const [hostPrints, setHostPrints] = useState(false);
  useEffect(() => {
    void api.call('app.info', {}).then(
      (info) => setHostPrints(info.host === 'electron'),
      () => setHostPrints(false),
    );
  }, []);

  const print = async () => {
    if (!hostPrints || !summary) return window.print();
    setProblem(null);
    try {
      const { path } = await api.call('summary.savePdf', { fileName: summaryFileName(summary.title, 'pdf') });
      setSavedPdf(path);
    } catch (error) {
      setProblem(`The PDF could not be saved: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  // The page is laid out for the capture first (data-capture), then drawn.
  useEffect(() => {
    if (!capturing || !page.current || !summary) return;
    let live = true;
    summaryPng(page.current)
      .then((blob) => live && download(blob, summaryFileName(summary.title, 'png')))
      .catch(
        (error: unknown) =>
          live && setProblem(`The PNG could not be made: ${error instanceof Error ? error.message : String(error)}`),
      )
      .finally(() => live && setCapturing(false));
    return () => {
      live = false;
    };
  }, [capturing, summary]);

  const prepare = async () => {
    if (!summary) return;
    setBusy(true);
    setProblem(null);
    try {
      setData(await gatherSummary(summary));
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  const close = () => {
    setData(null);
    setSavedPdf(null);
    onClose();
  };

  return (
    <>
      <Dialog
        open={open}
        title="One-page summary"
        onClose={close}
        testId="summary-dialog"
        footer={
          <>
            {data ? (
              <>
                <button
                  type="button"
                  className="btn"
                  onClick={() => setCapturing(true)}
                  disabled={capturing}
                  data-testid="summary-png"
                >
                  {capturing ? 'Drawing…' : 'Save as PNG'}
                </button>
                <button type="button" className="btn primary" onClick={() => void print()} data-testid="summary-print">
                  {hostPrints ? 'Save as PDF…' : 'Print or save as PDF…'}
                </button>
              </>
            ) : (
              <button
                type="button"
                className="btn primary"
                onClick={() => void prepare()}
                disabled={busy || !summary}
                data-testid="summary-prepare"
              >
                {busy ? 'Preparing…' : 'Prepare the page'}
              </button>
            )}
          </>
        }
      >
        <p>
          The page holds the patient, the slide as it is on screen with its scale, the variants for discussion (PASS, coding, VAF
          ≥ 5 %), the ctDNA chart with its events, and the notes and recommendation.
        </p>
        <label className="summary-option">
          <input
            type="checkbox"
            checked={showIdentifiers}
            onChange={(e) => setShowIdentifiers(e.target.checked)}
            data-testid="summary-identifiers"
          />{' '}
          Show the patient's name, ID and birth date on the page
        </label>
        {data ? (
          <p data-testid="summary-ready">
            {hostPrints
              ? 'Ready: “Save as PNG” or “Save as PDF…”.'
              : 'Ready: “Save as PNG”, or “Print or save as PDF…” and choose “Save as PDF”.'}
          </p>
        ) : null}
        {savedPdf ? (
          <p data-testid="summary-saved">
            Saved: <span className="mono">{savedPdf}</span>
          </p>
        ) : null}
        {problem ? <p role="alert">{problem}</p> : null}
      </Dialog>
      {open && data && summary ? (
        <SummaryPage summary={summary} data={data} showIdentifiers={showIdentifiers} capture={capturing} pageRef={page} />
      ) : null}
    </>
  );
}
