/** One series, one unit: the first unit a file names is the series', a different one refuses the file. */
import { badFile } from '../errors.js';

export class SeriesUnit {
  private first: { unit: string; where: string } | undefined;

  constructor(private readonly path: string) {}

  get unit(): string | undefined {
    return this.first?.unit;
  }

  /** `where`: "line 7", "Observation/ctdna-3", "results[2]". Case is not a difference (MTM/ml = MTM/mL). */
  check(unit: string, where: string): void {
    this.first ??= { unit, where };
    if (unit.toLowerCase() !== this.first.unit.toLowerCase()) {
      throw badFile(
        this.path,
        `${where}: unit "${unit}" differs from "${this.first.unit}" (${this.first.where}); one series takes one unit`,
      );
    }
  }
}
