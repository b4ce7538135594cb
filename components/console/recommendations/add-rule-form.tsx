'use client';
// The add-rule form both rules panels share: a pin position (and, for placements, a boost
// factor) and a product finder whose results get Pin / Boost / Exclude buttons. The panel
// decides what a chosen rule is attached to (a placement, or one product's page).
import { useState } from 'react';
import { FieldInput } from '@/components/console/search/field-input';
import { Button } from '@/components/ui/button';
import { ProductFinder } from './product-finder';

export type NewRule = { targetId: string } & ({ action: 'pin'; position: number } | { action: 'boost'; boost: number } | { action: 'exclude' });

export function AddRuleForm({
  finderLabel,
  withBoost = false,
  selfId,
  pending,
  onAdd,
}: {
  finderLabel: string;
  /** Offer a Boost button and its factor field (placement rules). */
  withBoost?: boolean;
  /** The product whose own page the rules are for: it cannot be a target. */
  selfId?: string;
  pending: boolean;
  onAdd: (rule: NewRule) => void;
}) {
  const [position, setPosition] = useState('0');
  const [boost, setBoost] = useState('2');
  return (
    <div className="flex flex-col gap-2 border-t pt-4">
      <div className="flex gap-3">
        <FieldInput label="Pin position (0 = first)" type="number" min={0} max={100} value={position} onChange={setPosition} className="w-40" />
        {withBoost ? (
          <FieldInput label="Boost (×1.05–5)" type="number" min={1.05} max={5} step={0.05} value={boost} onChange={setBoost} className="w-32" />
        ) : null}
      </div>
      <ProductFinder
        label={finderLabel}
        actions={(p) =>
          p.id === selfId ? (
            <span className="text-xs text-muted-foreground">this product</span>
          ) : (
            <>
              <Button size="sm" variant="outline" disabled={pending} onClick={() => onAdd({ targetId: p.id, action: 'pin', position: Number(position) || 0 })}>
                Pin
              </Button>
              {withBoost ? (
                <Button size="sm" variant="outline" disabled={pending} onClick={() => onAdd({ targetId: p.id, action: 'boost', boost: Number(boost) })}>
                  Boost
                </Button>
              ) : null}
              <Button size="sm" variant="outline" disabled={pending} onClick={() => onAdd({ targetId: p.id, action: 'exclude' })}>
                Exclude
              </Button>
            </>
          )
        }
      />
    </div>
  );
}
