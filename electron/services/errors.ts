import type { ErrorCode } from '../../shared/contract.js';

/**
 * An error a service means to show the user: a code, a message in words they can act on, and the
 * file it is about. Anything else thrown is reported as INTERNAL.
 */
export class ServiceError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly file?: string,
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}

/** A file could not be read: `error: FILE: reason` in the CLI, the same words in the pane. */
export const badFile = (file: string, reason: string): ServiceError => new ServiceError('BAD_FILE', reason, file);
