/**
 * The three resizable panes — Slide | Variants | ctDNA — on react-resizable-panels v4
 * (Group / Panel / Separator). Each pane can be resized (drag or keyboard on the handles: arrows,
 * Home/End, Enter to collapse), collapsed to a strip, maximized and restored. The layout is reported
 * in the `Layout` shape of the settings, so the app persists it; while a pane is maximized the
 * persisted sizes are the ones "restore" goes back to.
 */
import { useCallback, useEffect, useImperativeHandle, useRef, useState, type ReactNode, type Ref, type RefObject } from 'react';
import {
  Group,
  Panel,
  Separator,
  useGroupRef,
  usePanelRef,
  type LayoutChangedMeta,
  type PanelImperativeHandle,
} from 'react-resizable-panels';
import { DEFAULT_LAYOUT, type Layout, type PaneId } from '../../shared/model/settings.js';
import { PaneFrame } from './PaneFrame.js';
import './layout.css';
import {
  PANES,
  canCollapse,
  fromGroupLayout,
  normalizeSizes,
  sanitizeLayout,
  toGroupLayout,
  type GroupLayout,
  type Sizes,
} from './layoutModel.js';

export type WorkspaceHandle = {
  togglePane(pane: PaneId): void;
  /** Apply a saved layout (a case's own, when it is reopened). */
  setLayout(layout: Layout): void;
  resetLayout(): void;
};

export type WorkspaceProps = {
  initialLayout: Layout;
  onLayoutChange(layout: Layout): void;
  panes: Record<PaneId, { icon: ReactNode; content: ReactNode }>;
  ref?: Ref<WorkspaceHandle>;
};

const MIN_SIZE: Record<PaneId, number> = { slide: 260, variants: 300, ctdna: 280 };
const COLLAPSED_SIZE = 30; // px: the strip with the pane's name and a restore button

export function Workspace({ initialLayout, onLayoutChange, panes, ref }: WorkspaceProps) {
  const initial = useRef(sanitizeLayout(initialLayout)).current;
  const groupRef = useGroupRef();
  const panelRefs: Record<PaneId, RefObject<PanelImperativeHandle | null>> = {
    slide: usePanelRef(),
    variants: usePanelRef(),
    ctdna: usePanelRef(),
  };
  const [collapsed, setCollapsed] = useState<PaneId[]>(initial.collapsed);
  const [maximized, setMaximized] = useState<PaneId | null>(null);
  // What "restore" goes back to after a maximize.
  const beforeMaximize = useRef<{ sizes: Sizes; collapsed: PaneId[] } | null>(null);
  const lastSizes = useRef<Sizes>(initial.sizes);
  const mounted = useRef(false);

  const readCollapsed = useCallback((): PaneId[] => PANES.filter((p) => panelRefs[p].current?.isCollapsed() ?? false), []);

  const emit = useCallback(
    (max: PaneId | null, sizes: Sizes, coll: PaneId[]) => {
      if (max && beforeMaximize.current)
        onLayoutChange({ sizes: beforeMaximize.current.sizes, collapsed: beforeMaximize.current.collapsed, maximized: max });
      else onLayoutChange({ sizes, collapsed: coll, maximized: null });
    },
    [onLayoutChange],
  );

  const maximizedRef = useRef(maximized);
  maximizedRef.current = maximized;

  const handleLayoutChange = useCallback(() => {
    setCollapsed((prev) => {
      const next = readCollapsed();
      return next.length === prev.length && next.every((p) => prev.includes(p)) ? prev : next;
    });
  }, [readCollapsed]);

  const handleLayoutChanged = useCallback(
    (layout: GroupLayout, meta: LayoutChangedMeta) => {
      const coll = readCollapsed();
      setCollapsed(coll);
      let max = maximizedRef.current;
      // The user dragged a covered pane open: that ends the maximized mode, keeping what they see.
      if (max && meta.isUserInteraction && PANES.some((p) => p !== max && !coll.includes(p))) {
        max = null;
        beforeMaximize.current = null;
        setMaximized(null);
      }
      const sizes = fromGroupLayout(meta.requestedLayout ?? layout);
      lastSizes.current = sizes;
      if (mounted.current) emit(max, sizes, coll);
    },
    [emit, readCollapsed],
  );

  const collapse = useCallback(
    (pane: PaneId) => {
      if (maximizedRef.current) return;
      if (!canCollapse(pane, readCollapsed())) return;
      panelRefs[pane].current?.collapse();
    },
    [readCollapsed],
  );

  const maximize = useCallback(
    (pane: PaneId) => {
      const group = groupRef.current;
      if (!group) return;
      if (!maximizedRef.current)
        beforeMaximize.current = { sizes: fromGroupLayout(group.getLayout()), collapsed: readCollapsed() };
      maximizedRef.current = pane;
      setMaximized(pane);
      panelRefs[pane].current?.expand();
      for (const other of PANES) if (other !== pane) panelRefs[other].current?.collapse();
      const coll = readCollapsed();
      setCollapsed(coll);
      emit(pane, lastSizes.current, coll);
    },
    [emit, readCollapsed],
  );

  const applyLayout = useCallback(
    (sizes: Sizes, coll: PaneId[]) => {
      groupRef.current?.setLayout(toGroupLayout(normalizeSizes(sizes)));
      for (const p of PANES) {
        if (coll.includes(p)) panelRefs[p].current?.collapse();
        else if (panelRefs[p].current?.isCollapsed()) panelRefs[p].current?.expand();
      }
      const now = readCollapsed();
      setCollapsed(now);
      return now;
    },
    [readCollapsed],
  );

  const restore = useCallback(
    (pane: PaneId) => {
      if (maximizedRef.current) {
        const saved = beforeMaximize.current ?? { sizes: normalizeSizes(DEFAULT_LAYOUT.sizes), collapsed: [] };
        beforeMaximize.current = null;
        maximizedRef.current = null;
        setMaximized(null);
        // Restoring a covered pane shows it even if it was collapsed before the maximize.
        const coll = applyLayout(
          saved.sizes,
          saved.collapsed.filter((p) => p !== pane),
        );
        emit(null, fromGroupLayout(groupRef.current?.getLayout() ?? toGroupLayout(saved.sizes)), coll);
        return;
      }
      panelRefs[pane].current?.expand();
    },
    [applyLayout, emit],
  );

  /** A whole saved layout: sizes, collapsed panes, the maximized one. */
  const applySaved = useCallback(
    (saved: Layout) => {
      const layout = sanitizeLayout(saved);
      beforeMaximize.current = null;
      maximizedRef.current = null;
      setMaximized(null);
      applyLayout(layout.sizes, layout.collapsed);
      if (layout.maximized) {
        beforeMaximize.current = { sizes: layout.sizes, collapsed: layout.collapsed };
        maximizedRef.current = layout.maximized;
        setMaximized(layout.maximized);
        panelRefs[layout.maximized].current?.expand();
        for (const other of PANES) if (other !== layout.maximized) panelRefs[other].current?.collapse();
        setCollapsed(readCollapsed());
      }
    },
    [applyLayout, readCollapsed],
  );

  // Apply the persisted collapsed / maximized state once the panels exist.
  useEffect(() => {
    applySaved(initial);
    mounted.current = true;
  }, []);

  useImperativeHandle(
    ref,
    () => ({
      togglePane(pane) {
        if (maximizedRef.current === pane) restore(pane);
        else if (maximizedRef.current || panelRefs[pane].current?.isCollapsed()) restore(pane);
        else collapse(pane);
      },
      setLayout(layout) {
        applySaved(layout);
        const now = groupRef.current ? fromGroupLayout(groupRef.current.getLayout()) : layout.sizes;
        emit(maximizedRef.current, now, readCollapsed());
      },
      resetLayout() {
        beforeMaximize.current = null;
        maximizedRef.current = null;
        setMaximized(null);
        const coll = applyLayout(normalizeSizes(DEFAULT_LAYOUT.sizes), []);
        emit(null, normalizeSizes(DEFAULT_LAYOUT.sizes), coll);
      },
    }),
    [applyLayout, applySaved, collapse, emit, readCollapsed, restore],
  );

  const panel = (pane: PaneId) => (
    <Panel
      id={pane}
      panelRef={panelRefs[pane]}
      className="workspace-panel"
      minSize={MIN_SIZE[pane]}
      collapsible
      collapsedSize={COLLAPSED_SIZE}
      defaultSize={`${initial.sizes[PANES.indexOf(pane)]}%`}
    >
      <PaneFrame
        id={pane}
        icon={panes[pane].icon}
        collapsed={collapsed.includes(pane)}
        maximized={maximized === pane}
        canCollapse={!maximized && canCollapse(pane, collapsed)}
        onCollapse={() => collapse(pane)}
        onMaximize={() => maximize(pane)}
        onRestore={() => restore(pane)}
      >
        {panes[pane].content}
      </PaneFrame>
    </Panel>
  );

  return (
    <Group
      className="workspace"
      orientation="horizontal"
      groupRef={groupRef}
      defaultLayout={toGroupLayout(initial.sizes)}
      onLayoutChange={handleLayoutChange}
      onLayoutChanged={handleLayoutChanged}
    >
      {panel('slide')}
      <Separator className="resize-handle" data-testid="resize-handle-0" aria-label="Resize the Slide and Variants panes" />
      {panel('variants')}
      <Separator className="resize-handle" data-testid="resize-handle-1" aria-label="Resize the Variants and ctDNA panes" />
      {panel('ctdna')}
    </Group>
  );
}
