/**
 * Administration of users over HTTP (issue 23 §8): the system admin manages every account; a county's
 * regulator admin only those of its county's regulator units and registered enterprises — another
 * county's users are 404 and its organisations unknown; disabling and resetting end the user's sessions;
 * the temporary password is answered once; every change is in the user's history.
 */
import { describe, expect, it } from 'vitest';
import { engines } from '../../../../test/helpers/test-database.ts';
import { useWorldApp } from '../../../../test/helpers/world-app.ts';
import { login, PASSWORD } from '../../../../test/helpers/world.ts';
import type { OrganisationResponse, UserListItemResponse } from '../../../shared/access.schemas.ts';

describe.each(engines)('user administration (%s)', (engine) => {
  const { ctx, call } = useWorldApp(engine, (w) => ({
    sys: w.systemAdmin,
    aAdmin: w.a.users.regulator_admin,
    bAdmin: w.b.users.regulator_admin,
    aViewer: w.a.users.regulator_viewer,
    entAdmin: w.a.users.enterprise_admin,
  }));
  const users = async (who: string) =>
    (await call<UserListItemResponse[]>(who, 'GET', '/api/users')).body;
  const userOf = async (username: string) => {
    const u = (await users('sys')).find((x) => x.username === username);
    if (!u) {
      throw new Error(`no user ${username}`);
    }
    return u;
  };
  const orgsOf = async (who: string) =>
    (await call<OrganisationResponse[]>(who, 'GET', '/api/organisations')).body;

  it('a county admin lists only its county’s organisations and users, with names, never a hash', async () => {
    const { world } = ctx;
    const all = await users('sys');
    expect(all.map((u) => u.username)).toEqual(
      expect.arrayContaining([world.b.users.inspector, world.systemAdmin]),
    );
    const mine = await users('aAdmin');
    const names = mine.map((u) => u.username);
    expect(names).toEqual(
      expect.arrayContaining([
        world.a.users.inspector,
        world.a.users.mine_duty_officer,
        world.a2.users.enterprise_admin,
      ]),
    );
    expect(names).not.toContain(world.b.users.inspector);
    expect(names).not.toContain(world.systemAdmin);
    const duty = mine.find((u) => u.username === world.a.users.mine_duty_officer);
    expect(duty).toMatchObject({
      organisationKind: 'enterprise',
      mineName: world.a.mines[0]?.name,
    });
    expect(JSON.stringify(mine)).not.toMatch(/scrypt|password/i);
    const orgs = await orgsOf('aAdmin');
    expect(orgs.map((o) => o.name)).toContain('a县应急管理局');
    expect(orgs.map((o) => o.name)).not.toContain('b县应急管理局');
    expect(orgs.some((o) => o.kind === 'system')).toBe(false);
    // Not for viewers or enterprises.
    expect((await call('aViewer', 'GET', '/api/users')).status).toBe(403);
    expect((await call('entAdmin', 'GET', '/api/organisations')).status).toBe(403);
  });

  it('a county admin creates users in its own organisations only', async () => {
    const own = (await orgsOf('aAdmin')).find((o) => o.name === 'a县应急管理局');
    const foreign = (await orgsOf('bAdmin')).find((o) => o.name === 'b县应急管理局');
    const body = (organisationId: string, username: string) => ({
      username,
      displayName: '新执法人员',
      password: 'start-pass-2026',
      role: 'inspector',
      organisationId,
    });
    const made = await call<{ id: string }>(
      'aAdmin',
      'POST',
      '/api/users',
      body(own?.id ?? '', 'a.new-inspector'),
    );
    expect(made.status).toBe(201);
    const refused = await call<{ details: { path: string }[] }>(
      'aAdmin',
      'POST',
      '/api/users',
      body(foreign?.id ?? '', 'a.intruder'),
    );
    expect(refused.status).toBe(400);
    expect(refused.body.details[0]?.path).toBe('organisationId');
    expect((await users('sys')).map((u) => u.username)).not.toContain('a.intruder');
    // The role must fit the organisation, told by the roles' Chinese names.
    const wrongRole = await call<{ message: string }>('aAdmin', 'POST', '/api/users', {
      ...body(own?.id ?? '', 'a.wrong-role'),
      role: 'safety_officer',
    });
    expect(wrongRole.status).toBe(400);
    expect(wrongRole.raw.body).toContain('安全管理人员不能属于监管部门组织');
  });

  it('another county’s user is a 404 for every change; the change leaves nothing behind', async () => {
    const target = await userOf(ctx.world.b.users.inspector);
    for (const [method, url, payload] of [
      ['PATCH', `/api/users/${target.id}`, { displayName: '篡改' }],
      ['POST', `/api/users/${target.id}/disable`, undefined],
      ['POST', `/api/users/${target.id}/reset-password`, undefined],
      ['GET', `/api/audit/user/${target.id}`, undefined],
    ] as const) {
      const res = await call('aAdmin', method, url, payload);
      expect(res.status, `${method} ${url}`).toBe(404);
    }
    expect(await userOf(ctx.world.b.users.inspector)).toEqual(target);
    await login(ctx.app, ctx.world.b.users.inspector);
    // Managing users makes no one a system admin: trails that span jurisdictions stay closed.
    const anyId = '7c1d5f0e-0000-4000-8000-000000000001';
    for (const kind of ['api_token', 'series_import']) {
      expect((await call('aAdmin', 'GET', `/api/audit/${kind}/${anyId}`)).status, kind).toBe(404);
      expect((await call('sys', 'GET', `/api/audit/${kind}/${anyId}`)).status, kind).toBe(200);
    }
  });

  it('changes a role and organisation; a duty officer needs a mine; an admin cannot demote itself', async () => {
    const target = await userOf(ctx.world.a.users.regulator_viewer);
    const promoted = await call<{ role: string }>('aAdmin', 'PATCH', `/api/users/${target.id}`, {
      role: 'inspector',
      displayName: '县执法人员',
    });
    expect(promoted.status).toBe(200);
    expect(promoted.body.role).toBe('inspector');
    const entOrg = (await orgsOf('aAdmin')).find((o) => o.kind === 'enterprise');
    const noMine = await call<{ details: { path: string }[] }>(
      'aAdmin',
      'PATCH',
      `/api/users/${target.id}`,
      { role: 'mine_duty_officer', organisationId: entOrg?.id },
    );
    expect(noMine.status).toBe(400);
    expect(noMine.body.details[0]?.path).toBe('mineId');
    const self = await userOf(ctx.world.a.users.regulator_admin);
    const demote = await call('aAdmin', 'PATCH', `/api/users/${self.id}`, {
      role: 'regulator_viewer',
    });
    expect(demote.status).toBe(409);
    const history = await call<{ type: string; after: { role: string } }[]>(
      'aAdmin',
      'GET',
      `/api/audit/user/${target.id}`,
    );
    expect(history.body.map((e) => e.type)).toContain('access.user.updated');
  });

  it('keeps the phone the 叫应 calls dial: set on creation, changed, cleared; a malformed one is a 400', async () => {
    const own = (await orgsOf('aAdmin')).find((o) => o.name === 'a县应急管理局');
    const made = await call<{ id: string; phone: string | null }>('aAdmin', 'POST', '/api/users', {
      username: 'a.on-duty',
      displayName: '值班人员',
      password: 'start-pass-2026',
      role: 'inspector',
      organisationId: own?.id,
      phone: '13912345678',
    });
    expect(made.status).toBe(201);
    expect(made.body.phone).toBe('13912345678');
    const bad = await call<{ details: { path: string }[] }>(
      'aAdmin',
      'PATCH',
      `/api/users/${made.body.id}`,
      { phone: 'call me' },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.details[0]?.path).toBe('body.phone');
    expect((await userOf('a.on-duty')).phone).toBe('13912345678');
    const changed = await call('aAdmin', 'PATCH', `/api/users/${made.body.id}`, {
      phone: '0350-1234567',
    });
    expect(changed.status).toBe(200);
    expect((await userOf('a.on-duty')).phone).toBe('0350-1234567');
    await call('aAdmin', 'PATCH', `/api/users/${made.body.id}`, { phone: null });
    expect((await userOf('a.on-duty')).phone).toBeNull();
    // Another county's admin cannot set it.
    const foreign = await call('bAdmin', 'PATCH', `/api/users/${made.body.id}`, {
      phone: '13800000000',
    });
    expect(foreign.status).toBe(404);
    expect((await userOf('a.on-duty')).phone).toBeNull();
  });

  it('disabling ends the sessions and refuses sign-in; enabling lets the user in again', async () => {
    const username = ctx.world.a.users.safety_officer;
    const target = await userOf(username);
    const cookie = await login(ctx.app, username);
    const off = await call<{ disabled: boolean }>(
      'aAdmin',
      'POST',
      `/api/users/${target.id}/disable`,
    );
    expect(off.body.disabled).toBe(true);
    const me = await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(401);
    await expect(login(ctx.app, username)).rejects.toThrow(/401/);
    expect((await call('aAdmin', 'POST', `/api/users/${target.id}/disable`)).status).toBe(409);
    expect((await call('aAdmin', 'POST', `/api/users/${target.id}/enable`)).status).toBe(200);
    await login(ctx.app, username);
  });

  it('a reset password is answered once, works, and the old one and old sessions do not', async () => {
    const username = ctx.world.a.users.inspector;
    const target = await userOf(username);
    const cookie = await login(ctx.app, username);
    const reset = await call<{ temporaryPassword: string }>(
      'aAdmin',
      'POST',
      `/api/users/${target.id}/reset-password`,
    );
    expect(reset.status).toBe(200);
    const temporary = reset.body.temporaryPassword;
    expect(temporary).toMatch(/^(?=.*[A-Za-z])(?=.*\d).{12}$/);
    const me = await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(401);
    await login(ctx.app, username, temporary);
    await expect(login(ctx.app, username, PASSWORD)).rejects.toThrow(/401/);
    const history = await call<{ type: string }[]>('sys', 'GET', `/api/audit/user/${target.id}`);
    expect(history.raw.body).toContain('access.user.password_reset');
    expect(history.raw.body).not.toContain(temporary);
  });
});
