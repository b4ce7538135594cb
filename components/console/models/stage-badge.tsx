import { Badge } from '@/components/ui/badge';

const VARIANT = {
  draft: 'secondary',
  shadow: 'default',
  canary: 'warning',
  production: 'success',
  retired: 'secondary',
} as const;

export function StageBadge({ stage, share }: { stage: keyof typeof VARIANT; share?: number }) {
  return (
    <Badge variant={VARIANT[stage]}>
      {stage}
      {stage === 'canary' && share !== undefined ? ` · ${share}%` : ''}
    </Badge>
  );
}
