/** A lead's status and rule as coloured tags. */
import { Tag } from 'antd';
import { useI18n } from '../../app/i18n.tsx';

const statusColors: Record<string, string> = {
  新线索: 'red',
  已指派: 'orange',
  已核查: 'blue',
  已转隐患: 'purple',
  已转执法: 'geekblue',
  已排除: 'default',
};

export function LeadStatusTag({ status }: { status: string }) {
  const { v } = useI18n();
  return <Tag color={statusColors[status] ?? 'default'}>{v(status)}</Tag>;
}

export function LeadRuleTag({ rule }: { rule: string }) {
  const { v } = useI18n();
  return <Tag color="volcano">{v(rule)}</Tag>;
}
