/**
 * Mask a patient name for display: the first letter of each part, the rest as dots, so the screen
 * can be shared (tumor board, screenshots) without showing who the patient is.
 * "DOE^JANE" -> "D••^J•••", "Jane Doe" -> "J••• D••". Separators (^ , space - ') are kept.
 */
export function maskName(name: string): string {
  return name.replace(/[^\s^,'-]+/gu, (part) => {
    const chars = [...part];
    return chars[0] + '•'.repeat(Math.max(2, chars.length - 1));
  });
}

/** A DICOM person name (FAMILY^GIVEN^MIDDLE^PREFIX^SUFFIX) as people read it: "DOE, Jane". */
export function displayName(name: string): string {
  if (!name.includes('^')) return name.trim();
  const [family = '', given = '', middle = ''] = name.split('^');
  const first = [given, middle].filter(Boolean).join(' ');
  return first ? `${family}, ${first}` : family;
}
