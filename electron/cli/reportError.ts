import { ServiceError } from '../services/errors.js';

/** One line on stderr — `error: FILE: reason` — and exit code 2. */
export function reportError(error: unknown): number {
  if (error instanceof ServiceError) {
    console.error(`error: ${error.file ? `${error.file}: ` : ''}${oneLine(error.message)}`);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`error: ${oneLine(message)}`);
  }
  return 2;
}

const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, ' ').trim();
