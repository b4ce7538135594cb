'use client';
import { QueryErrorResetBoundary } from '@tanstack/react-query';
import { Component, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';

type State = { error: Error | null };

class Boundary extends Component<{ children: ReactNode; onReset: () => void; what: string }, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  render() {
    if (!this.state.error) return this.props.children;
    return (
      <div
        role="alert"
        className="flex flex-col items-start gap-3 rounded-[var(--radius-card)] border border-destructive/40 bg-destructive/5 p-5"
      >
        <p className="font-semibold text-destructive">Couldn’t load {this.props.what}</p>
        <p className="text-sm text-muted-foreground">{this.state.error.message}</p>
        <Button
          variant="outline"
          size="sm"
          onClick={() => {
            this.props.onReset();
            this.setState({ error: null });
          }}
        >
          Try again
        </Button>
      </div>
    );
  }
}

/** Keeps a failed panel's error inside the panel (tabs and the rest of the console stay usable), with a retry. */
export function PanelErrorBoundary({ what, children }: { what: string; children: ReactNode }) {
  return (
    <QueryErrorResetBoundary>
      {({ reset }) => (
        <Boundary what={what} onReset={reset}>
          {children}
        </Boundary>
      )}
    </QueryErrorResetBoundary>
  );
}
