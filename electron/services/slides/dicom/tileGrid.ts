/** Which stored frame holds each tile of one level: (optical path, focal plane, row, column). */
export type FrameRef = { part: number; frame: number };

export class TileGrid {
  readonly columns: number;
  readonly rows: number;
  private readonly parts: Uint16Array;
  private readonly frames: Int32Array;
  private readonly present: Uint8Array;
  private presentCount = 0;

  constructor(
    columns: number,
    rows: number,
    readonly focalPlanes: number,
    readonly opticalPaths: number,
  ) {
    this.columns = columns;
    this.rows = rows;
    const size = columns * rows * focalPlanes * opticalPaths;
    this.parts = new Uint16Array(size);
    this.frames = new Int32Array(size).fill(-1);
    this.present = new Uint8Array(columns * rows);
  }

  private slot(path: number, plane: number, column: number, row: number): number {
    return ((path * this.focalPlanes + plane) * this.rows + row) * this.columns + column;
  }

  contains(path: number, plane: number, column: number, row: number): boolean {
    const inside = (value: number, limit: number) => Number.isInteger(value) && value >= 0 && value < limit;
    return (
      inside(path, this.opticalPaths) && inside(plane, this.focalPlanes) && inside(column, this.columns) && inside(row, this.rows)
    );
  }

  set(path: number, plane: number, column: number, row: number, ref: FrameRef): void {
    const slot = this.slot(path, plane, column, row);
    this.parts[slot] = ref.part;
    this.frames[slot] = ref.frame;
    const position = row * this.columns + column;
    if (!this.present[position]) {
      this.present[position] = 1;
      this.presentCount++;
    }
  }

  get(path: number, plane: number, column: number, row: number): FrameRef | undefined {
    if (!this.contains(path, plane, column, row)) return undefined;
    const slot = this.slot(path, plane, column, row);
    return this.frames[slot] < 0 ? undefined : { part: this.parts[slot], frame: this.frames[slot] };
  }

  /** Tile positions with a frame in any plane or path. */
  get tileCount(): number {
    return this.presentCount;
  }
}
