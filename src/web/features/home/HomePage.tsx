/**
 * The home (issue 23 §1), built around what needs the signed-in person now: one summary request
 * (`GET /api/home`) gives the needs of the role's home — regulators, an enterprise, a mine's duty
 * officer — each count linking to the list filtered to exactly those. Below it, what that home shows:
 * the region's mine map (regulators), the overview and trends (regulators, enterprises), its mines' facilities live in their colours and
 * the hazards by deadline (enterprises), the live
 * points, open alarms with 叫应 and today's calls (a duty officer).
 */
import { Col, Row, Skeleton } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { homeApi } from '../../../shared/home.api.ts';
import { call } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useRegion } from '../../app/region.tsx';
import { useSession } from '../../app/session.tsx';
import { usePageTitle } from '../../app/title.ts';
import { QueryError } from '../../layout/ErrorPage.tsx';
import { OverviewSection } from '../dashboard/OverviewSection.tsx';
import { BOARD_REFRESH_MS } from '../monitoring/elapsed.ts';
import { FacilityWall } from '../monitoring/FacilityWall.tsx';
import { MineMap } from '../map/MineMap.tsx';
import { DutyHome } from './DutyHome.tsx';
import { RectifyingCard } from './EnterpriseHome.tsx';
import { NeedCards } from './NeedCards.tsx';

export function HomePage() {
  const { t, formatInZone } = useI18n();
  const { region } = useRegion();
  const { me } = useSession();
  usePageTitle(t('dashboard.title'));
  const { data, error } = useQuery({
    queryKey: ['home', region],
    queryFn: () => call(homeApi.summary, { query: { region } }),
    refetchInterval: BOARD_REFRESH_MS * 6,
  });
  const duty = me?.role === 'mine_duty_officer';
  return (
    <div data-testid="home">
      <div className="page-header">
        <h1>{t('dashboard.title')}</h1>
      </div>
      {error ? (
        <QueryError error={error} />
      ) : !data ? (
        <Skeleton active />
      ) : (
        <>
          <NeedCards needs={data.needs} />
          {data.audience === 'regulator' && (
            <div style={{ marginTop: 16 }} data-testid="home-map">
              <MineMap region={region} />
            </div>
          )}
          {data.audience === 'mine' && <DutyHome home={data} />}
          {data.audience === 'enterprise' && (
            <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
              <Col xs={24}>
                <FacilityWall region={undefined} flashed={[]} title={t('home.minesLive')} />
              </Col>
              <Col xs={24}>
                <RectifyingCard
                  rows={data.rectifying}
                  today={formatInZone(Date.now(), 'YYYY-MM-DD')}
                />
              </Col>
            </Row>
          )}
        </>
      )}
      {/* The overview (below the fold) asks for its figures once the needs are on screen, so that
          its dozen requests do not hold up the one that matters first; a duty officer's home has none. */}
      {!duty && (data || error) && (
        <div style={{ marginTop: 24 }}>
          <OverviewSection />
        </div>
      )}
    </div>
  );
}
