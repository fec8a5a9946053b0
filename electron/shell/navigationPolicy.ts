/**
 * The page never navigates anywhere: the only navigation let through is one that stays on the
 * same document (same URL apart from the #fragment).
 */
export function isSamePageNavigation(currentUrl: string, targetUrl: string): boolean {
  try {
    const current = new URL(currentUrl);
    const target = new URL(targetUrl);
    current.hash = '';
    target.hash = '';
    return current.href === target.href;
  } catch {
    return false;
  }
}
