/**
 * The four warning colours (GB 39496-2020 §5.5.4) as tags, and the colours the charts and facility
 * cards share.
 */
import { Tag } from 'antd';
import type { WarningLevel } from '../../../shared/monitoring.enums.ts';
import { useI18n } from '../../app/i18n.tsx';

export const levelColors: Record<WarningLevel, string> = {
  蓝色: '#1677ff',
  黄色: '#d4b106',
  橙色: '#fa8c16',
  红色: '#cf1322',
};

/** A level tag; "正常" (normal) when there is none. */
export function LevelTag({ level }: { level: WarningLevel | null }) {
  const { v } = useI18n();
  if (!level) {
    return <Tag color="green">{v('正常')}</Tag>;
  }
  return (
    <Tag color={levelColors[level]} data-level={level}>
      {v(level)}
    </Tag>
  );
}
