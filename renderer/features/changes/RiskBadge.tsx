import { Badge } from '@mantine/core';
import type { RiskLevel } from '../../../shared/domain/model';
import { RISK_LEVEL_LABELS } from '../../../shared/domain/labels';

const RISK_COLORS: Record<RiskLevel, string> = {
  low: 'green',
  moderate: 'yellow',
  high: 'orange',
  very_high: 'red',
};

export function RiskBadge({ risk }: { risk: RiskLevel }) {
  return (
    <Badge color={RISK_COLORS[risk]} variant="filled" data-testid="risk-level">
      {RISK_LEVEL_LABELS[risk]} risk
    </Badge>
  );
}
