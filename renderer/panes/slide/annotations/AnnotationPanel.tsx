/**
 * The annotations of the slide, beside it: classes (shown or hidden, counts), the selected
 * annotation's class, label, colour and "for discussion" flag, the list (windowed: only the rows
 * in view are in the DOM; a click flies to the annotation), the read-only layers of the case's
 * DICOM bulk annotations, and QuPath GeoJSON import and export.
 */
import { useMemo, useRef, useState, type ChangeEvent } from 'react';
import type { Annotation, AnnotationClass, ImportedAnnotationLayer } from '../../../../shared/model/annotations.js';
import { measureShape, type PixelSpacing } from '../../../../shared/annotations/measure.js';
import { AlertIcon, CloseIcon, EyeIcon, EyeOffIcon } from '../../../ui/icons.js';
import { hexToRgb, rgbToHex } from '../channels.js';
import { classNameOf } from './annotationTools.js';
import type { SlideAnnotationsState } from './useSlideAnnotations.js';
import { colorOf, measurementText } from './useAnnotationOverlay.js';

const ROW_HEIGHT = 26;
const LIST_HEIGHT = 260;

export type ListedAnnotation = { annotation: Annotation; readOnly: boolean; layer?: string };

export type AnnotationPanelProps = {
  data: SlideAnnotationsState;
  listed: ListedAnnotation[];
  classes: AnnotationClass[];
  counts: Map<string, number>;
  hidden: ReadonlySet<string>;
  onToggleClass(name: string): void;
  onAddClass(c: AnnotationClass): void;
  selected: ListedAnnotation | null;
  onSelect(id: string, fly: boolean): void;
  onEdit(patch: Partial<Annotation>): void;
  onDelete(): void;
  spacing: PixelSpacing | null;
  onImport(file: File): void;
  onExport(): void;
  busy: string | null;
  notice: { kind: 'info' | 'error'; text: string } | null;
  onClose(): void;
};

export function AnnotationPanel(p: AnnotationPanelProps) {
  const { data } = p;
  const fileInput = useRef<HTMLInputElement>(null);
  return (
    <aside className="annotation-panel" aria-label="Annotations of this slide" data-testid="annotation-panel">
      <header className="floating-header">
        <span>Annotations</span>
        <SaveStatus data={data} />
        <button type="button" className="icon-btn" onClick={p.onClose} aria-label="Close the annotation list">
          <CloseIcon />
        </button>
      </header>

      {data.status === 'error' && data.error ? (
        <div className="annotation-error" role="alert" data-testid="annotation-load-error">
          <AlertIcon />{' '}
          <span>
            {data.error.file ? `${data.error.file}: ` : ''}
            {data.error.message}
          </span>
          <div className="annotation-actions">
            <button type="button" className="btn small" onClick={data.reload}>
              Try again
            </button>
            {data.error.code === 'BAD_FILE' ? (
              <button type="button" className="btn small" onClick={() => void data.setAside()} data-testid="annotation-set-aside">
                Set the file aside and start afresh
              </button>
            ) : null}
          </div>
        </div>
      ) : null}

      <ClassList {...p} />

      {p.selected ? <SelectedEditor {...p} selected={p.selected} /> : null}

      <AnnotationList
        listed={p.listed}
        selectedId={p.selected?.annotation.id ?? null}
        onSelect={p.onSelect}
        spacing={p.spacing}
      />

      {data.imported.length ? <ImportedLayers layers={data.imported} /> : null}

      <footer className="annotation-footer">
        <input
          ref={fileInput}
          type="file"
          accept=".geojson,.json,application/geo+json,application/json"
          hidden
          data-testid="annotation-import-file"
          onChange={(e: ChangeEvent<HTMLInputElement>) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) p.onImport(file);
          }}
        />
        <button
          type="button"
          className="btn small"
          onClick={() => fileInput.current?.click()}
          disabled={!!p.busy || data.status !== 'ready'}
          data-testid="annotation-import"
        >
          Import GeoJSON…
        </button>
        <button
          type="button"
          className="btn small"
          onClick={p.onExport}
          disabled={!!p.busy || data.status !== 'ready' || data.history.annotations.length === 0}
          data-testid="annotation-export"
        >
          Export GeoJSON
        </button>
        {p.busy ? (
          <span className="muted small" role="status">
            {p.busy}
          </span>
        ) : null}
      </footer>
      {p.notice ? (
        <div
          className={`annotation-notice ${p.notice.kind}`}
          role={p.notice.kind === 'error' ? 'alert' : 'status'}
          data-testid="annotation-notice"
        >
          {p.notice.text}
        </div>
      ) : null}
    </aside>
  );
}

function SaveStatus({ data }: { data: SlideAnnotationsState }) {
  const s = data.save;
  const where =
    data.location === 'app-data'
      ? 'in the app data folder (the case folder is read-only)'
      : `in ${data.file ?? 'the case folder'}`;
  if (s.state === 'saving')
    return (
      <span className="save-status muted small" role="status">
        Saving…
      </span>
    );
  if (s.state === 'error')
    return (
      <span className="save-status error small" role="alert" title={s.error.message} data-testid="annotation-save-error">
        Not saved: {s.error.message}{' '}
        <button type="button" className="btn ghost small" onClick={data.retrySave}>
          Retry
        </button>
      </span>
    );
  if (s.state === 'saved')
    return (
      <span
        className="save-status muted small"
        title={`Saved ${where}`}
        data-testid="annotation-saved"
        data-file={data.file ?? ''}
      >
        Saved
      </span>
    );
  return null;
}

function ClassList(p: AnnotationPanelProps) {
  const [adding, setAdding] = useState(false);
  const [name, setName] = useState('');
  const [color, setColor] = useState('#e8a33d');
  const names = [...p.classes.map((c) => c.name), ...(p.counts.has('Unclassified') ? ['Unclassified'] : [])];
  return (
    <section className="annotation-section">
      <h3 className="section-title">Classes</h3>
      <ul className="annotation-classes">
        {names.map((n) => {
          const c = p.classes.find((x) => x.name === n);
          const hidden = p.hidden.has(n);
          return (
            <li key={n} className={hidden ? 'hidden-class' : undefined}>
              <button
                type="button"
                className="class-toggle"
                onClick={() => p.onToggleClass(n)}
                aria-pressed={!hidden}
                title={hidden ? `Show ${n}` : `Hide ${n}`}
                data-testid={`annotation-class-toggle-${n}`}
              >
                {hidden ? <EyeOffIcon /> : <EyeIcon />}
                <span className="class-swatch" style={{ background: c ? rgbToHex(c.color) : '#ffd24a' }} />
                <span className="class-name">{n}</span>
                <span className="tabular muted">{(p.counts.get(n) ?? 0).toLocaleString('en-US')}</span>
              </button>
            </li>
          );
        })}
      </ul>
      {adding ? (
        <form
          className="add-class"
          onSubmit={(e) => {
            e.preventDefault();
            if (!name.trim()) return;
            p.onAddClass({ name: name.trim(), color: hexToRgb(color) });
            setName('');
            setAdding(false);
          }}
        >
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="Class name"
            aria-label="New class name"
            maxLength={200}
            autoFocus
          />
          <input type="color" value={color} onChange={(e) => setColor(e.target.value)} aria-label="New class colour" />
          <button type="submit" className="btn small">
            Add
          </button>
        </form>
      ) : (
        <button type="button" className="btn ghost small" onClick={() => setAdding(true)} data-testid="annotation-add-class">
          + Custom class
        </button>
      )}
    </section>
  );
}

function SelectedEditor(p: AnnotationPanelProps & { selected: ListedAnnotation }) {
  const a = p.selected.annotation;
  const ro = p.selected.readOnly;
  const measured = p.spacing ? measureShape(a.shape, p.spacing) : null;
  return (
    <section className="annotation-section annotation-editor" data-testid="annotation-editor">
      <h3 className="section-title">
        Selected {a.shape.type}
        {ro ? <span className="muted"> · read-only ({p.selected.layer})</span> : null}
      </h3>
      <div
        className="measurement tabular"
        data-testid="annotation-measurement"
        data-area-um2={measured?.areaUm2}
        data-length-um={measured?.lengthUm ?? measured?.perimeterUm}
      >
        {measurementText(a.shape, p.spacing) || '—'}
      </div>
      <label className="field-row">
        <span>Class</span>
        <select
          value={a.classification?.name ?? ''}
          disabled={ro}
          onChange={(e) => p.onEdit({ classification: p.classes.find((c) => c.name === e.target.value) ?? null })}
          data-testid="annotation-edit-class"
        >
          <option value="">Unclassified</option>
          {p.classes.map((c) => (
            <option key={c.name} value={c.name}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field-row">
        <span>Label</span>
        <input
          key={a.id}
          defaultValue={a.label}
          disabled={ro}
          maxLength={1000}
          onBlur={(e) => e.target.value !== a.label && p.onEdit({ label: e.target.value })}
          onKeyDown={(e) => {
            if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
            e.stopPropagation();
          }}
          data-testid="annotation-edit-label"
        />
      </label>
      <label className="field-row">
        <span>Colour</span>
        <input
          type="color"
          value={rgbToHex(colorOf(a))}
          disabled={ro}
          onChange={(e) => p.onEdit({ color: hexToRgb(e.target.value) })}
          aria-label="Annotation colour"
        />
        {a.color && !ro ? (
          <button type="button" className="btn ghost small" onClick={() => p.onEdit({ color: undefined })}>
            Class colour
          </button>
        ) : null}
      </label>
      <label className="field-row check">
        <input
          type="checkbox"
          checked={a.discuss}
          disabled={ro}
          onChange={(e) => p.onEdit({ discuss: e.target.checked })}
          data-testid="annotation-edit-discuss"
        />
        <span>For discussion at the tumor board</span>
      </label>
      {!ro ? (
        <button
          type="button"
          className="btn small danger"
          onClick={p.onDelete}
          data-testid="annotation-delete"
          title="Delete (Delete)"
        >
          Delete
        </button>
      ) : null}
    </section>
  );
}

function AnnotationList({
  listed,
  selectedId,
  onSelect,
  spacing,
}: {
  listed: ListedAnnotation[];
  selectedId: string | null;
  onSelect(id: string, fly: boolean): void;
  spacing: PixelSpacing | null;
}) {
  const [scrollTop, setScrollTop] = useState(0);
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - 5);
  const last = Math.min(listed.length, first + Math.ceil(LIST_HEIGHT / ROW_HEIGHT) + 10);
  const rows = useMemo(() => listed.slice(first, last), [listed, first, last]);
  if (!listed.length)
    return (
      <p className="muted small annotation-empty" data-testid="annotation-empty">
        No annotations on this slide yet. Pick a tool (P polygon, R rectangle, E ellipse, L line, B brush, . point) and draw on
        the slide.
      </p>
    );
  return (
    <div
      className="annotation-list"
      style={{ height: Math.min(LIST_HEIGHT, listed.length * ROW_HEIGHT) }}
      onScroll={(e) => setScrollTop((e.target as HTMLDivElement).scrollTop)}
      role="listbox"
      aria-label="Annotations"
      data-testid="annotation-list"
    >
      <div style={{ height: listed.length * ROW_HEIGHT, position: 'relative' }}>
        {rows.map((l, i) => {
          const a = l.annotation;
          const index = first + i;
          return (
            <div
              key={a.id}
              role="option"
              aria-selected={a.id === selectedId}
              tabIndex={0}
              className={`annotation-row${a.id === selectedId ? ' selected' : ''}`}
              style={{ top: index * ROW_HEIGHT, height: ROW_HEIGHT }}
              onClick={() => onSelect(a.id, true)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === ' ') {
                  e.preventDefault();
                  onSelect(a.id, true);
                }
              }}
              data-testid="annotation-row"
              data-id={a.id}
            >
              <span className="class-swatch" style={{ background: rgbToHex(colorOf(a)) }} />
              <span className="row-name">
                {a.label || classNameOf(a)}
                {a.discuss ? (
                  <span className="discuss-tag" title="For discussion">
                    {' '}
                    ⚑
                  </span>
                ) : null}
              </span>
              <span className="row-measure tabular muted">{measurementText(a.shape, spacing).split(' · ')[0]}</span>
            </div>
          );
        })}
      </div>
    </div>
  );
}

function ImportedLayers({ layers }: { layers: ImportedAnnotationLayer[] }) {
  return (
    <section className="annotation-section" data-testid="annotation-imported">
      <h3 className="section-title">From DICOM files (read-only)</h3>
      <ul className="imported-layers">
        {layers.map((l) => (
          <li key={l.fileId}>
            <strong>{l.label}</strong> <span className="muted">{l.fileName}</span>{' '}
            <span className="tabular muted">
              {l.annotations.length.toLocaleString('en-US')} ·{' '}
              {l.coordinateType === '3D' ? 'slide coordinates' : 'image coordinates'}
            </span>
            {l.warnings.map((w) => (
              <div key={w} className="muted small">
                {w}
              </div>
            ))}
          </li>
        ))}
      </ul>
    </section>
  );
}
