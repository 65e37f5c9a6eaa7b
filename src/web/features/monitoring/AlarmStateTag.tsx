/**
 * Where an alarm is in the 叫应 → 回应 → 响应 loop, coloured: red while nobody has acknowledged it.
 */
import { Tag } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import type { AlarmResponse } from '../../../shared/monitoring.schemas.ts';

const colors: Record<string, string> = {
  待叫应: 'red',
  已叫应: 'gold',
  已回应: 'blue',
  已响应: 'cyan',
  已解除: 'green',
};

export function AlarmStateTag({ alarm }: { alarm: Pick<AlarmResponse, 'state' | 'closedAt'> }) {
  const { v } = useI18n();
  const state = alarm.closedAt ? '已解除' : alarm.state;
  return (
    <Tag color={colors[state]} data-state={state}>
      {v(state)}
    </Tag>
  );
}
