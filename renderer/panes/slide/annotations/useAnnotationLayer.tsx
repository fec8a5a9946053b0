/**
 * Annotations on the slide viewer, as SlideViewer uses them: the tools for its toolbar, the list
 * beside the slide, the canvas overlay, and the keys (QuPath's habits):
 *
 *   S select · . point · L line · R rectangle · E ellipse · P polygon · B freehand brush
 *   Enter closes a polygon · Backspace drops its last vertex · Escape cancels, then deselects,
 *   then leaves the tool · Delete removes the selection · Ctrl+Z undo · Ctrl+Shift+Z / Ctrl+Y redo
 *   A shows or hides all annotations.
 */
import OpenSeadragon from 'openseadragon';
import { useCallback, useEffect, useMemo, useState, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { BUILT_IN_CLASSES, type Annotation, type AnnotationClass, type Shape } from '../../../../shared/model/annotations.js';
import { bounds } from '../../../../shared/annotations/geometry.js';
import { level0Spacing } from '../../../../shared/annotations/measure.js';
import type { SlideInfo } from '../../../../shared/model/slide.js';
import { api, asTriptychError } from '../../../api/index.js';
import { hex } from '../../../theme/palette.js';
import { download } from '../../../util/download.js';
import type { LayerManager } from '../layers.js';
import { AnnotationPanel, type ListedAnnotation } from './AnnotationPanel.js';
import { AnnotationScene, drawn } from './annotationScene.js';
import { AnnotationToolbar, type ToolbarPart } from './AnnotationToolbar.js';
import { TOOL_KEYS, classNameOf, classesOf, type Tool } from './annotationTools.js';
import { colorOf, useAnnotationOverlay } from './useAnnotationOverlay.js';
import { useSlideAnnotations } from './useSlideAnnotations.js';
import './annotations.css';

export type AnnotationLayerProps = {
  info: SlideInfo;
  viewer: OpenSeadragon.Viewer | null;
  layers: RefObject<LayerManager | null>;
  /** The ruler has the pointer: tools rest. */
  suspended: boolean;
  /** A tool was chosen: the ruler gives way. */
  onToolChosen(): void;
};

export type AnnotationLayer = {
  /** The tools for the slide toolbar: the part for its row or for its "More tools". */
  toolbar(part: ToolbarPart): ReactNode;
  panel: ReactNode;
  /** A key pressed in the viewer: true when the annotations took it. */
  onKey(e: KeyboardEvent): boolean;
  drawing: boolean;
};

export function useAnnotationLayer({ info, viewer, layers, suspended, onToolChosen }: AnnotationLayerProps): AnnotationLayer {
  const data = useSlideAnnotations(info.id);
  const [tool, setToolState] = useState<Tool>('select');
  const [currentClass, setCurrentClass] = useState<AnnotationClass | null>(BUILT_IN_CLASSES[0]);
  const [added, setAdded] = useState<AnnotationClass[]>([]);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const [visible, setVisible] = useState(true);
  const [listOpen, setListOpen] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);

  const level0 = useMemo(() => [...info.levels].sort((a, b) => b.width - a.width)[0], [info.levels]);
  const spacing = useMemo(() => level0Spacing(info.levels), [info.levels]);
  const annotations = data.history.annotations;

  const listed = useMemo<ListedAnnotation[]>(
    () => [
      ...annotations.map((annotation) => ({ annotation, readOnly: false })),
      ...data.imported.flatMap((l) => l.annotations.map((annotation) => ({ annotation, readOnly: true, layer: l.fileName }))),
    ],
    [annotations, data.imported],
  );
  const shown = useMemo(() => listed.filter((l) => !hidden.has(classNameOf(l.annotation))), [listed, hidden]);
  const scene = useMemo(() => new AnnotationScene(), [info.id]);
  const sceneVersion = useMemo(() => {
    scene.set(
      shown.map((l) => drawn(l.annotation, colorOf(l.annotation), l.readOnly)),
      level0?.width ?? 1,
      level0?.height ?? 1,
    );
    return { scene };
  }, [scene, shown, level0]);
  const classes = useMemo(
    () =>
      classesOf(
        listed.map((l) => l.annotation),
        added,
      ),
    [listed, added],
  );
  const counts = useMemo(() => {
    const m = new Map<string, number>();
    for (const l of listed) m.set(classNameOf(l.annotation), (m.get(classNameOf(l.annotation)) ?? 0) + 1);
    return m;
  }, [listed]);
  const selected = useMemo(() => listed.find((l) => l.annotation.id === selectedId) ?? null, [listed, selectedId]);

  // A selection that is no longer there (undone, deleted, hidden) is dropped.
  useEffect(() => {
    if (selectedId && (!selected || hidden.has(classNameOf(selected.annotation)))) setSelectedId(null);
  }, [selectedId, selected, hidden]);
  useEffect(() => {
    setSelectedId(null);
    setToolState('select');
  }, [info.id]);

  const create = useCallback(
    (shape: Shape) => {
      const now = new Date().toISOString();
      const a: Annotation = {
        id: crypto.randomUUID(),
        shape,
        classification: currentClass,
        label: '',
        discuss: false,
        tool: tool === 'select' ? undefined : tool,
        createdAt: now,
        updatedAt: now,
      };
      data.perform({ before: [], after: [a] });
      setSelectedId(a.id);
    },
    [currentClass, tool, data.perform],
  );

  const editable = data.status === 'ready';
  const overlay = useAnnotationOverlay(
    viewer,
    layers,
    {
      scene: sceneVersion.scene,
      tool,
      currentClass,
      selected: selected?.annotation ?? null,
      active: !suspended && editable,
      visible,
      spacing,
      imageSize: { width: level0?.width ?? 1, height: level0?.height ?? 1 },
      accent: hex('dark', 'accent'),
    },
    { select: setSelectedId, perform: data.perform, create },
  );
  // The scene object is the same across edits: redraw when its content changes.
  useEffect(overlay.redraw, [sceneVersion, overlay.redraw]);

  const setTool = useCallback(
    (t: Tool) => {
      setToolState(t);
      if (t !== 'select') onToolChosen();
    },
    [onToolChosen],
  );

  const flyTo = useCallback(
    (a: Annotation) => {
      const item = layers.current?.reference;
      if (!viewer || !item) return;
      const b = bounds(a.shape);
      const pad = Math.max(b.maxX - b.minX, b.maxY - b.minY, 200) * 0.6;
      const rect = item.imageToViewportRectangle(
        new OpenSeadragon.Rect(b.minX - pad, b.minY - pad, b.maxX - b.minX + 2 * pad, b.maxY - b.minY + 2 * pad),
      );
      viewer.viewport.fitBounds(rect);
    },
    [viewer, layers],
  );

  const edit = useCallback(
    (patch: Partial<Annotation>) => {
      if (!selected || selected.readOnly) return;
      const before = selected.annotation;
      const after: Annotation = { ...before, ...patch, updatedAt: new Date().toISOString() };
      if (patch.color === undefined && 'color' in patch) delete after.color;
      data.perform({ before: [before], after: [after] });
    },
    [selected, data.perform],
  );
  const remove = useCallback(() => {
    if (!selected || selected.readOnly) return;
    data.perform({ before: [selected.annotation], after: [] });
    setSelectedId(null);
  }, [selected, data.perform]);

  const importFile = useCallback(
    async (file: File) => {
      setBusy(`Reading ${file.name}…`);
      setNotice(null);
      try {
        const text = await file.text();
        setBusy(`Importing ${file.name}…`);
        const result = await api.call('annotations.importGeoJson', { slideId: info.id, fileName: file.name, text });
        // One step: Ctrl+Z takes the whole import away again.
        data.record({ before: [], after: result.added }, result.saved);
        setNotice({
          kind: 'info',
          text: `${result.imported.toLocaleString('en-US')} annotations imported from ${file.name} (Ctrl+Z undoes the import).${result.warnings.length ? ` ${result.warnings.length} left out or changed: ${result.warnings[0]}` : ''}`,
        });
      } catch (e) {
        const error = asTriptychError(e);
        setNotice({ kind: 'error', text: `${error.file ?? file.name}: ${error.message}` });
      } finally {
        setBusy(null);
      }
    },
    [info.id, data.record],
  );
  const exportFile = useCallback(async () => {
    setBusy('Exporting…');
    setNotice(null);
    try {
      const out = await api.call('annotations.exportGeoJson', { slideId: info.id });
      download(new Blob([out.text], { type: 'application/geo+json' }), out.fileName);
      setNotice({
        kind: 'info',
        text: `${out.count.toLocaleString('en-US')} annotations exported to ${out.fileName} (QuPath GeoJSON).`,
      });
    } catch (e) {
      setNotice({ kind: 'error', text: asTriptychError(e).message });
    } finally {
      setBusy(null);
    }
  }, [info.id]);

  const onKey = useCallback(
    (e: KeyboardEvent): boolean => {
      if ((e.target as HTMLElement).closest('input, select, textarea')) return false;
      const key = e.key;
      const mod = e.ctrlKey || e.metaKey;
      const take = (action: () => void) => {
        e.preventDefault();
        e.stopPropagation();
        action();
        return true;
      };
      if (mod && !e.altKey) {
        if (key.toLowerCase() === 'z') return take(e.shiftKey ? data.redo : data.undo);
        if (key.toLowerCase() === 'y') return take(data.redo);
        return false;
      }
      if (e.altKey || e.metaKey) return false;
      if (overlay.draftKey(key)) return take(() => {});
      if (key === 'Escape') {
        if (selectedId) return take(() => setSelectedId(null));
        if (tool !== 'select') return take(() => setToolState('select'));
        return false;
      }
      if ((key === 'Delete' || key === 'Backspace') && selected && !selected.readOnly) return take(remove);
      if (!e.shiftKey && key.length === 1 && TOOL_KEYS[key.toLowerCase()] && editable)
        return take(() => setTool(TOOL_KEYS[key.toLowerCase()]));
      if (key === 'a' || key === 'A') return take(() => setVisible((v) => !v));
      return false;
    },
    [data.undo, data.redo, overlay, selectedId, selected, tool, remove, setTool, editable],
  );

  const toolbar = (part: ToolbarPart) => (
    <AnnotationToolbar
      part={part}
      tool={tool}
      onTool={setTool}
      classes={classes}
      currentClass={currentClass}
      onClass={setCurrentClass}
      canUndo={data.history.undo.length > 0}
      canRedo={data.history.redo.length > 0}
      onUndo={data.undo}
      onRedo={data.redo}
      listOpen={listOpen}
      onToggleList={() => setListOpen((o) => !o)}
      count={listed.length}
      disabled={!editable}
      problem={
        data.status === 'error'
          ? `Annotations not loaded: ${data.error?.message ?? ''}`
          : data.save.state === 'error'
            ? `Annotations not saved: ${data.save.error.message}`
            : null
      }
    />
  );

  const panel = listOpen ? (
    <AnnotationPanel
      data={data}
      listed={shown}
      classes={classes}
      counts={counts}
      hidden={hidden}
      onToggleClass={(name) =>
        setHidden((h) => {
          const next = new Set(h);
          if (next.has(name)) next.delete(name);
          else next.add(name);
          return next;
        })
      }
      onAddClass={(c) => {
        setAdded((list) => [...list, c]);
        setCurrentClass(c);
      }}
      selected={selected}
      onSelect={(id, fly) => {
        setSelectedId(id);
        const l = listed.find((x) => x.annotation.id === id);
        if (fly && l) flyTo(l.annotation);
      }}
      onEdit={edit}
      onDelete={remove}
      spacing={spacing}
      onImport={(f) => void importFile(f)}
      onExport={() => void exportFile()}
      busy={busy}
      notice={notice}
      onClose={() => setListOpen(false)}
    />
  ) : null;

  return { toolbar, panel, onKey, drawing: tool !== 'select' && !suspended };
}
