/**
 * The annotation tools in the slide toolbar: select, the six shapes, the class drawn with,
 * undo/redo, the list. The toolbar's row and its "More tools" each take a part: one slide shows
 * the tools and the list in its row (`toolsAndList`) and the class and undo/redo under More tools
 * (`classAndHistory`); one of two side by side shows only the list (`list`) and the rest under More
 * tools (`drawing`). The list (and any problem) always stays in the row.
 */
import type { ReactNode } from 'react';
import type { AnnotationClass } from '../../../../shared/model/annotations.js';
import {
  EllipseIcon,
  FreehandIcon,
  LineIcon,
  ListIcon,
  PointIcon,
  PolygonIcon,
  RectangleIcon,
  RedoIcon,
  SelectIcon,
  UndoIcon,
} from './annotationIcons.js';
import { rgbToHex } from '../channels.js';
import { TOOLS, type Tool } from './annotationTools.js';

const ICONS: Record<Tool, () => ReactNode> = {
  select: () => <SelectIcon />,
  point: () => <PointIcon />,
  line: () => <LineIcon />,
  rectangle: () => <RectangleIcon />,
  ellipse: () => <EllipseIcon />,
  polygon: () => <PolygonIcon />,
  freehand: () => <FreehandIcon />,
};

export type AnnotationToolbarProps = {
  tool: Tool;
  onTool(tool: Tool): void;
  classes: AnnotationClass[];
  currentClass: AnnotationClass | null;
  onClass(c: AnnotationClass | null): void;
  canUndo: boolean;
  canRedo: boolean;
  onUndo(): void;
  onRedo(): void;
  listOpen: boolean;
  onToggleList(): void;
  count: number;
  disabled: boolean;
  /** Something the user should see even with the list closed: not saved, or not loaded. */
  problem: string | null;
  part: ToolbarPart;
};

export type ToolbarPart = 'toolsAndList' | 'classAndHistory' | 'list' | 'drawing';

export function AnnotationToolbar({ part, ...p }: AnnotationToolbarProps) {
  const tools = (
    <div className="annotation-tools" role="group" aria-label="Annotation tools">
      {TOOLS.map((t) => (
        <button
          key={t.tool}
          type="button"
          className={`icon-btn${p.tool === t.tool ? ' on' : ''}`}
          onClick={() => p.onTool(t.tool)}
          aria-pressed={p.tool === t.tool}
          disabled={p.disabled}
          title={`${t.name} (${t.key}): ${t.hint}`}
          aria-label={t.name}
          data-testid={`annotation-tool-${t.tool}`}
        >
          {ICONS[t.tool]()}
        </button>
      ))}
    </div>
  );
  const classAndHistory = (
    <>
      <label className="annotation-class-picker" title="The class new annotations get">
        <span className="class-swatch" style={{ background: p.currentClass ? rgbToHex(p.currentClass.color) : 'transparent' }} />
        <select
          value={p.currentClass?.name ?? ''}
          onChange={(e) => p.onClass(p.classes.find((c) => c.name === e.target.value) ?? null)}
          aria-label="Class of new annotations"
          data-testid="annotation-class"
          disabled={p.disabled}
        >
          <option value="">Unclassified</option>
          {p.classes.map((c) => (
            <option key={c.name} value={c.name}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="icon-btn"
        onClick={p.onUndo}
        disabled={!p.canUndo}
        title="Undo (Ctrl+Z)"
        aria-label="Undo"
        data-testid="annotation-undo"
      >
        <UndoIcon />
      </button>
      <button
        type="button"
        className="icon-btn"
        onClick={p.onRedo}
        disabled={!p.canRedo}
        title="Redo (Ctrl+Shift+Z)"
        aria-label="Redo"
        data-testid="annotation-redo"
      >
        <RedoIcon />
      </button>
    </>
  );
  const list = (
    <>
      <button
        type="button"
        className={`btn ghost small${p.listOpen ? ' on' : ''}`}
        onClick={p.onToggleList}
        aria-pressed={p.listOpen}
        title="The annotations of this slide (list, classes, import and export)"
        data-testid="annotation-list-toggle"
      >
        <ListIcon /> <span className="tabular">{p.count.toLocaleString('en-US')}</span>
      </button>
      {p.problem ? (
        <button
          type="button"
          className="btn ghost small annotation-problem"
          onClick={p.onToggleList}
          title={p.problem}
          data-testid="annotation-problem"
        >
          {p.problem.length > 40 ? `${p.problem.slice(0, 40)}…` : p.problem}
        </button>
      ) : null}
    </>
  );
  if (part === 'classAndHistory') return <div className="annotation-toolbar">{classAndHistory}</div>;
  if (part === 'drawing')
    return (
      <div className="annotation-toolbar">
        {tools}
        {classAndHistory}
      </div>
    );
  return (
    <div className="annotation-toolbar">
      <span className="toolbar-sep" />
      {part === 'toolsAndList' ? tools : null}
      {list}
    </div>
  );
}
