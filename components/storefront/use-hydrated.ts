'use client';
import { useSyncExternalStore } from 'react';

const noop = () => () => undefined;

/**
 * False during server rendering and hydration, true once React owns the page. Forms keep
 * their submit buttons disabled until then, so an early click never falls back to a native
 * GET submit (which would put a card number in the URL).
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noop,
    () => true,
    () => false,
  );
}
