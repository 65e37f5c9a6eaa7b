import type { Command } from 'commander';
import { UserCreateInput } from '../../shared/access.schemas.ts';
import { createUser } from '../../server/modules/access/access.service.ts';
import { AppError, AppErrorCode } from '../../server/platform/errors.ts';
import { cliPrincipal, withRuntime } from '../runtime.ts';
import { passwordFromEnvironment } from '../../server/platform/config.ts';

/** `minewatch users create`: create a user through the same service as POST /api/users. */
export function registerUserCommands(program: Command): void {
  program
    .command('users')
    .description('用户管理')
    .command('create')
    .description('创建用户')
    .requiredOption('--username <name>')
    .requiredOption('--display-name <name>')
    .requiredOption(
      '--role <role>',
      'regulator_viewer | inspector | regulator_admin | enterprise_admin | safety_officer | mine_duty_officer | system_admin',
    )
    .requiredOption('--organisation <id>', '组织 ID')
    .option('--mine <id>', '值班员所在矿山 ID')
    .option('--email <address>', '接收预警叫应邮件的地址')
    .option('--phone <number>', '接收预警叫应短信、电话的号码')
    .option('--password <password>', '密码 (省略时读取环境变量 MINEWATCH_PASSWORD)')
    .action(
      (opts: {
        username: string;
        displayName: string;
        role: string;
        organisation: string;
        mine?: string;
        email?: string;
        phone?: string;
        password?: string;
      }) =>
        withRuntime(async (rt) => {
          const parsed = UserCreateInput.safeParse({
            username: opts.username,
            displayName: opts.displayName,
            role: opts.role,
            organisationId: opts.organisation,
            password: opts.password ?? passwordFromEnvironment(),
            ...(opts.mine ? { mineId: opts.mine } : {}),
            ...(opts.email ? { email: opts.email } : {}),
            ...(opts.phone ? { phone: opts.phone } : {}),
          });
          if (!parsed.success) {
            throw new AppError(
              AppErrorCode.ValidationFailed,
              '参数无效',
              parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
            );
          }
          const user = await createUser(rt.deps, cliPrincipal(), parsed.data);
          console.log(`created user ${user.username} (${user.id})`);
        }),
    );
}
