/**
 * Non-fatal oddities of one file, kept to a readable number: a broken file can have a million bad
 * lines, and the user needs the first few and a count, not a list that swamps the pane.
 */
export class WarningList {
  private readonly kept: string[] = [];
  private dropped = 0;

  constructor(private readonly limit = 100) {}

  add(message: string): void {
    if (this.kept.length < this.limit) this.kept.push(message);
    else this.dropped += 1;
  }

  list(): string[] {
    return this.dropped === 0 ? [...this.kept] : [...this.kept, `… and ${this.dropped} more warnings`];
  }
}
