/** The drawing tools, their keys (QuPath's where it has one), and the classes offered. */
import {
  BUILT_IN_CLASSES,
  type Annotation,
  type AnnotationClass,
  type AnnotationTool,
} from '../../../../shared/model/annotations.js';

export type Tool = 'select' | AnnotationTool;

export const TOOLS: ReadonlyArray<{ tool: Tool; key: string; name: string; hint: string }> = [
  { tool: 'select', key: 'S', name: 'Select and move', hint: 'click to select, drag to move, drag a handle to edit' },
  { tool: 'point', key: '.', name: 'Point', hint: 'click to place a point' },
  { tool: 'line', key: 'L', name: 'Line', hint: 'drag to draw a line' },
  { tool: 'rectangle', key: 'R', name: 'Rectangle', hint: 'drag to draw; Shift for a square' },
  { tool: 'ellipse', key: 'E', name: 'Ellipse', hint: 'drag to draw; Shift for a circle' },
  {
    tool: 'polygon',
    key: 'P',
    name: 'Polygon',
    hint: 'click each vertex; Enter or double-click closes; Backspace removes the last',
  },
  { tool: 'freehand', key: 'B', name: 'Freehand brush', hint: 'press and trace the outline; release closes it' },
];

/** Key (lower-case, as `KeyboardEvent.key`) → tool. */
export const TOOL_KEYS: Record<string, Tool> = Object.fromEntries(TOOLS.map((t) => [t.key.toLowerCase(), t.tool]));

/** The built-in classes, then the custom ones found on the slide or added, by name. */
export function classesOf(annotations: readonly Annotation[], added: readonly AnnotationClass[]): AnnotationClass[] {
  const out = [...BUILT_IN_CLASSES];
  const seen = new Set(out.map((c) => c.name.toLowerCase()));
  for (const c of [...added, ...annotations.map((a) => a.classification).filter((c): c is AnnotationClass => !!c)]) {
    if (seen.has(c.name.toLowerCase())) continue;
    seen.add(c.name.toLowerCase());
    out.push(c);
  }
  return out;
}

/** The name under which an annotation is shown and hidden by class. */
export const classNameOf = (a: Annotation): string => a.classification?.name ?? 'Unclassified';
