/** The things the tissue scene is made of. */

export const CellKind = { Tumour: 0, Fibroblast: 1, Lymphocyte: 2, Endothelial: 3, RedCell: 4 } as const;
export type CellKind = (typeof CellKind)[keyof typeof CellKind];

/** What fills a pixel of tissue, before cells are drawn on it. */
export const Ground = { Stroma: 0, Epithelium: 1, Cleft: 2, Muscle: 3 } as const;
export type Ground = (typeof Ground)[keyof typeof Ground];

export type Cell = {
  kind: CellKind;
  x: number;
  y: number;
  /** Semi-axes in pixels and orientation. */
  a: number;
  b: number;
  cos: number;
  sin: number;
  /** Haematoxylin (or, for red cells, haemoglobin) optical density at the centre. */
  density: number;
  /** Outline irregularity and chromatin texture offset, per cell. */
  irregularity: number;
  textureOffset: number;
  /** A nucleolus offset from the centre (tumour cells), in pixels; undefined when none. */
  nucleolus?: { dx: number; dy: number; r: number };
};

export type Lumen = {
  x: number;
  y: number;
  rx: number;
  ry: number;
  cos: number;
  sin: number;
  /** Lumens in stroma are vessels: lined by endothelium, some red cells inside. */
  cells: Cell[];
};
