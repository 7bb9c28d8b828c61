// A page that throws while rendering shows what happened instead of a blank window; the rest of
// the window keeps working. (A failed lazy load, after an update replaced the files, lands here too.)
import { Component } from 'react';
import type { ReactNode } from 'react';
import { ProblemView } from '../features/problems/ProblemView.tsx';

interface Props {
  readonly area: string;
  readonly children: ReactNode;
}

interface State {
  readonly error: Error | undefined;
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: undefined };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (error === undefined) return this.props.children;
    return (
      <ProblemView
        problem={{ code: 'internal', message: `${this.props.area} stopped working: ${error.message}. Reload the window (Ctrl+R); if it happens again, send this message to support.` }}
        context={this.props.area}
        onRetry={() => this.setState({ error: undefined })}
      />
    );
  }
}
