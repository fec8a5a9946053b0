/**
 * The annotation overlay: one canvas inside OpenSeadragon's canvas element (under the navigator,
 * over the tiles), redrawn once per animation frame when the view or the annotations change, and
 * the pointer: drawing with the tools, selecting, moving, dragging vertices. OSD's pan is held
 * back only while a shape is being drawn or dragged.
 */
import type OpenSeadragon from 'openseadragon';
import { useCallback, useEffect, useRef, type RefObject } from 'react';
import type { Annotation, AnnotationClass, Rgb, Shape } from '../../../../shared/model/annotations.js';
import { UNCLASSIFIED_COLOR } from '../../../../shared/model/annotations.js';
import {
  hitShape,
  moveVertex,
  simplify,
  smoothRing,
  translate,
  vertices,
  type VertexRef,
} from '../../../../shared/annotations/geometry.js';
import { formatAreaUm2, formatLengthUm, measureShape, type PixelSpacing } from '../../../../shared/annotations/measure.js';
import type { LayerManager } from '../layers.js';
import { addShape, css, pathOf, type Affine, type AnnotationScene, type Drawn } from './annotationScene.js';
import type { Step } from './annotationHistory.js';
import type { Tool } from './annotationTools.js';
import { apply, invert, scaleOf, viewAffine, visibleBounds, type Point } from './viewTransform.js';

/** What is being drawn or dragged now. */
export type Draft =
  | { kind: 'box'; tool: 'line' | 'rectangle' | 'ellipse'; a: Point; b: Point; square: boolean }
  | { kind: 'freehand'; coords: number[] }
  | { kind: 'polygon'; coords: number[]; hover: Point | null }
  | { kind: 'move'; original: Annotation; current: Annotation; from: Point }
  | { kind: 'vertex'; original: Annotation; current: Annotation; ref: VertexRef };

export type OverlayInputs = {
  scene: AnnotationScene;
  tool: Tool;
  currentClass: AnnotationClass | null;
  selected: Annotation | null;
  /** Off while the ruler has the pointer, or the overlay is hidden. */
  active: boolean;
  visible: boolean;
  spacing: PixelSpacing | null;
  imageSize: { width: number; height: number };
  accent: string;
};

export type OverlayActions = {
  select(id: string | null): void;
  perform(step: Step): void;
  /** Something was drawn: a new annotation of this shape. */
  create(shape: Shape): void;
};

const HANDLE_PX = 7;
const HIT_PX = 5;

type OsdPointer = {
  position: OpenSeadragon.Point;
  preventDefaultAction: boolean;
  quick?: boolean;
  shift?: boolean;
  originalEvent?: Event;
};

export function useAnnotationOverlay(
  viewer: OpenSeadragon.Viewer | null,
  layers: RefObject<LayerManager | null>,
  inputs: OverlayInputs,
  actions: OverlayActions,
) {
  const inputsRef = useRef(inputs);
  inputsRef.current = inputs;
  const actionsRef = useRef(actions);
  actionsRef.current = actions;
  const draft = useRef<Draft | null>(null);
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const frame = useRef(0);
  const stats = useRef({ frames: 0, lastDrawMs: 0, cells: 0, cacheRenders: 0 });
  const cache = useRef<SceneCache>({ canvas: null, key: null, t: null, margin: { x: 0, y: 0 }, renders: 0 }).current;

  const redraw = useCallback(() => {
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      const canvas = canvasRef.current;
      const item = layers.current?.reference;
      if (!canvas || !viewer || !item) return;
      const started = performance.now();
      const { width, height } = canvas.getBoundingClientRect();
      const dpr = window.devicePixelRatio || 1;
      if (canvas.width !== Math.round(width * dpr) || canvas.height !== Math.round(height * dpr)) {
        canvas.width = Math.round(width * dpr);
        canvas.height = Math.round(height * dpr);
      }
      const ctx = canvas.getContext('2d');
      if (!ctx) return;
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      const s = inputsRef.current;
      if (!s.visible) return;
      const t = viewAffine(viewer, item);
      const d = draft.current;
      const editing = d && (d.kind === 'move' || d.kind === 'vertex') ? d.original.id : null;
      const skip = editing ?? s.selected?.id ?? null;
      stats.current.cells = drawSceneCached(ctx, cache, t, dpr, width, height, s.scene, skip);
      const scale = scaleOf(t);
      const selected = d && (d.kind === 'move' || d.kind === 'vertex') ? d.current : s.selected;
      if (selected) drawSelected(ctx, t, dpr, scale, selected, s);
      if (d && d.kind !== 'move' && d.kind !== 'vertex') drawDraft(ctx, t, dpr, scale, d, s);
      stats.current.frames++;
      stats.current.cacheRenders = cache.renders;
      stats.current.lastDrawMs = performance.now() - started;
    });
  }, [viewer, layers]);

  // The canvas, inside OSD's canvas element so the navigator stays above it.
  useEffect(() => {
    if (!viewer) return;
    const canvas = document.createElement('canvas');
    canvas.className = 'annotation-canvas';
    canvas.dataset.testid = 'annotation-canvas';
    canvas.setAttribute('aria-hidden', 'true');
    viewer.canvas.appendChild(canvas);
    canvasRef.current = canvas;
    // For the benchmark and the end-to-end tests: frames drawn and the last frame's cost.
    (canvas as HTMLCanvasElement & { annotationStats?: unknown }).annotationStats = stats.current;
    const events = ['update-viewport', 'viewport-change', 'resize', 'open', 'animation'] as const;
    for (const e of events) viewer.addHandler(e, redraw);
    const observer = new ResizeObserver(redraw);
    observer.observe(canvas);
    return () => {
      for (const e of events) viewer.removeHandler(e, redraw);
      observer.disconnect();
      canvas.remove();
      canvasRef.current = null;
      if (frame.current) cancelAnimationFrame(frame.current);
      frame.current = 0;
    };
  }, [viewer, redraw]);

  // Redraw when what is drawn changes.
  useEffect(redraw, [redraw, inputs.scene, inputs.selected, inputs.visible, inputs.tool, inputs.spacing]);

  // The tool changed: drop what was half drawn.
  useEffect(() => {
    draft.current = null;
    redraw();
  }, [inputs.tool, redraw]);

  // Pointer.
  useEffect(() => {
    if (!viewer) return;
    const affine = () => {
      const item = layers.current?.reference;
      return item ? viewAffine(viewer, item) : null;
    };
    const toImage = (e: OsdPointer): Point | null => {
      const t = affine();
      return t ? invert(t, { x: e.position.x, y: e.position.y }) : null;
    };
    const tolerance = (px: number) => {
      const t = affine();
      return t ? px / scaleOf(t) : px;
    };
    const drawing = (s: OverlayInputs) => s.active && s.visible && s.tool !== 'select';

    const press = (raw: unknown) => {
      const e = raw as OsdPointer;
      const s = inputsRef.current;
      if (!s.active || !s.visible) return;
      const p = toImage(e);
      if (!p) return;
      if (s.tool === 'line' || s.tool === 'rectangle' || s.tool === 'ellipse') {
        draft.current = { kind: 'box', tool: s.tool, a: p, b: p, square: !!e.shift };
      } else if (s.tool === 'freehand') {
        draft.current = { kind: 'freehand', coords: [p.x, p.y] };
      } else if (s.tool === 'select') {
        const sel = s.selected;
        if (sel && !isReadOnly(s, sel.id)) {
          const tol = tolerance(HANDLE_PX);
          const handle = vertices(sel.shape).find((v) => Math.hypot(v.x - p.x, v.y - p.y) <= tol);
          if (handle) {
            draft.current = { kind: 'vertex', original: sel, current: sel, ref: handle.ref };
            return;
          }
        }
        const hit = s.scene.hit(p.x, p.y, tolerance(HIT_PX), (d) => hitShape(d.annotation.shape, p.x, p.y, tolerance(HIT_PX)));
        if (hit && !hit.readOnly) {
          if (hit.annotation.id !== sel?.id) actionsRef.current.select(hit.annotation.id);
          draft.current = { kind: 'move', original: hit.annotation, current: hit.annotation, from: p };
        }
      }
    };
    const drag = (raw: unknown) => {
      const e = raw as OsdPointer;
      const d = draft.current;
      if (!d || d.kind === 'polygon') return;
      e.preventDefaultAction = true;
      const p = toImage(e);
      if (!p) return;
      if (d.kind === 'box') draft.current = { ...d, b: p, square: !!e.shift };
      else if (d.kind === 'freehand') d.coords.push(p.x, p.y);
      else if (d.kind === 'move')
        draft.current = { ...d, current: { ...d.original, shape: translate(d.original.shape, p.x - d.from.x, p.y - d.from.y) } };
      else if (d.kind === 'vertex')
        draft.current = { ...d, current: { ...d.original, shape: moveVertex(d.original.shape, d.ref, p.x, p.y) } };
      redraw();
    };
    const release = () => {
      const d = draft.current;
      if (!d || d.kind === 'polygon') return;
      draft.current = null;
      const min = tolerance(3);
      if (d.kind === 'box') {
        const shape = boxShape(d);
        if (shape) actionsRef.current.create(shape);
      } else if (d.kind === 'freehand') {
        const ring = simplify(smoothRing(d.coords, tolerance(2)), tolerance(0.6));
        if (ring.length >= 6) actionsRef.current.create({ type: 'polygon', polygons: [[ring]] });
      } else if (d.current !== d.original) {
        const moved = d.kind === 'move' ? Math.hypot(...shift(d.original.shape, d.current.shape)) >= min : true;
        if (moved)
          actionsRef.current.perform({ before: [d.original], after: [{ ...d.current, updatedAt: new Date().toISOString() }] });
      }
      redraw();
    };
    const click = (raw: unknown) => {
      const e = raw as OsdPointer;
      const s = inputsRef.current;
      if (!s.active || !s.visible || !e.quick) return;
      const p = toImage(e);
      if (!p) return;
      if (s.tool === 'point') {
        e.preventDefaultAction = true;
        actionsRef.current.create({ type: 'point', coords: [p.x, p.y] });
      } else if (s.tool === 'polygon') {
        e.preventDefaultAction = true;
        const d = draft.current;
        if (d?.kind === 'polygon') {
          const close = d.coords.length >= 6 && Math.hypot(d.coords[0] - p.x, d.coords[1] - p.y) <= tolerance(HANDLE_PX);
          if (close) finishPolygon();
          else draft.current = { ...d, coords: [...d.coords, p.x, p.y] };
        } else draft.current = { kind: 'polygon', coords: [p.x, p.y], hover: p };
      } else if (s.tool === 'select') {
        const hit = s.scene.hit(p.x, p.y, tolerance(HIT_PX), (d) => hitShape(d.annotation.shape, p.x, p.y, tolerance(HIT_PX)));
        actionsRef.current.select(hit?.annotation.id ?? null);
      }
      redraw();
    };
    const doubleClick = (raw: unknown) => {
      const e = raw as OsdPointer;
      if (drawing(inputsRef.current)) e.preventDefaultAction = true;
      if (draft.current?.kind === 'polygon') finishPolygon();
    };
    const move = (ev: PointerEvent) => {
      const d = draft.current;
      if (d?.kind !== 'polygon') return;
      const t = affine();
      if (!t) return;
      const rect = viewer.canvas.getBoundingClientRect();
      draft.current = { ...d, hover: invert(t, { x: ev.clientX - rect.left, y: ev.clientY - rect.top }) };
      redraw();
    };
    const finishPolygon = () => {
      const d = draft.current;
      if (d?.kind !== 'polygon') return;
      draft.current = null;
      const ring = dropRepeats(d.coords, tolerance(1));
      if (ring.length >= 6) actionsRef.current.create({ type: 'polygon', polygons: [[ring]] });
      redraw();
    };
    finishRef.current = finishPolygon;
    viewer.addHandler('canvas-press', press);
    viewer.addHandler('canvas-drag', drag);
    viewer.addHandler('canvas-release', release);
    viewer.addHandler('canvas-click', click);
    viewer.addHandler('canvas-double-click', doubleClick);
    // Kept: the viewer may be destroyed (canvas null) before this cleanup runs.
    const canvas = viewer.canvas;
    canvas.addEventListener('pointermove', move);
    return () => {
      viewer.removeHandler('canvas-press', press);
      viewer.removeHandler('canvas-drag', drag);
      viewer.removeHandler('canvas-release', release);
      viewer.removeHandler('canvas-click', click);
      viewer.removeHandler('canvas-double-click', doubleClick);
      canvas.removeEventListener('pointermove', move);
    };
  }, [viewer, layers, redraw]);

  const finishRef = useRef<() => void>(() => {});

  /** Keys for what is half drawn: Enter closes a polygon, Backspace drops its last vertex, Escape drops it. */
  const draftKey = useCallback(
    (key: string): boolean => {
      const d = draft.current;
      if (!d) return false;
      if (key === 'Escape') {
        draft.current = null;
        redraw();
        return true;
      }
      if (d.kind !== 'polygon') return false;
      if (key === 'Enter') {
        finishRef.current();
        return true;
      }
      if (key === 'Backspace' || key === 'Delete') {
        draft.current = d.coords.length > 2 ? { ...d, coords: d.coords.slice(0, -2) } : null;
        redraw();
        return true;
      }
      return false;
    },
    [redraw],
  );

  return { redraw, draftKey, canvas: canvasRef };
}

function isReadOnly(s: OverlayInputs, id: string): boolean {
  return s.scene.items.find((d) => d.annotation.id === id)?.readOnly ?? true;
}

function boxShape(d: Extract<Draft, { kind: 'box' }>): Shape | null {
  let { x: bx, y: by } = d.b;
  const { x: ax, y: ay } = d.a;
  if (d.square && d.tool !== 'line') {
    const side = Math.max(Math.abs(bx - ax), Math.abs(by - ay));
    bx = ax + Math.sign(bx - ax || 1) * side;
    by = ay + Math.sign(by - ay || 1) * side;
  }
  if (Math.hypot(bx - ax, by - ay) === 0) return null;
  if (d.tool === 'line') return { type: 'line', coords: [ax, ay, bx, by] };
  const box = { x: Math.min(ax, bx), y: Math.min(ay, by), width: Math.abs(bx - ax), height: Math.abs(by - ay) };
  if (box.width === 0 || box.height === 0) return null;
  return { type: d.tool, ...box };
}

/** How far a shape was moved (first vertex to first vertex). */
function shift(a: Shape, b: Shape): [number, number] {
  const [va] = vertices(a);
  const [vb] = vertices(b);
  return va && vb ? [vb.x - va.x, vb.y - va.y] : [0, 0];
}

/** A double-click adds the same vertex twice before it closes the ring: drop repeats. */
function dropRepeats(c: number[], tolerance: number): number[] {
  const out: number[] = [];
  for (let i = 0; i + 1 < c.length; i += 2) {
    const n = out.length;
    if (n >= 2 && Math.hypot(c[i] - out[n - 2], c[i + 1] - out[n - 1]) <= tolerance) continue;
    out.push(c[i], c[i + 1]);
  }
  return out;
}

export const colorOf = (a: Annotation): Rgb => a.color ?? a.classification?.color ?? UNCLASSIFIED_COLOR;

function drawSelected(
  ctx: CanvasRenderingContext2D,
  t: ReturnType<typeof viewAffine>,
  dpr: number,
  scale: number,
  a: Annotation,
  s: OverlayInputs,
) {
  const color = colorOf(a);
  ctx.setTransform(dpr * t.a, dpr * t.b, dpr * t.c, dpr * t.d, dpr * t.e, dpr * t.f);
  if (a.shape.type !== 'point') {
    const path = pathOf(a);
    if (a.shape.type !== 'line') {
      ctx.fillStyle = css(color, 0.18);
      ctx.fill(path, 'evenodd');
    }
    ctx.lineWidth = 4.5 / scale;
    ctx.strokeStyle = 'rgba(0,0,0,0.55)';
    ctx.stroke(path);
    ctx.lineWidth = 2.4 / scale;
    ctx.strokeStyle = css(color);
    ctx.stroke(path);
  }
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  // Handles: every vertex (screen-sized squares), in the accent colour.
  const vs = vertices(a.shape);
  if (vs.length <= 2000) {
    ctx.fillStyle = '#ffffff';
    ctx.strokeStyle = s.accent;
    ctx.lineWidth = 1.5;
    for (const v of vs) {
      const p = apply(t, v);
      ctx.fillRect(p.x - 3.5, p.y - 3.5, 7, 7);
      ctx.strokeRect(p.x - 3.5, p.y - 3.5, 7, 7);
    }
  }
  readout(ctx, t, a.shape, s.spacing, a.label);
}

function drawDraft(
  ctx: CanvasRenderingContext2D,
  t: ReturnType<typeof viewAffine>,
  dpr: number,
  scale: number,
  d: Draft,
  s: OverlayInputs,
) {
  let shape: Shape | null = null;
  if (d.kind === 'box') shape = boxShape(d);
  else if (d.kind === 'freehand') shape = d.coords.length >= 4 ? { type: 'line', coords: d.coords } : null;
  else if (d.kind === 'polygon') {
    const c = d.hover ? [...d.coords, d.hover.x, d.hover.y] : d.coords;
    shape = c.length >= 6 ? { type: 'polygon', polygons: [[c]] } : c.length >= 4 ? { type: 'line', coords: c } : null;
  }
  const color = css(s.currentClass?.color ?? UNCLASSIFIED_COLOR);
  if (shape) {
    const path = new Path2D();
    addShape(path, { shape });
    ctx.setTransform(dpr * t.a, dpr * t.b, dpr * t.c, dpr * t.d, dpr * t.e, dpr * t.f);
    ctx.setLineDash([6 / scale, 4 / scale]);
    ctx.lineWidth = 2 / scale;
    ctx.strokeStyle = color;
    ctx.stroke(path);
    ctx.setLineDash([]);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  }
  if (d.kind === 'polygon') {
    ctx.fillStyle = color;
    for (let i = 0; i + 1 < d.coords.length; i += 2) {
      const p = apply(t, { x: d.coords[i], y: d.coords[i + 1] });
      ctx.fillRect(p.x - 3, p.y - 3, 6, 6);
    }
  }
  if (shape && d.kind !== 'freehand') readout(ctx, t, shape, s.spacing, '');
}

/** The measurement of a shape, beside it: length, or area and perimeter. */
export function measurementText(shape: Shape, spacing: PixelSpacing | null): string {
  if (!spacing) return shape.type === 'point' ? '' : 'no pixel spacing: not measured';
  const m = measureShape(shape, spacing);
  if (m.areaUm2 !== undefined) return `${formatAreaUm2(m.areaUm2)} · perimeter ${formatLengthUm(m.perimeterUm ?? 0)}`;
  if (m.lengthUm !== undefined) return formatLengthUm(m.lengthUm);
  return '';
}

function readout(
  ctx: CanvasRenderingContext2D,
  t: ReturnType<typeof viewAffine>,
  shape: Shape,
  spacing: PixelSpacing | null,
  label: string,
) {
  const text = [label, measurementText(shape, spacing)].filter(Boolean).join(' — ');
  if (!text) return;
  const vs = vertices(shape).map((v) => apply(t, v));
  const x = Math.max(...vs.map((v) => v.x));
  const y = Math.min(...vs.map((v) => v.y));
  ctx.font = '600 12px system-ui, sans-serif';
  const w = ctx.measureText(text).width + 12;
  const left = Math.min(Math.max(4, x + 8), ctx.canvas.width / (window.devicePixelRatio || 1) - w - 4);
  const top = Math.max(4, y - 24);
  ctx.fillStyle = 'rgba(20,20,20,0.85)';
  ctx.fillRect(left, top, w, 20);
  ctx.fillStyle = '#ffd54a';
  ctx.fillText(text, left + 6, top + 14);
}

/** Labels of the annotations large enough on screen to carry one (at most 200 a frame). */
function drawLabels(
  ctx: CanvasRenderingContext2D,
  t: ReturnType<typeof viewAffine>,
  dpr: number,
  items: readonly Drawn[],
  view: { minX: number; minY: number; maxX: number; maxY: number },
  scale: number,
  skip: string | null,
) {
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.font = '600 11px system-ui, sans-serif';
  let n = 0;
  for (const d of items) {
    if (!d.annotation.label || d.annotation.id === skip) continue;
    const b = d.bounds;
    if (b.maxX < view.minX || b.minX > view.maxX || b.maxY < view.minY || b.minY > view.maxY) continue;
    if ((b.maxX - b.minX) * scale < 60 && d.annotation.shape.type !== 'point') continue;
    const p = apply(t, { x: (b.minX + b.maxX) / 2, y: b.minY });
    const w = ctx.measureText(d.annotation.label).width + 8;
    ctx.fillStyle = 'rgba(20,20,20,0.7)';
    ctx.fillRect(p.x - w / 2, p.y - 18, w, 15);
    ctx.fillStyle = css(d.color);
    ctx.fillText(d.annotation.label, p.x - w / 2 + 4, p.y - 7);
    if (++n >= 200) return;
  }
}

/**
 * The scene (everything but the selection and what is being drawn), rasterized once into a canvas
 * a margin larger than the view: while the view only pans, a frame is one drawImage at the new
 * offset; a zoom, a rotation, a change of annotations or of the selection, or a pan past the margin
 * renders it again.
 */
type SceneCache = {
  canvas: HTMLCanvasElement | null;
  key: { scene: AnnotationScene; version: number; skip: string | null; dpr: number; width: number; height: number } | null;
  t: Affine | null;
  margin: { x: number; y: number };
  renders: number;
};

function drawSceneCached(
  ctx: CanvasRenderingContext2D,
  cache: SceneCache,
  t: Affine,
  dpr: number,
  width: number,
  height: number,
  scene: AnnotationScene,
  skip: string | null,
): number {
  const k = cache.key;
  const same =
    k &&
    k.scene === scene &&
    k.version === scene.version &&
    k.skip === skip &&
    k.dpr === dpr &&
    k.width === width &&
    k.height === height;
  const c = cache.t;
  const linear =
    c &&
    Math.abs(c.a - t.a) + Math.abs(c.b - t.b) + Math.abs(c.c - t.c) + Math.abs(c.d - t.d) <=
      1e-9 * (Math.abs(t.a) + Math.abs(t.b));
  const ox = c ? t.e - c.e : 0;
  const oy = c ? t.f - c.f : 0;
  let cells = -1;
  if (!same || !linear || Math.abs(ox) > cache.margin.x || Math.abs(oy) > cache.margin.y || !cache.canvas) {
    const margin = { x: Math.round(width / 2), y: Math.round(height / 2) };
    const canvas = cache.canvas ?? document.createElement('canvas');
    const w = Math.round((width + 2 * margin.x) * dpr);
    const h = Math.round((height + 2 * margin.y) * dpr);
    if (canvas.width !== w || canvas.height !== h) {
      canvas.width = w;
      canvas.height = h;
    }
    const cctx = canvas.getContext('2d');
    if (!cctx) return 0;
    cctx.setTransform(1, 0, 0, 1, 0, 0);
    cctx.clearRect(0, 0, w, h);
    const shifted = { ...t, e: t.e + margin.x, f: t.f + margin.y };
    const view = visibleBounds(shifted, width + 2 * margin.x, height + 2 * margin.y);
    cells = scene.draw(cctx, shifted, dpr, view, skip);
    drawLabels(cctx, shifted, dpr, scene.items, view, scaleOf(t), skip);
    cache.canvas = canvas;
    cache.t = t;
    cache.margin = margin;
    cache.key = { scene, version: scene.version, skip, dpr, width, height };
    cache.renders++;
  }
  const at = cache.t!;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.drawImage(cache.canvas!, Math.round((t.e - at.e - cache.margin.x) * dpr), Math.round((t.f - at.f - cache.margin.y) * dpr));
  return cells;
}
