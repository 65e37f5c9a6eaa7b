/**
 * The four warning colours (GB 39496-2020 §5.5.4) as tags, and the colours the charts and facility
 * cards share.
 */
import { Tag } from 'antd';
import { DisconnectOutlined } from '@ant-design/icons';
import type { WarningLevel } from '../../../shared/monitoring.enums.ts';
import { useI18n } from '../../app/i18n.tsx';

export const levelColors: Record<WarningLevel, string> = {
  蓝色: '#1677ff',
  黄色: '#d4b106',
  橙色: '#fa8c16',
  红色: '#cf1322',
};

/**
 * A level tag; "正常" (normal) only when there is none and the point is not cut off (an open 断线 or
 * 断网: its state is unknown, shown as 断线 beside any level it still has).
 */
export function LevelTag({
  level,
  offline = false,
}: {
  level: WarningLevel | null;
  offline?: boolean;
}) {
  const { t, v } = useI18n();
  const cut = offline ? (
    <Tag color="default" icon={<DisconnectOutlined />} data-level="断线">
      {t('monitoring.offline')}
    </Tag>
  ) : null;
  if (!level) {
    return cut ?? <Tag color="green">{v('正常')}</Tag>;
  }
  return (
    <>
      <Tag color={levelColors[level]} data-level={level}>
        {v(level)}
      </Tag>
      {cut}
    </>
  );
}
