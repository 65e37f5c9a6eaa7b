/**
 * The way back from a detail page: a breadcrumb of the list it belongs to, then the page's own name.
 */
import { Breadcrumb } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';

export function BackLink({ to, label, current }: { to: string; label: string; current?: string }) {
  return (
    <Breadcrumb
      className="back-link no-print"
      style={{ marginBottom: 8 }}
      items={[
        {
          title: (
            <Link to={to} data-testid="back-link">
              <ArrowLeftOutlined /> {label}
            </Link>
          ),
        },
        ...(current ? [{ title: current }] : []),
      ]}
    />
  );
}
