/**
 * @module The public side of 举报 (issue 9 §1), no login: filing a report (routed to the regulator unit
 * whose jurisdiction covers the county; the reporter's name and phone sealed), adding photos, and
 * following the case with its tracking code and secret. Floods are held off per client address (kept
 * as a keyed digest) within generous limits: reports, tracking look-ups and wrong secrets, each limit
 * counted under a lock of the address's bucket so concurrent requests cannot slip past it
 * (platform/throttle). Wrong secrets throttle the address that tries them, never the code, so nobody
 * who knows a code can lock its reporter out; an unknown code and a wrong secret answer alike, so codes
 * cannot be probed.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { CaseState, type PublicReportInput } from '../../../shared/public-reports.ts';
import { recordAudit } from './accountability.audit.ts';
import { addDays, HOUR_MS, todayIn } from '../../../shared/dates.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import { keyedDigest, seal } from '../../platform/crypto.ts';
import type { Db } from '../../platform/db/client.ts';
import { AppError, AppErrorCode, invalidField } from '../../platform/errors.ts';
import { getSetting } from '../../platform/settings/settings.service.ts';
import { hitsSince, lockBucket, recordHit } from '../../platform/throttle/throttle.ts';
import { acceptFile, photoPolicy, storeFile } from '../../platform/files/files.ts';
import { notifyUsers } from '../notifications/notification.service.ts';
import { presentCounty, presentTracking } from './public-report.presenter.ts';
import * as repo from './public-report.repository.ts';
import { publicReportPhotos } from './public-report.table.ts';
import { accountabilitySettings } from './accountability.settings.ts';

const PUBLIC_ACTOR = { actorId: null, actorLabel: 'public', ip: null };
/** Crockford base32 without I, L, O, U: codes read out over the phone without confusion. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function trackingCode(): string {
  return `JB${Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('')}`;
}

/** The unit that handles a county: its own regulator unit, else the city's, else the province's. */
async function handlingUnit(db: Db, county: string) {
  const candidates = [county, `${county.slice(0, 4)}00`, `${county.slice(0, 2)}0000`];
  const units = await repo.regulatorUnitsOf(db, candidates);
  return candidates.map((c) => units.find((u) => u.regionCode === c)).find(Boolean);
}

/**
 * Files a 举报 from the public form: routed to the unit of the county, the reporter's name and phone
 * sealed, the unit's administrators told; answers the tracking code and its secret (shown once).
 */
export async function submitPublicReport(deps: ServiceDeps, input: PublicReportInput, ip: string) {
  const rules = await getSetting(deps.db, accountabilitySettings.publicReports);
  const now = deps.clock();
  const ipDigest = keyedDigest(deps.secret, `report-ip:${ip}`);
  const county = await repo.findRegion(deps.db, input.countyCode);
  if (!county || county.code.endsWith('00')) {
    throw invalidField('countyCode', '请选择县级行政区', input.countyCode);
  }
  const unit = await handlingUnit(deps.db, county.code);
  if (!unit) {
    throw invalidField(
      'countyCode',
      '该地区尚无受理举报的监管部门, 请拨打 12350 举报电话',
      input.countyCode,
    );
  }
  const mine = input.mineName
    ? await repo.findMineByName(deps.db, county.code, input.mineName)
    : undefined;
  const secret = randomBytes(12).toString('base64url');
  const dueOn = addDays(todayIn(deps.clock), rules.days.accept);
  return deps.db.transaction(async (tx) => {
    // The address's reports are counted and this one stored under one lock: of concurrent reports
    // from one address exactly the limit are taken.
    await lockBucket(tx, `report:${ipDigest}`);
    const since = (ms: number) => repo.countCasesFrom(tx, ipDigest, new Date(now.getTime() - ms));
    if (
      (await since(HOUR_MS)) >= rules.reportsPerHour ||
      (await since(24 * HOUR_MS)) >= rules.reportsPerDay
    ) {
      throw new AppError(
        AppErrorCode.RateLimited,
        '提交过于频繁, 请稍后再试; 紧急情况请拨打 12350 举报电话',
      );
    }
    let code = trackingCode();
    for (let i = 0; i < 5 && (await repo.trackingCodeTaken(tx, code)); i++) {
      code = trackingCode();
    }
    const id = await repo.insertCase(tx, {
      trackingCode: code,
      secretDigest: keyedDigest(deps.secret, `report-secret:${secret}`),
      category: input.category,
      countyCode: county.code,
      unitId: unit.id,
      location: input.location,
      mineName: input.mineName ?? null,
      mineId: mine?.id ?? null,
      content: input.content,
      anonymous: input.anonymous ? 1 : 0,
      nameSealed: input.name ? seal(deps.secret, input.name) : null,
      phoneSealed: input.phone ? seal(deps.secret, input.phone) : null,
      state: CaseState.Received,
      dueOn,
      ipDigest,
      receivedAt: now,
      updatedAt: now,
    });
    if (!id) {
      throw new AppError(AppErrorCode.Internal, 'report not stored');
    }
    await repo.insertCaseEvent(tx, {
      reportId: id,
      step: '收到举报',
      publicNote: `已转 ${county.name} 所属监管部门受理`,
      actorLabel: '举报人',
      at: now,
    });
    await notifyUsers(
      tx,
      await repo.unitAdmins(tx, unit.id),
      {
        subjectType: 'public_report',
        subjectId: id,
        title: `新举报: ${input.category}`,
        body: `${county.name} ${input.location}; 受理时限 ${dueOn}`,
      },
      now,
    );
    await recordAudit(tx, PUBLIC_ACTOR, now, {
      type: 'accountability.public_report.received',
      entityId: id,
      after: {
        trackingCode: code,
        category: input.category,
        countyCode: county.code,
        anonymous: input.anonymous,
      },
    });
    return { trackingCode: code, secret, dueOn };
  });
}

/**
 * The case behind a code, when the secret is right; an unknown code and a wrong secret are a 404 alike.
 * Every look-up counts against the client address, a wrong secret once more; an address over either
 * limit is refused (429) before the code is looked at.
 */
async function openCase(deps: ServiceDeps, code: string, secret: string, ip: string) {
  const rules = await getSetting(deps.db, accountabilitySettings.publicReports);
  const now = deps.clock();
  const address = keyedDigest(deps.secret, `report-ip:${ip}`);
  const lookups = `track:${address}`;
  const misses = `track-miss:${address}`;
  const row = await deps.db.transaction(async (tx) => {
    await lockBucket(tx, lookups);
    const hourAgo = new Date(now.getTime() - HOUR_MS);
    if (
      (await hitsSince(tx, lookups, hourAgo)) >= rules.lookupsPerHour ||
      (await hitsSince(tx, misses, hourAgo)) >= rules.wrongSecretsPerHour
    ) {
      throw new AppError(
        AppErrorCode.RateLimited,
        '查询过于频繁或密码错误次数过多, 请一小时后再试',
      );
    }
    await recordHit(tx, lookups, now);
    const found = await repo.findCaseByCode(tx, code);
    if (found?.secretDigest === keyedDigest(deps.secret, `report-secret:${secret}`)) {
      return found;
    }
    await recordHit(tx, misses, now);
    return undefined;
  });
  if (!row) {
    // Said to the reporter as people say it; which of the two was wrong stays unsaid.
    throw new AppError(
      AppErrorCode.NotFound,
      '查询码或查询密码不正确, 请核对举报时保存的查询码和密码',
      [{ path: 'trackingCode', message: '没有与此查询码和密码相符的举报', value: code }],
    );
  }
  return { row, rules };
}

/** What the reporter sees: the state, each public step, the feedback and the reward — never notes. */
export async function trackPublicReport(
  deps: ServiceDeps,
  code: string,
  secret: string,
  ip: string,
) {
  const { row } = await openCase(deps, code, secret, ip);
  return presentTracking(
    row,
    await repo.caseEventsOf(deps.db, row.id),
    await repo.countCasePhotos(deps.db, row.id),
  );
}

/**
 * A photo for a case not yet accepted: an image by its content within the size limit (platform/files),
 * at most the setting's count per case, each content once.
 */
export async function addPublicReportPhoto(
  deps: ServiceDeps,
  code: string,
  secret: string,
  upload: { filename: string; data: Buffer },
  ip: string,
) {
  const { row, rules } = await openCase(deps, code, secret, ip);
  const policy = photoPolicy(rules.photoBytesMax);
  const file = acceptFile(policy, { fileName: upload.filename, data: upload.data });
  if (row.state !== CaseState.Received) {
    throw new AppError(AppErrorCode.Conflict, '举报已受理, 不能再补充照片');
  }
  return deps.db.transaction(async (tx) => {
    const photo = await storeFile(
      tx,
      publicReportPhotos,
      policy,
      { column: publicReportPhotos.reportId, id: row.id, max: rules.photosMax, name: '件举报' },
      {
        reportId: row.id,
        contentType: file.contentType,
        sizeBytes: file.sizeBytes,
        sha256: file.sha256,
        content: file.content,
        fileName: file.fileName,
        uploadedAt: deps.clock(),
      },
    );
    return { id: photo.id, sizeBytes: file.sizeBytes };
  });
}

/** The counties a report can be filed for (covered by a regulator unit), with their city and province. */
export async function publicReportCounties(deps: ServiceDeps) {
  return (await repo.reportableCounties(deps.db)).map(presentCounty);
}
