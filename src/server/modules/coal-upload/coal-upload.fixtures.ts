/**
 * @module What the coal upload tests share: the test world's coal mines given 煤矿编码 (county A's
 * 140981000001 = the fixture factory's default mine, county B's 141029000001, county A's second
 * enterprise 140981000002), a gateway token for each, and posting files as multipart.
 */
import type { FastifyInstance } from 'fastify';
import type { World } from '../../../../test/helpers/world.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import { createToken } from '../access/access.service.ts';
import { findUserWithOrg } from '../access/access.repository.ts';
import { systemPrincipal, userPrincipal } from '../access/principal.ts';
import { updateMine } from '../registry/mine.service.ts';
import type { CoalFileReport } from '../../../shared/coal-upload.schemas.ts';

export const CODE_A = '140981000001';
export const CODE_B = '141029000001';
export const CODE_A2 = '140981000002';

/** Gives the world's coal mines their codes and issues a gateway token for each (by party key). */
export async function connectWorld(deps: ServiceDeps, world: World) {
  const admin = systemPrincipal('test:coal');
  const tokens: Record<'a' | 'b' | 'a2', string> = { a: '', b: '', a2: '' };
  for (const [key, code] of [
    ['a', CODE_A],
    ['b', CODE_B],
    ['a2', CODE_A2],
  ] as const) {
    const mine = world[key].mines[0];
    if (!mine) {
      throw new Error('no coal mine');
    }
    await updateMine(deps, admin, mine.id, { coalCode: code });
    const u = await findUserWithOrg(deps.db, { username: world[key].users.enterprise_admin });
    if (!u) {
      throw new Error('no user');
    }
    tokens[key] = (
      await createToken(deps, userPrincipal(u, null), {
        name: `${key} 监控网关`,
        kind: 'gateway',
        mineIds: [mine.id],
      })
    ).token;
  }
  return tokens;
}

/** A multipart body of files (field `file`, binary content). */
export function multipart(files: { name: string; data: Buffer | string }[]) {
  const boundary = '----coalupload7d3';
  const chunks: Buffer[] = [];
  for (const f of files) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      Buffer.isBuffer(f.data) ? f.data : Buffer.from(f.data, 'utf8'),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Posts files with a gateway token; the status and the per-file reports. */
export async function postFiles(
  app: FastifyInstance,
  token: string,
  files: { name: string; data: Buffer | string }[],
) {
  const mp = multipart(files);
  const res = await app.inject({
    method: 'POST',
    url: '/api/ingest/coal-files',
    headers: { authorization: `Bearer ${token}`, 'content-type': mp.contentType },
    payload: mp.body,
  });
  const body = res.json<{ files: CoalFileReport[] }>();
  return { status: res.statusCode, files: body.files ?? [], body, raw: res };
}

/**
 * A CDDY record of a CH4 point (环境瓦斯 0001, 0–4 %CH4) with the 《煤矿安全规程》甲烷传感器表 采煤工作面 values
 * (报警 1.0, 断电 1.5, 复电 1.0; REFERENCE §C1), any field overridden by name.
 */
export function ch4Point(code: string, extra: Record<string, string> = {}) {
  return {
    测点编码: code,
    分站编码: 'FZ001',
    传感器类型: '0001',
    数值类型: 'MN',
    数值单位: '%CH4',
    高量程: '4',
    低量程: '0',
    上限报警门限: '1.0',
    上限解报门限: '1.0',
    上限断电门限: '1.5',
    上限复电门限: '1.0',
    安装位置: `${code} 1101采煤工作面`,
    ...extra,
  };
}
