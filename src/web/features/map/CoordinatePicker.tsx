/**
 * The mine form's map picker: the mine's county on a map (committed boundaries, nothing fetched from
 * outside), a click inside it sets the longitude and latitude.
 */
import { useMemo, useState } from 'react';
import { Alert, Button, Modal, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { containsPoint } from '../../../shared/geo.ts';
import { useI18n } from '../../app/i18n.tsx';
import { loadCounties } from './boundaries.ts';
import { MapCanvas } from './MapCanvas.tsx';
import { mapName, pickerOption } from './mapOption.ts';

/** Rounds to 5 decimals (about a metre), as the registry keeps them. */
const round5 = (v: number) => Number(v.toFixed(5));

export function CoordinatePicker({
  county,
  value,
  onPick,
}: {
  /** The mine's county (GB/T 2260); the button is disabled without one. */
  county: string | undefined;
  value: [number, number] | null;
  onPick: (lonLat: [number, number]) => void;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [outside, setOutside] = useState(false);
  const counties = useQuery({
    queryKey: ['counties', county],
    queryFn: () => loadCounties(county ?? ''),
    enabled: open && Boolean(county),
    staleTime: Infinity,
  });
  const feature = counties.data?.[0];
  const boundaries = useMemo(
    () => (county && feature ? { mapName: mapName(county), counties: [feature] } : undefined),
    [county, feature],
  );
  const option = useMemo(
    () => (boundaries ? pickerOption(boundaries.mapName, value) : null),
    [boundaries, value],
  );
  return (
    <>
      <Button onClick={() => setOpen(true)} disabled={!county} data-testid="map-pick">
        {t('map.pick')}
      </Button>
      {!county && (
        <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
          {t('map.pickCounty')}
        </Typography.Text>
      )}
      <Modal
        open={open}
        title={t('map.pickTitle')}
        onCancel={() => setOpen(false)}
        onOk={() => setOpen(false)}
        width={720}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('map.pickHint')}</Typography.Paragraph>
        {counties.isFetched && !feature && <Alert type="info" message={t('map.noBoundary')} />}
        {outside && <Alert type="warning" role="alert" message={t('map.outsideCounty')} />}
        {option && feature && boundaries && (
          <MapCanvas
            option={option}
            boundaries={boundaries}
            label={t('map.pickTitle')}
            height={420}
            testId="map-picker-canvas"
            onPlace={([lon, lat]) => {
              const inside = containsPoint(feature, lon, lat);
              setOutside(!inside);
              if (inside) {
                onPick([round5(lon), round5(lat)]);
              }
            }}
          />
        )}
        {value && (
          <Typography.Paragraph data-testid="map-picked">
            {t('map.picked', { lon: value[0], lat: value[1] })}
          </Typography.Paragraph>
        )}
      </Modal>
    </>
  );
}
