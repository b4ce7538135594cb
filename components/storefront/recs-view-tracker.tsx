'use client';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';

/** Records a product view as soon as the page hydrates (not after recommendations load). */
export function RecsViewTracker({ productId }: { productId: string }) {
  const trpc = useTRPC();
  const { mutate } = useMutation(trpc.recs.track.mutationOptions());
  const viewed = useRef<string | null>(null);
  useEffect(() => {
    if (viewed.current === productId) return;
    viewed.current = productId;
    const id = `view:${productId}:${Date.now().toString(36)}:${Math.random().toString(36).slice(2, 8)}`;
    mutate({ events: [{ id, type: 'view', productId }] });
  }, [mutate, productId]);
  return null;
}
