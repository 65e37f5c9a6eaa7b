/**
 * The home's "需要我处理" row: one card per thing that may need the person, its count linking to the list
 * filtered to exactly those, with the longest wait and a breakdown (e.g. overdue hazards by ladder step).
 */
import { Card, Col, Row, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { HomeNeed } from '../../../shared/home.schemas.ts';
import { useFormatDuration } from '../../app/duration.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useNow } from '../monitoring/elapsed.ts';

function NeedCard({ need, now }: { need: HomeNeed; now: number }) {
  const { t, v } = useI18n();
  const duration = useFormatDuration();
  const urgent = need.count > 0;
  return (
    <Card size="small" className={urgent ? 'home-need home-need-urgent' : 'home-need'}>
      <Link to={need.link} data-testid={`need-${need.key}`} aria-label={t(`homeNeed.${need.key}`)}>
        <Typography.Text type="secondary">{t(`homeNeed.${need.key}`)}</Typography.Text>
        <div className="home-need-count" data-count={need.count}>
          {need.count}
        </div>
      </Link>
      <Space size={[4, 4]} wrap>
        {need.oldestAt && (
          <Tag color="red">
            {t('home.oldest', { wait: duration(now - Date.parse(need.oldestAt)) })}
          </Tag>
        )}
        {need.parts
          .filter((p) => p.count > 0)
          .map((p) => (
            <Tag key={p.label}>
              {v(p.label)} {p.count}
            </Tag>
          ))}
      </Space>
    </Card>
  );
}

export function NeedCards({ needs }: { needs: HomeNeed[] }) {
  const { t } = useI18n();
  const now = useNow(30_000);
  const open = needs.filter((n) => n.count > 0).length;
  return (
    <section aria-labelledby="home-needs-title" data-testid="home-needs">
      <h2 id="home-needs-title" className="home-section-title">
        {t('home.needsTitle')}
      </h2>
      {open === 0 && <Typography.Paragraph>{t('home.allClear')}</Typography.Paragraph>}
      <Row gutter={[12, 12]}>
        {needs.map((n) => (
          <Col key={n.key} flex="1 1 170px">
            <NeedCard need={n} now={now} />
          </Col>
        ))}
      </Row>
    </section>
  );
}
