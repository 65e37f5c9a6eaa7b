import { Tag } from 'antd';
import { useI18n } from '../app/i18n.tsx';

const colours: Record<string, string> = {
  生产: 'green',
  建设: 'blue',
  停产整顿: 'red',
  停工停产: 'orange',
  关闭: 'default',
};

/** A mine status as a coloured tag. */
export function StatusTag({ status }: { status: string }) {
  const { v } = useI18n();
  return <Tag color={colours[status] ?? 'default'}>{v(status)}</Tag>;
}
