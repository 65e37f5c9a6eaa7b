/** A rule parameter's value as a person reads it. */
import { Typography } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { valueShape } from './admin.ts';

/** A value: numbers and texts inline; tables and structured values by their size, unfolding to JSON. */
export function ValueText({ value }: { value: unknown }) {
  const { t } = useI18n();
  const shape = valueShape(value);
  if (shape.kind === 'scalar') {
    return <Typography.Text code>{shape.text}</Typography.Text>;
  }
  return (
    <details>
      <summary>
        {t(shape.kind === 'rows' ? 'admin.rowsValue' : 'admin.fieldsValue', {
          count: shape.count,
        })}
      </summary>
      <pre style={{ maxHeight: 320, maxWidth: 520, overflow: 'auto', fontSize: 12 }}>
        {JSON.stringify(value, null, 2)}
      </pre>
    </details>
  );
}
