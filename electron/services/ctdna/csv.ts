/**
 * RFC 4180 CSV: quoted cells may hold commas, doubled quotes and line breaks; rows end at `\n`,
 * `\r\n` or `\r`. Each row keeps the line it starts on, for messages that point at it.
 */

export type CsvRow = { cells: string[]; lineNumber: number };
export type CsvParse = { rows: CsvRow[]; problems: Array<{ lineNumber: number; message: string }> };

export function parseCsv(input: string): CsvParse {
  const text = input.replace(/^\uFEFF/, '');
  const rows: CsvRow[] = [];
  const problems: CsvParse['problems'] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;

  const endCell = (): void => {
    cells.push(cell);
    cell = '';
  };
  const endRow = (): void => {
    endCell();
    if (cells.length > 1 || cells[0]!.trim() !== '') rows.push({ cells, lineNumber: rowLine });
    cells = [];
  };

  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
        cell += c;
      }
    } else if (c === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (c === ',') {
      endCell();
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else {
      cell += c;
    }
  }
  if (quoted) problems.push({ lineNumber: rowLine, message: 'a quoted cell is never closed' });
  if (cell !== '' || cells.length > 0) endRow();
  return { rows, problems };
}
