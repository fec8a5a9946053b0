/**
 * What of the case's HealthOmics data (read sets, the reference) could not be opened, and why —
 * throttled, access denied (which action on which resource), expired credentials (and the
 * command that renews them) — shown above the genome view that would have drawn it.
 */
import { AlertIcon } from '../../ui/icons.js';

export type RemoteProblem = { url: string; message: string };

export function RemoteProblems({ problems }: { problems: readonly RemoteProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <div className="gv-remote-problems" role="alert" data-testid="genome-remote-problems">
      {problems.map((p) => (
        <p key={p.url} data-testid="genome-remote-problem">
          <AlertIcon /> <span className="mono">{p.url}</span>: {p.message}
        </p>
      ))}
    </div>
  );
}
