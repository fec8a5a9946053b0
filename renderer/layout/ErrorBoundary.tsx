import { Component, type ErrorInfo, type ReactNode } from 'react';

type Props = {
  /** What to show instead of the children once they threw. */
  fallback: (error: Error, reset: () => void) => ReactNode;
  onError?: (error: Error) => void;
  onReset?: () => void;
  children: ReactNode;
};
type State = { error: Error | null };

/** One per pane: a render error in one pane never blanks the others. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('[triptych] pane crashed', error, info.componentStack);
    this.props.onError?.(error);
  }

  reset = (): void => {
    this.setState({ error: null });
    this.props.onReset?.();
  };

  override render(): ReactNode {
    return this.state.error ? this.props.fallback(this.state.error, this.reset) : this.props.children;
  }
}
