import { Space, Tag } from 'antd';
import type { HazardResponse } from '../../../shared/hazard.schemas.ts';
import { useI18n } from '../../app/i18n.tsx';

const colours: Record<string, string> = {
  已上报: 'blue',
  治理中: 'orange',
  待验收: 'purple',
  已销号: 'green',
};

/** The hazard's state, with overdue and 挂牌督办 marks. */
export function HazardStateTag({
  hazard,
}: {
  hazard: Pick<HazardResponse, 'state' | 'overdue' | 'supervised'>;
}) {
  const { t, v } = useI18n();
  return (
    <Space size={2} wrap>
      <Tag color={colours[hazard.state] ?? 'default'}>{v(hazard.state)}</Tag>
      {hazard.overdue && <Tag color="red">{t('hazard.overdue')}</Tag>}
      {hazard.supervised && <Tag color="magenta">{t('hazard.supervised')}</Tag>}
    </Space>
  );
}
