'use client';
import { Component, type ReactNode } from 'react';

/**
 * Recommendations are extra: if they cannot load, the rest of the page stays and the
 * sections quietly disappear (the server already falls back to best-sellers when it can).
 */
export class RecsBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  render() {
    return this.state.failed ? null : this.props.children;
  }
}
