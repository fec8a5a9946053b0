/** Annotations made for tests: deterministic shapes of every kind. */
import type { Annotation, Shape } from '../../../shared/model/annotations.js';

const NOW = '2026-01-02T03:04:05.000Z';

export function annotation(id: string, shape: Shape, extra: Partial<Annotation> = {}): Annotation {
  return { id, shape, classification: null, label: '', discuss: false, createdAt: NOW, updatedAt: NOW, ...extra };
}

/** `count` annotations cycling through the shape kinds, ids `${prefix}-${i}`. */
export function manyAnnotations(count: number, prefix = 'a'): Annotation[] {
  return Array.from({ length: count }, (_, i) => {
    const x = (i % 100) * 200;
    const y = Math.floor(i / 100) * 200;
    const shapes: Shape[] = [
      { type: 'polygon', polygons: [[[x, y, x + 150, y + 10, x + 120, y + 140, x + 5, y + 90]]] },
      { type: 'rectangle', x, y, width: 120, height: 80 },
      { type: 'ellipse', x, y, width: 100, height: 60 },
      { type: 'line', coords: [x, y, x + 150, y + 150] },
      { type: 'point', coords: [x + 50, y + 50] },
    ];
    return annotation(`${prefix}-${i}`, shapes[i % shapes.length], {
      classification: i % 3 === 0 ? { name: 'Tumor', color: [200, 0, 0] } : null,
      label: `#${i}`,
      discuss: i % 10 === 0,
    });
  });
}
