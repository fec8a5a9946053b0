/**
 * The only way the Node side logs a failure. Messages of errors may carry patient identifiers
 * (a case folder named after the patient, a PatientName in a parse error): the log gets what kind
 * of error it was and where in our code, never its message.
 */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const code = (error as { code?: unknown }).code;
  const where = error.stack
    ?.split('\n')
    .slice(1)
    .map((line) => /([\w.-]+\.(?:ts|js|cjs|mjs)):(\d+)/.exec(line))
    .find(Boolean);
  return [error.name, typeof code === 'string' ? code : undefined, where ? `at ${where[1]}:${where[2]}` : undefined]
    .filter(Boolean)
    .join(' ');
}

export function logFailure(context: string, error: unknown): void {
  console.error(`triptych: ${context}: ${describeError(error)}`);
}
